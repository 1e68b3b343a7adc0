"""Search over the sample archive: 文号, names, phrases, filters, facets, snippets, quality."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongbao.search.query import Filters, QueryError
from test_search_query import QUERY_TEXT

ROOT = Path(__file__).resolve().parent.parent


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


@pytest.mark.parametrize("typed", ["阳政办发2020 132", "阳政办发[2020]132号", "阳政办发（2020）132号",
                                   "阳政办发〔2020〕132号"])
def test_a_document_number_in_any_form_goes_straight_to_it(archive, typed):
    r = archive.search(typed)
    assert r.hits[0].doc_number == "阳政办发〔2020〕132号" and r.hits[0].match == "doc_number"
    assert r.doc_number == "阳政办发〔2020〕132号" and r.total == 1
    assert "<mark>阳政办发〔2020〕132 号</mark>" in r.hits[0].snippet


def test_year_first_document_number(archive):
    assert archive.search("2022年阳政办发15号").hits[0].doc_number == "阳政办发〔2022〕15号"


def test_a_number_only_cited_finds_the_documents_citing_it(archive):
    r = archive.search("阳政办发〔2019〕92号")
    assert r.hits and all(h.match == "cites" for h in r.hits)
    assert r.hits[0].doc_number == "阳政办发〔2020〕132号"
    assert "<mark>" in r.hits[0].snippet and "92" in r.hits[0].snippet


def test_a_number_with_more_words_puts_the_document_first_then_text_hits(archive):
    r = archive.search("阳政办发2020 132 应急预案", limit=5)
    assert r.hits[0].doc_number == "阳政办发〔2020〕132号" and r.hits[0].match == "doc_number"
    assert len(set(ids(r))) == len(r.hits) and all(h.match == "text" for h in r.hits[1:])


def test_an_unknown_number_falls_back_to_the_words(archive):
    r = archive.search("阳政办发2099 1")
    assert r.doc_number is None and "no document 阳政办发〔2099〕1号" in r.message


def test_names_printed_with_a_padding_space_are_found(archive):
    r = archive.search("石峥")
    assert {h.doc_number for h in r.hits} == {"阳政任字〔2022〕10号", "阳政办函〔2022〕37号", "阳政办发〔2020〕130号"}
    assert all("<mark>石 峥</mark>" in h.snippet for h in r.hits)


def test_a_person_is_found_in_the_appointment_that_names_them(archive):
    assert archive.search("魏砚明").hits[0].doc_number == "阳政任字〔2024〕7号"
    assert archive.search("董海庆").hits[0].doc_number == "阳政任字〔2020〕25号"


def test_agency_short_names_find_full_names(archive):
    short = archive.search("市发改委", limit=100)
    full = archive.search('"市发展和改革委员会"', limit=100)
    assert set(ids(full)) <= set(ids(short))


def test_issuer_filter_understands_short_names(archive):
    office = archive.search("应急预案 issuer:市政府办公室", limit=100)
    assert office.total > 5 and all(h.issuer == "阳泉市人民政府办公室" for h in office.hits)
    government = archive.search("十四五 issuer:市政府", limit=100)
    assert government.total == 6 and all(h.issuer == "阳泉市人民政府" for h in government.hits)
    office = archive.search("十四五 issuer:办公室", limit=100)  # no alias: a part of the name
    assert office.total and all("办公室" in h.issuer for h in office.hits)
    assert not set(ids(office)) & set(ids(government))


def test_exact_phrase_requires_the_words_together(archive):
    phrase = archive.search('"历史资料与实物"')
    assert ids(phrase) == ["阳政办函2020-176"]
    words = archive.search("历史 实物")
    assert words.total >= phrase.total


def test_or_and_exclusion(archive):
    a, b = archive.search("林长制", limit=50), archive.search("河长制", limit=50)
    either = archive.search("林长制 OR 河长制", limit=50)
    assert set(ids(either)) == set(ids(a)) | set(ids(b))
    with_drill = archive.search("应急预案", limit=100)
    without = archive.search("应急预案 -演练", limit=100)
    assert 0 < without.total < with_drill.total
    for hit in without.hits:
        assert "演练" not in archive.document(hit.id).text


def test_filters_in_the_query_and_as_arguments_agree(archive):
    typed = archive.search("应急预案 year:2022 genre:通知 section:市政府办公室文件", limit=50)
    given_ = archive.search("应急预案", limit=50,
                            filters=Filters(years=(2022,), genres=("通知",), sections=("市政府办公室文件",)))
    assert ids(typed) == ids(given_) and typed.total == given_.total == 6
    assert all(h.year == 2022 for h in typed.hits)


def test_date_range_filters_on_the_signing_date(archive):
    r = archive.search("通知 from:2020-12-01 to:2020-12-10", limit=100)
    assert r.total > 0
    assert all(date(2020, 12, 1) <= h.date <= date(2020, 12, 10) for h in r.hits)


def test_filters_alone_list_documents_newest_first(archive):
    r = archive.search("section:人事任免 year:2020", limit=100)
    assert r.total == 5 and all(h.section == "人事任免" for h in r.hits)
    assert [h.date for h in r.hits] == sorted((h.date for h in r.hits), reverse=True)


def test_facets_count_the_whole_result_set(archive):
    r = archive.search("应急预案", limit=2)
    assert len(r.hits) == 2 and r.total > 2
    for name in ("year", "issuer", "section"):
        assert sum(f.count for f in getattr(r.facets, name)) == r.total
    # One of them (…的实施方案) has no genre word: documents without a value are not counted.
    assert sum(f.count for f in r.facets.genre) == r.total - 1
    assert [f.value for f in r.facets.year] == sorted((f.value for f in r.facets.year), reverse=True)


def test_paging_continues_without_repeats(archive):
    first = archive.search("工作", limit=10)
    second = archive.search("工作", limit=10, offset=10)
    everything = archive.search("工作", limit=20)
    assert ids(first) + ids(second) == ids(everything)
    assert first.total == second.total


def test_title_matches_rank_above_body_matches(archive):
    r = archive.search("林长制")
    assert r.hits[0].title.endswith("林长制的意见")
    scores = [h.score for h in r.hits]
    assert scores == sorted(scores, reverse=True)


def test_a_natural_question_without_a_document_holding_every_word_is_relaxed(archive):
    r = archive.search("哪些行政审批事项下放到县区")
    assert r.relaxed and r.message
    assert r.hits[0].doc_number == "阳政发〔2022〕3号"


def test_snippets_are_html_with_marks(archive):
    r = archive.search("重污染天气 应急预案")
    hit = r.hits[0]
    assert hit.doc_number == "阳政办发〔2020〕132号"
    assert "<mark>重污染天气</mark>" in hit.snippet
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0


def test_json_shape_follows_the_spec(archive):
    data = archive.search("质量奖").to_json_dict()
    assert set(data) >= {"query", "total", "hits", "facets"}
    assert set(data["facets"]) == {"year", "genre", "issuer", "section"}
    hit = data["hits"][0]
    assert set(hit) >= {"id", "doc_number", "title", "signed", "issuer", "genre", "score", "snippet"}
    assert hit["signed"] == "2020-12-07" and data["facets"]["year"] == {"2020": 1}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("text", ["", "   ", "!!!", "，。；", "-", "OR"])
def test_queries_with_nothing_to_look_for_say_so(archive, text):
    with pytest.raises(QueryError):
        archive.search(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERY_TEXT)
def test_any_string_gives_results_or_a_clear_message_never_an_sql_error(archive, text):
    try:
        result = archive.search(text, limit=5)
    except QueryError as e:
        assert str(e) and "sqlite" not in str(e).lower() and "fts5" not in str(e).lower()
        return
    except sqlite3.Error as e:  # pragma: no cover - the point of the test
        pytest.fail(f"SQL error for {text!r}: {e}")
    assert result.total >= len(result.hits)


def _relevance_bench():
    spec = importlib.util.spec_from_file_location("relevance", ROOT / "bench" / "relevance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_evaluation_set_meets_the_quality_target_and_beats_the_baselines(archive):
    bench = _relevance_bench()
    queries = json.loads((ROOT / "tests" / "eval" / "queries.json").read_text(encoding="utf-8"))["queries"]
    assert len(queries) >= 40
    docs = bench.load_documents(archive)
    for q in queries:
        q["ids"] = bench.resolve(q["relevant"], docs)
    ours = bench.evaluate(lambda t: [h.id for h in archive.search(t, limit=10, snippets=False).hits], queries)
    assert ours["mrr@10"] >= 0.85 and ours["recall@10"] >= 0.9
    for cls in (bench.LikeBaseline, bench.CharFtsBaseline, bench.TrigramBaseline):
        theirs = bench.evaluate(cls(docs).search, queries)
        assert ours["mrr@10"] > theirs["mrr@10"] + 0.2, cls.name


def test_a_hit_names_what_an_order_or_a_notice_issues(archive):
    """A 印发 notice's hit (and an order's) carries the instrument it issues, as the document does."""
    result = archive.search("阳政办发〔2020〕132号")
    [hit] = [h for h in result.hits if h.doc_number == "阳政办发〔2020〕132号"]
    assert hit.instrument_title == "阳泉市重污染天气应急预案"
    assert result.to_json_dict()["hits"][0]["instrument_title"] == "阳泉市重污染天气应急预案"
