"""The 发文字号 grammar: sloppy typing in, one canonical form out; numbers found in running text."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from gongbao.docnumber import DocNumber, DocNumberError, find_doc_numbers, match_whole


@pytest.mark.parametrize("typed", [
    "阳政办发〔2020〕132号", "阳政办发2020 132", "阳政办发[2020]132号", "阳政办发（2020）132号",
    "阳政办发(2020)132", "阳政办发 〔2020〕 132 号", "2020年阳政办发132号", "阳政办发【2020】132号",
])
def test_sloppy_forms_parse_to_one_number(typed):
    assert DocNumber.parse(typed) == DocNumber("阳政办发", 2020, 132)


def test_canonical_form_and_parts():
    n = DocNumber.parse("阳政办发[2020]132号")
    assert str(n) == "阳政办发〔2020〕132号"
    assert n.as_dict() == {"prefix": "阳政办发", "year": 2020, "serial": 132}
    assert DocNumber.parse(str(n)) == n


@pytest.mark.parametrize("text", ["", "阳政办发", "质量奖管理办法", "2020", "关于印发的通知", "132号"])
def test_not_a_number_is_a_clear_error(text):
    with pytest.raises(DocNumberError, match="not a document number"):
        DocNumber.parse(text)
    assert DocNumber.try_parse(text) is None


def test_numbers_in_running_text_keep_order_and_trim_lead_words():
    text = ("根据《山西省人民政府关于印发…的通知》（晋政发〔2024〕10 号）精神，按照阳政办发〔2020〕105号"
            "和国办发〔2019〕51号文件要求")
    assert [str(n) for n, _, _ in find_doc_numbers(text)] == ["晋政发〔2024〕10号", "阳政办发〔2020〕105号", "国办发〔2019〕51号"]


def test_a_bracketed_year_range_is_not_a_number():
    assert find_doc_numbers("《质量发展纲要（2011-2020年）》和2020年（第一批）") == []


def test_number_broken_by_a_print_line_is_found_once_joined():
    # The layout stage joins print lines without a space; the grammar tolerates stray spaces too.
    assert [str(n) for n, _, _ in find_doc_numbers("（阳政办发〔2020〕105 号）同时废止")] == ["阳政办发〔2020〕105号"]


def test_whole_line_numbers():
    assert match_whole("阳政办发〔2024〕21 号") == DocNumber("阳政办发", 2024, 21)
    assert match_whole("阳政办发〔2024〕21号同时废止") is None


@given(st.text(max_size=60))
def test_parse_never_raises_anything_but_its_own_error(text):
    try:
        DocNumber.parse(text)
    except DocNumberError:
        pass
    find_doc_numbers(text)


@given(st.text(alphabet="阳政办发晋国", min_size=1, max_size=5), st.integers(1990, 2099), st.integers(1, 9999))
def test_format_parse_round_trip(prefix, year, serial):
    n = DocNumber(prefix, year, serial)
    assert DocNumber.parse(str(n)) == n


@pytest.mark.parametrize("typed, number", [
    ("阳政发19年第7号", DocNumber("阳政发", 2019, 7)),
    ("阳政发〔19〕7号", DocNumber("阳政发", 2019, 7)),
    ("阳政办函〔二〇二一〕17号", DocNumber("阳政办函", 2021, 17)),
    ("阳政办函〔二○二一〕17号", DocNumber("阳政办函", 2021, 17)),
    ("阳政办函（二零二一）17号", DocNumber("阳政办函", 2021, 17)),
    ("阳政办发２０２０　１３２", DocNumber("阳政办发", 2020, 132)),
    ("阳政办发［２０２０］１３２号", DocNumber("阳政办发", 2020, 132)),
    ("阳政办发「2020」132号", DocNumber("阳政办发", 2020, 132)),
    ("阳政办发《2020》132号", DocNumber("阳政办发", 2020, 132)),
    ("阳政办发<2020>132号", DocNumber("阳政办发", 2020, 132)),
    ("阳政发98年3号", DocNumber("阳政发", 1998, 3)),
])
def test_numbers_typed_every_way(typed, number):
    assert DocNumber.parse(typed) == number


@pytest.mark.parametrize("text", ["阳政发 19 7", "阳政发197", "一二三四号", "二〇二一年", "阳政发〔二〇二一〕"])
def test_a_two_digit_year_needs_a_bracket_or_nian(text):
    assert DocNumber.try_parse(text) is None


def test_sloppy_forms_in_running_text_are_not_read_as_numbers():
    # Only typed input is read loosely: the text's grammar is unchanged.
    assert find_doc_numbers("依据阳政发19年第7号文件") == []
    assert find_doc_numbers("阳政办函〔二〇二一〕17号") == []


@pytest.mark.parametrize("typed", ["阳政办发〔二〇二〇〕132号", "阳政办发20年132号", "阳政办发２０２０　１３２",
                                   "阳政办发「2020」132号", "阳政办发〔20〕第132号"])
def test_search_goes_straight_to_a_number_typed_every_way(archive, typed):
    result = archive.search(typed, limit=3)
    assert result.doc_number == "阳政办发〔2020〕132号"
    assert result.hits[0].doc_number == "阳政办发〔2020〕132号" and result.hits[0].match == "doc_number"


def test_printed_numbers_with_full_width_digits_or_an_o_in_the_year():
    """Full-width digits (a word processor's) and an O for a 0 in the bracketed year (OCR's slip)
    are the same number, found at the same place in the text."""
    assert str(match_whole("某政发［２０２３］９号")) == str(match_whole("某政发〔2O23〕9号")) == "某政发〔2023〕9号"
    [(number, start, end)] = find_doc_numbers("根据某政发〔２０２２〕１５号文件")
    assert (str(number), start, end) == ("某政发〔2022〕15号", 2, 14)
    assert find_doc_numbers("O型血的人〔2O23〕") == []


def test_a_reply_s_addressee_before_the_number_it_answers_is_no_part_of_it():
    """`你局黄民〔2007〕42号文收悉` (a 批复 to 黄浦区民政局): the number cited is 黄民〔2007〕42号."""
    assert [str(n) for n, _, _ in find_doc_numbers("你局黄民〔2007〕42号文收悉。")] == ["黄民〔2007〕42号"]
    assert [str(n) for n, _, _ in find_doc_numbers("你县县政〔2023〕5号请示收悉")] == ["县政〔2023〕5号"]


def test_a_cited_number_in_half_width_square_brackets_without_a_kind_character():
    """`黄民[2007]42号` cited in running text: square brackets (half-width too) mark a 文号's year
    whatever its prefix ends in; before a year in parentheses, only a prefix with a kind character."""
    from gongbao.docnumber import find_doc_numbers

    found = lambda t: [str(n) for n, _, _ in find_doc_numbers(t)]  # noqa: E731
    assert found("根据《关于印发…的通知》（黄民[2007]42号）精神") == ["黄民〔2007〕42号"]
    assert found("按照晋政［2019］3号文件") == ["晋政〔2019〕3号"]
    assert found("第三条规定(2007)42号") == []
    assert found("依据国办发(2018)12号") == ["国办发〔2018〕12号"]


def test_a_cited_number_whose_brackets_ocr_slipped_is_still_a_number():
    """OCR reads the standard's 〔〕 as 【】 or as a pair of two shapes (`[2020】`, set 26's scan):
    a prefix that is neither known nor ends in 发/函/… (皖政秘) is read after them as after 〔,
    (as after the square ones typists print, [] ［］), not after round ones (（）, of two widths too)."""
    text = "根据《…的通知》（皖政秘[2020】120号），结合《…的批复》（皖政秘【2018】134号）精神"
    assert [str(n) for n, _, _ in find_doc_numbers(text)] == ["皖政秘〔2020〕120号", "皖政秘〔2018〕134号"]
    assert [str(n) for n, _, _ in find_doc_numbers("（皖政秘〔2022]5号）")] == ["皖政秘〔2022〕5号"]
    assert [str(n) for n, _, _ in find_doc_numbers("（皖政秘[2018]134号）")] == ["皖政秘〔2018〕134号"]
    assert find_doc_numbers("大厦（2020)3号楼") == []
    assert match_whole("皖政秘【2020]120号") == DocNumber("皖政秘", 2020, 120)


def test_number_line_with_two_digit_year_as_1990s_prints_it():
    # older-docs-2 (probe): a 1990s 文号 line gives the year in two digits, in any bracket;
    # alone on its line it is the 发文字号; in running text a citation, after a prefix that ends
    # in a kind character.
    from gongbao.docnumber import match_whole, find_doc_numbers

    assert str(match_whole("株政发（98）4号")) == "株政发〔1998〕4号"
    assert str(match_whole("（株政办〔98〕3号）")) == "株政办〔1998〕3号"
    assert str(match_whole("某政发[99]第5号")) == "某政发〔1999〕5号"
    assert match_whole("（98）4号") is None
    found = find_doc_numbers("根据《关于加强管理的通知》（晋政发〔99〕12号）和株政办发[98]第3号精神")
    assert [str(n) for n, _, _ in found] == ["晋政发〔1999〕12号", "株政办发〔1998〕3号"]
    assert [str(n) for n, _, _ in find_doc_numbers("见株政发（98）4号文件")] == ["株政发〔1998〕4号"]
    assert find_doc_numbers("详见附表（12）3号楼") == [] and find_doc_numbers("本公告（12）3号") == []
    assert find_doc_numbers("（98）4号") == []


def test_a_cited_number_with_di_before_its_serial_as_older_documents_print_it():
    """`某政发[1999]第5号` in running text is the number 某政发〔1999〕5号, as on a line of its own."""
    found = find_doc_numbers("根据《关于加强管理的通知》（株政发[1999]第5号）和湘政办发〔2008〕第 12 号精神")
    assert [str(n) for n, _, _ in found] == ["株政发〔1999〕5号", "湘政办发〔2008〕12号"]
    assert find_doc_numbers("第5号") == [] and find_doc_numbers("〔2010〕第4号") == []
    # An order's 令号 printed so stays no 文号 (its `order_number`).
    assert find_doc_numbers("依据市人民政府令〔2010〕第15号") == []
