"""Extraction on small texts: appointments, references, outline and header elements."""

from __future__ import annotations

from datetime import date

from gongbao.docnumber import DocNumber
from gongbao.extract.appointments import find_appointments
from gongbao.extract.references import find_references
from gongbao.model import Paragraph
from gongbao.parse.header import genre_of, read_header
from gongbao.parse.outline import build_outline, flatten


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t, i + 1, i + 1, lines=(i + 1,)) for i, t in enumerate(texts)]


def test_appointments_under_headings_with_notes_and_padding_spaces():
    got = find_appointments(paras(
        "经阳泉市人民政府2020年11月19日常务会议决定，任命：",
        "石 峥为阳泉市审计局总审计师（试用期一年）；",
        "王刚为阳泉市政府秘书长、市政府办公室主任；",
        "免去：",
        "李宏革的阳泉市生态环境局局长职务；",
        "张玉龙的阳泉市应急管理局副局长（挂职）职务。",
    ))
    assert [(a.person, a.action, a.post, a.note) for a in got] == [
        ("石峥", "任命", "阳泉市审计局总审计师", "试用期一年"),
        ("王刚", "任命", "阳泉市政府秘书长", None),
        ("王刚", "任命", "市政府办公室主任", None),
        ("李宏革", "免去", "阳泉市生态环境局局长", None),
        ("张玉龙", "免去", "阳泉市应急管理局副局长", "挂职"),
    ]
    assert [a.line for a in got] == [2, 3, 3, 5, 6]


def test_action_words_inside_the_clause_and_hiring():
    got = find_appointments(paras("决定任命张三为阳泉市交通运输局局长。", "聘任：", "李四为阳泉市某某中心总经理。",
                                  "免去王五的阳泉市某某局副局长职务。"))
    assert [(a.person, a.action, a.post) for a in got] == [
        ("张三", "任命", "阳泉市交通运输局局长"), ("李四", "聘任", "阳泉市某某中心总经理"),
        ("王五", "免去", "阳泉市某某局副局长")]


def test_a_bracket_inside_a_post_stays_in_the_post():
    got = find_appointments(paras("任命：", "董璋为阳泉市中小企业发展中心（阳泉市民营企业发展中心）主任；"))
    assert got[0].post == "阳泉市中小企业发展中心（阳泉市民营企业发展中心）主任" and got[0].note is None


def test_references_cites_repeals_amends_and_own_number():
    own = DocNumber("阳政办发", 2024, 32)
    refs = find_references(paras(
        "根据《山西省森林草原火灾应急预案》（晋政办发〔2023〕5号），制定本预案（阳政办发〔2024〕32号）。",
        "2020年9月29日印发的《阳泉市森林草原火灾应急预案》（阳政办发〔2020〕105 号）同时废止。",
        "将《关于印发支持第一产业的通知》（阳政办函〔2021〕9号）第三条修改为：",
    ), own)
    numbered = [(r.kind, str(r.doc_number), r.title) for r in refs if r.doc_number]
    assert numbered == [
        ("cites", "晋政办发〔2023〕5号", "山西省森林草原火灾应急预案"),
        ("repeals", "阳政办发〔2020〕105号", "阳泉市森林草原火灾应急预案"),
        ("amends", "阳政办函〔2021〕9号", "关于印发支持第一产业的通知"),
    ]


def test_outline_nests_by_numbering_kind_whatever_the_markdown_said():
    outline = build_outline([
        Paragraph("第一章 总 则", 1, 1, "heading", 3),
        Paragraph("第一条 为了……，制定本办法。", 2, 2),
        Paragraph("（一）制定评审工作计划；", 3, 3),
        Paragraph("第二章 组织管理", 4, 4),
        Paragraph("第二条 领导机构。", 5, 5, "heading", 1),
    ])
    assert [(n.label, n.heading) for n in outline] == [("第一章", "总则"), ("第二章", "组织管理")]
    assert [n.label for n in flatten(outline)] == ["第一章", "第一条", "（一）", "第二章", "第二条"]
    assert outline[0].children[0].children[0].line == 3


def test_decimal_outline_of_an_emergency_plan():
    outline = build_outline(paras("1 总则", "1.1 编制目的", "为了……。", "1.2 主要任务", "（一）组织灭火行动。",
                                  "（二）转移疏散人员。", "2 组织指挥体系", "2.2.1 综合协调组"))
    assert [n.label for n in outline] == ["1", "2"]
    assert [c.label for c in outline[0].children] == ["1.1", "1.2"]
    assert [c.label for c in outline[0].children[1].children] == ["（一）", "（二）"]
    assert outline[1].children[0].label == "2.2.1"


def test_a_decimal_heading_line_is_not_joined_to_the_paragraph_before():
    from gongbao.pipeline import parse_bytes

    column = ["2 组织指挥体系", "", "在重点林区力量前置、靠前驻防、巡查快处，", "", "形成快速反应圈（示意图见附件 4）", "",
              "4 风险防控", "", "坚持森林草原防灭火工作重心向深化源头", "", "管控拓展。"] * 3
    text = "\n".join(["阳泉市人民政府关于印发某某预案的通知", "", "阳政办发〔2024〕32 号", "", "各县（区）人民政府：", ""] + column)
    doc = parse_bytes(text.encode(), "x.txt").documents[0]
    assert "4 风险防控" in doc.text.split("\n")


def test_header_elements_of_a_notice():
    h = read_header(paras(
        "阳泉市人民政府办公室 关于印发阳泉市物流仓储用地公开出让管理暂行办法的通知",
        "阳政办发〔2024〕28 号",
        "各县（区）人民政府，市直各单位：",
        "《阳泉市物流仓储用地公开出让管理暂行办法》已经市人民政府同意，现印发给你们，请认真遵照执行。",
        "附件：1．阳泉市物流仓储用地名录（略）",
        "2．出让合同示范文本（见网络版）",
        "阳泉市人民政府办公室",
        "二〇二四年五月十六日",
        "（此件公开发布）",
        "阳泉市物流仓储用地公开出让管理暂行办法",
        "第一条 为促进我市物流业持续快速健康发展，制定本办法。",
    ), number_at=1, title_end=1)
    assert h.title == "阳泉市人民政府办公室关于印发阳泉市物流仓储用地公开出让管理暂行办法的通知"
    assert (h.issuer, h.genre, h.signature) == ("阳泉市人民政府办公室", "通知", "阳泉市人民政府办公室")
    assert h.addressees == ["各县（区）人民政府", "市直各单位"]
    assert h.signed.isoformat() == "2024-05-16"
    assert h.publicity == "此件公开发布"
    assert [(a.title, a.status) for a in h.attachments] == [("阳泉市物流仓储用地名录", "omitted"), ("出让合同示范文本", "online")]
    assert h.instrument_title == "阳泉市物流仓储用地公开出让管理暂行办法"


def test_genre_is_the_titles_last_word():
    assert genre_of("阳泉市人民政府关于修正……的补充通知") == "通知"
    assert genre_of("阳泉市人民政府办公室关于……的通报") == "通报"
    assert genre_of("阳泉市人民政府令") == "令"
    assert genre_of("阳泉市人民政府办公室关于推进人工影响天气工作高质量发展的实施方案") is None


def test_a_cited_title_with_a_number_is_one_reference_and_own_instrument_is_none():
    refs = find_references(paras(
        "《阳泉市质量奖管理办法》已经市人民政府同意，现印发给你们。",
        "原《阳泉市市长质量奖管理办法》（阳政发〔2016〕35号）同时废止。",
    ), DocNumber("阳政发", 2020, 10), ("阳泉市质量奖管理办法",))
    assert [(r.kind, str(r.doc_number), r.title) for r in refs] == [("repeals", "阳政发〔2016〕35号", "阳泉市市长质量奖管理办法")]


def test_dates_as_ocr_slips_on_them():
    """OCR reads 日 as 曰, a 0 of the year as O and puts a space between two digits: a signature's
    date so slipped is still the document's date; an all-numeral year with O (二OO六) as before."""
    from gongbao.pipeline import parse_bytes
    from gongbao.text.chinese import DATE, parse_date

    read = lambda t: parse_date(DATE.search(t))  # noqa: E731
    assert read("2O22年3月1 5曰") == read("２０２２年３月１５日") == read("二〇二二年三月十五日") == date(2022, 3, 15)
    assert read("二OO六年十月八日") == date(2006, 10, 8)
    assert DATE.search("2020年3月1 号") is None
    text = ("某县人民政府\n关于做好防汛工作的通知\n各乡镇人民政府：\n现就做好防汛工作通知如下。\n"
            "某县人民政府\n2O22年6月1 8曰\n")
    [doc] = parse_bytes(text.encode(), "slips.txt").documents
    assert (doc.title, doc.issuer, doc.signed) == ("某县人民政府关于做好防汛工作的通知", "某县人民政府", date(2022, 6, 18))
