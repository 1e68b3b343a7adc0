"""The query language: words, phrases, OR, exclusions, filters, 文号 detection; never a crash."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from gongbao.docnumber import DocNumber
from gongbao.search.match import compile_match, highlight_terms
from gongbao.search.query import Clause, Filters, QueryError, Term, parse_date, parse_query


def test_words_are_anded_and_phrases_kept_whole():
    q = parse_query('重污染天气  "应急 预案" 演练')
    assert q.clauses == (Clause((Term("重污染天气"),)), Clause((Term("应急 预案", phrase=True),)),
                         Clause((Term("演练"),)))
    assert q.excluded == () and not q.filters and q.doc_number is None


def test_or_binds_the_neighbouring_items():
    q = parse_query("林长制 OR 河长制 意见")
    assert [len(c.alternatives) for c in q.clauses] == [2, 1]
    assert str(q) == "林长制 OR 河长制 意见"
    # A dangling OR is ignored; lower-case "or" is a word.
    assert [str(c) for c in parse_query("OR 林长制 OR").clauses] == ["林长制"]
    assert len(parse_query("a or b").clauses) == 3


def test_exclusions_and_chinese_quotes():
    q = parse_query("应急预案 -演练 -“桌面推演” 「森林 草原」")
    assert q.excluded == (Term("演练"), Term("桌面推演", phrase=True))
    assert q.clauses[-1].alternatives[0] == Term("森林 草原", phrase=True)


def test_filters_are_read_and_merged():
    q = parse_query("预案 year:2022 issuer:市政府办公室 genre:通知 section:人事任免 "
                    "from:2021-01-01 to:2021-06 year：2023 issuer:\"市 政府\"")
    f = q.filters
    assert f.years == (2022, 2023) and f.genres == ("通知",) and f.sections == ("人事任免",)
    assert f.issuers == ("市政府办公室", "市 政府")
    assert (f.date_from, f.date_to) == (date(2021, 1, 1), date(2021, 6, 30))
    merged = q.with_filters(Filters(years=(2022, 2024), genres=("意见",)))
    assert merged.filters.years == (2022, 2023, 2024) and merged.filters.genres == ("通知", "意见")


@pytest.mark.parametrize("text, message", [
    ("year:abc", "expects a year"),
    ("year:", "needs a value"),
    ("from:2021-13-01", "no such date"),
    ("from:yesterday", "cannot read the date"),
    ("from:2022-01-01 to:2021-01-01", "is after"),
])
def test_unreadable_filters_say_what_to_type(text, message):
    with pytest.raises(QueryError, match=message):
        parse_query(text)


@pytest.mark.parametrize("value, end, expected", [
    ("2021-06-30", False, date(2021, 6, 30)), ("2021/6/3", False, date(2021, 6, 3)),
    ("2021年6月30日", False, date(2021, 6, 30)), ("2021-02", True, date(2021, 2, 28)),
    ("2021", False, date(2021, 1, 1)), ("2021", True, date(2021, 12, 31)),
])
def test_dates_in_common_forms(value, end, expected):
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("text", [
    "阳政办发2020 132", "阳政办发[2020]132号", "阳政办发（2020）132号", "阳政办发〔2020〕132号",
    "阳政办发2020年132号", " 阳政办发 2020 132 号 ",
])
def test_sloppy_document_numbers_are_detected(text):
    q = parse_query(text)
    assert q.doc_number == DocNumber("阳政办发", 2020, 132)
    assert q.text_clauses == ()


def test_a_document_number_among_other_words():
    q = parse_query("2022年阳政办发15号 应急预案 year:2022")
    assert q.doc_number == DocNumber("阳政办发", 2022, 15)
    assert [str(c) for c in q.text_clauses] == ["应急预案"]
    q = parse_query("预案 阳政办发2020 132")
    assert q.doc_number == DocNumber("阳政办发", 2020, 132)
    assert [str(c) for c in q.text_clauses] == ["预案"]


def test_plain_words_are_not_taken_for_numbers():
    for text in ("重污染天气 应急预案", "2020年 安全生产", "十四五 规划", "石峥"):
        assert parse_query(text).doc_number is None


def test_match_expression_quotes_every_token_and_groups_single_characters():
    m = compile_match(parse_query('石峥 重污染天气 -演练 "应急预案"'))
    assert m.positive.startswith('"石 峥" AND ("重" AND "污染" AND "天气")')
    assert m.positive.endswith('AND "应急 预案"') and m.negative == '"演练"'


def test_stop_words_are_dropped_from_questions_but_not_from_phrases():
    m = compile_match(parse_query("怎么申请质量奖"))
    assert "怎么" not in m.positive and '"申请"' in m.positive and '"质量奖"' in m.positive
    assert compile_match(parse_query('"怎么申请"')).positive == '"怎么 申请"'
    assert compile_match(parse_query("怎么")).positive == '"怎么"'  # nothing else: kept


def test_agency_names_match_the_agencys_token():
    from gongbao.search.tokenize import index_form
    from gongbao.search.vocab import agency_token, agency_tokens_in

    assert compile_match(parse_query("市发改委")).positive == '"市发展和改革委员会"'
    assert agency_token("市发展改革委") == agency_token("市发改委") == "市发展和改革委员会"
    assert agency_token("天气") is None
    # The index gets the token wherever any name is printed; a name inside a longer one does not
    # count on its own.
    assert agency_tokens_in(index_form("由阳泉市人民政府办公室、市发展改革委负责")) == {
        "阳泉市人民政府办公室", "市发展和改革委员会"}


def test_relaxed_match_ors_units_and_dictionary_words():
    m = compile_match(parse_query("哪些行政审批事项下放到县区"), relaxed=True)
    assert ("下放",) in m.unit_list and ("县区",) in m.unit_list
    assert ("哪些",) not in m.unit_list
    assert " OR " in m.positive and " AND " not in m.positive


def test_highlight_terms_put_whole_words_before_parts():
    terms = highlight_terms(parse_query("重污染天气 石 峥"))
    assert terms[0] == ("重污染天气", 1, 2)
    assert ("污染", 1, 1) in terms and not any(t == "重" for t, _, _ in terms)


# Whatever a user may type: any character, and the pieces of the query language and of FTS5
# syntax most likely to break an unescaped query.
QUERY_TEXT = st.lists(
    st.one_of(st.characters(codec="utf-8"),
              st.sampled_from(list('"“”「」-－:：ORNEAR()*^{}+阳政办发〔〕[]（）2020 132号年石峥')),
              st.sampled_from(["OR", "AND", "NOT", "NEAR(", "year:", "from:", "issuer:", " - ", '"',
                               "genre:通知", "section:", "to:2021", "阳政办发2020 132", " "])),
    max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(QUERY_TEXT)
def test_any_text_parses_or_gives_a_query_error(text):
    try:
        q = parse_query(text)
    except QueryError as e:
        assert str(e)
        return
    compile_match(q)
    compile_match(q, relaxed=True)
    str(q)
