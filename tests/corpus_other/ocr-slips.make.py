"""Typeset tests/corpus_other/ocr-slips.pdf (held-out set 33) and read it back by OCR into
ocr-slips.txt: five real documents of an autonomous county, a banner, a league's 行政公署, a county
office and a township, laid out as a simple gazette issue (running head over a rule on every page,
`— N —` under it, a section heading in 【】 above a section's first document, each document on a
new page; titles centred, a 文号 under the title or under a 版头, the signature and date
right-aligned). fpdf2 and fonts-wqy-microhei, as tests/_pdf_support.py.

    .venv/bin/python tests/corpus_other/ocr-slips.make.py          # the PDF
    OMP_NUM_THREADS=1 .venv/bin/python tests/corpus_other/ocr-slips.make.py --ocr   # then the text

`--ocr` scans the typeset pages as a cheap office scanner would (pypdfium2 at 150 dpi, grey, saved
as JPEG quality 55 and decoded again), scales each image to gongbao's 200 dpi and reads it with
RapidOCR (rapidocr-onnxruntime's bundled PP-OCR models), the lines rebuilt from the boxes by
gongbao's own `lines_from_pieces`; the lines of all pages are written one a line, as OCR gave
them, nothing corrected.
"""
from __future__ import annotations

import io
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
WIDTH = PAGE_W - LEFT - RIGHT
HEAD = "民族地区及基层政府公报选编　　2026年第1期"

# --- the documents: (kind, text) -------------------------------------------------------------
# kinds: section (【…】 heading), head (版头 name, large), number (文号 centred), rule, blank,
# title (one printed line of the title, centred), addr, para, plain (a line at the left margin),
# attach, sig, date, foot (a 主题词/抄送 line printed under the date, ruled)

DOCS: list[list[tuple[str, str]]] = []

DOCS.append([  # 沧源佤族自治县: a 公告, no 文号, no addressees
    ("section", "【公告通告】"),
    ("blank", ""),
    ("title", "沧源佤族自治县人民政府关于对班老乡农村"),
    ("title", "公益性公墓实行封闭管理的公告"),
    ("blank", ""),
    ("para", "为严格执行风景名胜区管理相关规定，有效保护风景名胜区资源，根据《云南省风景名胜区条例（2021修正）》等有关法律法规，经研究，决定对班老乡农村公益性公墓实行封闭管理。现将有关事项公告如下："),
    ("para", "一、封闭管理对象及范围"),
    ("para", "沧源佤族自治县班老乡农村公益性公墓，总面积0.184公顷（2.76亩）。"),
    ("para", "二、封闭管理时间"),
    ("para", "自本公告发布之日起，至国家批准自然保护地优化整合成果之前，对该公墓实行全面封闭管理。"),
    ("para", "三、管理要求"),
    ("para", "封闭管理期间，不允许项目改扩建，禁止新增违法行为。对违反本公告规定的，将依法依规追究相关责任。"),
    ("para", "四、举报电话"),
    ("para", "欢迎社会各界监督，如发现违规行为，请及时举报。"),
    ("para", "举报电话：0883-7124724（县林业和草原局）。"),
    ("para", "特此公告。"),
    ("blank", ""),
    ("sig", "沧源佤族自治县人民政府"),
    ("date", "2025年9月16日"),
])

DOCS.append([  # 鄂托克前旗: a 通告 with addressees, a cited 文号 in square brackets
    ("title", "鄂托克前旗人民政府关于认真做好"),
    ("title", "2019年禁牧休牧工作的通告"),
    ("blank", ""),
    ("addr", "各镇、各嘎查村、广大农牧民："),
    ("para", "为加快生态环境建设步伐，确保“生态建设与保护”工程的有序实施，根据《中华人民共和国草原法》《内蒙古自治区基本草原保护条例》《鄂尔多斯市禁牧休牧划区轮牧草畜平衡暂行规定》《鄂托克前旗人民政府关于禁牧休牧和草畜平衡监督管理实施细则》（鄂前政发[2017]29号）等有关规定，严格执行禁牧休牧、以草定畜、草畜平衡政策，现就做好全旗2019年禁牧休牧工作有关事宜通告如下："),
    ("para", "一、2019年全旗休牧工作从3月20日开始至6月20日结束，休牧期间一律禁止在任何草牧场上放牧、夜牧、偷牧，违规者严格按照《内蒙古自治区基本草原保护条例》规定进行处罚。"),
    ("para", "二、敬告广大农牧民朋友充分做好禁牧休牧期间的饲草料储备工作，消除惜售心理，加快牲畜出栏，科学合理计划适宜饲养量。"),
    ("para", "三、各镇要切实加强禁牧休牧工作的组织领导，明确工作责任，分解工作任务，狠抓工作落实，确保禁牧休牧工作顺利进行。"),
    ("para", "四、各嘎查村草原管护员切实履行工作职责，加强本嘎查村禁牧休牧的巡逻，及时向镇综合执法局或旗林业和草原局反映有关情况，确保本嘎查村禁牧休牧工作正常开展。"),
    ("para", "五、旗林业和草原局在禁牧休牧期间，切实加强对各镇禁牧休牧工作的监督检查，对各镇禁牧休牧工作开展情况进行通报。"),
    ("para", "偷牧、夜牧举报电话："),
    ("para", "7623017　7627581　13947716813"),
    ("para", "特此通告"),
    ("blank", ""),
    ("sig", "鄂托克前旗人民政府"),
    ("date", "2019年4月22日"),
])

DOCS.append([  # 汉阴县: a 印发 notice, the 文号 under the title, the 办法 it issues after the date
    ("section", "【政府办公室文件】"),
    ("blank", ""),
    ("title", "汉阴县人民政府办公室关于印发《汉阴县"),
    ("title", "过渡期统筹整合使用财政涉农资金管理办法》"),
    ("title", "的通知"),
    ("number", "汉政办发〔2021〕88号"),
    ("blank", ""),
    ("para", "为贯彻落实中共中央、国务院关于巩固拓展脱贫攻坚成果同乡村振兴有效衔接精神和省市县决策部署，根据财政部等11部门《关于继续支持脱贫县统筹整合使用财政涉农资金工作的通知》（财农〔2021〕22号）、陕西省财政厅等11部门《关于印发〈过渡期脱贫县统筹整合使用财政涉农资金工作实施细则〉的通知》（陕财办农〔2021〕38号）等文件精神，经县政府常务会议审定同意，现将《汉阴县过渡期统筹整合使用财政涉农资金管理办法》印发给你们，请遵照执行。"),
    ("blank", ""),
    ("sig", "汉阴县人民政府办公室"),
    ("date", "2021年9月28日"),
    ("blank", ""),
    ("title", "汉阴县过渡期统筹整合使用财政涉农"),
    ("title", "资金管理办法"),
    ("blank", ""),
    ("para", "第一条　为贯彻落实《中共中央　国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》（中发〔2020〕30号）、《中共陕西省委　陕西省人民政府关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见》（陕发〔2021〕5号）精神，落实“四个不摘”要求，坚决守住脱贫攻坚成果，做好巩固拓展脱贫攻坚成果同乡村振兴有效衔接，加强和规范各级财政衔接推进乡村振兴补助资金及统筹整合使用财政涉农资金（以下简称整合资金）管理，确保资金安全规范使用，进一步提高资金使用效益。"),
])

DOCS.append([  # 嵊州市通源乡: 版头, 文号, a title without the issuer, 二OO九 date, 主题词 and 抄送
    ("section", "【乡镇文件】"),
    ("head", "嵊州市通源乡人民政府文件"),
    ("blank", ""),
    ("number", "通政〔2009〕3号"),
    ("rule", ""),
    ("title", "关于转发《国家森林防火指挥部关于做好"),
    ("title", "2009年元旦春节期间森林防火工作的"),
    ("title", "紧急通知》"),
    ("blank", ""),
    ("addr", "各行政村："),
    ("para", "2009年春节即将到来，国家森林防火指挥部专门发出《关于做好2009年元旦春节期间森林防火工作的紧急通知》（国森防发明电[2008]98号），对切实做好“两节”期间森林防火工作做了安排部署。现将《紧急通知》转发给你们，请按照《紧急通知》要求，全力以赴抓好各项预防扑救措施的落实，确保春节期间森林消防工作不出大的问题，过一个欢乐、祥和、平安的节日。"),
    ("blank", ""),
    ("attach", "附件：《国家森林防火指挥部关于做好2009年元旦春节期间森林防火工作的紧急通知》"),
    ("blank", ""),
    ("sig", "通源乡人民政府"),
    ("date", "二OO九年一月九日"),
    ("foot", "主题词：森林消防　转发　通知"),
    ("foot", "抄送：市府办、市森林消防指挥办"),
])

DOCS.append([  # 兴安盟行政公署: a 决定 from its 公报, the 文号 in brackets under the title; cut
    ("section", "【行政公署文件】"),
    ("blank", ""),
    ("title", "兴安盟行政公署关于表彰奖励"),
    ("title", "乌力格尔艺术保护传承发展突出贡献者的决定"),
    ("number", "（兴署发〔2019〕1号）"),
    ("blank", ""),
    ("addr", "各旗县市人民政府，盟直有关部门："),
    ("para", "2006年，科右中旗乌力格尔项目被列入国家第一批非物质文化遗产名录。乌力格尔艺术是蒙东地区蒙古族民间艺术的杰出代表，在我盟有广泛深厚的群众基础。乌力格尔艺术的繁荣发展，为草原人民群众带来了欢乐和幸福，成为落实党的民族政策、维护我盟民族团结进步和边疆稳固的重要文化纽带，在我盟民族团结进步事业繁荣发展时代征程中，发挥着不可或缺的重要作用。"),
    ("para", "近年来，在盟委、行署的关怀支持下，我盟乌力格尔艺术发展呈现出勃勃生机。全盟现有胡尔奇100余名，其中，国家级非遗代表性传承人、自治区级非遗代表性传承人分别有2人、5人。特别是以甘珠尔老师为代表的一批优秀胡尔奇，几十年如一日耕耘在乌力格尔舞台上，在从艺过程中挖掘、整理、编创了一批乌力格尔书籍，培养了众多有相当影响力的新生胡尔奇，深受广大群众喜闻乐见，为保护、传承和发展乌力格尔艺术、构建民族团结进步精神家园作出了突出贡献。"),
    ("para", "为表彰先进，进一步激发广大胡尔奇对乌力格尔的保护、传承和发展的积极性，开创兴安盟乌力格尔艺术繁荣发展崭新局面，经盟行署研究决定，授予甘珠尔“乌力格尔传承发展突出贡献胡尔奇”称号，颁发奖金人民币3万元；"),
])


NO_LINE_START = "，。、；：？！）》〕」』”’〉"


def typeset() -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=cjk_font())
    line_h = 9.0
    state = {"y": TOP, "n": 0}

    def furniture() -> None:
        n = state["n"]
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("cjk", size=12)
        pdf.set_xy(LEFT, 20)
        pdf.cell(WIDTH, 6, HEAD, align="C")
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.4)
        pdf.line(LEFT, 27, PAGE_W - RIGHT, 27)
        pdf.set_font("cjk", size=14)
        label = f"— {n} —"
        w = pdf.get_string_width(label)
        x = PAGE_W - RIGHT - CHAR - w if n % 2 else LEFT + CHAR
        pdf.set_xy(x, PAGE_H - 28)
        pdf.cell(w, 6, label)

    def new_page() -> None:
        pdf.add_page()
        state["n"] += 1
        furniture()
        state["y"] = TOP

    def text(t: str, *, size=PT, align="L", indent=0.0, h=line_h) -> None:
        if state["y"] + h > PAGE_H - BOTTOM + 0.5:
            new_page()
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(LEFT + indent, state["y"])
        pdf.cell(WIDTH - indent, h, t, align=align)
        state["y"] += h

    def wrap(t: str, first_indent: float, hang: float = 0.0) -> list[tuple[str, float]]:
        pdf.set_font("cjk", size=PT)
        out, cur, used, indent = [], "", 0.0, first_indent
        for ch in t:
            w = pdf.get_string_width(ch)
            if used + w > WIDTH - indent and cur and ch not in NO_LINE_START:  # 禁则: hung
                out.append((cur, indent))
                cur, used, indent = "", 0.0, hang
            cur += ch
            used += w
        if cur:
            out.append((cur, indent))
        return out

    for doc in DOCS:
        new_page()
        for kind, t in doc:
            if kind == "section":
                text(t, size=18, align="L", h=11)
            elif kind == "head":
                text(t, size=26, align="C", h=15)
            elif kind == "number":
                text(t, align="C")
            elif kind == "rule":
                pdf.set_draw_color(0, 0, 0)
                pdf.set_line_width(0.7)
                pdf.line(LEFT, state["y"] + 2, PAGE_W - RIGHT, state["y"] + 2)
                state["y"] += 5
            elif kind == "blank":
                state["y"] += line_h * 0.6
            elif kind == "title":
                text(t, size=20 if len(t) <= 19 else 18, align="C", h=11)
            elif kind == "addr":
                for piece, ind in wrap(t, 0.0):
                    text(piece, indent=ind)
            elif kind == "para":
                for piece, ind in wrap(t, 2 * CHAR):
                    text(piece, indent=ind)
            elif kind == "plain":
                text(t)
            elif kind == "attach":  # 附件： hangs: its name's later lines under the name
                for piece, ind in wrap(t, 2 * CHAR, 2 * CHAR + 3 * CHAR):
                    text(piece, indent=ind)
            elif kind == "sig":
                text(t, align="R", indent=0)
            elif kind == "date":
                text(t, align="R")
            elif kind == "foot":
                if state["y"] + line_h > PAGE_H - BOTTOM:
                    new_page()
                y = state["y"]
                pdf.set_draw_color(0, 0, 0)
                pdf.set_line_width(0.35)
                pdf.line(LEFT, y, PAGE_W - RIGHT, y)
                text(t, size=14, indent=CHAR)
                pdf.line(LEFT, state["y"], PAGE_W - RIGHT, state["y"])
    out = HERE / "ocr-slips.pdf"
    out.write_bytes(bytes(pdf.output()))
    print(out, pdf.page_no(), "pages")
    return out


def ocr(pdf_path: Path) -> None:
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import pypdfium2 as pdfium
    from PIL import Image

    sys.path.insert(0, str(HERE.parent.parent / "src"))
    from gongbao.text.ocr import DPI, recognise
    from gongbao.text.pdf import lines_from_pieces

    doc = pdfium.PdfDocument(str(pdf_path))
    lines: list[str] = []
    for i in range(len(doc)):
        page = doc[i]
        scan = page.render(scale=150 / 72, grayscale=True).to_pil().convert("L")
        buf = io.BytesIO()
        scan.save(buf, "JPEG", quality=55)
        scan = Image.open(io.BytesIO(buf.getvalue()))
        image = scan.resize((round(scan.width * DPI / 150), round(scan.height * DPI / 150)), Image.BICUBIC)
        got = lines_from_pieces(recognise(image), image.width)
        lines.extend(text for text, _ in got)
        print(f"page {i + 1}: {len(got)} lines", file=sys.stderr)
    (HERE / "ocr-slips.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    path = typeset()
    if "--ocr" in sys.argv[1:]:
        ocr(path)
