"""Segmentation against the table of contents: nothing missed, split or merged, and warnings."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES, parsed_sample
from gongbao.docnumber import DocNumber
from gongbao.pipeline import parse_bytes
from gongbao.text.layout import analyse_layout, furniture_line
from gongbao.text.read import decode_source

LINES_2022 = (SAMPLES / "yangquan-gazette-2022-02.txt").read_text(encoding="utf-8").split("\n")


def without_line(lines: list[str], text: str) -> str:
    index = lines.index(text)
    return "\n".join(lines[:index] + [""] + lines[index + 1:])  # keep line numbers


def test_a_document_without_its_number_line_is_found_by_its_toc_title():
    parsed = parse_bytes(without_line(LINES_2022, "阳政发〔2022〕4号").encode(), "cut.txt")
    numbers = [d.doc_number for d in parsed.documents]
    assert len(parsed.documents) == 31
    doc = parsed.documents[numbers.index(DocNumber("阳政发", 2022, 4))]
    assert doc.title == "阳泉市人民政府关于印发阳泉市“十四五”教育事业发展规划的通知"
    assert doc.signed.isoformat() == "2022-04-02"
    assert any(w.code == "missing-doc-number" and w.line == doc.start_line for w in parsed.warnings)


def test_a_toc_entry_without_a_body_document_is_a_warning():
    text = "\n".join(LINES_2022[:3055])  # cut off the last document (阳政任字〔2022〕11号, from line 3056)
    parsed = parse_bytes(text.encode(), "short.txt")
    missing = [w for w in parsed.warnings if w.code == "toc-missing"]
    assert len(missing) == 1 and "阳政任字〔2022〕11号" in missing[0].message


def test_disagreements_between_toc_and_body_are_warnings():
    parsed = parsed_sample("yangquan-gazette-2022-02.txt")
    by_code = {}
    for w in parsed.warnings:
        by_code.setdefault(w.code, []).append(w)
    assert "阳政办函〔2022〕62号" in by_code["toc-mismatch"][0].message
    assert by_code["duplicate-number"][0].line == 2674
    lhk = [d for d in parsed.documents if d.title and "龙华口" in d.title][0]
    assert lhk.section == "市政府办公室文件" and lhk.page == 65


def test_a_body_document_missing_from_the_toc_is_a_warning_and_gets_a_section():
    parsed = parsed_sample("yangquan-gazette-2020-06.txt")
    warning = [w for w in parsed.warnings if w.code == "not-in-toc"]
    assert [w.line for w in warning] == [3415]
    doc = [d for d in parsed.documents if d.start_line == 3415][0]
    assert doc.section == "市政府办公室文件" and doc.page is None


def test_instrument_after_signature_stays_in_its_notice():
    parsed = parsed_sample("yangquan-gazette-2024-03.txt")
    doc = parsed.documents[0]
    assert doc.instrument_title == "阳泉市推动大规模设备更新和消费品以旧换新工作任务分工方案"
    assert doc.end_line > 1500 and parsed.documents[1].start_line == 1579


def test_running_headers_and_page_numbers_leave_the_text():
    parsed = parsed_sample("yangquan-gazette-2024-03.txt")
    text = "\n".join(d.text for d in parsed.documents)
    assert "阳泉市人民政府公报" not in text and "— 6 —" not in text
    # the paragraph cut by the page seam at lines 337-347 is one paragraph again
    doc = parsed.documents[0]
    seam = [p for p in doc.paragraphs if p.first_line <= 345 <= p.last_line or p.first_line == 345]
    assert seam and seam[0].text.startswith("（10）推进城市出行、运输车辆绿色更新。")


PDF_LAYOUT = Path(__file__).parent / "corpus_other" / "pdf-layout.txt"


def test_a_page_footer_with_the_count_of_pages_is_a_page_number():
    # pdf-layout.txt's footers, as word processors print them
    for text, page in (("第 3 页 共 5 页", 3), ("第3页/共5页", 3), ("共 5 页 第 4 页", 4)):
        item = furniture_line(120, text)
        assert item is not None and item.kind == "page-number" and item.page == page


def test_a_running_header_of_a_compilation_numbered_by_ji():
    item = furniture_line(41, "基层政务文件汇编                          2025年第4辑")
    assert item is not None and item.kind == "running-header" and (item.year, item.number) == (2025, 4)


def test_form_feeds_part_a_text_into_pages_whose_recurring_edges_are_furniture():
    # pdftotext writes a form feed before each page: the header and footer that recur at the
    # pages' edges are furniture whatever they say (here a header and a bare page number no
    # pattern knows), also where a seam cuts a title block (屈原, lines 118 and 123)
    lines = PDF_LAYOUT.read_text(encoding="utf-8").split("\n")
    lines = ["\f" * line.startswith("\f") + "政务信息选登" + " " * 30 + "2025年4月" if "基层政务文件汇编" in line
             else " " * 26 + line.split()[1] if line.strip().startswith("第 ") and line.strip().endswith("页") else line
             for line in lines]
    parsed = parse_bytes("\n".join(lines).encode(), "pdf-layout.txt")
    assert [d.start_line for d in parsed.documents] == [3, 43, 70, 102, 118, 153]
    quyuan = parsed.documents[4]
    assert quyuan.title.startswith("屈原管理区管理委员会关于同意《") and quyuan.issuer == "岳阳市屈原管理区管理委员会"
    assert not any("政务信息选登" in d.text or "2025年4月" in d.text for d in parsed.documents)


TOC_NUMBERED = Path(__file__).parent / "corpus_other" / "toc-numbered.txt"


def test_a_toc_that_numbers_its_sections_and_prints_no_pages():
    # 目录 / 一、市级文件 / title（文号） / … / 二、人大常委会文件 / titles alone, then the body repeats
    # the first section line: the TOC ends there, and its titles are no documents
    parsed = parse_bytes(TOC_NUMBERED.read_bytes(), "toc-numbered.txt")
    assert [(e.line, e.section, e.page) for e in parsed.toc] == [
        (9, "市级文件", None), (10, "市级文件", None), (12, "人大常委会文件", None),
        (13, "人大常委会文件", None), (14, "人大常委会文件", None)]
    assert str(parsed.toc[0].doc_number) == "临安委〔2011〕3号"
    assert [(d.start_line, d.section) for d in parsed.documents] == [
        (18, "市级文件"), (28, "市级文件"), (41, "人大常委会文件"), (48, "人大常委会文件"), (54, "人大常委会文件")]


def test_a_numbered_heading_stands_alone_where_no_blank_line_parts_the_lines():
    layout = analyse_layout(decode_source(TOC_NUMBERED.read_bytes(), "toc-numbered.txt"))
    by_line = {p.first_line: p for p in layout.paragraphs}
    assert by_line[11].text == "二、人大常委会文件" and by_line[11].last_line == 11
    assert by_line[34].text == "（一）指导思想" and by_line[35].text.startswith("以习近平")


def test_a_notice_numbered_by_session_after_a_document_with_no_date():
    # 宁波市人民代表大会常务委员会 / 公　　告 / （十四届第一号） after the 意见 cut before its date
    parsed = parse_bytes(TOC_NUMBERED.read_bytes(), "toc-numbered.txt")
    yijian, notice = parsed.documents[1], parsed.documents[2]
    assert yijian.signed is None and yijian.end_line < 41
    assert (notice.title, notice.genre, notice.order_number, notice.doc_number) == (
        "宁波市人民代表大会常务委员会公告", "公告", "十四届第一号", None)
    assert notice.signed.isoformat() == "2012-11-30"


def test_a_decision_dated_by_the_meeting_that_adopted_it():
    # （2012年9月28日…会议通过） under the title, over two lines; （…通过　…批准） with two dates
    parsed = parse_bytes(TOC_NUMBERED.read_bytes(), "toc-numbered.txt")
    approval, repeal = parsed.documents[3], parsed.documents[4]
    assert approval.title.endswith("的决定》的决定") and approval.signed.isoformat() == "2012-09-28"
    assert repeal.issuer == "宁波市人民代表大会常务委员会" and repeal.signed.isoformat() == "2012-06-26"


def test_an_order_signed_by_its_leader_and_dated_on_one_line():
    # webpaste.txt: 广西壮族自治区人民政府令 / 第116号 / … / 自治区主席　陈　武　2016年12月6日, pasted
    # after an instrument cut with no date and before another notice's title
    parsed = parse_bytes((Path(__file__).parent / "corpus_other" / "webpaste.txt").read_bytes(), "webpaste.txt")
    assert [d.start_line for d in parsed.documents] == [1, 12, 20, 29]
    order = parsed.documents[2]
    assert (order.title, order.order_number, order.issuer) == ("广西壮族自治区人民政府令", "第116号", "广西壮族自治区人民政府")
    assert order.signed.isoformat() == "2016-12-06"


def test_every_source_line_is_in_a_paragraph_or_furniture():
    from gongbao.text.layout import analyse_layout

    for name in ("yangquan-gazette-2020-06.txt", "yangquan-gazette-2024-03.txt"):
        source = parsed_sample(name).source
        layout = analyse_layout(source)
        covered = {n for p in layout.paragraphs for n in p.lines} | {f.line for f in layout.furniture}
        non_blank = {i for i, line in enumerate(source.lines, 1) if line.strip() and line.strip() not in ("<p>", "</p>")}
        assert non_blank - covered == set()


def test_a_number_standing_alone_inside_a_text_is_not_a_new_document():
    lines = list(LINES_2022)
    at = lines.index("二、工作目标")  # inside 阳政发〔2022〕1号
    lines[at - 1] = "晋政发〔2022〕1号"  # a blank line before the heading becomes a bare cited number
    parsed = parse_bytes("\n".join(lines).encode(), "stray.txt")
    assert len(parsed.documents) == 31
    assert "晋政发〔2022〕1号" in [str(n) for n in parsed.documents[0].numbers("cites")]


# Kinds that held-out set 4 (tests/corpus_other/cover-toc-3, hardwrap-2) showed, each on its own.
BODY = "为加强管理，现就有关事项通知如下。\n\n请认真贯彻执行。"


def parse_text(text: str):
    return parse_bytes(text.encode("utf-8"), "kinds.txt")


def test_an_orders_number_with_a_year_is_its_order_number_not_a_doc_number():
    parsed = parse_text("【政府令】\n\n某某省人民政府令\n\n政府令〔2010〕第15号\n\n《某某省人工影响天气管理规定》已经省政府"
                        "常务会议通过，现予公布，自2011年2月1日起施行。\n\n省长\n\n二○一○年十二月二十五日\n")
    [doc] = parsed.documents
    assert (doc.title, doc.doc_number, doc.order_number) == ("某某省人民政府令", None, "第15号")


def test_a_title_without_issuer_after_a_list_of_people_keeps_to_itself():
    parsed = parse_text("附件\n\n先进个人名单\n\n李某某 某某县林业局\n\n王某 某某省林业厅\n\n— 5 —\n\n"
                        "关于对2010年度农村公路竞赛活动进行表彰的决定\n\n某政〔2011〕7号\n\n" + BODY + "\n\n二○一一年二月二十三日\n")
    doc = parsed.documents[-1]
    assert doc.title == "关于对2010年度农村公路竞赛活动进行表彰的决定" and doc.issuer is None


def test_the_bare_red_head_name_gives_the_issuer_of_an_unsigned_document():
    parsed = parse_text("【政府文件】\n\n某某省人民政府\n\n某政复〔2011〕53号\n\n省政府关于调整某县部分镇行政区划的批复\n\n"
                        "某市人民政府：\n\n" + BODY + "\n\n2011年9月22日\n")
    [doc] = parsed.documents
    assert doc.issuer == "某某省人民政府" and doc.start_line == 3


def test_a_note_before_the_signature_is_not_part_of_the_issuer():
    parsed = parse_text("某市人民政府办公室关于2023年端午节放假安排的通知\n\n各县（区）人民政府：\n\n" + BODY +
                        "\n\n（不另行文）\n\n某市人民政府办公室\n\n2023年6月15日\n")
    [doc] = parsed.documents
    assert doc.issuer == "某市人民政府办公室"


def test_addressees_without_a_colon_on_a_line_of_their_own():
    for sep in ("，", ","):
        parsed = parse_text(f"县人民政府关于给予县城管执法局集体嘉奖的决定\n\n某政发〔2024〕1号\n\n"
                            f"各镇人民政府{sep}县政府各部门{sep}某开发区管委会\n\n" + BODY + "\n\n2024年2月6日\n")
        [doc] = parsed.documents
        assert doc.addressees == ["各镇人民政府", "县政府各部门", "某开发区管委会"]


def test_a_title_without_about_names_its_issuer_first():
    parsed = parse_text("某某县人民政府拟征收土地启动公告\n\n（某征启公告﹝2022﹞4号）\n\n" + BODY + "\n\n2022年1月29日\n")
    [doc] = parsed.documents
    assert doc.issuer == "某某县人民政府" and doc.genre == "公告"


# Kinds that held-out set 5 (tests/corpus_other/markdown, plain-2) showed.
def test_toc_sections_as_markdown_headings_and_the_same_lines_in_the_body():
    text = ("某某政报\n\n2022年第2期\n\n## 目　录\n\n## 政府令\n\n某某省人民政府令（第153号）……（1）\n\n## 市政府文件\n\n"
            "某市人民政府关于某事的意见（某政字〔2021〕30号）　4\n\n## 政府令\n\n# 某某省人民政府令\n\n第153号\n\n"
            "《某某办法》已经省政府常务会议审议通过，现予公布，自公布之日起施行。\n\n省长　某某\n\n2019年12月23日\n\n"
            "## 市政府文件\n\n某市人民政府关于某事的意见\n\n某政字〔2021〕30号\n\n各县（区）人民政府：\n\n" + BODY +
            "\n\n某市人民政府\n\n2021年5月6日\n")
    parsed = parse_text(text)
    assert [(d.title, d.section) for d in parsed.documents] == [
        ("某某省人民政府令", "政府令"), ("某市人民政府关于某事的意见", "市政府文件")]


def test_a_doc_number_in_an_index_field_and_again_as_the_head_heads_one_document():
    text = ("索 引 号：k12498411/2011-00002\n\n发布机构：市政府办\n\n文    号：某政发〔2011〕97号\n\n时    效：有效\n\n"
            "某政发〔2011〕97号\n\n某市人民政府关于印发《某市人民政府全体会议规则》的通知\n\n各县区人民政府：\n\n" + BODY +
            "\n\n某市人民政府\n\n二○一一年七月十三日\n")
    [doc] = parse_text(text).documents
    assert str(doc.doc_number) == "某政发〔2011〕97号" and doc.start_line == 9  # index lines excluded


def test_index_fields_separated_by_bars_under_the_title():
    text = ("关于表彰全民健身运动会参赛工作先进单位的通报\n\n信息分类：其他有关文件 | 责任部门：区政府办 | "
            "文件编号：区府办字〔2012〕142号 | 公开方式：主动公开 |\n\n各镇人民政府、街道办事处，区政府各部门：\n\n" + BODY +
            "\n\n二○一二年十一月二日\n")
    [doc] = parse_text(text).documents
    assert str(doc.doc_number) == "区府办字〔2012〕142号"
    assert doc.addressees == ["各镇人民政府", "街道办事处", "区政府各部门"]


def test_a_doc_number_and_its_title_on_one_line():
    text = ("盘政发〔2010〕22号 某市人民政府关于表彰竞赛优胜单位的决定\n\n各县、区人民政府：\n\n" + BODY +
            "\n\n某市人民政府\n\n2010年3月1日\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.title) == ("盘政发〔2010〕22号", "某市人民政府关于表彰竞赛优胜单位的决定")


def test_a_command_bodys_name_above_its_title():
    text = ("# 某某县人民政府森林防火指挥部\n\n关于禁止燃放烟花爆竹的通告\n\n为减少森林火险隐患，现通告如下：\n\n" + BODY +
            "\n\n某某县人民政府森林防火指挥部\n\n2019年1月16日\n")
    [doc] = parse_text(text).documents
    assert doc.title == "某某县人民政府森林防火指挥部关于禁止燃放烟花爆竹的通告"


# Kinds that held-out set 6 (tests/corpus_other/webpages, gazette) showed.
def test_an_upload_date_line_between_the_title_and_its_number():
    text = ("某市人民政府办公室关于印发《某市突发事件应急预案》的通知\n上载日期: 2019-11-21 来源: 市人民政府办公室\n"
            "某政办规〔2019〕13号\n各县(市)、区人民政府,市政府各部门:\n" + BODY + "\n某市人民政府办公室\n2019年11月20日\n")
    [doc] = parse_text(text).documents
    assert str(doc.doc_number) == "某政办规〔2019〕13号" and doc.start_line == 1
    assert doc.addressees == ["各县(市)", "区人民政府", "市政府各部门"]


def test_a_class_line_before_the_addressee_of_a_reply_letter():
    text = ("某市民政局关于市政协提案答复的函\n\n某民函〔2020〕28号\n\n类别:C类\n\n某某委员:\n\n" + BODY +
            "\n\n某市民政局\n\n2020年7月6日\n\n(此件主动公开)\n")
    [doc] = parse_text(text).documents
    assert doc.addressees == ["某某委员"] and doc.publicity == "此件主动公开"


def test_index_fields_as_a_bulleted_list():
    text = ("  • 索 引 号 : 008282882/2025-00273\n  • 公文种类:\n  • 文  号:某府发〔2025〕18号\n某省人民政府\n"
            "关于印发《某省人民政府工作规则》的通知\n某府发〔2025〕18号\n各市(州)人民政府:\n" + BODY + "\n某省人民政府\n2025年9月28日\n")
    [doc] = parse_text(text).documents
    assert doc.index_number == "008282882/2025-00273" and str(doc.doc_number) == "某府发〔2025〕18号"


def test_a_title_printed_twice_is_one_title():
    text = ("关于对某体育馆周边道路实施临时交通管制的通告\n\n关于对某体育馆周边道路实施临时交通管制的通告\n\n"
            "现通告如下：\n\n" + BODY + "\n\n某市公安局交通警察支队\n\n2023年1月20日\n")
    [doc] = parse_text(text).documents
    assert doc.title == "关于对某体育馆周边道路实施临时交通管制的通告"


def test_the_signature_and_date_at_the_end_of_a_run_on_paragraph():
    text = ("关于对某体育馆周边道路实施临时交通管制的通告\n现通告如下:\n一、管制时间 1月20日 二、其他提示 敬请谅解。 "
            "特此通告 某市公安局交通警察支队 2023年1月20日\n关联稿件:\n\n"
            "某县人民政府关于禁止燃放烟花爆竹的通告\n现通告如下:\n" + BODY + "\n某县人民政府\n2023年1月21日\n")
    docs = parse_text(text).documents
    assert [(d.issuer, d.signed.isoformat()) for d in docs] == [
        ("某市公安局交通警察支队", "2023-01-20"), ("某县人民政府", "2023-01-21")]


def test_a_date_in_brackets_under_a_joint_title():
    text = ("某市人民政府关于某事的通知\n\n各县（区）人民政府：\n\n" + BODY + "\n\n某市人民政府\n\n2007年3月1日\n\n"
            "中共某某市委某某市人民政府关于表彰农业农村工作先进单位的决定\n\n（2007年3月5日）\n\n" + BODY + "\n")
    doc = parse_text(text).documents[-1]
    assert doc.title == "中共某某市委某某市人民政府关于表彰农业农村工作先进单位的决定"
    assert doc.signed.isoformat() == "2007-03-05" and doc.issuers == ["中共某某市委", "某某市人民政府"]


def test_a_title_and_number_printed_only_in_an_index_table():
    text = ("索 引 号 | 失效时间 | ||\n\n标 题 | 某省人民政府关于调整某市部分行政区划的通知 | ||\n\n"
            "发文字号 | 某政〔2005〕31号 | 发布时间 | 2006年09月06日 |\n\n各市、县人民政府,省人民政府各部门:\n\n" + BODY +
            "\n\n某省人民政府\n\n二○○五年七月十八日\n")
    [doc] = parse_text(text).documents
    assert (doc.title, str(doc.doc_number), doc.start_line) == ("某省人民政府关于调整某市部分行政区划的通知", "某政〔2005〕31号", 1)


def test_an_order_heading_and_its_number_on_one_line():
    text = ("某市人民政府令第16号\n\n《某市行政复议程序规定》业经市政府常务会议讨论通过，现予发布实施。\n\n市长：某某\n\n"
            "一九九四年五月十八日\n\n某市行政复议程序规定\n\n第一条 为保证依法行政，制定本规定。\n")
    [doc] = parse_text(text).documents
    assert (doc.title, doc.order_number, doc.genre) == ("某市人民政府令", "第16号", "令")


def test_a_page_number_glued_after_the_publicity_note():
    text = ("关于报送《某委地震应急预案》的报告\n\n某发改办〔2020〕1085号\n\n某市抗震救灾指挥部办公室：\n\n" + BODY +
            "\n\n某市发展和改革委员会\n\n2020年8月10日\n\n（此件主动公开）—2—\n\n某市发展和改革委员会地震应急预案\n")
    [doc] = parse_text(text).documents
    assert doc.publicity == "此件主动公开"
    # the note (and its page) is no line of the title of what the report sends
    assert doc.instrument_title == "某市发展和改革委员会地震应急预案"


def test_cover_lines_without_blank_lines_and_dot_sections_in_the_toc():
    text = ("某地政务文件选编\n2025年第2期（总第14期）\n2025年6月30日出版\n\n目　　录\n\n·市政府文件·\n\n"
            "某市人民政府关于某事的通知（某政发〔2025〕4号）……（4）\n\n·市政府文件·\n\n某政发〔2025〕4号\n\n"
            "某市人民政府关于某事的通知\n\n各县（区）人民政府：\n\n" + BODY + "\n\n某市人民政府\n\n2025年4月30日\n")
    parsed = parse_text(text)
    assert (parsed.issue.gazette, parsed.issue.number, parsed.issue.cumulative) == ("某地政务文件选编", 2, 14)
    assert [(e.doc_number and str(e.doc_number), e.section) for e in parsed.toc] == [("某政发〔2025〕4号", "市政府文件")]


# Kinds that held-out set 7 (tests/corpus_other/ocr-column) showed.
LONG_BODY = ("为创建卫生、清洁、有序、优美的城市环境，加快经济和社会发展，根据有关工作部署，决定对县城区范围内种植的各类"
             "农作物进行统一清理，逾期不清理的，由有关部门强行清理。")


def test_a_joint_titles_issuers_on_a_line_of_their_own():
    text = ("某市发展和改革委员会 中共某市委社会工作部\n\n某市规划和自然资源局 某市住房和城乡建设局 关于印发某市实施方案的通知\n\n"
            "各区（市）县政府，市级有关部门：\n\n" + BODY + "\n")
    [doc] = parse_text(text).documents
    assert doc.start_line == 1 and doc.issuers == ["某市发展和改革委员会", "中共某市委社会工作部", "某市规划和自然资源局",
                                                    "某市住房和城乡建设局"]


def test_documents_after_one_that_prints_no_date():
    text = ("某某市人民政府拟征收土地公告\n\n（某拟征告〔2024〕68号）\n\n" + LONG_BODY + "\n\n"
            "某州人民政府办公室公告\n\n第8号\n\n现公布《某州储备菜籽油管理办法》，自2008年10月1日起施行。\n\n二○○八年九月二十八日\n\n"
            "某州储备菜籽油管理办法\n\n第一条 为了加强管理，制定本办法。\n\n"
            "关于严禁在县城区种植农作物的通告\n\n" + LONG_BODY + "\n\n某县城市管理局、某县林业局\n\n某县国土局、某镇人民政府\n\n2018年10月23日\n")
    docs = parse_text(text).documents
    assert [(d.title, d.order_number, d.signed and d.signed.isoformat()) for d in docs] == [
        ("某某市人民政府拟征收土地公告", None, None), ("某州人民政府办公室公告", "第8号", "2008-09-28"),
        ("关于严禁在县城区种植农作物的通告", None, "2018-10-23")]
    assert docs[-1].issuers == ["某县城市管理局", "某县林业局", "某县国土局", "某镇人民政府"]


def test_a_list_of_titles_inside_an_undated_document_is_no_document():
    text = ("某市人民政府关于废止部分规范性文件的决定\n\n某政发〔2020〕3号\n\n各县（区）人民政府：\n\n下列文件同时废止：\n\n"
            "关于加强某项管理的通知（某政发〔2019〕9号）\n\n" + LONG_BODY + "\n\n关于做好某项工作的通知（某政办发〔2018〕92号）\n\n"
            + LONG_BODY + "\n")
    assert len(parse_text(text).documents) == 1


# Kinds that held-out set 8 (tests/corpus_other/mixed) showed.
def test_a_red_head_over_two_lines_under_the_pages_own_heading():
    text = ("关于印发《某区实施意见》的通知\n\n来源:某区政府网 发布时间:2020年03月25日 11:31 浏览次数:\n\n某某自治区人民政府\n\n文件\n\n"
            "某政发〔2020〕16号\n\n关于印发《某区实施意见》的通知\n\n各州、市人民政府:\n\n" + BODY + "\n\n2020年3月19日\n\n(此件公开发布)\n")
    [doc] = parse_text(text).documents
    assert (doc.issuer, doc.start_line) == ("某某自治区人民政府", 5)


def test_a_publishing_timestamp_under_the_title_before_the_addressees():
    text = ("某市人民政府办公厅关于印发《某制度》的通知\n\n各县、区人民政府:\n\n" + BODY + "\n\n"
            "关于召开某区迎检工作会议的通知\n\n2010年3月4日 09:12\n\n各镇、街道党工委,区级机关各部门:\n\n" + BODY +
            "\n\n某区创建工作领导小组办公室\n\n2010年3月3日\n")
    docs = parse_text(text).documents
    assert [d.title for d in docs] == ["某市人民政府办公厅关于印发《某制度》的通知", "关于召开某区迎检工作会议的通知"]
    assert docs[1].addressees == ["各镇", "街道党工委", "区级机关各部门"]


def test_an_orders_number_under_the_title_and_the_issuers_name():
    text = ("某市人民政府关于控制主城区尘污染的通告\n\n某市人民政府\n\n渝府令第 121 号\n\n《某市人民政府关于控制主城区尘污染的通告》"
            "已经市人民政府常务会议审议通过,现予发布。\n\n市 长\n\n二○○一年十二月三十日\n\n某市人民政府关于控制主城区尘污染的通告\n\n"
            "第一条 为有效控制主城区尘污染,制定本通告。\n")
    [doc] = parse_text(text).documents
    assert (doc.title, doc.order_number, doc.doc_number) == ("某市人民政府关于控制主城区尘污染的通告", "第121号", None)


def test_a_date_line_whose_characters_a_web_page_lost():
    text = "某市人民政府办公厅关于印发《某制度》的通知\n\n各县、区人民政府:\n\n" + BODY + "\n\n        20151214\n\n某制度\n"
    [doc] = parse_text(text).documents
    assert doc.signed.isoformat() == "2015-12-14"


# Kinds that held-out set heldout2 (tests/corpus_other/gongbao-wrap, portal-meta) showed.
def test_a_doc_number_glued_to_its_title():
    text = ("某县政府信息公开\n\n某政发【2023】7号关于印发某县突发事件总体应急预案的通知\n\n各乡镇人民政府、街道办事处：\n\n"
            + BODY + "\n\n某县人民政府\n\n2023年3月9日\n\n（此件公开发布）\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.title, doc.issuer) == (
        "某政发〔2023〕7号", "关于印发某县突发事件总体应急预案的通知", "某县人民政府")


def test_index_lines_without_colons_and_the_title_printed_above_them_again():
    """A portal page: its heading (the title), index lines `label value`, then the document's own
    head (文号, title, addressees without their colon) with no blank lines: one document, from its
    文号 line, the label never part of the 文号."""
    text = ("某区人民政府关于印发《某区人民政府工作规则》的通知\n索引号 SY-310115-2022-00371\n文件编号 某府〔2022〕1号\n"
            "发布机构 区政府\n公开类别 主动公开\n发布时间 2022-01-29\n某府〔2022〕1号\n某区人民政府关于印发\n"
            "《某区人民政府工作规则》的通知\n区政府各委、办、局，各管理局（管委会），各直属企业，各街办事处、镇政府\n"
            "《某区人民政府工作规则》已经区政府常务会议审议通过，现予印发。\n2022年1月28日\n（此件公开发布）\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.start_line, doc.index_number) == ("某府〔2022〕1号", 7, "SY-310115-2022-00371")
    assert doc.title == "某区人民政府关于印发《某区人民政府工作规则》的通知" and doc.issuer == "某区人民政府"
    assert doc.addressees == ["区政府各委", "办", "局", "各管理局（管委会）", "各直属企业", "各街办事处", "镇政府"]


def test_a_signature_inside_a_run_on_line_with_the_instrument_after_it():
    text = ("索引号 | 001008003001086/2020-42401 | ||\n组配分类 | 部门文件 | 发布机构 | 某镇 |\n文号 | 某山政〔2020〕72号 |\n各科室，各站所，各村： 为提高处置突发公共事件的能力，制定本预案，现印发给你们，请认真执行。"
            " 附件：某镇突发公共事件总体应急预案 某市某区某镇人民政府 2020年10月22日 某镇突发公共事件总体应急预案 1.总则\n")
    [doc] = parse_text(text).documents
    assert (doc.issuer, doc.signed.isoformat()) == ("某市某区某镇人民政府", "2020-10-22")


def test_a_forwarding_title_whose_only_about_is_the_forwarded_documents():
    """The 关于 inside 《…》 is the forwarded title's: the issuers are those before 转发 (joined by
    、), the genre 通知; their byline under the title is no addressee."""
    text = ("某市财政局、某市水利局转发财政部、水利部\n《关于颁发〈某补助费使用管理暂行办\n法〉的通知》\n\n某财农〔2001〕12号\n\n"
            "某市财政局 市水利局\n\n"
            "各区、县财政局、市属水利管理单位：\n\n" + BODY + "\n\n某市财政局    某市水利局\n\n二〇〇一年十月十二日\n")
    [doc] = parse_text(text).documents
    assert (doc.issuer, list(doc.issuers), doc.genre) == ("某市财政局", ["某市财政局", "某市水利局"], "通知")
    assert doc.addressees == ["各区", "县财政局", "市属水利管理单位"]


def test_a_forwarding_notice_without_a_doc_number_after_another_document():
    """`某局转发某部《关于…的通知》` is a complete title (a 通知 that prints no genre of its own), so
    it begins a document of its own where one may start, and no blank line joins it to the
    addressees under it."""
    text = ("某县人民政府关于做好防汛工作的通知\n\n各乡镇人民政府：\n\n" + BODY + "\n\n某县人民政府\n\n2021年5月1日\n\n"
            "某县人民政府办公室转发市政府办公室《关于做好森林防火工作的通知》\n\n各乡镇人民政府，县直各部门：\n\n" + BODY +
            "\n\n某县人民政府办公室\n\n2021年6月1日\n")
    docs = parse_text(text).documents
    assert [(d.title, d.issuer, d.genre) for d in docs][1] == (
        "某县人民政府办公室转发市政府办公室《关于做好森林防火工作的通知》", "某县人民政府办公室", "通知")
    assert docs[1].addressees == ["各乡镇人民政府", "县直各部门"]


def test_a_paragraph_ending_with_a_note_after_its_sentence_is_finished():
    """`…前完成。（责任单位：…）` ends its paragraph: the 政府令 after the blank line is a document of
    its own, not the rest of that sentence."""
    text = ("某县人民政府办公室关于印发某县环境整治方案的通知\n\n某政办发〔2022〕15号\n\n各乡镇人民政府：\n\n"
            "《某县环境整治方案》已经县政府同意，现印发给你们。\n\n某县人民政府办公室\n\n2022年5月10日\n\n某县环境整治方案\n\n"
            "（一）整治农村垃圾。2022年12月底前完成。（责任单位：县住建局、各乡镇人民政府）\n\n"
            "某市人民政府令\n第45号\n\n《某市城市绿化管理办法》已经市人民政府常务会议通过，现予公布，自2022年8月1日起施行。\n\n"
            "市长  王某某\n2022年6月8日\n\n某市城市绿化管理办法\n\n第一条 为了加强城市绿化管理，制定本办法。\n")
    docs = parse_text(text).documents
    assert [(d.title, d.order_number) for d in docs] == [
        ("某县人民政府办公室关于印发某县环境整治方案的通知", None), ("某市人民政府令", "第45号")]
    assert docs[0].text.rstrip().endswith("（责任单位：县住建局、各乡镇人民政府）")


def test_a_title_that_fills_its_line_in_a_hard_wrapped_column():
    """A column 20 characters wide, the 通告's title exactly one line: it ends its paragraph (a full
    line otherwise runs on), so the 通告 is found after the document before it."""
    lines = ["某某县人民政府关于张某某等同志职务任免的通", "知", "某政任〔2022〕3号", "各乡镇人民政府，县直各部门：",
             "经县人民政府研究决定：", "任命张某某为某某县交通运输局局长，试用期一", "年；", "任命王某某为某某县教育局副局长；",
             "免去李某某的某某县交通运输局局长职务，另有", "任用。", "某某县人民政府", "2022年3月1日",
             "某某市人民政府关于禁止燃放烟花爆竹的通告", "为保障公共安全，根据有关法律法规，现就有", "关事项通告如下：",
             "一、本市城区范围内全年禁止燃放烟花爆竹，违", "者依法处罚。", "二、本通告自发布之日起施行，由市公安局负责", "解释。",
             "特此通告。", "某某市人民政府", "2022年12月20日"]
    parsed = parse_text("\n".join(lines) + "\n")
    assert parsed.layout == "hardwrap"
    assert [(d.title, d.genre) for d in parsed.documents] == [
        ("某某县人民政府关于张某某等同志职务任免的通知", "通知"), ("某某市人民政府关于禁止燃放烟花爆竹的通告", "通告")]


def test_a_resolution_with_the_note_of_its_adoption_after_a_dated_document():
    """A 决议 printed with the note of its adoption under its title (no addressees, no signature)
    begins a document of its own; its date is the meeting's (GB/T 9704), as is a 决定's whose note
    also names the order that published it."""
    text = ("某某县人民政府\n关于某某镇人民政府驻地迁移的批复\n某政函〔2022〕9号\n\n某某镇人民政府：\n\n你镇的请示收悉。经研究，同意迁移。\n\n"
            "某某县人民政府\n2022年2月18日\n\n某某市人民代表大会常务委员会关于批准某某市2021年市级决算的决议\n\n"
            "（2022年8月25日某某市第十五届人民代表大会常务委员会第四次会议通过）\n\n"
            "某某市第十五届人民代表大会常务委员会第四次会议听取了市财政局局长所作的报告，会议决定，批准某某市2021年市级决算。\n\n"
            "某某省人民政府关于修改和废止部分省政府规章的决定\n\n"
            "（2021年12月20日某某省人民政府第88次常务会议通过　2021年12月30日某某省人民政府令第276号公布　自公布之日起施行）\n\n"
            "为维护社会主义法制统一，根据有关法律、行政法规的规定，结合本省实际，经省人民政府常务会议研究，省人民政府决定：废止《某某省农村公路管理办法》。\n\n"
            "本决定自公布之日起施行。\n")
    docs = parse_text(text).documents
    assert [(d.genre, d.signed.isoformat() if d.signed else None) for d in docs] == [
        ("批复", "2022-02-18"), ("决议", "2022-08-25"), ("决定", "2021-12-20")]
    assert docs[1].issuer == "某某市人民代表大会常务委员会"


def test_a_document_typed_with_full_width_digits():
    text = ("某县人民政府关于做好２０２３年防汛工作的通知\n\n某政发［２０２３］９号\n\n各乡镇人民政府：\n\n" + BODY +
            "\n\n某县人民政府\n\n２０２３年５月１０日\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.signed.isoformat()) == ("某政发〔2023〕9号", "2023-05-10")


def test_a_publicity_note_printed_without_its_brackets():
    text = ("某县人民政府关于印发某县农村集体资产管理办法的通知\n某政规〔2023〕1号\n各乡镇人民政府：\n"
            "现将《某县农村集体资产管理办法》印发给你们，请遵照执行。\n某县人民政府\n2023年1月5日\n此件公开发布\n"
            "某县农村集体资产管理办法\n第一条 为加强农村集体资产管理，制定本办法。\n")
    [doc] = parse_text(text).documents
    assert doc.publicity == "此件公开发布" and doc.instrument_title == "某县农村集体资产管理办法"


def test_the_printing_line_of_the_colophon_and_a_signer_line_under_the_number():
    """GB/T 9704's 版记 ends with `印发机关 日期印发`: a line of its own that ends the document, never
    a title; an upward document's `签发人：` line under its 文号 is head metadata, the title follows."""
    text = ("某县人民政府文件\n\n某政发〔2023〕15号\n\n某县人民政府关于某某工作的报告\n\n某市人民政府：\n\n" + BODY +
            "\n\n某县人民政府\n\n2023年6月2日\n\n抄送：县委办公室。\n\n某县人民政府办公室　　　　2023年6月2日印发\n\n"
            "某县人民政府办公室文件\n\n某政办发〔2023〕40号\n\n签发人：李某某\n\n某县人民政府办公室关于请求拨付某某经费的请示\n\n"
            "县人民政府：\n\n为保障某某工作顺利开展，特请求拨付经费10万元。\n\n妥否，请批示。\n\n某县人民政府办公室\n\n2023年6月10日\n")
    docs = parse_text(text).documents
    assert [(str(d.doc_number), d.title, d.genre) for d in docs] == [
        ("某政发〔2023〕15号", "某县人民政府关于某某工作的报告", "报告"),
        ("某政办发〔2023〕40号", "某县人民政府办公室关于请求拨付某某经费的请示", "请示")]


def test_a_seal_note_after_the_signature_and_joint_issuers_spaced_with_ideographic_spaces():
    text = ("某市人民政府办公室关于做好某某工作的通知\n\n某政办发〔2023〕51号\n\n各区县人民政府：\n\n" + BODY +
            "\n\n某市人民政府办公室（代章）\n\n2023年7月1日\n\n"
            "某市财政局　某市教育局　某市人力资源和社会保障局\n关于印发某市教师培训经费管理办法的通知\n\n某财教〔2023〕8号\n\n"
            "各区县财政局、教育局：\n\n" + BODY + "\n\n某市财政局\n\n某市教育局\n\n某市人力资源和社会保障局\n\n2023年7月5日\n")
    docs = parse_text(text).documents
    assert [(d.issuer, d.signed.isoformat()) for d in docs] == [("某市人民政府办公室", "2023-07-01"), ("某市财政局", "2023-07-05")]
    assert docs[1].title == "某市财政局某市教育局某市人力资源和社会保障局关于印发某市教师培训经费管理办法的通知"
    assert list(docs[1].issuers) == ["某市财政局", "某市教育局", "某市人力资源和社会保障局"]


def test_a_running_head_naming_the_section_between_a_title_and_its_number():
    """A page seam between a title and its 文号 (a short PDF's head too rare to recur at the page
    edges): the section-like head is no part of the title, and the number still heads it."""
    text = ("某市人民政府关于禁止燃放烟花爆竹的通告\n\n为保障公共安全，现就有关事项通告如下：\n\n本通告自发布之日起施行。\n\n"
            "某市人民政府\n\n2022年12月20日\n\n某市人民政府办公室关于商请支持某某项目建设的函\n\n— 1 —\n\n·政府文件·\n\n"
            "某政办函〔2022〕21号\n\n省发展改革委：\n\n我市某某项目已列入省重点项目，恳请贵委给予支持。\n\n某市人民政府办公室\n\n2022年9月5日\n")
    docs = parse_text(text).documents
    assert [(d.title, str(d.doc_number) if d.doc_number else None) for d in docs] == [
        ("某市人民政府关于禁止燃放烟花爆竹的通告", None), ("某市人民政府办公室关于商请支持某某项目建设的函", "某政办函〔2022〕21号")]


def test_markdown_headings_before_documents_are_their_sections_without_a_toc():
    """A converted gazette with no TOC: a heading right before a document's first line that is
    neither a title nor a numbered heading names its section; `市政府办公室文件`, the level without a
    place, is a section, never a 版头 (which prints the organ's whole name)."""
    text = ("# 某市人民政府公报\n\n## 2023年第4期\n\n### 市政府文件\n\n**某市人民政府关于印发某市数字经济发展规划的通知**\n\n"
            "某政发〔2023〕20号\n\n各区县人民政府：\n\n" + BODY + "\n\n某市人民政府\n\n2023年4月6日\n\n## 某市数字经济发展规划\n\n"
            "### 一、发展基础\n\n全市数字经济规模持续扩大。\n\n### 市政府办公室文件\n\n"
            "**某市人民政府办公室关于做好2023年高温天气防范工作的通知**\n\n某政办发〔2023〕33号\n\n各区县人民政府：\n\n" + BODY +
            "\n\n某市人民政府办公室\n\n2023年6月20日\n")
    docs = parse_text(text).documents
    assert [(d.start_line, d.section) for d in docs] == [(7, "市政府文件"), (29, "市政府办公室文件")]


def test_plain_lines_naming_a_kind_of_document_before_documents_are_sections():
    text = ("市政府文件\n\n某市人民政府关于某事的通知\n\n某政发〔2023〕1号\n\n各区县人民政府：\n\n" + BODY +
            "\n\n某市人民政府\n\n2023年1月1日\n\n部门文件\n\n某市财政局关于某事的通知\n\n某财发〔2023〕2号\n\n各区县财政局：\n\n" + BODY +
            "\n\n某市财政局\n\n2023年1月2日\n")
    assert [(d.start_line, d.section) for d in parse_text(text).documents] == [(3, "市政府文件"), (19, "部门文件")]


def test_an_organs_notice_after_an_undated_one():
    """Newspaper-style 通告 printed one after another with no signature or date: an organ's 通告
    heading between the end of a sentence and its text begins a document of its own."""
    text = ("某市人民政府通告\n\n为加强交通管理，决定对某某路实行单向通行。本通告自2023年3月1日起施行。\n\n"
            "某市公安局交通管理支队通告\n\n因道路施工，某某桥自2023年3月5日至4月5日封闭施工，请过往车辆绕行。\n")
    docs = parse_text(text).documents
    assert [(d.title, d.issuer) for d in docs] == [("某市人民政府通告", "某市人民政府"),
                                                  ("某市公安局交通管理支队通告", "某市公安局交通管理支队")]


# Kinds that held-out set 14 (tests/corpus_other/webstore, ebook-page) showed.

WEBSTORE = (Path(__file__).parent / "corpus_other" / "webstore.txt").read_text(encoding="utf-8").split("\n")


def test_pages_pasted_with_one_paragraph_a_line_split_at_every_line_break():
    """Two web pages with no blank line inside them (one paragraph a line, several lines wider
    than any printed column) and one between them: each line break is a paragraph mark, so the
    town's title standing on its line is no part of the text under it, and begins its document
    after the 意见 cut before its date."""
    text = "\n".join(WEBSTORE[:17]) + "\n"  # the 意见, a blank line, the town's blog page
    docs = parse_text(text).documents
    assert [(d.start_line, d.title, d.issuer) for d in docs] == [
        (1, "关于贯彻落实国务院进一步加强农村教育工作决定的意见", None),
        (12, "新城镇关于做好2021年春节期间空气质量保障工作的通知", "新城镇")]


def test_a_town_named_alone_before_about_is_a_title_s_issuer():
    """`某某镇关于…的通知`: a town (乡, 街道) names itself by its place alone; after a document cut
    before its date, that title standing alone begins a document, the town its issuer."""
    lines = [line for line in WEBSTORE[:7] + WEBSTORE[11:17] if line]
    docs = parse_text("\n\n".join(lines) + "\n").documents
    assert [(d.title, d.issuer, d.genre) for d in docs][1:] == [
        ("新城镇关于做好2021年春节期间空气质量保障工作的通知", "新城镇", "通知")]


def test_a_filing_number_cited_after_a_quoted_title_is_no_filing_number_of_the_document():
    """`依据《…项目备案的证明》（津西审投内备〔2022〕112号）`: the 备 number names the document
    cited; the 公告 that cites it prints no filing number of its own. One standing on its own
    line is the document's."""
    text = "\n".join(WEBSTORE[18:38]) + "\n"
    doc = parse_text(text).documents[0]
    assert doc.title == "征收土地预公告" and doc.filing_number is None
    doc = parse_text(text + "津西文备〔2023〕7号\n").documents[0]
    assert doc.filing_number == "津西文备〔2023〕7号"


def test_a_portal_heading_over_the_document_s_own_head_is_no_document():
    """A portal page: its index block, the page's heading (the title without its issuer) and a
    timestamp, then the document's own head (文号, issuer line, title): one document, from its
    文号 line."""
    docs = parse_text("\n".join(WEBSTORE[39:]) + "\n").documents
    assert [(d.start_line, d.doc_number and str(d.doc_number), d.title) for d in docs] == [
        (17, "辛政办字〔2024〕2号", "辛集市人民政府办公室关于印发辛集市重污染天气应急预案的通知")]


EBOOK_PAGE = (Path(__file__).parent / "corpus_other" / "ebook-page.txt").read_text(encoding="utf-8")


def test_a_flip_book_page_s_number_lines_and_a_wide_running_header_are_furniture():
    """A gazette's flip-book web edition heads each page `Page 24 - 2021年第3期` and `P. 24`;
    print layout spreads a running header's parts over the width (longer than 60 characters
    with its spaces): all page furniture, never a title's lines."""
    lines = EBOOK_PAGE.split("\n")
    assert furniture_line(1, lines[0]).page == 24 and furniture_line(2, lines[1]).page == 24
    header = furniture_line(4, lines[3].strip())
    assert (header.kind, header.gazette, header.number, header.year) == ("running-header", "大同市人民政府公报", 3, 2021)
    layout = analyse_layout(decode_source(EBOOK_PAGE.encode("utf-8"), "page.txt"))
    assert {f.line for f in layout.furniture} >= {1, 2, 4} and layout.paragraphs[0].first_line == 10
    parsed = parse_text(EBOOK_PAGE)
    assert (parsed.issue.gazette, parsed.issue.year, parsed.issue.number) == ("大同市人民政府公报", 2021, 3)


def test_a_letter_spaced_issuer_line_above_about_begins_the_title():
    """`大 同 市 人 民 政 府 办 公 室` spread over the width above `关于印发…的通知`: the title's first
    line, its issuer; the section is the running header's above the head (the page it begins on)."""
    doc = parse_text(EBOOK_PAGE).documents[0]
    assert (doc.start_line, doc.issuer, doc.section) == (10, "大同市人民政府办公室", "大同市人民政府办公室文件")
    assert doc.title == "大同市人民政府办公室关于印发《大同市空气质量巩固提升2021年行动计划》的通知"


# Kinds that held-out set 15 (tests/corpus_other/forest) showed.

FOREST = (Path(__file__).parent / "corpus_other" / "forest.txt").read_text(encoding="utf-8").split("\n")


def forest(first: int, last: int) -> str:
    """Lines first..last (1-based) of forest.txt, the others blank: line numbers kept."""
    return "\n".join(line if first <= n <= last else "" for n, line in enumerate(FOREST, 1)) + "\n"


def test_an_organ_s_order_naming_what_it_orders_is_a_title():
    """`长汀县人民政府森林防火禁火令`: an organ's 令 that names its subject (禁火令, 禁燃令) and has no
    关于 is a complete title, genre 令, its issuer the organ."""
    [doc] = parse_text(forest(1, 17)).documents
    assert (doc.start_line, doc.title, doc.issuer, doc.genre) == (1, "长汀县人民政府森林防火禁火令", "长汀县人民政府", "令")


def test_a_complete_title_after_a_text_cut_at_a_comma_begins_anew():
    """`森林火警，` (a text cut short) and then `关于发布…的通告` on the next printed line: the title
    does not run on from the comma; the 通告 begins at its own title."""
    docs = parse_text(forest(1, 40)).documents
    assert [(d.start_line, d.title) for d in docs] == [
        (1, "长汀县人民政府森林防火禁火令"), (19, "关于发布禁止违规野外用火的通告")]


def test_a_notice_announcing_an_act_issues_no_instrument():
    """`关于发布禁止违规野外用火的通告` announces a ban, it issues nothing that follows it: after it,
    cut before its date, the next order's heading begins a document of its own."""
    docs = parse_text(forest(63, 117)).documents
    assert [(d.start_line, d.genre) for d in docs] == [(63, "通告"), (91, "令")]
    assert docs[0].signed is None
    assert docs[1].signed.isoformat() == "2025-01-08" and docs[1].order_number == "第2号"


def test_a_numbered_order_of_its_own_text_promulgates_nothing():
    """A 禁火令 numbered `（2025年第2号）` is its own text, not a 政府令 promulgating a regulation: the
    first title after its signature is the next document, not its instrument."""
    docs = parse_text(forest(91, 137)).documents
    assert [(d.start_line, d.issuer) for d in docs] == [(91, "南平市延平区人民政府"), (119, "鹤山市人民政府")]


# Kinds that held-out set 16 (tests/corpus_other/pasted) showed.

PASTED = (Path(__file__).parent / "corpus_other" / "pasted.txt").read_text(encoding="utf-8").split("\n")


def test_a_signature_spread_far_apart_at_a_run_on_line_s_end_dates_it():
    """`…举报电话：110.    特此通告          揭阳市公安局          2017年1月1日`: the text, the closing
    formula, signature and date on one line, spaced far apart: the signature and date close it."""
    [doc] = parse_text("\n".join(PASTED[:2]) + "\n").documents
    assert (doc.issuer, doc.signed.isoformat()) == ("揭阳市公安局", "2017-01-01")


def test_a_title_of_the_genre_alone_with_addressees_under_it_begins_a_document():
    """A town's `通 知` (the genre alone, spaced), the portal's timestamp lines and the addressees
    under it, after a dated document: a document of its own, its issuer the signature's."""
    docs = parse_text("\n".join(PASTED[:11]) + "\n").documents
    assert [(d.start_line, d.title, d.issuer, d.signed.isoformat()) for d in docs] == [
        (1, "揭阳市公安局关于禁止在市区燃放烟花爆竹的通告", "揭阳市公安局", "2017-01-01"),
        (3, "通知", "诸暨市安华镇人民政府", "2022-09-09")]


def test_a_draft_s_note_after_the_title_keeps_its_genre():
    """`…的通告` with `（征求意见稿）` under it: the note ends the title, the genre is still 通告;
    the issuer's name letter-spaced above 关于 begins the title; a blank date (年 月 日) is none."""
    [doc] = parse_text("\n".join(PASTED[11:]) + "\n").documents
    assert (doc.title, doc.genre, doc.issuer, doc.signed) == (
        "五华县人民政府关于五华县全域禁燃禁放烟花爆竹的通告（征求意见稿）", "通告", "五华县人民政府", None)


# Kinds that held-out set 18 (tests/corpus_other/townships) showed.
def test_a_covers_name_is_the_line_above_its_issue_number_whatever_it_ends_in():
    text = ("某地基层信息选刊\n2022年第1期\n（总第9期）\n某地编辑室　编\n2022年1月20日\n目　录\n【区县文件】\n"
            "某区人民政府办公室关于某事的通知　1\n【区县文件】\n某区人民政府办公室关于某事的通知\n某区府办发〔2022〕3号\n"
            "各乡镇人民政府：\n" + BODY + "\n某区人民政府办公室\n2022年1月5日\n")
    issue = parse_text(text).issue
    assert (issue.gazette, issue.number, issue.cumulative) == ("某地基层信息选刊", 1, 9)
    assert issue.published and issue.published.isoformat() == "2022-01-20"  # a date alone on the cover


# Kinds that held-out set 19 (tests/corpus_other/joint-page) showed.
def test_a_dash_rule_under_a_title_is_no_part_of_it():
    text = ("某市人民政府\n关于加快发展某项事业的实施意见\n——\n某政发〔2015〕21号\n\n" + BODY + "\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.title, str(doc.doc_number)) == (1, "某市人民政府关于加快发展某项事业的实施意见",
                                                                "某政发〔2015〕21号")


def test_a_web_pages_breadcrumb_stands_alone():
    """`您所在的位置：首页>…>正文` is navigation on a line of its own: the joint issuers under it
    begin the title."""
    text = ("您所在的位置：首页>期刊栏目>市政府文件>正文\n中共某市委 某市人民政府\n关于加快发展某项事业的实施意见\n"
            "某党发〔2015〕21号\n\n" + BODY + "\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.issuers) == (2, ["中共某市委", "某市人民政府"])
    long = "当前位置：首页 > 政务公开 > 法定主动公开内容 > 应急管理 > 应急预案 > 正文"  # over 40 characters
    [doc] = parse_text(text.replace("您所在的位置：首页>期刊栏目>市政府文件>正文", long)).documents
    assert (doc.start_line, doc.issuers) == (2, ["中共某市委", "某市人民政府"])


# Kinds that held-out set 20 (tests/corpus_other/newsfeed) showed.
def test_a_short_page_without_blank_lines_whose_paragraphs_are_wider_than_any_column():
    """A page of a dozen lines, no blank line, its longest paragraph some 100 characters on one
    line (wider than any printed column, two run together included): each line break is a
    paragraph mark, so the title on its line is not read into the text under it."""
    text = ("某地新闻\n2022-03-19 21:18:29\n关于暂缓恢复辖区内所有集市的通告\n"
            "近期，疫情形势骤然严峻，为进一步做好疫情防控常态化工作，避免人群聚集可能引发的交叉感染，切实保护全镇人民群众"
            "生命安全和身体健康，经某镇疫情防控指挥部研究决定，暂缓恢复辖区内所有集市活动。现就有关事项通告如下：\n"
            "一、即日起，全面暂停全镇所有集市活动，如有变化另行通知。\n特此通告！\n某镇疫情防控指挥部\n2022年3月18日\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.title, doc.issuer) == (3, "关于暂缓恢复辖区内所有集市的通告", "某镇疫情防控指挥部")


# Kinds that held-out set 22 (tests/corpus_other/county-gazette) showed.
RULES = ("第一章　总则\n第一条　为规范县政府工作，制定本规则。\n第二条　县政府实行县长负责制，县长主持县政府全面工作。\n")


def test_a_toc_whose_pages_stand_alone_under_the_titles():
    """目录 entries printed as the title alone, wrapped, and the page on the next line (a TOC as
    OCR or pdftotext gives it): each line pair is one entry, a rule's name without a genre too,
    and none of them is a document."""
    text = ("某县政务公报\n2024年第2期\n2024年6月28日\n目　录\n【县政府文件】\n某县人民政府关于公布某事结果的决定\n1\n"
            "某县人民政府工作规则\n2\n【县政府办公室文件】\n某县人民政府办公室关于成立某县某工作指挥部\n的通知\n3\n"
            "某县政务公报\n【县政府文件】\n某县人民政府关于公布某事结果的决定\n各乡镇人民政府：\n" + BODY + "\n某县人民政府\n"
            "2024年5月6日\n某县人民政府工作规则\n（2024年5月8日县政府第1次常务会议通过）\n" + RULES
            + "【县政府办公室文件】\n某县人民政府办公室关于成立某县某工作指挥部的通知\n某政办函〔2024〕5号\n各乡镇人民政府：\n"
            + BODY + "\n")
    parsed = parse_text(text)
    assert [(e.line, e.title, e.page, e.section) for e in parsed.toc] == [
        (6, "某县人民政府关于公布某事结果的决定", 1, "县政府文件"), (8, "某县人民政府工作规则", 2, "县政府文件"),
        (11, "某县人民政府办公室关于成立某县某工作指挥部的通知", 3, "县政府办公室文件")]
    assert [d.start_line for d in parsed.documents] == [16, 23, 29]


def test_a_number_above_a_rules_title_heads_it():
    """`某政发〔2017〕40号` over `某县人民政府工作规则` (no 关于, no genre of the 15) after the text of
    a document cut short: the number heads a rule printed on its own."""
    text = ("某县人民政府关于公布某事结果的决定\n各乡镇人民政府：\n为加强管理，现将有关事项公布如下。\n请认真贯彻执行。\n"
            "某政发〔2017〕40号\n某县人民政府工作规则\n" + RULES)
    first, rules = parse_text(text).documents
    assert first.end_line == 4
    assert (rules.start_line, rules.title, str(rules.doc_number), rules.issuer, rules.genre) == (
        5, "某县人民政府工作规则", "某政发〔2017〕40号", "某县人民政府", None)


def test_a_rules_title_over_the_note_of_its_adoption_begins_a_document():
    """`某区人民政府…规定` / `（2021年11月23日…常务会议通过）` after another rule cut short: a rule
    printed on its own, dated by its adoption; the same title after a 印发 notice that names it
    is what that notice issues."""
    text = ("某县人民政府工作规则\n（某政发〔2024〕7号）\n" + RULES + "某区人民政府重大行政决策程序规定\n"
            "（2021年11月23日第五届区政府第1次常务会议通过）\n" + RULES)
    first, second = parse_text(text).documents
    assert (second.start_line, second.title, second.issuer) == (6, "某区人民政府重大行政决策程序规定", "某区人民政府")
    assert second.signed.isoformat() == "2021-11-23" and first.end_line == 5
    issuing = ("某区人民政府关于印发《某区人民政府工作规则》的通知\n某区政发〔2021〕9号\n各街道办事处：\n"
               "《某区人民政府工作规则》已经区政府常务会议通过，现予印发。\n某区人民政府\n2021年11月25日\n"
               "某区人民政府工作规则\n（2021年11月23日第五届区政府第1次常务会议通过）\n" + RULES)
    [doc] = parse_text(issuing).documents
    assert doc.title == "某区人民政府关于印发《某区人民政府工作规则》的通知" and doc.end_line == 11
    two = issuing.replace("《某区人民政府工作规则》的通知", "《某区人民政府工作规则》《某区人民政府办公室公文处理办法》的通知", 1) \
        + "某区人民政府办公室公文处理办法\n（2021年11月23日第五届区政府第1次常务会议通过）\n" + RULES
    [doc] = parse_text(two).documents  # the second rule it issues, under its own note, is no document
    assert doc.end_line == 16
# Kinds that held-out set 21 (tests/corpus_other/departments) showed.
def test_an_instruments_own_contents_after_a_notice_are_no_toc_of_the_issue():
    """The 目录 of the 预案 a notice issues, leaders and pages, after the notice's addressees and
    text: the issue's TOC stands before every document, so the notice is not front matter."""
    text = ("某县人民政府办公室关于印发某县应急预案的通知\n某府办发〔2017〕13号\n\n各乡镇人民政府，县政府有关部门：\n\n"
            "现将《某县应急预案》印发给你们，请认真贯彻执行。\n\n某县人民政府办公室\n\n2017年8月17日\n\n某县应急预案\n\n目 录\n\n"
            "1 总则……………………4\n\n1.1 编制目的……………………4\n\n2 组织体系……………………5\n\n1 总则\n\n为规范应急工作，制定本预案。\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, str(doc.doc_number), doc.signed.isoformat()) == (1, "某府办发〔2017〕13号", "2017-08-17")


def test_a_date_whose_year_and_month_marks_a_page_lost():
    """`2017817日`, `2024110`: the year, then month and day run together, read when only one
    split is a date (8-17, not 81-7); `2024111` (1-11 or 11-1) is no date."""
    from gongbao.text.chinese import markless_date

    assert markless_date("2017817日").isoformat() == "2017-08-17"
    assert markless_date("2024110").isoformat() == "2024-01-10"
    assert markless_date("20151214").isoformat() == "2015-12-14"
    assert markless_date("2024111") is None and markless_date("201712") is None and markless_date("20150231") is None
    text = "某县交通运输局关于某事的通知\n\n各乡镇：\n\n为加强管理，现通知如下。\n\n某县交通运输局\n\n2017817日\n"
    [doc] = parse_text(text).documents
    assert doc.signed.isoformat() == "2017-08-17"


def test_a_doc_number_line_whose_closing_bracket_and_hao_a_page_lost():
    from gongbao.parse.heads import head_number

    assert str(head_number("巫山府办发〔2017132")) == "巫山府办发〔2017〕132号"
    assert head_number("截至2017年") is None and head_number("编号〔2017") is None


def test_index_fields_with_bracketed_labels_or_a_first_label_without_its_colon():
    from gongbao.parse.heads import index_fields, is_metadata_line

    line = "[ 索引号 ] 115002370086610305/2020-00160 [ 发文字号 ] 某府办发〔2017〕132号"
    assert is_metadata_line(line)
    assert index_fields(line) == [("索引号", "115002370086610305/2020-00160"), ("发文字号", "某府办发〔2017〕132号")]
    assert is_metadata_line("索引号 /2022-0021 公开目录: 部门文件")
    assert index_fields("文号 某行审发〔2022〕21号 成文日期: 2022年10月27日")[0] == ("文号", "某行审发〔2022〕21号")
    assert is_metadata_line("公开责任部门 某市行政审批服务局 公开形式: 主动公开")
    assert is_metadata_line("本文来源: 林业厅") and is_metadata_line("14.12.2015 12:27")
    assert not is_metadata_line("【打印本页】 【关闭窗口】") and not is_metadata_line("文号 待定的事项较多")


def test_a_page_heading_without_issuer_over_the_heads_own_number_and_title():
    """A portal's index block with the 文号, the page's heading (the title without its issuer), then
    the document's own head: its 文号 line, the issuer's name, 关于…: one document, from its 文号 line."""
    text = ("[ 索引号 ] 115002370086610305/2020-00160 [ 发文字号 ] 某府办发〔2017〕132号\n[ 发布机构 ] 某县人民政府办公室\n\n"
            "关于印发某县应急预案的通知\n\n某府办发〔2017〕132号\n\n某县人民政府办公室\n\n关于印发某县应急预案的通知\n\n"
            "各乡镇人民政府，县政府有关部门：\n\n现将《某县应急预案》印发给你们，请认真贯彻执行。\n\n某县人民政府办公室\n\n2017年8月17日\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.title, str(doc.doc_number)) == (6, "某县人民政府办公室关于印发某县应急预案的通知",
                                                                "某府办发〔2017〕132号")
    assert doc.index_number == "115002370086610305/2020-00160"


def test_a_page_heading_without_issuers_over_a_joint_head_without_number():
    """A news page's heading (the 通告's title without its issuers) and its 作者/来源/时间 line over
    the document's own head, each issuer on a line of its own, the head printed a second time with
    one issuer: one document, from its own head, its title naming both issuers."""
    title = "关于对某国道某段道路修复施工实施临时交通管制的通告"
    text = (f"{title}\n作者: 来源:某县交警 时间:2021-10-20 09:22:08 阅读量:\n某县交通运输局\n某县公安局交通管理大队\n{title}\n"
            f"某县公安局交通管理大队\n{title}\n交通公路部门将对某国道某县某镇至某市某段部分路段进行道路缺陷修复施工。为确保工程质量和通行安全，"
            "需对施工路段实行全幅封闭施工。经县人民政府同意，施工期间决定对施工路段实施临时交通管制，现将有关事项通告如下:\n"
            "一、施工时间\n2021年10月22日至11月30日止。\n某县交通运输局\n某县公安局交通管理大队\n2021年10月19日\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.title, doc.issuers) == (3, "某县交通运输局某县公安局交通管理大队" + title,
                                                         ["某县交通运输局", "某县公安局交通管理大队"])


def test_a_title_naming_one_organ_of_a_joint_signature_names_the_lead_issuer():
    """`某县交通运输局关于…的通告` signed `某县公安局 某县交通运输局`: the issuer is the organ the title
    names, the co-signer after it."""
    text = ("某县交通运输局关于对某路实施交通管制的通告\n\n某路改造工程已开工建设。现将有关事项通告如下:\n\n一、管制时间:2018年1月29日至5月31日。\n\n"
            "特此通告\n\n某县公安局 某县交通运输局\n\n2018年1月19日\n")
    [doc] = parse_text(text).documents
    assert (doc.issuer, doc.issuers) == ("某县交通运输局", ["某县交通运输局", "某县公安局"])


def test_a_related_articles_teaser_is_no_issuer_line_of_the_title_under_it():
    """A teaser cut short with its source's name glued on (`为确保…工作顺利实林业厅`) above the next
    page's title: no issuer's name, no part of that document's head."""
    text = ("某省林业厅关于下达补充计划的通知\n各有关市林业局:\n现下达2015年营造林生产(封山育林)任务补充计划,其建设任务25万亩。"
            "请你单位落实好封山育林地块,做好作业设计和当年绿化调度工作,并将完成数据于12月中旬前上报省林业厅造林处。\n特此通知\n某省林业厅\n2015年12月3日\n"
            "为确保某县春季造林绿化工作顺利实林业厅\n\n\n某县交通运输局关于对某路实施交通管制的通告\n"
            "某路改造工程已开工建设。现将有关事项通告如下:\n特此通告\n某县交通运输局\n2018年1月19日\n")
    docs = parse_text(text).documents
    assert [(d.start_line, d.issuer) for d in docs] == [(1, "某省林业厅"), (10, "某县交通运输局")]


def test_a_page_heading_over_an_index_block_whose_wenhao_field_is_the_only_number():
    """The page's heading (no issuers), an index block whose `文号` field (no colon) is the only 文号,
    then the head: both issuers spaced on one line above 关于…: the document starts at its head."""
    text = ("首页 > 政务公开 > 部门文件\n\n关于印发某市社会组织登记办事指南的通知\n\n索引号 /2022-0021 公开目录: 部门文件\n"
            "文号 某行审发〔2022〕21号 成文日期: 2022年10月27日\n\n某市行政审批服务局  某市民政局\n\n关于印发某市社会组织登记办事指南的通知\n\n"
            "各县(市、区)行政审批服务局、民政局:\n\n为进一步规范社会组织登记业务办理,制定了《某市社会组织登记办事指南》,请参照执行。\n\n"
            "某市行政审批服务局        某市民政局\n\n2022年10月27日\n\n一、市级登记办事指南\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, str(doc.doc_number), doc.issuers, doc.index_number) == (
        8, "某行审发〔2022〕21号", ["某市行政审批服务局", "某市民政局"], "/2022-0021")


# Kinds that held-out set 24 (tests/corpus_other/joint-bodies, a gazette site's Markdown export) showed.
def test_a_toc_laid_out_as_a_markdown_table():
    """`# 目录` over a pipe table (序号 | 标题 | 文号): the header row and the rule under it are no
    entries, each other row is one (its serial number no part of it, a 文号 cell its number, a
    title cell empty where the page printed none), and no row is a document."""
    text = ("**某某公文选编**\n\n**2024年第5期**\n\n# 目录\n\n| 序号 | 标题 | 文号 |\n|---|---|---|\n"
            "| 1 | 某市人民代表大会常务委员会关于某事的决定 |  |\n| 2 |  | 某自然资规〔2020〕25号 |\n\n---\n\n"
            "## 某市人民代表大会常务委员会关于某事的决定\n\n**（2023年5月31日某市第十五届人民代表大会常务委员会第七次会议通过）**\n\n"
            "根据有关法律的规定，某市第十五届人民代表大会常务委员会第七次会议决定，接受某某同志辞去某市人民政府市长职务的请求。\n\n"
            "某市人民代表大会常务委员会\n\n2023年5月31日\n\n---\n\n**某自然资规〔2020〕25号**\n\n市交通运输局：\n\n"
            + BODY + "\n\n某市自然资源局\n\n2020年7月30日\n")
    parsed = parse_text(text)
    assert [(e.line, e.title, str(e.doc_number) if e.doc_number else None) for e in parsed.toc] == [
        (9, "某市人民代表大会常务委员会关于某事的决定", None), (10, "", "某自然资规〔2020〕25号")]
    assert [d.start_line for d in parsed.documents] == [14, 26]


def test_a_markdown_table_row_is_no_addressee():
    """A page's 来源/发布时间 bar exported as a pipe table under the title: cells, not addressees."""
    text = ("## 某市人民代表大会常务委员会关于接受某某辞职请求的决定\n\n| 来源 | 发布时间 |\n|---|---|\n"
            "|  | 2021-08-04 16:14:00 |\n\n（2021年8月4日某市第五届人民代表大会常务委员会第三十一次会议通过）\n\n"
            "因工作变动，某某提出辞去某市人民政府副市长职务，某市第五届人民代表大会常务委员会第三十一次会议决定，接受其辞职请求。\n")
    [doc] = parse_text(text).documents
    assert doc.addressees == [] and doc.signed.isoformat() == "2021-08-04"


def test_a_heading_above_the_titles_rank_is_its_section():
    """`# 地方人大常委会文件` over `## 某省人民代表大会常务委员会关于…的决议` reads like a 版头 (…委员会文件) but
    outranks the title: the section, no part of the head; `# 部门文件` over a letter that prints
    only its 文号 is no title of it."""
    text = ("# 地方人大常委会文件\n\n## 某省人民代表大会常务委员会关于依法加强城市规划工作的决议\n\n"
            "（2003年11月29日某省第十届人民代表大会常务委员会第七次会议通过）\n\n"
            "城市规划是城市建设和管理的依据，是配置城市资源和调控城市布局的重要手段，是城市可持续发展的基本保证。\n\n"
            "某省人民代表大会常务委员会\n\n2003年11月29日\n\n---\n\n# 部门文件\n\n**某自然资规〔2020〕25号**\n\n"
            "市交通运输局：\n\n" + BODY + "\n\n某市自然资源局\n\n2020年7月30日\n")
    first, letter = parse_text(text).documents
    assert (first.start_line, first.section) == (3, "地方人大常委会文件")
    assert (letter.start_line, letter.title, letter.section, letter.issuer) == (17, None, "部门文件", "某市自然资源局")


def test_an_appointing_order_promulgates_nothing_after_its_date():
    """A 主席令 that removes and appoints (`免去…职务；` / `任命…为…`): an order's heading (the organ a
    person's office, 主席), its appointments read, and the 关于 title after its signature begins
    the next document, not an instrument the order promulgates."""
    text = ("## 中华人民共和国主席令\n\n**（第四十号）**\n\n根据全国人民代表大会常务委员会第十八次会议于2010年12月25日的决定：\n\n"
            "免去李毅中的工业和信息化部部长职务；\n\n任命苗圩为工业和信息化部部长。\n\n中华人民共和国主席　胡锦涛\n\n2010年12月25日\n\n"
            "---\n\n## 某省人民代表大会常务委员会关于依法加强城市规划工作的决议\n\n"
            "（2003年11月29日某省第十届人民代表大会常务委员会第七次会议通过）\n\n"
            "城市规划是城市建设和管理的依据，是配置城市资源和调控城市布局的重要手段，是城市可持续发展的基本保证。\n")
    order, resolution = parse_text(text).documents
    assert (order.title, order.issuer, order.order_number, order.genre) == ("中华人民共和国主席令", "中华人民共和国主席", "第四十号", "令")
    assert [(a.person, a.action, a.post) for a in order.appointments] == [
        ("李毅中", "免去", "工业和信息化部部长"), ("苗圩", "任命", "工业和信息化部部长")]
    assert resolution.start_line == 17 and order.end_line < 17


def test_a_title_after_an_undated_text_and_a_markdown_rule():
    """A 决议 cut after its first paragraph (no date), `---`, then a 决定 with 关于 and its adoption
    note: the rule parts them as a blank line does, and the 决定 begins a document."""
    text = ("## 某省人民代表大会常务委员会关于依法加强城市规划工作的决议\n\n"
            "（2003年11月29日某省第十届人民代表大会常务委员会第七次会议通过）\n\n"
            "城市规划是城市建设和管理的依据，是配置城市资源和调控城市布局的重要手段，是城市可持续发展的基本保证。\n\n---\n\n"
            "## 某市人民代表大会常务委员会关于接受某某同志辞去某市人民政府市长职务请求的决定\n\n"
            "（2023年5月31日某市第十五届人民代表大会常务委员会第七次会议通过）\n\n"
            "根据有关法律的规定和本人申请，某市第十五届人民代表大会常务委员会第七次会议决定，接受某某同志辞去某市人民政府市长职务的请求。\n\n"
            "某市人民代表大会常务委员会\n\n2023年5月31日\n")
    first, second = parse_text(text).documents
    assert (second.start_line, first.signed.isoformat(), second.signed.isoformat()) == (9, "2003-11-29", "2023-05-31")


def test_a_session_numbered_notice_under_a_whole_heading():
    """`## 全国人民代表大会常务委员会公告` whole on its line, `**〔十届〕第三十号**` under it: the number is
    the 公告's order number, with its session (as `（十四届第一号）` gives 十四届第一号)."""
    from gongbao.parse.heads import ORDER_NUMBER, order_number

    assert order_number(ORDER_NUMBER.match("〔十届〕第三十号")) == "十届第三十号"
    assert order_number(ORDER_NUMBER.match("（十四届第一号）")) == "十四届第一号"
    text = ("## 某省人民代表大会常务委员会公告\n\n**〔十届〕第三十号**\n\n"
            "某省第十一届人民代表大会代表已选举产生，审议确认代表资格全部有效。现将代表名单予以公布。\n\n"
            "某省人民代表大会常务委员会\n\n2008年2月28日\n")
    [doc] = parse_text(text).documents
    assert (doc.title, doc.order_number, doc.signed.isoformat()) == ("某省人民代表大会常务委员会公告", "十届第三十号", "2008-02-28")


def test_an_adoption_note_that_lost_its_bracket_and_year_marks():
    """`202184日某市第五届人民代表大会` / `常务委员会第三十一次会议通过）` under a 决定's head (a web page
    lost `（2021年` and `月`): the note of its adoption over two lines dates it."""
    text = ("## 某市人民代表大会常务委员会关于接受某某辞职请求的决定\n\n202184日某市第五届人民代表大会\n\n常务委员会第三十一次会议通过）\n\n"
            "因工作变动，某某提出辞去某市人民政府副市长职务，某市第五届人民代表大会常务委员会第三十一次会议决定，接受其辞职请求。\n")
    [doc] = parse_text(text).documents
    assert doc.signed.isoformat() == "2021-08-04"


def test_a_toc_table_with_a_page_column():
    """A TOC table whose last column is the page (`| 1 | 某某关于…的通知 | 某政发〔2024〕3号 | 5 |`): the
    serial number is no part of the title, the page is the entry's page."""
    text = ("# 目录\n\n| 序号 | 标题 | 文号 | 页码 |\n|---|---|---|---|\n"
            "| 1 | 某市人民政府关于加强管理的通知 | 某政发〔2024〕3号 | 5 |\n\n---\n\n## 某市人民政府关于加强管理的通知\n\n"
            "某政发〔2024〕3号\n\n各县（区）人民政府：\n\n" + BODY + "\n\n某市人民政府\n\n2024年3月1日\n")
    parsed = parse_text(text)
    assert [(e.title, str(e.doc_number), e.page) for e in parsed.toc] == [("某市人民政府关于加强管理的通知", "某政发〔2024〕3号", 5)]
    assert [d.start_line for d in parsed.documents] == [9]


def test_a_toc_tables_section_column_gives_the_sections():
    """A TOC table with a 栏目 column: each entry's section from it, and the documents (the body
    printing no section headings) get theirs from the TOC."""
    text = ("# 目录\n\n| 栏目 | 标题 | 文号 |\n|:---|:---|:---:|\n| 市政府文件 | 某市人民政府关于加强管理的通知 | 某政发〔2024〕3号 |\n"
            "| 市政府办公室文件 | 某市人民政府办公室关于做好防汛工作的通知 | 某政办发〔2024〕8号 |\n\n* * *\n\n"
            "## 某市人民政府关于加强管理的通知\n\n某政发〔2024〕3号\n\n各县（区）人民政府：\n\n" + BODY + "\n\n某市人民政府\n\n2024年3月1日\n\n"
            "* * *\n\n## 某市人民政府办公室关于做好防汛工作的通知\n\n某政办发〔2024〕8号\n\n各县（区）人民政府：\n\n" + BODY
            + "\n\n某市人民政府办公室\n\n2024年5月6日\n")
    parsed = parse_text(text)
    assert [(e.title, e.section) for e in parsed.toc] == [
        ("某市人民政府关于加强管理的通知", "市政府文件"), ("某市人民政府办公室关于做好防汛工作的通知", "市政府办公室文件")]
    assert [(d.start_line, d.section) for d in parsed.documents] == [(10, "市政府文件"), (26, "市政府办公室文件")]
    rules = [p for p in analyse_layout(decode_source(b"a\n\n* * *\n\n- - -\n\nb", "r.txt")).paragraphs if p.kind == "rule"]
    assert len(rules) == 2  # a thematic break spaced out is a rule too
# Kinds that held-out set 23 (tests/corpus_other/province-gazette) showed.
COVER_23 = ("某省人民政府公报\nMOUSHENG RENMIN ZHENGFU GONGBAO\n\n2024年第6期\n（总第42期）\n\n"
            "主管主办：某省人民政府公报编辑部\n出版日期：2024年6月30日\n\f目　　录\n\n")


def test_a_covers_date_and_editor_after_their_labels():
    """`出版日期：2024年6月30日` and `主管主办：某某编辑部`: the label before the value, where other
    covers print `2024年6月30日出版` and `某某编辑部主管主办`."""
    text = (COVER_23 + "【省政府文件】\n某省人民政府关于某事的通知（某政发〔2024〕3号）……………1\n\f"
            "【省政府文件】\n\n某省人民政府关于某事的通知\n某政发〔2024〕3号\n\n各市人民政府：\n" + BODY
            + "\n\n某省人民政府\n2024年5月5日\n")
    issue = parse_text(text).issue
    assert issue.published and issue.published.isoformat() == "2024-06-30"
    assert issue.editor == "某省人民政府公报编辑部"
    # A 主办单位 line inside a document is no editor of the gazette.
    body_only = text.replace("主管主办：某省人民政府公报编辑部\n", "").replace(BODY, "主办单位：某某协会\n" + BODY)
    assert parse_text(body_only).issue.editor is None


def test_a_toc_entrys_leaders_and_page_on_a_line_of_their_own():
    """An entry ending in its 文号 in brackets, its dotted leader and page on the next line: one
    entry with that page, not an entry without a page and an empty one."""
    text = (COVER_23 + "【办公厅文件】\n某省人民政府办公厅关于印发某某工作规则的通知（某政办〔2000〕66号）\n"
            "…………………………5\n某省人民政府办公厅关于另一事项的通知（某政办〔2000〕67号）…………6\n\f"
            "【办公厅文件】\n\n某省人民政府办公厅关于印发某某工作规则的通知\n（某政办〔2000〕66号）\n\n各市人民政府：\n"
            + BODY + "\n\n2000年12月27日\n\n某省人民政府办公厅关于另一事项的通知\n（某政办〔2000〕67号）\n\n"
            "各市人民政府：\n" + BODY + "\n\n2000年12月28日\n")
    parsed = parse_text(text)
    assert [(e.title, e.page) for e in parsed.toc] == [("某省人民政府办公厅关于印发某某工作规则的通知", 5),
                                                       ("某省人民政府办公厅关于另一事项的通知", 6)]
    assert [d.page for d in parsed.documents] == [5, 6]


def test_a_toc_entry_names_what_an_order_promulgates():
    """A gazette lists a 令 by the title of the regulation it promulgates, the order's number in
    brackets after it: that is the 令's entry (its page), not an entry without a document."""
    text = (COVER_23 + "【政府令】\n某省规范性文件制定与备案登记规定（某省人民政府令第188号）…………1\n\f"
            "【政府令】\n\n某省人民政府令\n\n第188号\n\n《某省规范性文件制定与备案登记规定》已经省人民政府常务会议"
            "审议通过，现予公布，自2005年9月1日起施行。\n\n省长　某某某\n2005年5月23日\n\n"
            "某省规范性文件制定与备案登记规定\n\n第一条　为了规范规范性文件的制定，制定本规定。\n"
            "第二条　本规定自2005年9月1日起施行。\n")
    parsed = parse_text(text)
    [doc] = parsed.documents
    assert (doc.title, doc.order_number, doc.page) == ("某省人民政府令", "第188号", 1)
    assert not [w for w in parsed.warnings if w.code in ("toc-missing", "not-in-toc")]


def test_a_bare_page_after_two_ellipses():
    """Found by probing beside set 23: `……1` (two ellipsis characters, six dots as printed) before
    a bare page is a leader as `...1` is; the TOC was lost whole."""
    text = (COVER_23 + "【省政府文件】\n某省人民政府关于甲事的通知（某政发〔2024〕3号）……1\n"
            "某省人民政府关于乙事的批复（某政函〔2024〕4号）……2\n\f【省政府文件】\n\n某省人民政府关于甲事的通知\n"
            "某政发〔2024〕3号\n\n各市人民政府：\n" + BODY + "\n\n某省人民政府\n2024年5月5日\n\n某省人民政府关于乙事的批复\n"
            "某政函〔2024〕4号\n\n某市人民政府：\n你市请示收悉。现批复如下。\n\n某省人民政府\n2024年5月6日\n")
    parsed = parse_text(text)
    assert [(e.title, e.page) for e in parsed.toc] == [("某省人民政府关于甲事的通知", 1), ("某省人民政府关于乙事的批复", 2)]
    assert [d.page for d in parsed.documents] == [1, 2]


# Kinds that held-out set 23's second part (tests/corpus_other/city-gazette) showed.
def _pages(*pages: str) -> str:
    return "\f".join(pages)


def test_a_covers_name_that_every_other_page_prints_as_its_head_names_the_gazette():
    """`pdftotext` pages whose heads alternate between the gazette's name and the issue line: the
    cover's first line, the same words, recurs at the pages' edges and is set aside with the heads;
    the head that is the name alone still names the gazette."""
    doc = "某市人民政府关于某事的通知\n（某府〔2024〕{n}号）\n\n各区人民政府：\n" + BODY + "\n\n某市人民政府\n2024年5月{n}日\n"
    heads = ["某地政府公报选编", "2024年第7期（总第43期）"]
    pages = ["某地政府公报选编\nMOUDI ZHENGFU GONGBAO XUANBIAN\n\n2024年第7期\n（总第43期）\n\n出版日期：2024年7月31日\n"]
    pages += [f"{heads[(n - 1) % 2]}\n\n" + doc.format(n=n) + f"\n· {n} ·\n" for n in range(1, 7)]
    issue = parse_text(_pages(*pages)).issue
    assert (issue.gazette, issue.number, issue.cumulative) == ("某地政府公报选编", 7, 43)


def test_a_numbered_toc_entrys_number_is_no_part_of_its_title():
    text = (COVER_23 + "【市政府文件】\n1．某市人民政府关于甲事的通知（某府〔2024〕3号）……（1）\n"
            "12.某市人民政府关于乙事的通知（某府〔2024〕4号）……（2）\n\f【市政府文件】\n\n某市人民政府关于甲事的通知\n"
            "（某府〔2024〕3号）\n\n各区人民政府：\n" + BODY + "\n\n某市人民政府\n2024年5月5日\n\n某市人民政府关于乙事的通知\n"
            "（某府〔2024〕4号）\n\n各区人民政府：\n" + BODY + "\n\n某市人民政府\n2024年5月6日\n")
    assert [e.title for e in parse_text(text).toc] == ["某市人民政府关于甲事的通知", "某市人民政府关于乙事的通知"]


# Kinds that held-out set 26 (tests/corpus_other/scan-gazette, a scanned issue read by OCR) showed.
def test_an_addressee_whose_round_brackets_ocr_read_in_two_widths_is_mended():
    """OCR read the printed `各县（市）` as `各县（市)`: the pair is set full-width, as printed; a
    list typed all in half-width (`各县(市)`, a web copy's) is left as it is."""
    text = ("某市人民政府关于某事的通知\n\n各县（市)、区人民政府，经济技术开发区管委会，市政府各部门：\n" + BODY
            + "\n\n2020年8月31日\n")
    [doc] = parse_text(text).documents
    assert doc.addressees == ["各县（市）", "区人民政府", "经济技术开发区管委会", "市政府各部门"]
    [doc] = parse_text(text.replace("各县（市)", "各县(市）")).documents
    assert doc.addressees[0] == "各县（市）"
    [doc] = parse_text(text.replace("各县（市)", "各县(市)")).documents
    assert doc.addressees[0] == "各县(市)"


# Kinds found probing the parser with the parts of a gazette that are no 公文 of the 15 genres:
# a leader's speech, the government's work report, a meeting's minutes.
SPEECH_REPORT_MINUTES = (
    "某市人民政府关于同意设立某市高新技术产业开发区的批复\n某政函〔2025〕15号\n市科技局：\n"
    "你局请示收悉。经研究，同意设立某市高新技术产业开发区。\n此复。\n2025年4月2日\n"
    "【领导讲话】\n在全市优化营商环境工作会议上的讲话\n（2025年2月18日）\n市长　王某某\n同志们：\n"
    "今天召开全市优化营商环境工作会议，主要任务是总结工作、部署任务。\n一、充分认识优化营商环境的重要意义\n"
    "同志们，让我们共同努力，奋力开创营商环境工作新局面！\n"
    "【政府工作报告】\n政府工作报告\n——2025年1月10日在某某市第十七届人民代表大会第四次会议上\n"
    "某某市人民政府市长　王某某\n各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n以上报告，请予审议。\n"
    "【会议纪要】\n市政府第25次常务会议纪要\n2025年3月5日，市长王某某主持召开市政府第25次常务会议。会议研究了以下事项：\n"
    "一、审议通过《某市城市供水安全管理办法》。\n出席：王某某、李某某、张某某\n")


def test_a_speech_a_work_report_and_minutes_are_documents_of_their_own():
    """`在…会议上的讲话`, `政府工作报告`, `…会议纪要`: titles with neither 关于 nor 文号, each known by
    its form and the byline under it (a date in brackets, `——2025年1月10日在…会议上`, the speaker) or,
    for minutes, the meeting's date beginning the text; dated by it; a salutation is no addressee."""
    docs = parse_text(SPEECH_REPORT_MINUTES).documents
    assert [(d.title, d.genre, str(d.signed), d.section, d.addressees) for d in docs] == [
        ("某市人民政府关于同意设立某市高新技术产业开发区的批复", "批复", "2025-04-02", None, ["市科技局"]),
        ("在全市优化营商环境工作会议上的讲话", None, "2025-02-18", "领导讲话", []),
        ("政府工作报告", "报告", "2025-01-10", "政府工作报告", []),
        ("市政府第25次常务会议纪要", "纪要", "2025-03-05", "会议纪要", [])]
    assert [d.start_line for d in docs] == [1, 8, 16, 23]


def test_a_speechs_title_in_a_text_without_a_byline_is_no_document():
    text = ("某市人民政府办公室关于认真学习全市优化营商环境工作会议精神的通知\n某政办函〔2025〕9号\n各区、县人民政府：\n"
            "现将会议材料印发给你们，请认真学习：\n在全市优化营商环境工作会议上的讲话\n"
            "请各地结合实际抓好落实。\n某市人民政府办公室\n2025年2月20日\n")
    [doc] = parse_text(text).documents
    assert doc.end_line == 8
# Kinds that held-out set 25 (tests/corpus_other/lawdb: documents as a legal database or a
# government's 规范性文件库 exports them, a field block before each text) showed.
def _record(head: str, block: str, number: str, day: str) -> str:
    return (f"{head}\n{block}\n\n{number}\n各县（区）人民政府，市直各单位：\n" + BODY.replace("\n\n", "\n") + f"\n{day}\n")


def test_a_legal_databases_field_block_on_one_line_is_metadata_of_the_document_under_its_heading():
    """北大法宝's form run together on one line (`【发布部门】…【发文字号】…【时效性】现行有效…`) under
    the heading that is the document's title, the text from its 文号: one document, never the block
    as a title of its own (with the heading a document apart)."""
    records = [_record(f"某甲市人民政府办公室关于{what}的通知",
                       f"【发布部门】某甲市人民政府办公室【发文字号】甲府办发〔2008〕{n}号【发布日期】2008.10.14"
                       f"【实施日期】2008.10.14【时效性】现行有效【效力级别】地方规范性文件",
                       f"甲府办发〔2008〕{n}号", "二〇〇八年十月十四日") for n, what in ((52, "加强甲事管理"), (53, "做好乙事工作"))]
    docs = parse_text("\n\n".join(records)).documents
    assert [(d.title, str(d.doc_number), d.addressees) for d in docs] == [
        ("某甲市人民政府办公室关于加强甲事管理的通知", "甲府办发〔2008〕52号", ["各县（区）人民政府", "市直各单位"]),
        ("某甲市人民政府办公室关于做好乙事工作的通知", "甲府办发〔2008〕53号", ["各县（区）人民政府", "市直各单位"])]


def test_bracketed_database_labels_are_index_fields_and_an_orders_number_there_is_no_doc_number():
    from gongbao.parse.heads import head_number, index_fields, is_metadata_line, section_mark

    assert is_metadata_line("【时效性】现行有效") and is_metadata_line("【效力级别】地方政府规章")
    assert index_fields("【发文字号】某政发〔2020〕1号") == [("发文字号", "某政发〔2020〕1号")]
    assert str(head_number("【发文字号】某政发〔2020〕1号")) == "某政发〔2020〕1号"
    assert head_number("【发文字号】某市人民政府令第77号") is None  # an order's number
    assert section_mark("【规范性文件】") == "规范性文件" and not is_metadata_line("【规范性文件】")
    assert head_number("某政发【2023】7号") is not None  # a 文号 printed with 【】 is still one


def test_an_index_table_whose_labels_keep_their_colons_in_cells_of_their_own():
    """A portal's `索引号: | X | 主题分类: | Y |` rows: each value in the cell after its label. The
    文号 is read from `发文文号:`, and `公文时效: | 有效 |` is no addressee."""
    text = ("某乙市人民政府关于公布某事结果的通知\n索引号: | YXXGK-2020-011721 | 主题分类: | 政务公开 |\n"
            "发文机构: | 某乙市人民政府办公室 | 发文文号: | 乙政发〔2020〕33号 |\n"
            "发文日期: | 2020年09月28日 | 发布日期: | 2020-09-30 15:34 |\n公文时效: | 有效 | 发布机构: | 市政府办公室 |\n"
            "各区县人民政府，市政府各工作部门：\n" + BODY.replace("\n\n", "\n") + "\n某乙市人民政府\n2020年9月28日\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.addressees, doc.index_number, doc.issuer) == (
        "乙政发〔2020〕33号", ["各区县人民政府", "市政府各工作部门"], "YXXGK-2020-011721", "某乙市人民政府")


def test_a_law_sites_status_line_and_a_libraries_signing_and_effective_dates_are_metadata():
    """`状态:有效 发布日期:… 生效日期:…` (a law site) and `签发日期 | … | 实施日期 | … |` (a 规范性文件库's
    table) between the title and the addressees: metadata, the addressees read after them."""
    from gongbao.parse.heads import index_fields, is_metadata_line

    assert is_metadata_line("状态:有效 发布日期:2004-05-19 生效日期: 2004-05-19")
    assert index_fields("签发日期 | 2019-12-17 | 实施日期 | 2019-12-30 |") == [("签发日期", "2019-12-17"), ("实施日期", "2019-12-30")]
    text = ("某丙区管理委员会关于印发《某丙区某事实施细则(试行)》的通知\n文 号 | 丙管规〔2019〕6号 | 发布机关 | 某丙区管理委员会 |\n"
            "签发日期 | 2019-12-17 | 实施日期 | 2019-12-30 |\n区各单位、各办事处:\n" + BODY.replace("\n\n", "\n")
            + "\n某丙区管理委员会\n2019年12月17日\n")
    [doc] = parse_text(text).documents
    assert (str(doc.doc_number), doc.addressees) == ("丙管规〔2019〕6号", ["区各单位", "各办事处"])


def test_a_doc_number_after_a_sites_date_and_a_title_with_the_sites_date_in_brackets():
    """A law site prints its own date after the title (`…的通知(2004/06/23)`) and before the 文号
    (`2004-6-23某政发〔2004〕89号`): the 文号 line stands alone and is read, the title has no date,
    and a date with lower-case o for 〇 (`二oo四年五月十九日`) is the date signed."""
    text = ("某丁市人民政府关于印发某丁市某事暂行规定的通知\n状态:有效 发布日期:2004-05-19 生效日期: 2004-05-19\n"
            "发布部门: 某省某丁市人民政府\n发布文号:\n\n某丁市人民政府关于印发某丁市某事暂行规定的通知(2004/06/23)\n"
            "2004-6-23丁政发〔2004〕89号\n\n各县(市、区)人民政府,市政府各部门:\n  《某丁市某事暂行规定》已经市政府讨论通过,现予以印发,请认真遵照执行。\n"
            "二oo四年五月十九日\n  某丁市某事暂行规定\n  第一条 为加强管理,制定本规定。\n")
    [doc] = parse_text(text).documents
    assert (doc.title, str(doc.doc_number), doc.issuer, str(doc.signed)) == (
        "某丁市人民政府关于印发某丁市某事暂行规定的通知", "丁政发〔2004〕89号", "某丁市人民政府", "2004-05-19")


def test_each_part_of_a_law_sites_dated_head():
    from gongbao.parse.heads import head_number, unquote_title
    from gongbao.text.chinese import DATE, parse_date
    from gongbao.text.layout import is_block_line

    assert str(parse_date(DATE.search("二oo四年五月十九日"))) == "2004-05-19"  # lower-case o for 〇
    assert unquote_title("某市人民政府关于某事的通知(2004/06/23)") == "某市人民政府关于某事的通知"
    assert unquote_title("某市某事办法（2004年修订）") == "某市某事办法（2004年修订）"  # a note of the title's own
    assert is_block_line("2004-6-23丁政发〔2004〕89号") and str(head_number("2004-6-23丁政发〔2004〕89号")) == "丁政发〔2004〕89号"
    assert head_number("2004-6-23 某某事项") is None


def test_a_databases_heading_over_a_field_block_belongs_to_the_document_under_it():
    """A database's heading (the title, or the name of the regulation a 令 promulgates) over its
    field block, over the document's own head: no part of the document before (whose text ends
    where its own did), none of the head of the one below, which starts at its own head."""
    first = ("某戊市人民政府关于甲事的通知\n发文字号：戊政发〔2010〕1号\n\n某戊市人民政府关于甲事的通知\n戊政发〔2010〕1号\n"
             "各县人民政府：\n为加强管理，现就有关事项通知如下。\n请认真贯彻执行。\n某戊市人民政府\n2010年3月1日\n")
    order = ("某戊市某事管理办法\n【发布部门】某戊市人民政府\n【发文字号】某戊市人民政府令第7号\n【时效性】现行有效\n"
             "【效力级别】地方政府规章\n\n某戊市人民政府令\n第7号\n《某戊市某事管理办法》已经市政府常务会议通过，现予公布，自2010年5月1日起施行。\n"
             "市长　某某\n2010年4月1日\n某戊市某事管理办法\n第一条　为加强管理，制定本办法。\n")
    second = ("某戊市人民政府关于乙事的通知(2010/06/23)\n状态:有效 发布日期:2010-06-01\n发布部门: 某省某戊市人民政府\n\n"
              "某戊市人民政府关于乙事的通知\n戊政发〔2010〕2号\n各县人民政府：\n为加强管理，现就有关事项通知如下。\n"
              "某戊市人民政府\n2010年6月1日\n")
    docs = parse_text("\n\n".join([first, order, second])).documents
    assert [(d.title, d.order_number) for d in docs] == [("某戊市人民政府关于甲事的通知", None), ("某戊市人民政府令", "第7号"),
                                                         ("某戊市人民政府关于乙事的通知", None)]
    assert docs[0].text.endswith("2010年3月1日") and docs[1].text.endswith("制定本办法。")
    assert [d.start_line for d in docs] == [4, 19, 32]


def test_a_field_blocks_dates_and_status_are_the_documents_metadata():
    """`【发布日期】`, `【时效性】` and `【实施日期】` (or a portal's `发布日期: | … |`, `公文时效: | 有效 |`)
    are read as the document's published date, its validity as the site prints it, and when it
    takes effect where its text does not say; a date the text states wins over the field's."""
    block = ("【发布部门】某己市人民政府办公室【发文字号】己府办发〔2008〕{n}号【发布日期】2008.10.{d}"
             "【实施日期】2008.11.{d}【时效性】{status}【效力级别】地方规范性文件")
    texts = [_record("某己市人民政府办公室关于甲事的通知", block.format(n=1, d=14, status="现行有效"), "己府办发〔2008〕1号",
                     "二〇〇八年十月十四日"),
             _record("某己市人民政府办公室关于乙事的通知", block.format(n=2, d=15, status="失效"), "己府办发〔2008〕2号",
                     "二〇〇八年十月十五日").replace("请认真贯彻执行。", "本通知自2008年12月1日起施行。")]
    docs = parse_text("\n\n".join(texts)).documents
    assert [(str(d.published), d.printed_status, str(d.validity.effective)) for d in docs] == [
        ("2008-10-14", "现行有效", "2008-11-14"), ("2008-10-15", "失效", "2008-12-01")]
    assert docs[0].validity.effective_line == 2  # read from the field block's line
    portal = ("某庚市人民政府关于丙事的通知\n索引号: | GXXGK-2020-1 | 主题分类: | 政务公开 |\n"
              "发文日期: | 2020年09月28日 | 发布日期: | 2020-09-30 15:34 |\n公文时效: | 有效 | 发布机构: | 市政府办公室 |\n"
              "各区县人民政府：\n" + BODY.replace("\n\n", "\n") + "\n某庚市人民政府\n2020年9月28日\n")
    [doc] = parse_text(portal).documents
    assert (str(doc.published), doc.printed_status, doc.validity.effective, str(doc.signed)) == (
        "2020-09-30", "有效", None, "2020-09-28")


def test_a_regulation_a_database_prints_without_its_order_is_a_document_numbered_by_its_note():
    """Found by probing beside set 25: a 政府规章 as a legal database prints it, its name, the note of
    the order that promulgated it (`（1991年3月26日某市人民政府令第19号发布）`, or `令19号`), its
    articles and no date: each one a document (none had been found), numbered and dated by the
    note, its issuer the order's organ; the instrument under a 令 that prints such a note stays
    the 令's."""
    regulation = ("某癸市{what}\n【发布部门】某癸市人民政府\n【发文字号】某癸市人民政府令第{n}号\n【时效性】现行有效\n\n"
                  "某癸市{what}\n（1991年{m}月26日某癸市人民政府令{no}号发布）\n第一条　为加强本市管理，制定本{kind}。\n"
                  "第二条　本{kind}自发布之日起施行。\n")
    order = ("某子市人民政府令\n第5号\n《某子市甲事管理办法》已经2019年9月1日市人民政府第10次常务会议通过，现予公布。\n"
             "市长　某某\n2019年9月19日\n某子市甲事管理办法\n（2019年9月19日市政府令第5号公布　自2019年10月1日起施行）\n"
             "第一条　为加强本市甲事管理，制定本办法。\n")
    text = "\n\n".join([regulation.format(what="文化娱乐市场管理规定", n=19, m=3, no="第19", kind="规定"), order,
                        regulation.format(what="渔港水域安全办法", n=20, m=4, no="20", kind="办法")])
    docs = parse_text(text).documents
    assert [(d.title, d.order_number, str(d.signed), d.issuer) for d in docs] == [
        ("某癸市文化娱乐市场管理规定", "第19号", "1991-03-26", "某癸市人民政府"),
        ("某子市人民政府令", "第5号", "2019-09-19", "某子市人民政府"),
        ("某癸市渔港水域安全办法", "第20号", "1991-04-26", "某癸市人民政府")]


def test_a_headings_doc_number_in_brackets_after_the_title_is_its_doc_number_not_part_of_the_title():
    """Found by probing beside set 25: a database's heading `…的通知（某政发〔2019〕3号）` over its field
    block, or the title line alone printing it so: the 文号 is the document's, not its title's."""
    db = ("某丑市人民政府关于甲事的通知（丑政发〔2019〕3号）\n【发布部门】某丑市人民政府\n【时效性】已被修改\n\n"
          "各县（区）人民政府：\n为加强管理，现就有关事项通知如下。\n某丑市人民政府\n2019年3月5日\n")
    plain = db.replace("【发布部门】某丑市人民政府\n【时效性】已被修改\n", "").replace("甲事", "做好今年防汛抗旱工作").replace("3号", "4号")
    docs = parse_text(db + "\n\n" + plain).documents
    assert [(d.title, str(d.doc_number), d.printed_status) for d in docs] == [
        ("某丑市人民政府关于甲事的通知", "丑政发〔2019〕3号", "已被修改"), ("某丑市人民政府关于做好今年防汛抗旱工作的通知", "丑政发〔2019〕4号", None)]


def test_a_databases_department_field_is_the_issuer_only_where_the_document_names_none():
    """Set 25's second part: a notice whose title names no issuer and that prints no signature
    (the date alone, or cut before it) has its issuer(s) from the database's 发布部门, several
    spaced on one line for a joint one; a title that names its issuer keeps it
    (`发布部门: 某省某丁市人民政府` is the database's form of the name)."""
    one = ("关于某事的补充通知\n【发布部门】国务院某某管理局\n【发文字号】国某发〔2011〕236号\n\n关于某事的补充通知\n"
           "国某发〔2011〕236号\n中央国家机关各部门、各单位：\n为加强管理，现就有关事项通知如下。\n特此通知。\n二○一一年十一月四日\n")
    joint = ("关于开展某某推广工作的通知\n发布部门: 某某部 某某委员会 某某信息化部\n发布文号: 某建〔2013〕644号\n\n"
             "关于开展某某推广工作的通知\n某建〔2013〕644号\n  为推进节能减排，现将有关事项通知如下：\n  一、现行政策执行到2013年9月30日。\n")
    docs = parse_text(one + "\n\n" + joint).documents
    assert [(d.issuer, d.issuers) for d in docs] == [
        ("国务院某某管理局", ["国务院某某管理局"]), ("某某部", ["某某部", "某某委员会", "某某信息化部"])]
# Kinds that held-out set 27 (tests/corpus_other/two-column-gazette, a two-column PDF) showed.
def test_a_bare_red_head_after_the_signature_and_date_of_the_document_before():
    """`某省人民政府办公厅` / `二○○八年四月三十日` close one document; the next one's 版头, the organ's
    name alone above its 文号, follows at once: it is that document's head (and its issuer, the
    document being unsigned), not a signature printed after the date above it."""
    parsed = parse_text("某省人民政府办公厅关于甲事的通知\n\n某政办〔2008〕19号\n\n各市人民政府：\n\n" + BODY +
                        "\n\n某省人民政府办公厅\n\n二○○八年四月三十日\n\n某某市人民政府办公厅\n\n某府办函〔2020〕78号\n\n"
                        "市人民政府办公厅关于印发某某市乙事预案的通知\n\n各区人民政府：\n\n" + BODY + "\n\n2020年9月15日\n")
    first, second = parsed.documents
    assert first.issuer == "某省人民政府办公厅"
    assert (second.issuer, second.doc_number) == ("某某市人民政府办公厅", DocNumber.parse("某府办函〔2020〕78号"))
    assert parsed.source.line(second.start_line) == "某某市人民政府办公厅"
    # A name after a date that no signature preceded is that document's signature, as before.
    parsed = parse_text("某省人民政府办公厅关于甲事的通知\n\n某政办〔2008〕19号\n\n各市人民政府：\n\n" + BODY +
                        "\n\n二○○八年四月三十日\n\n某省人民政府办公厅\n\n某府办函〔2020〕78号\n\n"
                        "市人民政府办公厅关于印发某某市乙事预案的通知\n\n各区人民政府：\n\n" + BODY + "\n\n2020年9月15日\n")
    assert parsed.source.line(parsed.documents[1].start_line) == "某府办函〔2020〕78号"


def test_a_toc_entry_wrapped_inside_its_doc_numbers_prefix():
    """A TOC entry whose line breaks between the characters of its 文号's prefix (`…的通知（珠` /
    `府〔2018〕14号）`, a tab, then `……（3）`: a PDF reader's line of a narrow 目录) keeps its 文号."""
    text = (COVER_23 + "【政府文件】\n某市人民政府关于印发某市2018年国民经济和社会发展计划的通知（某\n府〔2018〕14号）\t……（1）\n"
            "\f【政府文件】\n\n某府〔2018〕14号\n\n某市人民政府关于印发某市2018年国民经济和社会发展计划的通知\n\n各区人民政府：\n"
            + BODY + "\n\n某市人民政府\n2018年2月13日\n")
    parsed = parse_text(text)
    assert [(e.title, str(e.doc_number), e.page) for e in parsed.toc] == [
        ("某市人民政府关于印发某市2018年国民经济和社会发展计划的通知", "某府〔2018〕14号", 1)]
def _docs(text: str):
    return parse_bytes(text.encode(), "t.txt").documents


NOTICE_BEFORE = "\n".join([
    "关于做好某项工作的通知",
    "各乡镇人民政府，区政府各部门：",
    "根据2018年《政府工作报告》主要目标任务和为民办实事内容，结合区政府班子成员职责分工，按照归口对称、明晰责权、"
    "责任到人的原则，将各项工作任务分解（详见附件），请各责任单位严格遵循年初公布、年中检查、年底兑现的原则，认真贯彻落实。",
    "附件：1．2018年甲项任务分解表",
    "2．2018年乙项任务分解表",
    "3．丙项任务分解表",
    "某市某区人民政府办公室",
    "2018年8月16日",
    "（此件公开发布）",
    "", "",
])
MINISTRY_NOTICE = [
    "财政部关于印发《某项经费管理暂行办法》的通知",
    "2006年10月26日　财建〔2006〕689号",
    "党中央有关部门，国务院各部委、各直属机构，各省、自治区、直辖市、计划单列市财政厅（局），新疆生产建设兵团财务局：",
    "为进一步加强和规范某项经费管理，强化预算约束，提高资金使用效益，根据《中华人民共和国预算法》、《基本建设财务管理规定》"
    "（财建〔2002〕394号），我部制定了《某项经费管理暂行办法》，现印发你们，请遵照执行。",
    "附件：某项经费管理暂行办法",
    "附件：",
    "某项经费管理暂行办法",
    "第一条　为加强某项经费管理，制定本办法。",
]


def test_a_head_line_giving_the_date_and_the_number_without_brackets():
    # set 28: a ministry's page prints `2006年10月26日　财建〔2006〕689号` under the title, no signature
    docs = _docs(NOTICE_BEFORE + "\n".join(MINISTRY_NOTICE))
    assert [d.start_line for d in docs] == [1, 11]
    doc = docs[1]
    assert doc.doc_number == DocNumber("财建", 2006, 689) and doc.signed.isoformat() == "2006-10-26"
    assert [a.title for a in doc.attachments] == ["某项经费管理暂行办法"]
    assert docs[0].end_line == 9  # the ministry's attachment stays the ministry's


def test_a_ministrys_title_without_a_number_opens_a_document():
    docs = _docs(NOTICE_BEFORE + "\n".join(MINISTRY_NOTICE[:1] + MINISTRY_NOTICE[2:]))
    assert [(d.start_line, d.issuer) for d in docs] == [(1, "某市某区人民政府办公室"), (11, "财政部")]


def test_attachment_items_on_lines_of_their_own_are_items_each():
    # set 28: `附件：1．A` then `2．B`, `3．C` under it, the layout joining the lines into one paragraph
    doc = _docs(NOTICE_BEFORE)[0]
    assert [a.title for a in doc.attachments] == ["2018年甲项任务分解表", "2018年乙项任务分解表", "丙项任务分解表"]


# An older gazette's print (held-out set 29, tests/corpus_other/older-docs.txt): made-up lines in its forms.
OLDER_COVER = ["某地政报", "二○○九年第十一期", "（总第一百零三期）", "二○○九年十二月一日出版", ""]
OLDER_ORDER = ["某市人民政府令", "某政令[1998]5号",
               "　　《某市河道管理暂行规定》已经1998年3月2日市政府常务会议通过，现予发布施行。",
               "市　长　王　某", "一九九八年三月九日", "某市河道管理暂行规定",
               "　　第一条　为加强河道管理，制定本规定。", "　　第二条　本规定自发布之日起施行。"]
OLDER_NOTICE = ["某市人民政府关于做好防汛工作的通知", "（某政发〔1998〕12号）", "各县（区）人民政府，市政府各部门：",
                "　　现就做好防汛工作通知如下，请认真贯彻执行。", "一九九八年四月一日"]


def test_an_older_toc_prints_the_page_before_the_title_and_the_number_under_it():
    toc = ["目　　录", "【政府文件】", "1　某市人民政府关于做好防汛工作的通知", "　　（某政发〔1998〕12号）",
           "2　某县人民政府关于印发某县林业管理办法", "　　的通知", "　　（某县政发〔1998〕3号）", ""]
    notice2 = ["某县人民政府关于印发某县林业管理办法的通知", "（某县政发〔1998〕3号）", "各乡镇人民政府：",
               "　　现将《某县林业管理办法》印发给你们，请遵照执行。", "一九九八年五月六日"]
    parsed = parse_bytes("\n".join(OLDER_COVER + toc + ["【政府文件】"] + OLDER_NOTICE + notice2).encode(), "older.txt")
    assert [(e.page, str(e.doc_number), e.title) for e in parsed.toc] == [
        (1, "某政发〔1998〕12号", "某市人民政府关于做好防汛工作的通知"),
        (2, "某县政发〔1998〕3号", "某县人民政府关于印发某县林业管理办法的通知")]
    assert [(d.doc_number, d.page, d.section) for d in parsed.documents] == [
        (DocNumber("某政发", 1998, 12), 1, "政府文件"), (DocNumber("某县政发", 1998, 3), 2, "政府文件")]


def test_an_older_cover_prints_its_number_in_chinese_numerals():
    parsed = parse_bytes("\n".join(OLDER_COVER + OLDER_NOTICE).encode(), "older.txt")
    assert (parsed.issue.year, parsed.issue.number, parsed.issue.cumulative) == (2009, 11, 103)


def test_an_orders_number_with_its_year_and_no_di_is_its_order_number():
    parsed = parse_bytes("\n".join(OLDER_ORDER + [""] + OLDER_NOTICE).encode(), "older.txt")
    order, notice = parsed.documents
    assert (order.title, order.doc_number, order.order_number, order.issuer) == ("某市人民政府令", None, "第5号", "某市人民政府")
    assert order.signed.isoformat() == "1998-03-09" and notice.doc_number == DocNumber("某政发", 1998, 12)


def test_a_toc_listing_an_order_by_what_it_promulgates_finds_one_document():
    toc = ["目　　录", "1　某市河道管理暂行规定", "　　（某政令〔1998〕5号）",
           "2　某市人民政府关于做好防汛工作的通知", "　　（某政发〔1998〕12号）", ""]
    parsed = parse_bytes("\n".join(OLDER_COVER + toc + OLDER_ORDER + OLDER_NOTICE).encode(), "older.txt")
    assert [d.title for d in parsed.documents] == ["某市人民政府令", "某市人民政府关于做好防汛工作的通知"]
    assert [d.page for d in parsed.documents] == [1, 2]


def test_running_heads_under_the_page_numbers_of_a_text_without_form_feeds():
    body = [f"　　第{n}条　本规定所称河道，包括湖泊、水库和人工水道，其管理依照本规定执行。" for n in range(1, 11)]
    pages = []  # five pages, their heads alternating from the second on
    for k, chunk in enumerate([body[:2], body[2:4], body[4:6], body[6:8], body[8:]], 1):
        pages += ([] if k == 1 else ["某地政报" if k % 2 == 0 else "二○○九年第十一期"]) + chunk + [f"·{k}·", ""]
    layout = analyse_layout(decode_source(("\n".join(OLDER_ORDER[:6] + pages)).encode(), "older.txt"))
    heads = [(f.text, f.gazette) for f in layout.furniture if f.kind == "running-header"]
    assert heads == [("某地政报", "某地政报"), ("二○○九年第十一期", None)] * 2
    assert not any(p.text in ("某地政报", "二○○九年第十一期") for p in layout.paragraphs)


TWO_LEVEL_TOC = "\n".join([
    "某某文件选编",
    "2025年第1期",
    "",
    "目　录",
    "",
    "【政府规章】",
    "某市某某管理办法（某市人民政府令第12号）…………………（1）",
    "【部门文件】",
    "某部办公厅关于印发某某工作方案的",
    "通知（某厅函〔2007〕1号）……………………………（3）",
    "",
])


def test_a_toc_section_heading_alone_on_its_line_is_no_part_of_the_entry_under_it():
    # set 30: with no blank line in the TOC, `【政府规章】` was joined to the entry under it (and
    # `【部门文件】` to a wrapped entry): the entry's title began with the heading, its section was lost
    parsed = parse_bytes(TWO_LEVEL_TOC.encode(), "toc.txt")
    assert [(e.line, e.title, e.section, e.page) for e in parsed.toc] == [
        (7, "某市某某管理办法（某市人民政府令第12号）", "政府规章", 1),
        (9, "某部办公厅关于印发某某工作方案的通知", "部门文件", 3)]


def test_the_issuers_name_alone_under_a_rule_whose_title_names_none():
    # set 30: a 规章 as a compilation prints it without its order: the title, the issuer's full name
    # alone on the next line, the articles; no signature. The name is the issuer, never the addressees;
    # in a file of its own (no TOC, no document before it) the three lines open a document.
    docs = _docs("\n".join([
        "目　录",
        "某省人民政府关于做好某项工作的通知…………（1）",
        "贵州省维护某某秩序的暂行规定…………………（2）",
        "",
        "某省人民政府关于做好某项工作的通知",
        "各市人民政府：",
        "现将有关事项通知如下。",
        "某省人民政府",
        "2024年1月5日",
        "",
        "贵州省维护某某秩序的暂行规定",
        "贵州省人民政府",
        "第一条 为了维护某某秩序，制定本规定。",
        "第二条 本规定自发布之日起施行。",
    ]))
    assert [(d.start_line, d.title, d.issuer, d.addressees) for d in docs] == [
        (5, "某省人民政府关于做好某项工作的通知", "某省人民政府", ["各市人民政府"]),
        (11, "贵州省维护某某秩序的暂行规定", "贵州省人民政府", [])]
    alone = _docs("\n".join(["贵州省维护某某秩序的暂行规定", "贵州省人民政府", "第一条 为了维护某某秩序，制定本规定。",
                              "第二条 本规定自发布之日起施行。"]))
    assert [(d.start_line, d.end_line, d.issuer, d.genre) for d in alone] == [(1, 4, "贵州省人民政府", None)]
    docs = _docs("\n".join([
        "关于做好某项工作的通知",
        "各县人民政府",
        "现将有关事项通知如下。",
        "阳泉市人民政府办公室",
        "2024年1月5日",
    ]))
    assert docs[0].issuer == "阳泉市人民政府办公室"


def test_a_toc_entry_of_a_policy_interpretation_is_no_missing_document():
    # set 30: a 【政策解读】 section lists `《某办法》起草说明`, an item that is no 公文: no document is
    # made of it (its lines are a title of no genre) and its TOC entry finding none is no `toc-missing`
    parsed = parse_bytes("\n".join([
        "目　录",
        "【规范性文件】",
        "某市人民政府关于做好某项工作的通知（某政发〔2024〕1号）…………（1）",
        "【政策解读】",
        "《某市某某管理办法》政策解读……………………………（2）",
        "关于《某市某某规定》的解读……………………………………（3）",
        "",
        "【规范性文件】",
        "某市人民政府关于做好某项工作的通知",
        "某政发〔2024〕1号",
        "各县（区）人民政府：",
        "现将有关事项通知如下。",
        "某市人民政府",
        "2024年1月5日",
        "",
        "【政策解读】",
        "《某市某某管理办法》政策解读",
        "一、出台背景",
        "为加强管理，制定本办法。",
        "关于《某市某某规定》的解读",
        "一、起草过程",
        "本规定经市政府常务会议审议通过。",
    ]).encode(), "t.txt")
    assert [e.section for e in parsed.toc] == ["规范性文件", "政策解读", "政策解读"]
    assert [d.start_line for d in parsed.documents] == [9]
    assert parsed.documents[0].end_line <= 15
    assert not [w for w in parsed.warnings if w.code == "toc-missing"]
    # printed under no heading, right after the document: the document still ends before it
    plain = _docs("\n".join([
        "某市人民政府关于做好某项工作的通知", "各县（区）人民政府：", "现将有关事项通知如下。", "某市人民政府", "2024年1月5日",
        "《某市某某管理办法》政策解读", "一、出台背景", "为加强管理，制定本办法。"]))
    assert [(d.start_line, d.end_line) for d in plain] == [(1, 5)]


# Set 31 (redhead-pdf): documents as GB/T 9704 prints them, each headed by its 版头.
SIGNED_BEFORE = "\n".join([
    "某市人民政府关于某事项的通知",
    "各区人民政府：",
    "现将有关事项通知如下。",
    "某市人民政府",
    "2023年5月6日",
])


def test_a_forwarding_notice_titled_without_about_is_a_complete_title():
    # `某市人民政府办公室` / `转发市发改委等部门《…办法》的通知` under a 版头 and its 文号: no 关于, and the
    # 《》 closes before 的通知, so the title is complete only as an issuing notice's title
    docs = _docs("\n".join([
        "某某市人民政府办公室文件",
        "某政办字〔2009〕120号",
        "某某市人民政府办公室",
        "转发市发改委等部门《支持农村邮政物流",
        "发展实施办法》的通知",
        "各县（市、区）人民政府，市政府各部门：",
        "《支持农村邮政物流发展实施办法》已经市政府同意，现转发，请认真贯彻执行。",
        "某某市人民政府办公室",
        "二〇〇九年八月三十日",
    ]))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "某某市人民政府办公室转发市发改委等部门《支持农村邮政物流发展实施办法》的通知"
    assert doc.issuer == "某某市人民政府办公室" and doc.genre == "通知"
    assert doc.addressees == ["各县（市、区）人民政府", "市政府各部门"]


def test_a_joint_red_head_with_one_wenjian_for_both_issuers_is_the_head_not_the_title():
    # the text layer gives the stacked issuers and the one 文件 at their right as three lines (one
    # paragraph a line, as a PDF's text layer gives them: here a blank line between)
    for head in (["中共某省委办公厅", "文件", "某省人民政府办公厅"],
                 ["中共某省委办公厅", "某省人民政府办公厅", "文件"],
                 ["中共某省委办公厅", "某省人民政府办公厅文件"]):
        docs = _docs("\n\n".join(SIGNED_BEFORE.split("\n") + head + [
            "中共某省委办公厅　某省人民政府办公厅",
            "关于印发《某省某项工作实施细则》的通知",
            "各市委、市人民政府，省直各单位：",
            "《某省某项工作实施细则》已经省委、省政府同意，现印发给你们。",
            "中共某省委办公厅　　　某省人民政府办公厅",
            "2023年12月5日",
        ]))
        assert [d.start_line for d in docs] == [1, 11], head
        doc = docs[1]
        assert doc.title == "中共某省委办公厅某省人民政府办公厅关于印发《某省某项工作实施细则》的通知", head
        assert doc.issuers == ["中共某省委办公厅", "某省人民政府办公厅"], head
        assert docs[0].signed.isoformat() == "2023-05-06"


def test_a_joint_red_head_over_a_doc_number_begins_at_its_first_name():
    # the 版头's names stacked above `文件` (or its last name's `…文件`), then the 文号: the head
    # begins at the first name, which is not left behind as a line of the document before
    tail = ["晋办发〔2023〕5号", "中共某省委办公厅　某省人民政府办公厅", "关于印发《某省某项工作实施细则》的通知",
            "各市委、市人民政府，省直各单位：", "《某省某项工作实施细则》已经省委、省政府同意，现印发给你们。",
            "中共某省委办公厅　　　某省人民政府办公厅", "2023年12月5日"]
    for head in (["中共某省委办公厅", "某省人民政府办公厅", "文件"], ["中共某省委办公厅", "某省人民政府办公厅文件"]):
        docs = _docs("\n\n".join(SIGNED_BEFORE.split("\n") + head + tail))
        assert [d.start_line for d in docs] == [1, 11], head
        assert docs[0].end_line == 9 and docs[1].issuers == ["中共某省委办公厅", "某省人民政府办公厅"], head


def test_a_signature_printed_after_its_date_stays_above_the_next_red_head():
    # `…。` / date / `某市人民政府` (signed under its date) / `某省人民政府办公厅文件`: the name is the
    # document before's signature, not a name stacked in the next 版头
    before = ["某市人民政府关于某事项的通知", "各区人民政府：", "现将有关事项通知如下。", "2023年5月6日", "某市人民政府"]
    docs = _docs("\n\n".join(before + ["某省人民政府办公厅文件", "某政办发〔2023〕5号",
                                       "某省人民政府办公厅关于某项工作的通知", "各市人民政府：",
                                       "现将有关事项通知如下。", "某省人民政府办公厅", "2023年12月5日"]))
    assert [d.start_line for d in docs] == [1, 11]
    assert docs[0].issuer == "某市人民政府" and docs[1].issuer == "某省人民政府办公厅"


def test_an_upward_documents_number_line_with_its_signer_at_the_right():
    # GB/T 9704 7.2.4: a 请示's 文号 at the left and `签发人：…` at the right of one line
    for line in ("某政发〔2023〕12号　　　　　　签发人：张某某", "某政发〔2023〕12号　　签发人：张某某　李某某"):
        for sep in ("\n", "\n\n"):
            docs = _docs(sep.join(["某县人民政府文件", line, "某县人民政府关于某项工作的请示", "某市人民政府：",
                                   "现将有关事项请示如下。", "妥否，请批示。", "某县人民政府", "2023年12月5日"]))
            assert [(d.start_line, d.doc_number, d.genre) for d in docs] == [(1, DocNumber("某政发", 2023, 12), "请示")]


def test_a_forwarding_title_with_about_and_no_genre_of_its_own_under_a_red_head():
    # a township's 文件: 版头, 文号, then `关于转发《…的紧急通知》` over three lines, no issuer in the
    # title and no 的通知 after the 《》 (the forwarded notice's genre is the title's): the 关于…
    # lines are the title, not the 版头, and the issuer is the 版头's full name
    docs = _docs("\n".join([
        "某某县某某乡人民政府文件",
        "某乡政〔2010〕5号",
        "关于转发《某某县人民政府办公室关于做好",
        "2010年春节期间安全生产工作的",
        "紧急通知》",
        "各行政村，乡属各单位：",
        "现将《紧急通知》转发给你们，请认真贯彻执行。",
        "某某乡人民政府",
        "二〇一〇年二月一日",
    ]))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "关于转发《某某县人民政府办公室关于做好2010年春节期间安全生产工作的紧急通知》"
    assert (doc.genre, doc.start_line) == ("通知", 1)
    assert doc.addressees == ["各行政村", "乡属各单位"]
    assert doc.issuer == "某某县某某乡人民政府"  # signed 某某乡人民政府: the 版头 says where it is
    # with its issuer before 关于, and printed on one line with no 版头, it is a title all the same
    [doc] = _docs("\n".join([
        "某某乡人民政府关于转发《某某县人民政府办公室关于做好春节期间安全生产工作的紧急通知》",
        "各行政村：",
        "现将《紧急通知》转发给你们，请认真贯彻执行。",
        "某某乡人民政府",
        "2010年2月1日",
    ]))
    assert (doc.issuer, doc.genre, doc.addressees) == ("某某乡人民政府", "通知", ["各行政村"])


def test_a_subject_words_line_after_the_signature_names_no_instrument():
    # an older 文件's 版记 under its date: 主题词 (its words run together, as OCR gives them) and
    # 抄送 are no title of an instrument the notice issues; the instrument after them still is
    for tail, want in (([], None), (["某县林地管理办法", "第一条　为加强林地管理，制定本办法。"], None)):
        [doc] = _docs("\n".join([
            "某县人民政府关于做好森林防火工作的通知",
            "各乡镇人民政府：",
            "现将有关事项通知如下，请认真贯彻执行。",
            "某县人民政府",
            "二〇〇九年一月九日",
            "主题词：森林消防转发通知",
            "抄送：县委办公室",
        ] + tail))
        assert doc.instrument_title == want
    [doc] = _docs("\n".join([
        "某县人民政府关于印发某县林地管理办法的通知",
        "各乡镇人民政府：",
        "现将《某县林地管理办法》印发给你们，请认真贯彻执行。",
        "某县人民政府",
        "二〇〇九年一月九日",
        "某县林地管理办法",
        "第一条　为加强林地管理，制定本办法。",
    ]))
    assert doc.instrument_title == "某县林地管理办法"


def test_a_doc_number_line_as_ocr_misreads_it_lost_hao_or_one_bracket():
    # OCR of a scan drops the 号 of a head's 文号 or reads it as 弓/亏, and loses one bracket of a
    # number printed in brackets under the title: still the number, the line standing alone
    from gongbao.parse.heads import head_number

    for line in ("某政办发〔2021]88", "某政办发〔2021〕88弓", "某政办发[2021]88亏", "某政办发【2021】88"):
        assert str(head_number(line)) == "某政办发〔2021〕88号", line
    for line in ("某署发〔2019】1号）", "（某署发〔2019〕1号", "(某署发[2019]1号", "某署发C2019】1号", "某署发c2019〕1号"):
        assert str(head_number(line)) == "某署发〔2019〕1号", line
    for line in ("共计〔2021〕88", "某政办发〔2021〕88元", "第〔2021〕8", "2021]88", "某政办发〔2021〕88号）（", "某政办发C2021年"):
        assert head_number(line) is None, line
    # in a document: the number under its title, read
    docs = _docs("\n".join([
        "某盟行政公署关于表彰奖励某项工作先进集体的决定",
        "某署发〔2019】1号）",
        "各旗县市人民政府，盟直有关部门：",
        "经研究，决定对以下先进集体予以表彰。",
        "某盟行政公署",
        "2019年3月1日",
        "某县人民政府办公室关于印发某县某项资金管理办法的通知",
        "某政办发〔2021]88弓",
        "各乡镇人民政府：",
        "现将《某县某项资金管理办法》印发给你们，请遵照执行。",
        "某县人民政府办公室",
        "2021年9月28日",
    ]))
    assert [str(d.doc_number) for d in docs] == ["某署发〔2019〕1号", "某政办发〔2021〕88号"]
    # but a cited number a line break put at the start of a line, closing the bracket the line
    # before opened, is that sentence's end: no head of a document
    docs = _docs("\n".join([
        "某县人民政府关于做好重污染天气应对工作的通知",
        "各乡镇人民政府：",
        "根据《关于加强重污染天气应对的指导意见》（环办大",
        "气函〔2019〕648号）",
        "《某省重污染天气应急预案》，现通知如下。",
        "某县人民政府",
        "2021年3月1日",
    ]))
    assert len(docs) == 1 and "（环办大气函〔2019〕648号）" in docs[0].text


def test_a_section_heading_that_lost_one_bracket_is_named_without_it():
    docs = _docs("\n".join([
        "【乡镇文件",
        "某某县某某乡人民政府文件",
        "某乡政〔2010〕5号",
        "某某乡人民政府关于做好春节期间安全生产工作的通知",
        "各行政村：",
        "现将有关事项通知如下，请认真贯彻执行。",
        "某某乡人民政府",
        "2010年2月1日",
        "部门文件】",
        "某县林业局关于做好森林防火工作的通知",
        "各乡镇林业站：",
        "现将有关事项通知如下，请认真贯彻执行。",
        "某县林业局",
        "2010年2月3日",
    ]))
    assert [d.section for d in docs] == ["乡镇文件", "部门文件"]


def test_a_red_head_whose_long_name_breaks_over_its_two_lines():
    """A county organ's 版头 too long for one line, broken inside the name (`石城县安全生产` /
    `委 员 会 文 件`), right after the document before closed: the head begins at the name's first
    line, and an unsigned document takes its issuer from the two lines read together (held-out
    set 32, 鹿寨县防汛抗旱 / 指 挥 部 文 件)."""
    lines = [
        "      石城县人民政府关于做好", "        防汛工作的通知", "",
        "各乡（镇）人民政府，县政府各部门：", "    汛期将至，为确保全县安全度汛，", "请各单位切实做好防汛准备工作，落实",
        "防汛责任，加强值班值守，及时报告", "雨情水情。", "",
        "                  石城县人民政府", "                  2024年5月10日", "",
        "          石城县安全生产", "          委 员 会 文 件", "",
        "        石安委〔2024〕3号", "",
        "    关于开展汛期安全生产大检查", "          的通知", "",
        "各乡（镇）人民政府，县安委会各成", "员单位：", "    为做好汛期安全生产工作，经研究，",
        "决定在全县开展一次安全生产大检查。", "现将有关事项通知如下。", "    一、检查时间。2024年6月至7月。",
        "    二、检查重点。矿山、道路交通、", "建筑施工等行业领域。", "",
        "                  2024年5月20日",
    ]
    first, second = parse_bytes("\n".join(lines).encode(), "red-head-two-lines.txt").documents
    assert (first.start_line, first.issuer) == (1, "石城县人民政府")
    assert (second.start_line, str(second.doc_number), second.title) == (13, "石安委〔2024〕3号", "关于开展汛期安全生产大检查的通知")
    assert second.issuer == "石城县安全生产委员会"


def test_a_toc_table_ends_with_its_rows_before_the_first_title():
    """A TOC laid out as a table, tab-separated or as `pdftotext -layout` prints it (cells at fixed
    columns, titles wrapping in their column), then the body, whose first title has its 文号 under
    it: the table's rows are the entries, and the title after them is the first document's, not
    a TOC line without a page (probe beyond held-out set 32)."""
    cover = ["                 石城县政务文件选编", "                   2025年第1期", "", "                      目  录", ""]
    tab_toc = ["序号\t文件名称\t文号\t页码",
               "1\t石城县人民政府关于同意设立城东社区的批复\t石政函〔2024〕3号\t1",
               "2\t石城县人民政府关于禁止露天焚烧秸秆的通告\t\t2"]
    layout_toc = ["序号  文件名称                          文号              页码",
                  "1     石城县人民政府关于同意设立城东社  石政函〔2024〕3号  1",
                  "      区的批复",
                  "2     石城县人民政府关于禁止露天焚烧秸                    2",
                  "      秆的通告"]
    body = ["", "                         — 1 —", "\f石城县政务文件选编  2025年第1期", "",
            "石城县人民政府关于同意设立城东社区的批复", "石政函〔2024〕3号", "", "城关镇人民政府：",
            "    你镇请示收悉。经研究，同意设立城东社区居民委员会。", "    此复。", "", "                      2024年4月1日", "",
            "石城县人民政府关于禁止露天焚烧秸秆的通告", "", "    为改善环境质量，决定在全县范围内禁止露天焚烧秸秆。",
            "    本通告自发布之日起施行。", "", "                      石城县人民政府", "                      2024年4月5日"]
    for toc in (tab_toc, layout_toc):
        lines = cover + toc + body
        parsed = parse_bytes("\n".join(lines).encode(), "toc-table.txt")
        assert [(e.title, e.page) for e in parsed.toc] == [
            ("石城县人民政府关于同意设立城东社区的批复", 1), ("石城县人民政府关于禁止露天焚烧秸秆的通告", 2)]
        first = lines.index("石城县人民政府关于同意设立城东社区的批复") + 1
        assert [(d.start_line, d.title) for d in parsed.documents] == [
            (first, "石城县人民政府关于同意设立城东社区的批复"), (first + 9, "石城县人民政府关于禁止露天焚烧秸秆的通告")]
        assert not [w for w in parsed.warnings if w.code == "toc-unreadable"]


def test_a_signature_run_together_with_its_date_as_ocr_leaves_it():
    """held-out set 33's probe: `某旗人民政府2020年3月6日` on one line, the space lost, is the
    signature and the date; a sentence ending in a date is neither."""
    for closing, signed in (("某某旗人民政府2020年3月6日", "2020-03-06"), ("某某旗人民政府二〇二〇年三月六日", "2020-03-06")):
        text = ("某某旗人民政府关于禁止野外用火的通告\n\n为加强森林草原防火工作，现就有关事项通告如下：\n\n"
                "一、禁止在林区草原野外用火。\n\n" + closing + "\n")
        [doc] = parse_text(text).documents
        assert (doc.signature, doc.signed and doc.signed.isoformat()) == ("某某旗人民政府", signed)
    text = ("某某旗人民政府关于禁止野外用火的通告\n\n为加强森林草原防火工作，现就有关事项通告如下：\n\n"
            "一、禁止在林区草原野外用火。\n\n本通告自2020年3月6日\n")
    [doc] = parse_text(text).documents
    assert doc.signature is None


def test_the_public_as_addressees_with_the_colon_misread_as_a_semicolon():
    """held-out set 33's probe: a banner's 通告 to `各苏木镇、各嘎查村、广大农牧民`, its colon read as ；."""
    text = ("某某旗人民政府关于禁止野外用火的通告\n\n各苏木镇、各嘎查村、广大农牧民；\n\n"
            "为加强森林草原防火工作，现就有关事项通告如下：\n\n一、禁止在林区草原野外用火。\n\n某某旗人民政府\n\n2020年3月6日\n")
    [doc] = parse_text(text).documents
    assert doc.addressees == ["各苏木镇", "各嘎查村", "广大农牧民"]


def test_a_web_pages_title_over_its_page_line_begins_a_document_of_its_own():
    # tasks-other (丽水, 谯城): a page's title with no genre (`…责任分解(2023年)`, `某区教育局2025年…分解表`)
    # over its page line (`发布时间:… 信息来源:…`): a document, first in the file or after a 印发 notice
    # whose instrument has a like name (the page is not that instrument)
    notice = ["关于印发2021年政府工作报告重点工作责任分解的通知", "某政办发〔2021〕3号", "各县（市、区）人民政府，市政府各部门：",
              "《2021年政府工作报告重点工作责任分解》已经市政府同意，现印发给你们。", "某某市人民政府办公室", "2021年3月24日",
              "2021年政府工作报告重点工作责任分解", "1.推进甲事项。", "责任单位：市发改委"]
    page = ["某区教育局2025年政府工作报告重点工作任务分解表", "发布时间:2025-06-13 09:13 信息来源:某区教育局",
            "序号", "重点工作任务", "主要责任单位", "1", "建设学校。", "区教育局"]
    first = ["市政府工作报告重点工作责任分解(2023年)", "时间:2023-07-11 17:01 浏览次数: 信息来源: 某某市政府",
             "一、主要预期目标", "1.生产总值增长6%以上。", "责任单位:市发改委"]
    docs = _docs("\n\n".join(first + notice + page))
    assert [(d.start_line, d.title) for d in docs] == [
        (1, "市政府工作报告重点工作责任分解(2023年)"), (11, notice[0]), (29, page[0])]
    assert docs[2].issuer == "某区教育局" and docs[0].issuer is None
    assert [t.label for t in docs[2].tasks] == ["1"]


def test_an_instruments_title_with_about_over_its_preamble_begins_a_document():
    # tasks-other (淮安): `关于…的具体实施细则` printed on its own, no issuer, no number, its preamble
    # (为…，制定如下实施细则。) under it, after a 印发 notice that issued another instrument
    notice = ["某区人民政府办公室关于印发某某工作方案的通知", "某政办〔2023〕1号", "各街道办事处：",
              "《某某工作方案》已经区人民政府同意，现印发给你们。", "某某区人民政府办公室", "2023年1月3日", "某某工作方案",
              "一、主要目标", "（一）地区生产总值增长7%以上"]
    rules = ["关于进一步帮助市场主体纾困解难的具体实施细则",
             "为深入贯彻落实省政府有关精神，帮助市场主体纾困解难，结合本市实际，制定如下实施细则。", "一、落实财税支持政策",
             "1.积极争取省级专项资金。（责任单位：市工信局、市财政局）"]
    docs = _docs("\n\n".join(notice + rules))
    assert [(d.start_line, d.title, d.genre) for d in docs] == [(1, notice[0], "通知"), (19, rules[0], None)]
    assert [t.responsible for t in docs[1].tasks] == [("市工信局", "市财政局")]
    # issued by the notice (named by it): still the notice's
    issued = ["某区人民政府办公室关于印发《关于进一步帮助市场主体纾困解难的具体实施细则》的通知", "某政办〔2023〕2号",
              "各街道办事处：", "《关于进一步帮助市场主体纾困解难的具体实施细则》已经区人民政府同意，现印发给你们。",
              "某某区人民政府办公室", "2023年1月3日"]
    assert [d.start_line for d in _docs("\n\n".join(issued + rules))] == [1]


def test_a_plan_standing_alone_after_the_plan_a_notice_issued_is_a_document_of_its_own():
    text = "\n\n".join([
        "某县人民政府办公室关于印发某县防汛应急预案的通知", "各乡镇人民政府：",
        "《某县防汛应急预案》已经县政府同意，现印发给你们。", "某县人民政府办公室", "2020年5月6日",
        "某县防汛应急预案", "1 总则", "为做好防汛工作，制定本预案。",
        "另县地质灾害应急预案", "1总则", "为做好地质灾害防治工作，制定本预案。"]) + "\n"
    docs = parse_bytes(text.encode("utf-8"), "t.txt").documents
    assert [(d.start_line, d.title) for d in docs] == [
        (1, "某县人民政府办公室关于印发某县防汛应急预案的通知"), (17, "另县地质灾害应急预案")]
    assert docs[0].instrument_title == "某县防汛应急预案"


def test_an_instruments_name_complete_with_its_note_takes_no_heading_after_it():
    text = "\n\n".join([
        "某县减灾委员会关于印发《某县自然灾害救助应急预案（试行）》的通知", "各镇人民政府：",
        "《某县自然灾害救助应急预案（试行）》已经同意，现印发给你们。", "某县减灾委员会", "2022年9月8日",
        "某县自然灾害救助应急预案（试行）", "1总则", "1.1编制目的", "为做好救助工作，制定本预案。"]) + "\n"
    [doc] = parse_bytes(text.encode("utf-8"), "t.txt").documents
    assert doc.instrument_title == "某县自然灾害救助应急预案（试行）"


def test_an_instrument_the_notice_names_stays_in_it_when_the_notice_prints_no_title():
    text = "\n\n".join([
        "- 索引号：010603120/2023-00979", "- 发文字号：某政办发〔2018〕9号", "各乡镇人民政府，县直有关单位：",
        "《某县测试应急预案》已经县人民政府同意，现印发你们，请认真贯彻落实。", "某县人民政府办公室", "2018年12月6日",
        "某县测试应急预案", "1 总 则", "为做好测试工作，制定本预案。"]) + "\n"
    [doc] = parse_bytes(text.encode("utf-8"), "t.txt").documents
    assert str(doc.doc_number) == "某政办发〔2018〕9号" and doc.end_line == 17


def test_a_notice_whose_page_begins_at_its_addressees_after_a_text_cut_short():
    cut = "为做好测试工作，依据《中华人民共和国突发事件应对法》《某省突发事件总体应急预案》《某市突发事件总体应急预案》" * 3 + "等法律、法规、规章"
    text = "\n\n".join([
        "某县人民政府办公室关于印发某县防汛应急预案的通知", "各乡镇人民政府：", "现将《某县防汛应急预案》印发给你们。",
        "某县人民政府办公室", "2020年5月6日", "某县防汛应急预案", "1 总则", cut,
        "各乡镇人民政府、街道办事处，县属有关单位：", "《另县测试应急预案》已经县政府同意，现印发给你们。",
        "另县人民政府办公室", "2024年5月26日", "另县测试应急预案", "一、总则", "为做好测试工作，制定本预案。"]) + "\n"
    docs = parse_bytes(text.encode("utf-8"), "t.txt").documents
    assert [(d.start_line, d.title, d.issuer, d.addressees) for d in docs] == [
        (1, "某县人民政府办公室关于印发某县防汛应急预案的通知", "某县人民政府办公室", ["各乡镇人民政府"]),
        (17, None, "另县人民政府办公室", ["各乡镇人民政府", "街道办事处", "县属有关单位"])]
    assert docs[1].signed.isoformat() == "2024-05-26"


def test_a_sentence_cut_by_a_seam_before_a_colon_is_no_list_of_addressees():
    """2024-03 line 3263: `…市森防办按照相` / (page seam) / `关规定报告市委、市政府和省森防办：` is one
    sentence: only a list beginning 各… after a text cut short stands as a notice's addressees."""
    doc = next(d for d in parsed_sample("yangquan-gazette-2024-03.txt").documents if str(d.doc_number) == "阳政办发〔2024〕32号")
    assert any("市森防办按照相关规定报告市委、市政府和省森防办：" in p.text for p in doc.paragraphs)


def test_a_bulletins_masthead_begins_its_document_and_gives_issuer_and_date():
    """held-out set 34 (pandoc-docx): a 督查 bulletin printed where a 版头 stands — its name, its
    issue (`20期`), the compiling organ and the date on one line (the 日 perhaps lost) — over a
    title that names no issuer and a text with no signature: the document begins at the masthead,
    whose organ and date are its issuer and date. A signature run together with its date, without
    an issue line above it, stays the document before's."""
    notice = ("某县人民政府关于禁止野外用火的通告\n\n为加强森林防火，现通告如下：\n\n一、禁止野外用火。\n\n"
              "某县人民政府\n\n2022年8月1日\n\n")
    bulletin = ("某县政务督查\n\n第20期（总第45期）\n\n某县人民政府督查室 2022年8月19\n\n"
                "关于2022年重点工作上半年落实情况的通报\n\n各乡镇人民政府，县政府各部门：\n\n"
                "现将有关情况通报如下。\n\n附件：重点工作落实情况\n")
    docs = parse_text(notice + bulletin).documents
    assert [(d.start_line, d.issuer, d.signed and d.signed.isoformat()) for d in docs] == [
        (1, "某县人民政府", "2022-08-01"), (11, "某县人民政府督查室", "2022-08-19")]
    # no issue line: `某县人民政府督查室 2022年8月19日` is no masthead, the title starts the document
    docs = parse_text(notice + bulletin.replace("第20期（总第45期）\n\n", "")).documents
    assert docs[1].start_line == 15 and docs[1].issuer is None


def test_alike_answers_as_likeness_does():
    from gongbao.parse.likeness import alike, likeness

    pairs = [("某市人民政府关于印发某某办法的通知", "某市人民政府关于印发某某办法的通知"),
             ("某县森林火灾应急预案", "某县森林火灾应急预案（试行）"), ("关于某事的通知", "完全不同的一行字"),
             ("", "某"), ("某县测试应急预案", "另县测试应急预案")]
    for a, b in pairs:
        for t in (0.0, 0.6, 0.75, 0.9, 1.0):
            assert alike(a, b, t) == (likeness(a, b) >= t), (a, b, t)


# Kinds that held-out set 35 (tests/corpus_other/province-issue) showed.

def test_a_title_over_two_lines_at_a_page_s_top_after_a_text_cut_at_a_comma_begins_anew():
    """A page of a gazette ends inside a sentence (`坚持改革创新，`), and the next page begins with a
    title printed over two lines, its issuer first (`某省人民政府办公厅关于印发某某奖励基` /
    `金管理办法的通知`), a blank line under it: the title does not run on from the comma; its
    document begins there."""
    text = "\n".join([
        "某省人民政府办公厅关于印发某某工作方案的通知",
        "某政办〔2023〕28号",
        "",
        "各市、自治州人民政府，省政府各委、办、厅、局：",
        "　　《某某工作方案》已经省政府同意，现印发给你们，",
        "请认真组织实施。",
        "",
        "某省人民政府办公厅",
        "2023年3月24日",
        "",
        "某某工作方案",
        "",
        "　　系统施治、长效长治。坚持政府、企业、群众三方",
        "共创、共治、共享的理念，坚持改革创新，",
        "",
        "3",
        "\f某省政报　2025年第22期",
        "",
        "某省人民政府办公厅关于印发省政府奖励基",
        "金管理办法的通知",
        "",
        "　　省财政厅草拟的《省政府奖励基金管理办法》已经",
        "省政府同意，现印发给你们，请认真贯彻执行。",
        "",
        "　　第一条　凡对我省全局性工作有重要影响和推动作",
        "用的单位和个人，可确定为奖励对象。",
        "",
        "4",
        "\f",
    ])
    docs = parse_text(text).documents
    assert [(d.start_line, d.title) for d in docs] == [
        (1, "某省人民政府办公厅关于印发某某工作方案的通知"),
        (19, "某省人民政府办公厅关于印发省政府奖励基金管理办法的通知")]


def test_a_portal_column_under_its_breadcrumb_is_no_section():
    """held-out set 36 (news-reposts): a portal page prints its column's name (`政府文件`) on a line of
    its own under the breadcrumb, right above the page's heading: the page's place on the site, not
    a section of a gazette, and it must not carry over to the pages pasted after it. The same short
    line with no breadcrumb above it still names the section."""
    page = ("您的位置： 首页  >>  政务公开  >>  正文\n政府文件\n关于印发《某市人民政府工作规则》的通知\n"
            "来源：市政府办公室 发布时间：2016年10月14日 18:46 浏览次数：\n某市政发〔2016〕83号\n"
            "关于印发《某市人民政府工作规则》的通知\n某镇人民政府，市人民政府各部门：\n"
            "《某市人民政府工作规则》已经市政府常务会议通过，现予印发。\n某市人民政府\n2016年10月14日\n")
    other = ("另县人民政府办公室关于推进政务信息资源共享工作的通知\n另政办〔2019〕26号\n各乡（镇）人民政府：\n"
             "现就有关工作通知如下。\n另县人民政府办公室\n2019年6月17日\n")
    docs = parse_text(page + "\n" + other).documents
    assert [(d.title, d.section) for d in docs] == [
        ("关于印发《某市人民政府工作规则》的通知", None), ("另县人民政府办公室关于推进政务信息资源共享工作的通知", None)]
    docs = parse_text(page.split("\n", 1)[1] + "\n" + other).documents
    assert docs[0].section == "政府文件"


def test_a_validity_note_under_the_title_stands_before_the_addressees():
    """held-out set 36: a gazette database prints `（已失效）` on a line of its own under the title and
    its `文号 日期` line: the site's word on the document (its printed status), and the addressees
    follow it."""
    text = ("某省人民政府办公厅\n关于印发某某经济区2015年\n重点工作方案的通知\n某办函〔2015〕160号 2015年9月1日\n"
            "（已失效）\n各市（州）人民政府，省政府各部门、各直属机构：\n经省政府领导同志同意，现将《某某经济区2015年重点"
            "工作方案》、《另某经济区2015年重点工作方案》印发你们，请认真组织实施。\n某某经济区2015年重点工作方案\n"
            "一、创新驱动发展\n（一）加强技术创新平台建设。积极构建创新创业孵化体系，营造良好氛围。建立激励机制，鼓励和引导"
            "重点实验室、工程实验室、工程研究中心等产业技术创新平台向社会开放。完善科技成果定价机制，大力推进新型研发机构"
            "建设，合力构建开放共享互动的创新网络。（责任单位：省发展改革委、科技厅）\n")
    doc = parse_text(text).documents[0]
    assert doc.addressees == ["各市（州）人民政府", "省政府各部门", "各直属机构"]
    assert doc.printed_status == "已失效" and doc.signed.isoformat() == "2015-09-01"


def test_the_titles_a_page_lists_under_its_related_links_label_are_no_document():
    """held-out set 36 (probed beyond the set): a page's `相关链接：` list after a signed document —
    complete titles of other documents, one a line — was read as one document whose title joined
    them; under the label they are links, and the document pasted after them is still found."""
    notice = ("某县人民政府关于禁止野外用火的通告\n为加强森林防火，保护森林资源，现通告如下：\n一、禁止野外用火。\n"
              "某县人民政府\n2022年8月1日\n")
    links = ("相关链接：\n甲县人民政府办公室关于印发甲县突发环境事件应急预案的通知\n乙县人民政府关于印发《乙县人民政府工作规则》的通知\n"
             "【打印】【关闭】\n")
    other = ("另县人民政府办公室关于推进政务信息资源共享工作的通知\n另政办〔2019〕26号\n各乡（镇）人民政府：\n"
             "为加快推进政务数据共享，现就有关工作通知如下。\n另县人民政府办公室\n2019年6月17日\n")
    docs = parse_text(notice + links + "\n" + other).documents
    assert [(d.start_line, d.title) for d in docs] == [
        (1, "某县人民政府关于禁止野外用火的通告"), (11, "另县人民政府办公室关于推进政务信息资源共享工作的通知")]


def test_regulations_a_database_prints_with_their_day_and_issuer_or_an_older_order_number_under_the_name():
    """Found by the held-out set validity-other: one regulation after another, undated, each as a
    law database prints it: the name, then `1990年7月18日，某部` (the day and the issuer) or the
    order's number in an older form (`某政令[1997]29号`), then its promulgating sentence or 第一条:
    each one a document (both had been swallowed by the rule before), dated and issued by that line
    (the order of 甲政令 under 甲乙市…规定: 甲乙市人民政府's)."""
    text = ("某乙省人民代表大会常务委员会关于修改部分地方性法规的决定\n\n某乙省第十一届人民代表大会常务委员会第十七次会议决定，"
            "修改下列地方性法规：\n\n1.将《某乙省某事条例》第七条修改为：“负责某事工作，改善生态环境，依法处理。”\n\n"
            "某某人员管理暂行规定\n\n1990年7月18日，某某部\n\n"
            "《某某人员管理暂行规定》已经一九九○年六月十四日某某部部务会议通过，现予发布，自一九九○年九月一日起施行。\n\n"
            "第一条　为做好某某人员的管理工作，特制定本规定。\n\n"
            "甲乙市鼓励投资的规定\n\n甲政令[1997]29号\n\n第一条　为鼓励投资，制定本规定。\n\n第二条　本规定适用于本市。\n")
    docs = _docs(text)
    assert [(d.start_line, d.title) for d in docs][0] == (1, "某乙省人民代表大会常务委员会关于修改部分地方性法规的决定")
    assert [(d.start_line, d.title, d.issuer, str(d.signed), d.order_number) for d in docs[1:]] == [
        (7, "某某人员管理暂行规定", "某某部", "1990-07-18", None),
        (15, "甲乙市鼓励投资的规定", "甲乙市人民政府", "None", "第29号")]
    assert docs[1].validity.effective.isoformat() == "1990-09-01"


def test_a_session_is_no_part_of_the_issuers_name_and_a_meetings_decision_no_addressees():
    """Found by the held-out set validity-other: `某省第十一届人民代表大会常务委员会公告`, signed by
    the committee: the issuer is the committee (the 届 is its term); and a 决定's first line
    `…第十七次会议决定，修改下列地方性法规：` is its text, not addressees."""
    text = ("某省第十一届人民代表大会常务委员会公告\n\n第28号\n\n《某省某事条例》已由某省第十一届人民代表大会常务委员会"
            "第十次会议于2009年7月22日通过，现予公布，自2009年11月1日起施行。\n\n某省人民代表大会常务委员会\n\n2009年7月22日\n\n"
            "某乙省人民代表大会常务委员会关于修改部分地方性法规的决定\n\n"
            "某乙省第十一届人民代表大会常务委员会第十七次会议决定，修改下列地方性法规：\n\n"
            "1.将《某乙省某事条例》第七条修改为：“负责某事工作。”\n\n某乙省人民代表大会常务委员会\n\n2010年9月29日\n")
    docs = _docs(text)
    assert [(d.title, d.issuer, d.addressees) for d in docs] == [
        ("某省第十一届人民代表大会常务委员会公告", "某省人民代表大会常务委员会", []),
        ("某乙省人民代表大会常务委员会关于修改部分地方性法规的决定", "某乙省人民代表大会常务委员会", [])]


# Kinds that held-out set 37 (tests/corpus_other/minutes-reports: the genres a gazette prints beside
# its notices, a work report, congresses' resolutions, statistical communiqués, in a markdown export) showed.
def test_a_work_reports_bare_byline_over_two_lines_and_the_speakers_government():
    """The byline with neither brackets nor dash, broken where the print broke it (`2025年3月21日在某区第十九届`
    / `人民代表大会第四次会议上`), then `某区人民政府代区长　王某某`: the report is a document of its own,
    dated by the byline, its issuer the government the speaker's line names; the next title stays apart."""
    text = ("**【政府工作报告】**\n\n# 政府工作报告\n\n2025年3月21日在某某区第十九届\n\n人民代表大会第四次会议上\n\n"
            "某某区人民政府代区长　王某某\n\n各位代表：\n\n现在，我代表区人民政府向大会报告工作，请予审议。\n\n"
            "一、过去一年工作回顾\n\n2024年，我们紧扣高质量发展主题，实现地区生产总值440.5亿元。\n")
    [doc] = parse_text(text).documents
    assert (doc.start_line, doc.title, doc.issuer, str(doc.signed), doc.addressees) == (
        3, "政府工作报告", "某某区人民政府", "2025-03-21", [])


def test_a_congress_met_in_session_is_the_issuer_of_its_resolution():
    """`某市第十六届人民代表大会第四次会议关于…的决议`: the title names a session; the issuer is the congress
    (or its standing committee), the adoption note under the title dating it."""
    text = ("目　录\n【人大决议】\n某某市第十六届人民代表大会第四次会议关于政府工作报告的决议……（1）\n"
            "【人大决议】\n某某市第十六届人民代表大会第四次会议关于政府工作报告的决议\n（2020年1月10日某某市第十六届人民代表大会\n第四次会议通过）\n"
            "某某市第十六届人民代表大会第四次会议听取和审议了市长所作的政府工作报告。会议决定批准这个报告。\n")
    [doc] = parse_text(text).documents
    assert (doc.issuer, str(doc.signed), doc.genre) == ("某某市人民代表大会", "2020-01-10", "决议")
    [doc] = parse_text(text.replace("人民代表大会第四次会议关于", "人民代表大会常务委员会第四次会议关于")
                       .replace("人民代表大会\n第四次会议通过", "人民代表大会常务委员会\n第四次会议通过")).documents
    assert doc.issuer == "某某市人民代表大会常务委员会"


def test_a_communiques_bureau_and_bracketed_date_under_its_title():
    """A statistical 公报: the bureau on the line under the title and the date in brackets under that
    (`某市统计局` / `（2018年4月16日）`), no signature at the foot: dated by that bracketed date."""
    text = ("## 目　录\n\n**【统计公报】**\n\n某某市2017年国民经济和社会发展统计公报……………（1）\n\n"
            "## 统计公报\n\n# 某某市2017年国民经济和社会发展统计公报\n\n某某市统计局\n\n（2018年4月16日）\n\n"
            "2017年，全市经济社会保持平稳健康发展。\n\n一、综合\n\n年末全市常住人口312.87万人。\n")
    [doc] = parse_text(text).documents
    assert (doc.title, doc.issuer, str(doc.signed), doc.genre) == (
        "某某市2017年国民经济和社会发展统计公报", "某某市统计局", "2018-04-16", "公报")


def test_a_covers_name_above_its_pinyin_line():
    """A cover prints the name, its pinyin under it, then the issue number: the name is the line above
    the pinyin, whatever its words (not only …公报 or …政报)."""
    text = ("# 某地政务文献选编\n\nMOUDI ZHENGWU WENXIAN XUANBIAN\n\n2025年第2期\n\n2025年6月30日出版\n\n"
            "某某市人民政府关于同意设立某某公园的批复\n\n某政函〔2025〕15号\n\n市林业局：\n\n你局请示收悉。同意设立。\n\n此复。\n\n2025年4月2日\n")
    assert parse_text(text).issue.gazette == "某地政务文献选编"


def test_a_congress_resolution_with_no_toc_begins_at_its_title_after_a_document():
    """No TOC lists it: the title that names a congress's session before 关于 (`某市第十六届人民代表大会第四次会议
    关于…的决议`, whole or over two lines) opens a document after the one before has closed, as an organ's
    name before 关于 does."""
    before = ("某某市人民政府关于同意设立某某公园的批复\n\n某政函〔2025〕15号\n\n市林业局：\n\n你局请示收悉。同意设立。\n\n"
              "此复。\n\n2025年4月2日\n\n")
    one = ("某某市第十六届人民代表大会第四次会议关于政府工作报告的决议\n\n（2020年1月10日某某市第十六届人民代表大会第四次会议通过）\n\n"
           "某某市第十六届人民代表大会第四次会议听取和审议了市长所作的政府工作报告。会议决定批准这个报告。\n")
    two = ("## 某某市第一届人民代表大会第八次会议\n\n关于政府工作报告的决议\n\n"
           "某某市第一届人民代表大会第八次会议听取和审议了市长王某某所作的《政府工作报告》。会议决定批准这个报告。\n")
    for text, signed in ((one, "2020-01-10"), (two, "None")):
        docs = parse_text(before + text).documents
        assert [(d.start_line, d.issuer, str(d.signed)) for d in docs] == [
            (1, "某某市人民政府", "2025-04-02"), (13, "某某市人民代表大会", signed)]
