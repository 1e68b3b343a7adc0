"""The validity register: extraction against the hand-checked annotation of every sample document
(tests/golden/validity), kinds of sentences from the samples with their lines, statuses as of
dates, resolution across issues, 文号 gaps, and the CLI / API / web surfaces."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, parsed_sample
from gongbao.cli import app
from gongbao.extract.validity import find_validity, title_key
from gongbao.model import Paragraph
from gongbao.registers.validity import status_at
from gongbao.store import Archive

GOLDEN = Path(__file__).parent / "golden" / "validity"
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))
FIXTURE = Path(__file__).parent / "fixtures" / "validity-earlier-plans.txt"
runner = CliRunner()


def _golden_docs():
    for path in GOLDEN_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        parsed = parsed_sample(gold["file"])
        by_start = {d.start_line: d for d in parsed.documents}
        for g in gold["documents"]:
            yield gold["file"], g, by_start[g["start_line"]]


def _key(link: dict) -> str:
    return link["doc_number"] or "t:" + title_key(link["title"])


# --- extraction, against the annotation of every document ---------------------------------------

def test_the_annotation_covers_every_document_of_every_sample():
    assert len(GOLDEN_FILES) == 4
    for path in GOLDEN_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        parsed = parsed_sample(gold["file"])
        assert [g["start_line"] for g in gold["documents"]] == [d.start_line for d in parsed.documents]


@pytest.mark.parametrize("name", [p.stem for p in GOLDEN_FILES])
def test_effective_expiry_repeals_and_amends_match_the_annotation(name):
    for file, g, doc in _golden_docs():
        if not file.startswith(name):
            continue
        v = doc.validity
        where = f"{file} {g['doc_number']} line {g['start_line']}"
        assert (v.effective.isoformat() if v.effective else None) == g["effective"], where
        if g["effective"]:
            assert v.effective_line in g["effective_lines"], where
        assert (v.expires.isoformat() if v.expires else None) == g["expires"], where
        if g["expires"]:
            assert v.validity_line == g["expires_line"], where
        for kind in ("repeals", "amends"):
            got = [{"doc_number": str(x.doc_number) if x.doc_number else None, "title": x.title, "line": x.line}
                   for x in v.links if x.kind == kind]
            assert sorted(map(_key, got)) == sorted(map(_key, g[kind])), where
            assert sorted(x["line"] for x in got) == sorted(x["line"] for x in g[kind]), where


# --- kinds of sentences, from the samples ---------------------------------------------------------

def _doc(file: str, number: str):
    return next(d for d in parsed_sample(file).documents if str(d.doc_number) == number)


def test_thirty_days_after_publication():
    v = _doc("yangquan-gazette-2020-06.txt", "阳政发〔2020〕10号").validity  # line 195
    assert v.effective == date(2021, 1, 6) and v.effective_line == 195
    assert v.expires is None  # line 102: 奖项有效期5年 is the award's, not the document's


def test_a_dated_start_and_a_period_over_two_printed_lines():
    v = _doc("yangquan-gazette-2024-03.txt", "阳政办发〔2024〕28号").validity  # lines 1825–1827
    assert (v.effective, v.effective_line, v.expires, v.validity_line) == (date(2024, 6, 16), 1825, date(2026, 6, 15), 1827)


def test_a_repeal_split_over_paragraphs_is_read_and_listed_once():
    doc = _doc("yangquan-gazette-2024-03.txt", "阳政办发〔2024〕32号")
    # the notice (3615) and the plan (5019–5023, three printed lines, two paragraphs) repeal it
    assert [(str(x.doc_number), x.title, x.line) for x in doc.validity.repeals] == [
        ("阳政办发〔2020〕105号", "阳泉市森林草原火灾应急预案", 3615)]
    plan_only = [p for p in doc.paragraphs if p.first_line >= 5019]
    again = find_validity(plan_only, doc.signed, doc.doc_number)
    assert [(str(x.doc_number), x.line, x.last_line) for x in again.repeals] == [("阳政办发〔2020〕105号", 5021, 5023)]
    assert again.effective_line == 5019
    assert [str(n) for n in doc.numbers()].count("阳政办发〔2020〕105号") == 1


def test_campaigns_restrictions_and_plan_periods_are_not_validity():
    for file, number in [("yangquan-gazette-2020-06.txt", "阳政办发〔2020〕137号"),  # 从即日起至12月31日
                         ("yangquan-gazette-2020-06.txt", "阳政办发〔2020〕136号"),  # 从即日起到2021年2月28日
                         ("yangquan-gazette-2020-06.txt", "阳政办函〔2020〕158号"),  # 限行自11月17日12点起
                         ("yangquan-gazette-2022-02.txt", "阳政发〔2022〕4号"),     # “十四五”…规划
                         ("yangquan-gazette-2023-04.txt", "阳政办发〔2023〕56号")]:  # 2021-2025年…规划
        v = _doc(file, number).validity
        assert (v.effective, v.expires, v.links) == (None, None, ()), number


def test_repeal_by_title_only_and_by_number_before_the_title():
    v = _doc("yangquan-gazette-2022-02.txt", "阳政办发〔2022〕20号").validity  # line 2047
    assert [(x.doc_number, x.title) for x in v.repeals] == [(None, "阳泉市生产安全事故应急预案")]
    v = _doc("yangquan-gazette-2022-02.txt", "阳政办发〔2022〕24号").validity  # line 2165
    assert [(str(x.doc_number), x.title, x.line) for x in v.repeals] == [
        ("阳政发〔2021〕6号", "阳泉市“证照分离”改革全覆盖事项清单", 2165)]


def test_an_amendment_quoting_the_deleted_clause():
    doc = _doc("yangquan-gazette-2022-02.txt", "阳政办函〔2022〕52号")  # lines 2658–2660
    assert [(str(x.doc_number), x.line, x.last_line) for x in doc.validity.amends] == [("阳政办发〔2021〕40号", 2658, 2660)]
    assert doc.validity.repeals == () and "原文件仍有效" in doc.validity.amends[0].text


def test_own_attachments_are_not_cited_documents():
    doc = _doc("yangquan-gazette-2022-02.txt", "阳政办发〔2022〕24号")
    cited = [r.title for r in doc.references if r.kind == "cites" and r.doc_number is None]
    assert "阳泉市“证照分离”改革事项清单（2022年版）" not in cited  # （见附件2）


def test_sentences_of_other_governments():
    def read(text: str, signed=date(2021, 3, 1)):
        return find_validity([Paragraph(text, 1, 1, lines=(1,), line_starts=(0,))], signed)
    v = read("本规定自2021年5月1日起施行，有效期至2023年12月31日。")
    assert (v.effective, v.expires) == (date(2021, 5, 1), date(2023, 12, 31))
    assert read("本办法自印发之日起施行，有效期为五年。").expires == date(2026, 2, 28)
    assert read("新标准自2021年5月1日起执行。").effective is None  # about something else
    assert read("保险有效期1年。").expires is None
    v = read("《某某市甲办法》（某政发〔2015〕3号）和《某某市乙办法》同时废止。")
    assert [(str(x.doc_number) if x.doc_number else None, x.title) for x in v.repeals] == [
        ("某政发〔2015〕3号", "某某市甲办法"), (None, "某某市乙办法")]


def test_self_expiry_and_periods_with_both_ends():
    def read(text: str, signed=date(2021, 3, 1)):
        v = find_validity([Paragraph(text, 1, 1, lines=(1,), line_starts=(0,))], signed)
        return v.effective, v.expires, v.links
    assert read("本办法自2021年1月1日起施行，2025年12月31日废止。") == (date(2021, 1, 1), date(2025, 12, 31), ())
    assert read("本办法有效期自2021年1月1日至2025年12月31日。")[:2] == (date(2021, 1, 1), date(2025, 12, 31))
    assert read("本细则自印发之日起试行，试行期2年。")[:2] == (date(2021, 3, 1), date(2023, 2, 28))
    assert read("该项目应于2022年6月30日前完成，逾期失效。") == (None, None, ())
    assert read("本办法自印发之日起施行，认定的企业资格有效期3年。")[:2] == (date(2021, 3, 1), None)
    assert read("以上政策有效期至2023年12月31日。")[:2] == (None, date(2023, 12, 31))
    assert read("本政策自2021年1月1日起至2023年12月31日止执行。")[:2] == (date(2021, 1, 1), date(2023, 12, 31))
    assert read("本办法从2021年4月1日起施行。")[0] == date(2021, 4, 1)
    assert read("新修订的《安全生产法》于2021年9月1日起施行。")[0] is None
    assert read("2021年9月1日起施行的《某条例》规定，……。")[0] is None
    assert read("第十条 本办法自2021年4月1日起施行，有效期三年。")[:2] == (date(2021, 4, 1), date(2024, 3, 31))


def test_a_statement_cut_by_a_page_seam_after_a_short_numbered_line():
    paras = [Paragraph(t, i + 1, i + 1, lines=(i + 1,), line_starts=(0,))
             for i, t in enumerate(["第九条 本办法自", "2021年1月1日起施行。《某市甲办法》（某政发〔2015〕3号）失效。"])]
    v = find_validity(paras, date(2020, 12, 1))
    assert (v.effective, v.effective_line) == (date(2021, 1, 1), 1)
    assert [(str(x.doc_number), x.title, x.line) for x in v.repeals] == [("某政发〔2015〕3号", "某市甲办法", 2)]


def test_the_documents_own_title_as_subject():
    para = [Paragraph("《某市甲办法》自2021年4月1日起施行，有效期3年。", 1, 1, lines=(1,), line_starts=(0,))]
    v = find_validity(para, date(2021, 3, 1), None, ("某市人民政府关于印发某市甲办法的通知", "某市甲办法"))
    assert (v.effective, v.expires) == (date(2021, 4, 1), date(2024, 3, 31))
    assert find_validity(para, date(2021, 3, 1), None, ("某市乙办法",)).effective is None


def test_lists_of_repealed_and_amended_documents():
    """A clean-up decision (规范性文件清理): items and table rows under a heading of repeal."""
    texts = ["经市人民政府同意，决定对现行市政府规范性文件进行清理。", "一、决定废止的规范性文件（2件）",
             "1.《某市甲管理办法》（某政发〔2015〕3号）", "2.某市乙实施意见（某政办发〔2016〕12号）",
             "二、决定修改的规范性文件（1件）", "1.《某市丙办法》（某政发〔2017〕5号）",
             "三、继续有效的规范性文件", "1.《某市丁办法》（某政发〔2018〕1号）", "附件：宣布失效的文件目录"]
    paras = [Paragraph(t, i + 1, i + 1, lines=(i + 1,), line_starts=(0,)) for i, t in enumerate(texts)]
    for i, row in enumerate([("序号", "文件名称", "文号"), ("1", "某市戊管理暂行办法", "某政发〔2014〕9号")]):
        paras.append(Paragraph(" ".join(row), 20 + i, 20 + i, "table", cells=row, lines=(20 + i,), line_starts=(0,)))
    v = find_validity(paras, date(2021, 3, 1))
    assert [(x.kind, str(x.doc_number), x.title, x.line) for x in v.links] == [
        ("repeals", "某政发〔2015〕3号", "某市甲管理办法", 3), ("repeals", "某政办发〔2016〕12号", "某市乙实施意见", 4),
        ("amends", "某政发〔2017〕5号", "某市丙办法", 6), ("repeals", "某政发〔2014〕9号", "某市戊管理暂行办法", 21)]


def test_title_keys_drop_issuer_wrapper_and_punctuation():
    assert title_key("阳泉市人民政府办公室关于印发阳泉市森林草原火灾应急预案的通知") == "阳泉市森林草原火灾应急预案"
    assert title_key("《阳泉市 森林草原火灾应急预案》") == "阳泉市森林草原火灾应急预案"


# --- status as of a date --------------------------------------------------------------------------

@pytest.mark.parametrize("ref,as_of,expected", [
    ("阳政发〔2020〕10号", "2021-01-05", "not-yet-in-force"),   # effective 2021-01-06 (line 195)
    ("阳政发〔2020〕10号", "2021-01-06", "in-force"),
    ("阳政办发〔2020〕133号", "2021-01-08", "not-yet-in-force"),  # effective 2021-01-09 (line 2438)
    ("阳政办发〔2020〕140号", "2020-12-31", "not-yet-in-force"),  # 2021-01-01 (line 3166)
    ("阳政办发〔2020〕140号", "2021-01-01", "in-force"),
    ("阳政办发〔2024〕28号", "2026-06-15", "in-force"),           # 有效期2年 from 2024-06-16
    ("阳政办发〔2024〕28号", "2026-06-16", "expired"),
    ("阳政办发〔2022〕15号", "2026-12-01", "in-force"),
    ("阳政办函〔2022〕52号", "2022-04-18", "not-yet-in-force"),  # nothing said: in force from signing
    ("阳政办发〔2020〕105号", "2026-12-01", "repealed"),          # not in the archive, repealed by 2024-32
])
def test_status_as_of_a_date(archive_path, ref, as_of, expected):
    result = runner.invoke(app, ["status", ref, "--as-of", as_of, "--json", "--db", str(archive_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["status"] == expected


def test_status_json_has_the_contract_fields(archive_path):
    result = runner.invoke(app, ["status", "阳政办发2020 132", "--as-of", "2026-12-01", "--json", "--db", str(archive_path)])
    obj = json.loads(result.output)
    assert {k: obj[k] for k in ("doc_number", "as_of", "status", "effective", "effective_line", "expires",
                                "validity_text", "repealed_by", "amended_by", "amends")} == {
        "doc_number": "阳政办发〔2020〕132号", "as_of": "2026-12-01", "status": "in-force",
        "effective": "2020-12-09", "effective_line": 2302, "expires": None, "validity_text": None,
        "repealed_by": [], "amended_by": [], "amends": []}
    assert obj["effective_text"].startswith("本预案自印发之日起实施")
    assert [(r["doc_number"], r["title"], r["in_archive"], r["line"]) for r in obj["repeals"]] == [
        ("阳政办发〔2019〕92号", "阳泉市重污染天气应急预案", False, 2302)]


def test_status_of_an_unknown_document_is_one_line_and_exit_2(archive_path):
    result = runner.invoke(app, ["status", "阳政发〔2099〕1号", "--db", str(archive_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = runner.invoke(app, ["status", "阳政发〔2020〕10号", "--as-of", "someday", "--db", str(archive_path)])
    assert result.exit_code == 2


def test_status_rule():
    d = date(2021, 1, 1)
    assert status_at(None, None, None, d) == "in-force"
    assert status_at(date(2021, 1, 2), None, None, d) == "not-yet-in-force"
    assert status_at(date(2020, 1, 1), date(2020, 12, 31), None, d) == "expired"
    assert status_at(date(2020, 1, 1), None, date(2021, 1, 1), d) == "repealed"


# --- across issues: a later issue repeals an earlier one ------------------------------------------

def test_a_later_issue_changes_the_status_of_an_earlier_one(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db) as arc:
        arc.ingest_file(FIXTURE)  # 阳政办发〔2020〕105号 (2020-09-29), 阳政办发〔2019〕50号
        assert arc.status("阳政办发〔2020〕105号", date(2025, 1, 1)).status == "in-force"
        arc.ingest_file(SAMPLES / "yangquan-gazette-2024-03.txt")  # 32号 repeals 105号, line 3615
        st = arc.status("阳政办发〔2020〕105号", date(2025, 1, 1))
        assert st.status == "repealed"
        assert [(e.source.doc_number, e.link.line) for e in st.repealed_by] == [("阳政办发〔2024〕32号", 3615)]
        assert arc.status("阳政办发〔2020〕105号", date(2024, 6, 3)).status == "in-force"  # before 32号
        assert arc.search("status:repealed").total == 1
        arc.ingest_file(SAMPLES / "yangquan-gazette-2022-02.txt")  # 20号 repeals 《阳泉市生产安全事故应急预案》
        st = arc.status("阳政办发〔2019〕50号", date(2023, 1, 1))
        assert st.status == "repealed" and st.repealed_by[0].source.doc_number == "阳政办发〔2022〕20号"
        assert arc.status("阳政办发〔2022〕20号", date(2023, 1, 1)).status == "in-force"  # never itself
        for day in (date(2023, 1, 1), date(2025, 1, 1)):  # a list of hits shows the same
            full = {i: s.status for i, s in arc.statuses(as_of=day).items()}
            assert "repealed" in full.values() and arc.status_values(list(full), as_of=day) == full
        out = arc.status("阳政办发〔2024〕32号")
        assert [(e.target.doc_number if e.target else None) for e in out.repeals] == ["阳政办发〔2020〕105号"]
        entries = {x.doc_number: x for x in arc.repealed()}
        assert entries["阳政办发〔2020〕105号"].target is not None
        arc.remove_issue("2024-03")
        assert arc.status("阳政办发〔2020〕105号", date(2025, 1, 1)).status == "in-force"


def test_each_ingest_re_derives_what_it_touches_as_a_full_rebuild_would(tmp_path):
    from gongbao.store.schema import transaction
    from gongbao.store.validity import rebuild_status

    files = [SAMPLES / "yangquan-gazette-2024-03.txt", SAMPLES / "yangquan-gazette-2022-02.txt", FIXTURE,
             SAMPLES / "yangquan-gazette-2020-06.txt"]
    with Archive.open(tmp_path / "a.db") as arc:
        for f in files:  # the repealing issue first, the repealed documents after it
            arc.ingest_file(f)
        conn = arc._conn
        incremental = conn.execute("SELECT * FROM validity_status ORDER BY doc_rowid").fetchall()
        with transaction(conn):
            assert rebuild_status(conn) == conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert conn.execute("SELECT * FROM validity_status ORDER BY doc_rowid").fetchall() == incremental
        assert sum(1 for r in incremental if r[3]) == 2  # 105号 and 50号 are repealed


# --- repealed and gaps ----------------------------------------------------------------------------

def test_repealed_lists_every_named_document_once(archive_path):
    obj = json.loads(runner.invoke(app, ["repealed", "--json", "--db", str(archive_path)]).output)
    named = sorted((x["doc_number"] or "", x["title"]) for x in obj["repealed"])
    expected = sorted((r["doc_number"] or "", r["title"]) for _, g, _ in _golden_docs() for r in g["repeals"])
    assert named == expected and obj["total"] == 10
    assert all(not x["in_archive"] for x in obj["repealed"])


def test_gaps_of_the_samples(archive_path):
    obj = json.loads(runner.invoke(app, ["gaps", "--prefix", "阳政办发", "--year", "2020", "--json",
                                         "--db", str(archive_path)]).output)
    # 2020-06 holds 阳政办发〔2020〕119–143 without 121, 122, 129, 138 (its TOC lists the same)
    assert obj == {"series": [{"prefix": "阳政办发", "year": 2020, "first": 119, "last": 143,
                               "in_archive": [n for n in range(119, 144) if n not in (121, 122, 129, 138)],
                               "cited_only": [], "missing": [121, 122, 129, 138]}]}
    everything = json.loads(runner.invoke(app, ["gaps", "--json", "--db", str(archive_path)]).output)
    series = {(s["prefix"], s["year"]): s for s in everything["series"]}
    assert series[("阳政任字", 2022)]["missing"] == [] and series[("阳政任字", 2022)]["in_archive"] == list(range(5, 12))
    assert series[("阳政办发", 2024)]["missing"] == [22, 23, 24, 25, 26, 27, 29]


def test_cited_only_numbers(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db) as arc:
        arc.ingest_file(FIXTURE)  # 105号 cites 阳政办发〔2020〕110号 (fixture line 25)
        arc.ingest_file(SAMPLES / "yangquan-gazette-2020-06.txt")  # 119–143
        [s] = arc.gaps("阳政办发", 2020)
        assert (s.first, s.last, s.cited_only) == (105, 143, (110,))
        assert s.missing == tuple(n for n in range(106, 144) if n not in range(119, 144) or n in (121, 122, 129, 138))
        # 2020-06 cites 阳政办发〔2019〕92号 (lines 1792, 2302): outside the held range 50–50
        [old] = arc.gaps("阳政办发", 2019)
        assert (old.first, old.last, old.cited_only, old.missing) == (50, 50, (), ())


# --- the surfaces ---------------------------------------------------------------------------------

def test_search_filter_by_status(archive):
    assert [h.doc_number for h in archive.search("status:expired").hits] == ["阳政办发〔2024〕28号"]
    total = archive.search("预案").total
    assert archive.search("预案 status:in-force").total == total
    assert archive.search("预案 status:现行有效").total == total



def test_cli_search_status_option(archive_path):
    result = runner.invoke(app, ["search", "办法", "--status", "失效", "--json", "--db", str(archive_path)])
    assert [h["doc_number"] for h in json.loads(result.output)["hits"]] == ["阳政办发〔2024〕28号"]
    hits = json.loads(runner.invoke(app, ["search", "应急预案", "--json", "--db", str(archive_path)]).output)["hits"]
    assert hits and all(h["status"] == "in-force" for h in hits)
    result = runner.invoke(app, ["search", "办法", "--status", "whenever", "--db", str(archive_path)])
    assert result.exit_code == 2


def test_api_status_repealed_gaps(archive_path):
    from fastapi.testclient import TestClient

    from gongbao.api.app import create_app

    client = TestClient(create_app(archive_path))
    r = client.get(f"/api/documents/{quote('阳政办发〔2024〕28号')}/status", params={"as_of": "2027-01-01"})
    assert r.status_code == 200 and r.json()["status"] == "expired" and r.json()["expires"] == "2026-06-15"
    assert client.get("/api/documents/x/status", params={"as_of": "abc"}).json()["error"]["code"] == "bad-parameter"
    assert client.get(f"/api/documents/{quote('阳政发〔2099〕1号')}/status").json()["error"]["status"] == 404
    assert client.get("/api/repealed").json()["total"] == 10
    assert client.get("/api/gaps", params={"prefix": "阳政任字"}).json()["series"][0]["year"] == 2020
    assert client.get("/api/search", params={"q": "预案", "status": "bogus"}).status_code == 400
    found = client.get("/api/search", params={"q": "办法", "status": "expired"}).json()
    assert found["total"] == 1 and found["hits"][0]["status"] == "expired"
    # web: the badge with its evidence on the document page and in hits, the register page
    page = client.get(f"/documents/{quote('阳政办发2024-28')}").text
    assert "已失效" in page and "有效期至" in page and "printed#L1827" in page
    hits = client.get("/search", params={"q": "森林草原火灾应急预案"}).text
    assert re.search(r'class="status status-in-force" title="[^"]*2024-06-04', hits)
    reg = client.get("/validity").text
    assert "阳政办发〔2020〕105号" in reg and "121、122、129、138" in reg and 'href="/validity"' in reg


def test_hit_statuses_read_from_the_stored_facts_agree_with_the_register(archive):
    """What a list of hits shows (`status_values`, read from validity_status) is the register's
    own status of each document, on every day: on these days the samples have documents not yet
    in force, in force, expired and repealed."""
    seen = set()
    for as_of in ("2020-01-01", "2021-01-01", "2024-06-01", "2026-12-01"):
        day = date.fromisoformat(as_of)
        full = {i: st.status for i, st in archive.statuses(as_of=day).items()}
        seen.update(full.values())
        assert archive.status_values(list(full) + ["no-such-id"], as_of=day) == full
        some = list(full)[:3]
        assert archive.status_values(some, as_of=day) == {i: full[i] for i in some}
    assert seen == {"not-yet-in-force", "in-force", "expired"}  # repealed: the next test
    assert archive.status_values([]) == {}


def _plan_issue(number: str, year: int, title: str, text: str) -> str:
    return (f"某市人民政府关于印发{title}的通知\n{number}\n各区人民政府：\n现将《{title}》印发给你们，请认真贯彻执行。\n"
            f"某市人民政府\n{year}年1月1日\n{title}\n第一条 为加强管理，制定本办法。\n第二条 {text}\n")


REPEALED_TWICE = [  # a rule; its repeal by 文号 (2021); its repeal again by title (2022), in three issues
    _plan_issue("某政发〔2020〕1号", 2020, "某市城市绿化管理办法", "本办法自2020年2月1日起施行。"),
    _plan_issue("某政发〔2021〕5号", 2021, "某市园林管理规定", "本规定自2021年2月1日起施行。"
                "《某市人民政府关于印发某市城市绿化管理办法的通知》（某政发〔2020〕1号）同时废止。"),
    _plan_issue("某政发〔2022〕9号", 2022, "某市绿地保护办法", "本办法自2022年2月1日起施行。《某市城市绿化管理办法》同时废止。"),
]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_repeal_by_title_keeps_the_earlier_repeal_by_number_of_another_issue(tmp_path, request, backend):
    """A document repealed by its 文号 (2021), then by its title in a later issue (2022): the later
    issue's re-derivation finds it by its title and must still count the repeal by number, which
    came first (it moved the stored day to 2022, so a list of hits and the status filter said 'in
    force' in between while the register said 'repealed'); the stored facts equal a full rebuild."""
    where = tmp_path / "a.db" if backend == "sqlite" else request.getfixturevalue("pg_database")("repealed_twice")
    with Archive.open(where) as arc:
        for k, text in enumerate(REPEALED_TWICE):
            (tmp_path / f"{k}.txt").write_text(text, encoding="utf-8")
            arc.ingest_file(tmp_path / f"{k}.txt")
        [rule] = [d.id for d in arc.search("某政发〔2020〕1号", limit=1).hits]
        day = date(2021, 6, 1)
        assert arc.status("某政发〔2020〕1号", day).status == "repealed"
        assert arc.status_values([rule], as_of=day) == {rule: "repealed"}
        if backend == "sqlite":
            from gongbao.store.schema import transaction
            from gongbao.store.validity import rebuild_status

            conn = arc._conn
            incremental = conn.execute("SELECT * FROM validity_status ORDER BY doc_rowid").fetchall()
            with transaction(conn):
                rebuild_status(conn)
            assert conn.execute("SELECT * FROM validity_status ORDER BY doc_rowid").fetchall() == incremental


def test_each_amendment_of_a_run_on_list_names_its_own_target():
    # Paragraphs ending in a closing quote do not end the sentence: the whole list is one; each
    # 修改为 reads its own clause, so the second law amended (2.将《乙条例》…) is found too.
    texts = ["某省人民代表大会常务委员会决定，修改下列地方性法规：",
             "1.在《某省甲条例》第七条中增加一项作为第六项，即：“负责节能工作；”",
             "第九条修改为：“各级人民政府应当发挥本地优势，因地制宜地开发农村能源，改善生态环境。”",
             "第十三条增加一款作为该条第二款，即：“鼓励推广秸秆气化技术。”",
             "2.将《某省乙条例》第七条修改为：“气象探测设施等；”"]
    paras = [Paragraph(t, i + 1, i + 1, lines=(i + 1,), line_starts=(0,)) for i, t in enumerate(texts)]
    v = find_validity(paras, None)
    assert [(x.title, x.line) for x in v.amends] == [("某省甲条例", 2), ("某省乙条例", 5)]
    assert not v.repeals


def test_a_laws_title_note_states_when_it_takes_effect():
    # `（…会议通过 1994年2月1日起施行）` under the title, no 自 and no subject: the law's own date;
    # a date of another text in a sentence (新标准1994年3月1日起执行) stays not its own.
    note = "（1994年1月17日某省第八届人民代表大会常务委员会第六次会议通过 1994年2月1日起施行）"
    v = find_validity([Paragraph(note, 1, 1, lines=(1,), line_starts=(0,))], date(1994, 1, 17))
    assert (v.effective, v.effective_line) == (date(1994, 2, 1), 1)
    other = "各地执行的新标准1994年3月1日起执行。"
    assert find_validity([Paragraph(other, 1, 1, lines=(1,), line_starts=(0,))], date(1994, 1, 17)).effective is None
