"""Write tests/corpus_other/province-issue.txt (held-out set 35): one issue of a province's gazette
(青海政报, 青海省人民政府办公厅's) as `pdftotext` without -layout prints a typeset issue: a cover,
a form feed, a 目录 under the province's sections, then every page headed by the running head and
closed by its bare page number at the page's edge, a form feed between pages. Body lines are the
printed lines of a 24-cell column (titles 20), no blank line between paragraphs, a blank line
around title blocks and signatures. The documents' words are real (see province-issue.sources.md).

    .venv/bin/python tests/corpus_other/province-issue.make.py
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
COL, TCOL, PAGE_LINES = 24, 20, 34
NAME, YEAR, NO = "青海政报", 2025, 22
HEAD_ODD = f"{YEAR}年第{NO}期　{NAME}"
HEAD_EVEN = f"{NAME}　{YEAR}年第{NO}期"
CLOSING = "，。、；：？！）》”’〕"
OPENING = "（《“‘〔"


def wrap(text: str, width: int) -> list[str]:
    """Printed lines of a column `width` cells wide: ASCII is half a cell and a run of it (a
    number, 70%) is never broken; no line begins with a closing mark or ends with an opening one."""
    tokens, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j].isascii() and text[j] != " ":
            j += 1
        if j > i:
            tokens.append(text[i:j])
            i = j
        else:
            tokens.append(text[i])
            i += 1
    out, cur, used = [], "", 0.0
    for tok in tokens:
        w = len(tok) * (0.5 if tok.isascii() else 1.0)
        if used + w > width + 1e-9 and cur:
            out.append(cur)
            cur, used = "", 0.0
        cur += tok
        used += w
    if cur:
        out.append(cur)
    for i in range(1, len(out)):
        while out[i] and out[i][0] in CLOSING:
            out[i - 1] += out[i][0]
            out[i] = out[i][1:]
        while out[i - 1] and out[i - 1][-1] in OPENING:
            out[i] = out[i - 1][-1] + out[i]
            out[i - 1] = out[i - 1][:-1]
    return [line for line in out if line]


# (kind, text): title, para, blank, sig, date, note, newpage
DOCS: list[tuple[str, list[tuple[str, str]]]] = []

DOCS.append(("省政府文件", [
    ("title", "青海省人民政府关于印发青海省深入推动金融改革发展若干政策措施的通知"),
    ("blank", ""),
    ("para", "各市、自治州人民政府，省政府各委、办、厅、局："),
    ("para", "　　《青海省深入推动金融改革发展的若干政策措施》，已经省政府同意，现印发给你们，请认真贯彻执行。"),
    ("blank", ""),
    ("sig", "青海省人民政府"),
    ("date", "2014年4月30日"),
    ("blank", ""),
    ("title", "青海省深入推动金融改革发展的若干政策措施"),
    ("blank", ""),
    ("para", "　　为深入贯彻党的十八大和十八届二中、三中全会精神，落实第三次全省金融工作会议决策部署和《关于促进金融业发展的意见》（青政号），牢牢把握金融服务实体经济的本质要求，加快全省金融业改革创新，发挥金融在推动实施省委十二届五次全会提出的坚持正确方向、全面深化改革、奋力打造“三区”、建设全面小康战略任务中的支撑和保障作用，现提出如下政策措施。"),
    ("para", "　　一、全力扩大有效信贷投放"),
    ("para", "　　银行业金融机构要积极争取信贷规模和投放节奏等方面的差别化政策，年贷款增幅不低于上年，贷存比不低于70%。鼓励县域法人金融机构将新增贷款的70%用于当地贷款，对经人民银行西宁中心支行、青海银监局考核达标的，存款准备金率按低于同类金融机构1个百分点执行。建立财政增量资金存放与省内金融机构支持地方经济发展挂钩机制，实施办法由省财政厅会同省金融办制定。鼓励银行业金融机构逐步扩大"),
]))

DOCS.append(("省政府办公厅文件", [
    ("title", "青海省人民政府办公厅关于印发国际生态旅游目的地青海湖示范区创建工作方案的通知"),
    ("title", "青政办〔2023〕28号"),
    ("blank", ""),
    ("para", "各市、自治州人民政府，省政府各委、办、厅、局："),
    ("para", "　　《国际生态旅游目的地青海湖示范区创建工作方案》已经省政府第5次常务会议审议通过，现印发给你们，请认真组织实施。"),
    ("blank", ""),
    ("sig", "青海省人民政府办公厅"),
    ("date", "2023年3月24日"),
    ("note", "（此件公开发布）"),
    ("blank", ""),
    ("title", "国际生态旅游目的地青海湖示范区创建工作方案"),
    ("blank", ""),
    ("para", "　　为深入贯彻落实总书记考察青海重要讲话精神，围绕持续打造生态文明高地，加快建设产业“四地”的重大要求，全力创建国际生态旅游目的地青海湖示范区，特制定本工作方案。"),
    ("para", "　　一、总体要求"),
    ("para", "　　（一）指导思想。"),
    ("para", "　　以新时代中国特色社会主义思想为指导，深入贯彻生态文明思想，始终坚持系统思维、创新思维、法治思维、底线思维，按照不搞大开发、要搞大保护的要求，统筹好国家公园创建、国际生态旅游目的地建设、民生保障三者关系，建立政府、企业、群众利益共享、责任共担、责权利统一的工作机制，正确处理好生态保护、旅游发展、民生保障三方面的关系，通过远近结合、标本兼治，实现生态大保护、环境大优化、民生大改善、服务大提升、体制大理顺，从根本上实现有效治理、科学发展。通过突出生态保护抓创建，突出高质量抓创建，突出统筹衔接抓创建，突出压实责任抓创建，建成国际生态旅游目的地青海湖示范区。"),
    ("para", "　　（二）基本原则。"),
    ("para", "　　生态优先、人民至上。把生态环境保护放在生态旅游发展首位，正确处理生态保护、旅游发展和民生保障三者之间的关系，坚守生态红线底线，走绿色发展道路，切实维护好、保障好人民群众的合法权益。"),
    ("para", "　　系统施治、长效长治。坚持政府、企业、群众三方共创、共治、共享的理念，调动生态旅游利益相关者的积极性，建设政府满意、企业发展、群众受益的发展新模式，坚持改革创新，"),
]))

DOCS.append(("省政府办公厅文件", [
    ("title", "青海省人民政府办公厅关于印发省政府奖励基金管理办法的通知"),
    ("blank", ""),
    ("para", "　　省财政厅草拟的《省政府奖励基金管理办法》已经省政府同意，现印发给你们，请认真贯彻执行。"),
    ("blank", ""),
    ("para", "省财政厅"),
    ("blank", ""),
    ("para", "　　为进一步加强和完善省政府奖励基金的管理，充分发挥政府奖励基金对我省经济发展和社会进步的激励作用，规范使用范围和审批程序，特制定本办法。"),
    ("para", "　　第一条　凡对我省全局性工作有重要影响和推动作用，经济效益和社会效益达到一定水平的，贡献突出，成绩显著的事项的单位和个人，可确定为奖励对象。"),
    ("para", "　　第二条　省政府奖励基金由省财政厅在当年预算中安排，并配备专人管理。"),
    ("para", "　　第三条　政府奖励基金的使用要遵循精神鼓励为主，物质奖励为辅的原则，必须是以省政府名义进行奖励的事项，具体包括："),
    ("para", "　　1、为振兴青海经济发展做出突出贡献的税利大户；"),
    ("para", "　　2、为提高全省各族人民文化素质和身体素质的教育、体育工作中作出突出贡献的单位或个人；"),
    ("para", "　　3、在促进科技进步，实施“科教兴青”战略中作出创造性贡献，并取得显著经济效益和社会效益的单位或个人；"),
    ("para", "　　4、在促进农牧业发展，夺取全省农牧业丰收中获得优胜的单位或个人；"),
    ("para", "　　5、在产品、工程项目和服务项目质量管理方面取得优异成绩，获得省级质量管理工作的先进单位和个人；"),
]))

DOCS.append(("部门文件", [
    ("title", "青海省科学技术厅关于公开征求《青海省科技型企业孵化器管理办法（征求意见稿）》意见的通知"),
    ("blank", ""),
    ("para", "各有关单位："),
    ("para", "　　为推动科技创新和产业创新深度融合，促进青海省科技型企业孵化器高质量发展，强化高水平科技服务，提升孵化服务效能，根据《工业和信息化部科技型企业孵化器管理办法》（工信部科〔2025〕131号），结合青海省实际，我厅起草了《青海省科技型企业孵化器管理办法（征求意见稿）》（详见附件）。现向社会各界征求意见，意见反馈截止日期为11月14日（星期五）。"),
    ("para", "　　联系方式："),
    ("para", "　　省科学技术厅高新技术处　黄　芃"),
    ("para", "　　附件：青海省科技型企业孵化器管理办法（征求意见稿）"),
    ("blank", ""),
    ("para", "附件"),
    ("blank", ""),
    ("title", "青海省科技型企业孵化器管理办法"),
    ("title", "（征求意见稿）"),
    ("blank", ""),
    ("para", "第一章　总则"),
    ("para", "　　第一条　为推动科技创新和产业创新深度融合，促进青海省科技型企业孵化器高质量发展，强化高水平科技服务，提升孵化服务效能，助力传统产业升级、新兴产业壮大、未来产业培育，以科技创新引领新质生产力发展，根据《工业和信息化部科技型企业孵化器管理办法》（工信部科〔2025〕131号），结合我省实际，现制定本办法。"),
    ("para", "　　第二条　本办法所称科技型企业孵化器（以下简称孵化器）是指以促进科技成果转化和产业化、孵化科技型企业、弘扬企业家精神为宗旨，为科技型初创企业和创业团队提供经营设施、创业辅导、技术支持、市场拓展、投资融资、企业管理、科技咨询等专业服务的科技创业服务机构。"),
    ("para", "　　第三条　孵化器主要功能是，围绕科技型初创企业和创业团队成长需求，集聚各类要素资源，提供全周期、专业化孵化服务，营造创新创业生态，激发创新创业活力，降低创业风险，促进企业成长，以创业带动就业，推动科技创新和产业创新深度融合。"),
    ("para", "　　第四条　孵化器发展定位重点围绕打造生态文明高地和建设产业“四地”，强化科技赋能、人才引育和金融支撑，推"),
]))


def lines_of(doc: list[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for kind, text in doc:
        if kind == "title":
            out += wrap(text, TCOL)
        elif kind == "blank":
            out.append("")
        else:
            out += wrap(text, COL)
    return out


def main() -> None:
    cover = [NAME, "QINGHAI ZHENGBAO", "", f"{YEAR}年第{NO}期", "（总第1156期）", "",
             "主管：青海省人民政府", "主办：青海省人民政府办公厅", "编辑：《青海政报》编辑部",
             f"出版日期：{YEAR}年11月30日"]
    pages: list[list[str]] = []
    toc = ["目　　录", ""]
    page_no = 1
    bodies: list[tuple[int, list[list[str]]]] = []
    last_section = None
    for section, doc in DOCS:
        body = lines_of(doc)
        first = page_no
        chunks = [body[i:i + PAGE_LINES] for i in range(0, len(body), PAGE_LINES)]
        bodies.append((first, chunks))
        page_no += len(chunks)
        title = doc[0][1]
        number = doc[1][1] if doc[1][0] == "title" and "〔" in doc[1][1] else ""
        if section != last_section:
            toc.append(f"【{section}】")
            last_section = section
        entry = title + (f"（{number}）" if number else "")
        toc += wrap(entry, 22)
        toc.append("……………… " + str(first))
    toc.append("")
    pages.append(cover)
    pages.append(toc)
    secs = iter(DOCS)
    for first, chunks in bodies:
        section = next(secs)[0]
        for k, chunk in enumerate(chunks):
            n = first + k
            head = HEAD_EVEN if n % 2 == 0 else HEAD_ODD
            top = [head + "　·" + section + "·", ""]
            pages.append(top + chunk + ["", str(n)])
    text = "\f".join("\n".join(p) + "\n" for p in pages) + "\f"
    (HERE / "province-issue.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
