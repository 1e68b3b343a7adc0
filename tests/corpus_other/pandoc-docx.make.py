"""Build held-out set 34 (pandoc-docx.txt): six real documents typed into Word files the way an
office keeps them, then turned into text by pandoc, the way users convert received .docx 公文
before ingesting them.

Each document is one .docx built with python-docx: a bold centred 版头 line (where the office
prints one), the 文号, a bold centred title, the addressees flush left, body paragraphs with a
first-line indent, numbered headings (as Word heading styles in some files, as bold runs in
others), a Word table where the document lists units, a right-aligned signature and date, an
附件 line. The words are the stored pages' (see pandoc-docx.sources.md); this script only lays
them out. Four files are converted with `pandoc -f docx -t markdown`, two with `-t plain`, and the
outputs are concatenated in order with one blank line between them.

Run from the repository root (needs python-docx and pandoc):

    .venv/bin/python tests/corpus_other/pandoc-docx.make.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "pandoc-docx.txt"


class Doc:
    def __init__(self) -> None:
        self.d = Document()

    def _p(self, text: str, align=None, bold=False, indent=False, style=None):
        p = self.d.add_paragraph(style=style)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        run = p.add_run(text)
        run.bold = bold
        return p

    def head(self, text):            # 版头: the issuer's name in large bold letters
        self._p(text, WD_ALIGN_PARAGRAPH.CENTER, bold=True)

    def number(self, text):          # 发文字号
        self._p(text, WD_ALIGN_PARAGRAPH.CENTER)

    def title(self, text):
        self._p(text, WD_ALIGN_PARAGRAPH.CENTER, bold=True)

    def left(self, text):            # addressees, flush left
        self._p(text)

    def para(self, text):
        self._p(text, indent=True)

    def bold(self, text):            # a heading typed as a bold paragraph
        self._p(text, indent=True, bold=True)

    def heading(self, text, level=1):  # a heading in a Word heading style
        self.d.add_heading(text, level=level)

    def right(self, text):           # signature, date
        self._p(text, WD_ALIGN_PARAGRAPH.RIGHT)

    def table(self, rows):
        t = self.d.add_table(rows=0, cols=len(rows[0]))
        t.style = "Table Grid"
        for cells in rows:
            row = t.add_row().cells
            for cell, text in zip(row, cells):
                cell.text = text

    def save(self, path: Path):
        self.d.save(str(path))


def huludao() -> Doc:
    d = Doc()
    d.head("葫芦岛市人民政府办公室文件")
    d.number("葫政办发〔2012〕87号")
    d.title("葫芦岛市人民政府办公室印发关于加快全市夜经济发展的实施方案的通知")
    d.left("各县（市）区人民政府，各开发区（园区）管委会，市政府各部门：")
    d.para("经市政府同意，现将《关于加快全市夜经济发展的实施方案》印发给你们，请结合本地区、"
           "本部门实际，认真组织实施。")
    d.right("葫芦岛市人民政府办公室")
    d.right("2012年12月12日")
    d.title("关于加快全市夜经济发展的实施方案")
    d.para("为进一步扩大内需、拉动消费，推动我市“夜经济”发展，扩大夜间经济规模，丰富夜间服务项目，"
           "培育新的消费增长点，满足人民群众多层次、多样化消费需求，根据我市实际情况，制定本方案。")
    d.heading("一、发展意义")
    d.para("“夜经济”是伴随着城市经济发展、人民生活水平提高而产生的，是以市民和游客为主要消费群体，"
           "以购物、餐饮、休闲、文化、旅游、健身、洗浴等为主要形式，以18时至次日6时为时间段的各种消费。"
           "“夜经济”的繁荣程度和一个城市的现代化程度息息相关，能体现城市经济开放度和活跃度，"
           "是现代城市经济发展的助推器。发展“夜经济”有利于培育新的消费增长点、推动现代服务业发展、"
           "促进社会就业、创造新的投资机会、提高城市现代化水平。")
    d.heading("二、指导思想")
    d.para("以科学发展观为指导，坚持政府引导、政策推动、依法监管、市场化运作相结合的原则，"
           "以培养市民夜间消费习惯、打造夜间消费街区、完善夜间")
    return d


def yuxi() -> Doc:
    d = Doc()
    d.title("玉溪市人民政府办公室")
    d.title("关于促进夜间经济发展的实施意见")
    d.number("玉政办发〔2020〕18号")
    d.left("各县（市、区）人民政府，市直各委、办、局，各人民团体和企事业单位，中央、省驻玉单位：")
    d.para("为加快推进夜间经济发展，促进夜间市场繁荣，满足居民夜间消费，活跃商业氛围，推进消费升级，"
           "激发城市活力，根据《云南省人民政府印发关于支持实体经济发展的若干措施的通知》（云政发〔2020〕11号）、"
           "《云南省人民政府办公厅关于促进夜间经济发展的指导意见》（云政办发〔2020〕20号）、"
           "《云南省人民政府办公厅关于加快发展流通促进商业消费的实施意见》（云政办发〔2020〕2号）精神，"
           "结合我市实际，现就促进夜间经济发展，提出以下意见：")
    d.bold("一、总体要求")
    d.para("以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平总书记考察云南重要讲话精神，"
           "坚持新发展理念，扎实做好“六稳”工作，落实“六保”任务。紧紧围绕丰富夜生活，发展夜间经济主题，"
           "以提升夜间经济为突破口，以完善夜间消费设施，丰富夜间服务功能为重点，以美化亮化为辅助，"
           "坚持“政府引导、市场调节，发挥企业主体作用”的原则，因地制宜、发挥优势、突出特色，"
           "在“食、购、游、住、娱”五个方面下功夫，通过提供多样化的夜间服务，满足居民多元化夜间消费需要，"
           "打造特色鲜明、健康时尚、多元化的夜间消费模式，增强夜间消费对经济增长的拉动作用。")
    d.bold("二、工作目标")
    d.para("到2023年，通过改造提升、规划发展，完善夜间经济基础设施和配套服务，丰富业态等措施，"
           "在全市打造一批具有地方特色的夜间经济聚集区，形成布局合理、功能完善、业态多元，管理规范的夜间经济发")
    return d


def xingyi() -> Doc:
    d = Doc()
    d.title("兴义市人民政府关于禁止在兴西湖库区从事游乐等活动的通告")
    d.number("兴府通〔2012〕54号")
    d.para("兴西湖水库是兴义市城市的重要饮用水源，其水质情况直接影响到广大人民群众的饮水安全和身体健康。"
           "为保证兴西湖饮用水源安全及水上交通安全，根据有关法律法规，现通告如下：")
    d.para("一、禁止在兴西湖库区开展一切游乐活动。任何单位和个人不得组织到兴西湖库区游玩，"
           "违者除予以曝光外，还要对组织者及相关人员按有关规定处理。")
    d.para("二、禁止在兴西湖库区从事餐饮、娱乐等经营活动。违者由市公安局、市环保局、市卫食药监局、"
           "市工商局等部门按有关法律法规从重处罚。")
    d.para("三、禁止任何人在兴西湖库区内使用农用船载客游乐，违者将依照《中华人民共和国内河交通安全管理条例》"
           "有关规定从重处罚。")
    d.para("四、禁止在兴西湖库内游泳、洗衣物、钓鱼、扔拉圾，违者予以从重处罚。对于炸鱼、毒鱼、电鱼等违法行为，"
           "违者将依照《中华人民共和国渔业法》有关法律法规从重处罚。")
    d.para("五、市人民政府将定期或不定期组织市公安局、市环保局、市交通局、市水利局、市文体旅广电局、"
           "市卫生食药监局、市安监局、市工商局、市海事处、市交警大队等部门以及坪东街道办事处组成联合执法检查组，"
           "对违反本通告在库区从事游乐等活动的，将按有关法规进行查处。")
    d.para("特此通告")
    d.right("兴义市人民政府")
    d.right("二○一二年四月二十三日")
    return d


def futian() -> Doc:
    d = Doc()
    d.head("福田区人民政府")
    d.number("福府函〔2020〕169号")
    d.title("福田区人民政府关于同意南园街道部分社区行政管辖范围优化调整的批复")
    d.left("南园街道办事处：")
    d.para("你单位《关于提请审议社区行政管辖范围优化调整的请示》（福南园工委〔2020〕37号）收悉。"
           "根据《中华人民共和国城市居民委员会组织法》《行政区划管理条例》《深圳市社区工作站管理试行办法》"
           "《关于印发〈关于加强福田区社区专职工作者管理的实施意见（试行）〉及配套工作方案的通知》等相关规定，"
           "经区政府七届94次常务会议研究，现将有关事宜批复如下：")
    d.heading("一、关于南园街道社区行政管辖范围优化调整", 2)
    d.para("同意将辖区原11个社区优化调整为8个，其中撤销3个社区，调整4个社区，维持4个社区不变。具体调整如下：")
    d.heading("（一）撤销东园社区", 3)
    d.para("撤销东园社区及相应的居民委员会、工作站。其管辖范围及人口等并入巴登社区。原社区办公场所由街道办统筹安排。")
    d.heading("（二）撤销园西社区", 3)
    d.para("撤销园西社区及相应的居民委员会、工作站。其管辖范围及人口等并入南园社区。原社区办公场所由街道办统筹安排。")
    d.heading("（三）撤销玉田社区", 3)
    d.para("撤销玉田社区及相应的居民委员会、工作站。其管辖范围及人口等并入滨江社区。原社区办公场所由街道办统筹安排。")
    d.heading("（四）调整南园社区", 3)
    d.para("将原南园社区以上步路为界，划分为东西两部分，其中上步路以东部分并入巴登社区，"
           "上步路以西部分与原园西社区进行合并组建南园社区，管辖范围调整至：东至上")
    return d


def nantong() -> Doc:
    d = Doc()
    d.title("南通市人民政府办公室关于表彰中国·南通沿海开发展工作先进单位的决定")
    d.number("（通政办发〔2009〕174号）")
    d.left("各县（市）、区人民政府，市经济技术开发区管委会，市各委、办、局，市各直属单位：")
    d.para("作为2009南通港口经济洽谈会主体活动之一的“中国·南通沿海开发展”，经各承办单位近4个月的努力，"
           "取得了圆满成功。展览重点围绕“桥港新时代、发展新机遇、跨越新空间、腾飞新载体”的主题，"
           "充分展示了我市贯彻实施国家沿海开发战略，全力推进沿海开发建设的情况。整个展览创意新颖、图文并茂，"
           "得到了观展各方的高度评价，取得了较好的经济和社会效应。")
    d.para("为了表彰先进，发扬成绩，在评选小组票选的基础上，经市政府同意决定对下列承办单位予以表彰和奖励：")
    d.table([
        ["奖项", "等次", "获奖单位"],
        ["一、综合先进奖", "一等奖", "市经济技术开发区"],
        ["", "二等奖", "南通市发展与改革委员会、如东县"],
        ["", "三等奖", "港闸区、崇川区"],
        ["二、单项先进奖：1.沙盘", "一等奖", "港闸区"],
        ["", "二等奖", "如东县"],
        ["", "三等奖", "崇川区"],
    ])
    return d


def shouxian() -> Doc:
    d = Doc()
    d.head("寿县政务督查")
    d.number("20期")
    d.left("寿县人民政府督查室           2022年8月19")
    d.title("关于印发2022年《政府工作报告》主要任务上半年落实情况的通报")
    d.left("各乡镇人民政府，县政府各部门、各直属机构：")
    d.para("根据县政府工作安排，县政府督查室对2022年县《政府工作报告》上半年落实情况进行了专项督查。"
           "从督查情况看，1-6月，各责任单位在全力抗击新冠疫情的同时，紧紧围绕《县政府工作报告》确定的目标任务，"
           "明确责任分工，精排任务进度，实化工作举措，部分指标已完成年度目标任务，受疫情影响也有部分指标滞后序时，"
           "其余各项指标均有序时推进。")
    d.para("请各乡镇、县直有关单位在剩下的半年时间里，要进一步细化工作措施，压实工作责任，精准发力，狠抓落实，"
           "全力推进目标任务落到实处。对未达到序时进度要求的目标任务，相关责任单位要认真组织整改，加大推进力度，"
           "确保按时完成各项目标任务。县政府督查室将对未达到序时进度要求的目标任务，进行重点督查，"
           "持续跟踪目标任务推进情况。")
    d.para("附件：2022年《政府工作报告》主要任务上半年落实情况")
    return d


# (builder, pandoc writer) in the order of the issue
DOCS = [
    (huludao, "markdown"),
    (yuxi, "markdown"),
    (xingyi, "plain"),
    (futian, "markdown"),
    (nantong, "markdown"),
    (shouxian, "plain"),
]


def main() -> None:
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for build, writer in DOCS:
            path = Path(tmp) / f"{build.__name__}.docx"
            build().save(path)
            out = subprocess.run(["pandoc", "-f", "docx", "-t", writer, str(path)],
                                 check=True, capture_output=True, text=True).stdout
            parts.append(out.rstrip("\n") + "\n")
    OUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUT} ({sum(p.count(chr(10)) for p in parts)} lines)")


if __name__ == "__main__":
    main()
