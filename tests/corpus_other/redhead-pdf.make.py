"""Typeset tests/corpus_other/redhead-pdf.pdf (held-out set 31): real documents laid out one to a
run of pages as GB/T 9704-2012 prints them (版头, 文号, red rule, title, addressees, body, signature
and date right-aligned, publicity note, 版记 at the foot of the last page, page numbers `— N —`
right on odd pages and left on even ones). fpdf2 and fonts-wqy-microhei, as tests/_pdf_support.py.

    .venv/bin/python tests/corpus_other/redhead-pdf.make.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _pdf_support import cjk_font  # noqa: E402

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 26.0, 37.0, 35.0
PT = 16.0  # 3号
MM = 0.3528
CHAR = PT * MM  # one full-width character, mm
LINE = 28.9 / 3.2 * 1.0  # about 22 lines a page
WIDTH = PAGE_W - LEFT - RIGHT

# --- the documents: (kind, text) -------------------------------------------------------------
# kinds: head (版头 name, red, large), heads (several issuers stacked, 文件 at their right),
# number (文号 centred), letterhead (函: issuer name, red), rule, number_right (函's 文号 at the
# right under the rule), title (one printed line of the title, centred), blank, addr, para,
# attach, sig, date, public, foot (版记 lines printed at the foot of the page), page (new page)

DOCS: list[list[tuple[str, str]]] = []

DOCS.append([  # 沧州: a long title over three lines
    ("head", "沧州市人民政府办公室文件"),
    ("blank", ""),
    ("number", "沧政办字〔2009〕120号"),
    ("rule", ""),
    ("blank", ""),
    ("title", "沧州市人民政府办公室"),
    ("title", "转发市发改委等部门《支持农村邮政物流"),
    ("title", "发展实施办法》的通知"),
    ("blank", ""),
    ("addr", "各县（市、区）人民政府，渤海新区管委会，市政府各部门："),
    ("para", "沧州市发展改革委、沧州市邮政局、沧州市财政局、沧州市农业局、沧州市商务局、沧州市工商行政管理局、沧州市国家税务局、沧州市文化局《支持农村邮政物流发展实施办法》已经市政府同意，现转发，请认真贯彻执行。"),
    ("blank", ""),
    ("sig", "沧州市人民政府办公室"),
    ("date", "二〇〇九年八月三十日"),
    ("page", ""),
    ("title", "支持农村邮政物流发展实施办法"),
    ("blank", ""),
    ("para", "第一条　为贯彻落实《河北省人民政府办公厅转发省发展改革委等部门关于进一步支持农村邮政物流发展意见的通知》（冀政办〔2009〕26号），充分发挥邮政网络优势服务社会主义新农村建设，特制定本办法。"),
    ("para", "第二条　各级政府要将邮政企业纳入涉农企业范畴，对符合条件的给予相关强农惠农政策扶持。"),
    ("foot", "抄送：市委各部门，市人大常委会办公室，市政协办公室。"),
    ("foot", "沧州市人民政府办公室　　　　　　2009年8月30日印发"),
])

DOCS.append([  # 禄丰: 版头 without a 文号 known; (此件公开发布)
    ("head", "禄丰市人民政府文件"),
    ("rule", ""),
    ("blank", ""),
    ("title", "禄丰市人民政府关于印发禄丰市人民政府"),
    ("title", "常务会议议事规则的通知"),
    ("blank", ""),
    ("addr", "云南禄丰产业园区管委会，各乡镇人民政府，市级各部门："),
    ("para", "《禄丰市人民政府常务会议议事规则》已经2024年11月13日召开的二届市人民政府第93次常务会议通过，现予印发。"),
    ("blank", ""),
    ("sig", "禄丰市人民政府"),
    ("date", "2024年11月20日"),
    ("public", "（此件公开发布）"),
    ("page", ""),
    ("title", "禄丰市人民政府常务会议议事规则"),
    ("blank", ""),
    ("title", "第一章　总　则"),
    ("para", "第一条　为推进市政府常务会议议事决策科学化、民主化、制度化，进一步提高会议质量和议事决策质效，根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》《云南省重大行政决策程序规定》《楚雄州人民政府关于印发楚雄彝族自治州人民政府常务会议议事规则的通知》和《禄丰市人民政府工作规则》等，结合市政府工作实际，制定本规则。"),
    ("para", "第二条　市政府常务会议是讨论决定市政府工作中重大事项的决策性会议，市政府工作中的重大问题、重要事项应通过市政府常务会议研究决定。"),
    ("foot", "抄送：市委办公室，市人大常委会办公室，市政协办公室。"),
    ("foot", "禄丰市人民政府办公室　　　　　2024年11月20日印发"),
])

DOCS.append([  # 山西: 联合发文, two issuers in the 版头 and two signatures; 附件 line
    ("heads", "中共山西省委办公厅|山西省人民政府办公厅"),
    ("rule", ""),
    ("blank", ""),
    ("title", "中共山西省委办公厅　山西省人民政府办公厅"),
    ("title", "关于印发《山西省乡村振兴责任制实施细则》的通知"),
    ("blank", ""),
    ("addr", "各市委、市人民政府，省直各单位："),
    ("para", "《山西省乡村振兴责任制实施细则》已经省委、省政府同意，现印发给你们，请结合实际认真贯彻落实。"),
    ("blank", ""),
    ("attach", "附件：山西省乡村振兴责任制实施细则"),
    ("blank", ""),
    ("sig2", "中共山西省委办公厅|山西省人民政府办公厅"),
    ("page", ""),
    ("plain", "附件"),
    ("blank", ""),
    ("title", "山西省乡村振兴责任制实施细则"),
    ("blank", ""),
    ("title", "第一章　总　则"),
    ("para", "第一条　为了全面落实乡村振兴责任制，根据中共中央办公厅、国务院办公厅《乡村振兴责任制实施办法》及《山西省贯彻落实〈中国共产党农村工作条例〉实施办法》，结合我省实际，制定本实施细则。"),
    ("para", "第二条　落实乡村振兴责任制，坚持以习近平新时代中国特色社会主义思想为指导，严格落实中央统筹、省负总责、市县乡抓落实的乡村振兴工作机制，构建职责清晰、各负其责、合力推进的乡村振兴责任体系，全面推进乡村振兴，加快农业农村现代化，为建设农业强国作出山西贡献。"),
    ("foot", "抄送：省委各部委，省人大常委会办公厅，省政协办公厅。"),
    ("foot", "中共山西省委办公厅　　　　　　2023年12月印发"),
])

DOCS.append([  # 国务院办公厅: a 函, the 文号 at the right under the letterhead's rule
    ("letterhead", "国务院办公厅"),
    ("rule", ""),
    ("number_right", "国办函〔2005〕94号"),
    ("blank", ""),
    ("title", "国务院办公厅关于安阳文字博物馆"),
    ("title", "冠名问题的复函"),
    ("blank", ""),
    ("addr", "河南省人民政府："),
    ("para", "你省《关于设立中国文字博物馆的请示》（豫政文〔2005〕121号）收悉。经商有关部门并报国务院领导同志同意，现函复如下："),
    ("para", "拟在河南安阳建设的文字博物馆名称可定为“河南中国文字博物馆”。"),
    ("blank", ""),
    ("sig", "国务院办公厅"),
    ("date", "二〇〇五年十一月十二日"),
    ("foot", "抄送：中央宣传部，文化部，国家文物局。"),
    ("foot", "国务院办公厅秘书局　　　　　　2005年11月12日印发"),
])

DOCS.append([  # 东莞: 一、（一）1. levels
    ("head", "东莞市人民政府文件"),
    ("blank", ""),
    ("number", "东府〔2021〕54号"),
    ("rule", ""),
    ("blank", ""),
    ("title", "东莞市人民政府关于贯彻落实《广东省进一步稳定"),
    ("title", "和扩大就业若干政策措施》的实施意见"),
    ("blank", ""),
    ("addr", "各镇人民政府（街道办事处），市府直属各单位："),
    ("para", "为贯彻落实《广东省人民政府关于印发广东省进一步稳定和扩大就业若干政策措施的通知》（粤府〔2021〕13号），强化就业优先政策，全面稳就业、保居民就业，推动实现更加充分更高质量就业，提出如下意见："),
    ("para", "一、减负稳岗留工并举，深层次优化用工生态"),
    ("para", "（一）减轻企业负担，稳定就业岗位"),
    ("para", "1．按照国家统一部署，平稳有序实施企业职工基本养老保险缴费比例、缴费基数统一政策，保持企业社会保险缴费成本预期稳定。实施阶段性降低用人单位基本医疗保险缴费费率政策，实施期限至2021年12月31日。（市人力资源社会保障局、市医保局、市财政局、市税务局负责）"),
    ("foot", "抄送：市委各部委办，市人大常委会办公室，市政协办公室。"),
    ("foot", "东莞市人民政府办公室　　　　　2021年9月10日印发"),
])


NO_LINE_START = "，。、；：？！）》〕」』”’〉"


def main() -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=cjk_font())
    line_h = 9.0
    state = {"y": TOP, "n": 0}
    red = (220, 0, 0)

    def page_number() -> None:
        n = state["n"]
        pdf.set_font("cjk", size=14)
        pdf.set_text_color(0, 0, 0)
        label = f"— {n} —"
        w = pdf.get_string_width(label)
        x = PAGE_W - RIGHT - CHAR - w if n % 2 else LEFT + CHAR
        pdf.set_xy(x, PAGE_H - 28)
        pdf.cell(w, 6, label)

    def new_page() -> None:
        pdf.add_page()
        state["n"] += 1
        page_number()
        state["y"] = TOP

    def text(t: str, *, size=PT, align="L", indent=0.0, color=(0, 0, 0), h=line_h) -> None:
        if state["y"] + h > PAGE_H - BOTTOM - 30:  # keep room for the 版记
            new_page()
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        pdf.set_xy(LEFT + indent, state["y"])
        pdf.cell(WIDTH - indent, h, t, align=align)
        state["y"] += h

    def wrap(t: str, first_indent: float) -> list[tuple[str, float]]:
        pdf.set_font("cjk", size=PT)
        out, cur, used, indent = [], "", 0.0, first_indent
        for ch in t:
            w = pdf.get_string_width(ch)
            if used + w > WIDTH - indent and cur and ch not in NO_LINE_START:  # 禁则: hung
                out.append((cur, indent))
                cur, used, indent = "", 0.0, 0.0
            cur += ch
            used += w
        if cur:
            out.append((cur, indent))
        return out

    def rule(y: float, color=red, width=0.7) -> None:
        pdf.set_draw_color(*color)
        pdf.set_line_width(width)
        pdf.line(LEFT, y, PAGE_W - RIGHT, y)

    for doc in DOCS:
        state["n"] = 0
        new_page()
        foot = []
        for kind, t in doc:
            if kind == "head":
                text(t, size=30, align="C", color=red, h=16)
            elif kind == "letterhead":
                text(t, size=28, align="C", color=red, h=16)
            elif kind == "heads":
                names = t.split("|")
                y0 = state["y"]
                pdf.set_font("cjk", size=24)
                pdf.set_text_color(*red)
                nw = max(pdf.get_string_width(n) for n in names)
                fw = pdf.get_string_width("文件")
                x0 = LEFT + (WIDTH - nw - fw - 4) / 2
                for i, name in enumerate(names):
                    pdf.set_xy(x0, y0 + i * 12)
                    pdf.cell(nw, 12, name, align="J" if False else "L")
                pdf.set_xy(x0 + nw + 4, y0 + 6 * (len(names) - 1))
                pdf.cell(fw, 12, "文件")
                state["y"] = y0 + 12 * len(names) + 4
            elif kind == "number":
                text(t, align="C")
            elif kind == "number_right":
                text(t, align="R", indent=0)
            elif kind == "rule":
                rule(state["y"] + 2)
                state["y"] += 5
            elif kind == "blank":
                state["y"] += line_h * 0.6
            elif kind == "title":
                text(t, size=20 if len(t) <= 22 else 18, align="C", h=11)
            elif kind == "addr":
                for piece, ind in wrap(t, 0.0):
                    text(piece, indent=ind)
            elif kind == "para":
                for piece, ind in wrap(t, 2 * CHAR):
                    text(piece, indent=ind)
            elif kind == "plain":
                text(t)
            elif kind == "attach":
                text(t, indent=2 * CHAR)
            elif kind == "sig":
                text(t, align="R", indent=0)
            elif kind == "date":
                text(t, align="R")
            elif kind == "sig2":  # two issuers side by side, the date under them
                a, b = t.split("|")
                y = state["y"]
                pdf.set_font("cjk", size=PT)
                pdf.set_text_color(0, 0, 0)
                pdf.set_xy(LEFT + 2 * CHAR, y)
                pdf.cell(WIDTH / 2, line_h, a)
                pdf.set_xy(LEFT + WIDTH / 2, y)
                pdf.cell(WIDTH / 2 - 2 * CHAR, line_h, b, align="R")
                state["y"] += line_h
            elif kind == "public":
                text(t, indent=2 * CHAR)
            elif kind == "foot":
                foot.append(t)
            elif kind == "page":
                new_page()
        if foot:  # 版记 at the foot of the document's last page, between rules
            y = PAGE_H - BOTTOM - 8 - 9 * len(foot)
            black = (0, 0, 0)
            rule(y, black, 0.5)
            for i, t in enumerate(foot):
                pdf.set_font("cjk", size=14)
                pdf.set_text_color(0, 0, 0)
                pdf.set_xy(LEFT + CHAR, y + 1 + 9 * i)
                pdf.cell(WIDTH - 2 * CHAR, 8, t)
                rule(y + 9 * (i + 1), black, 0.35 if i < len(foot) - 1 else 0.5)
    out = HERE / "redhead-pdf.pdf"
    out.write_bytes(bytes(pdf.output()))
    print(out, pdf.page_no(), "pages")


if __name__ == "__main__":
    main()
