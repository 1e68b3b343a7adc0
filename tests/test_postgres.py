"""PostgreSQL as the archive: the dialect seam, the schema's migrations, ingests from several
processes at once, versions and idempotence, `gongbao migrate` both ways, `gongbao serve`.

The tests that need a server use the one on 127.0.0.1:5432 (tests/_postgres.py) and are skipped
with a message saying so when it does not answer; the dialect tests need none."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from _web_support import gongbao_command
from gongbao.store.postgres.dialect import Catalog, translate
from gongbao.store.postgres.tsvector import index_row, to_tsquery

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SMALL = ("yangquan-gazette-2023-04.txt", "yangquan-gazette-2024-03.txt")

CATALOG = Catalog(columns={"meta": ("key", "value"), "docs": ("rowid", "id", "title"),
                           "plans": ("doc_rowid", "title", "card")},
                  primary_keys={"meta": ("key",), "docs": ("rowid",), "plans": ("doc_rowid",)})


# --- the dialect: each rule on its own (no server needed) ----------------------------------------

def sql(text: str) -> str:
    return " ".join(translate(text, CATALOG)[0].split())


def test_placeholders_and_percent_signs():
    assert sql("SELECT 1 FROM t WHERE a = ? AND b LIKE '%x?%'") == \
        "SELECT 1 FROM t WHERE a = %s AND b LIKE '%%x?%%'"


def test_insert_or_ignore_and_or_replace_become_on_conflict():
    assert sql("INSERT OR IGNORE INTO meta VALUES (?, ?)") == \
        "INSERT INTO meta VALUES (%s, %s) ON CONFLICT DO NOTHING"
    assert sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)") == \
        "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    assert sql("INSERT OR REPLACE INTO plans VALUES (?, ?, ?)").endswith(
        "ON CONFLICT (doc_rowid) DO UPDATE SET title = EXCLUDED.title, card = EXCLUDED.card")


def test_an_insert_into_a_rowid_table_returns_the_rowid():
    text, returning = translate("INSERT INTO docs (id, title) VALUES (?, ?)", CATALOG)
    assert returning and text.endswith("RETURNING rowid")
    assert not translate("INSERT INTO meta VALUES (?, ?)", CATALOG)[1]


def test_json_arrays_rowids_cast_and_no_filter_is_true():
    assert sql("SELECT 1 FROM d WHERE d.rowid IN (SELECT value FROM json_each(?)) AND 1") == \
        ("SELECT 1 FROM d WHERE d.rowid = ANY (ARRAY(SELECT value::bigint FROM "
         "json_array_elements_text(CAST(%s AS json)))) AND TRUE")
    assert sql("SELECT 1 FROM v WHERE v.title_key IN (SELECT value FROM json_each(?))") == \
        "SELECT 1 FROM v WHERE v.title_key = ANY (ARRAY(SELECT value FROM json_array_elements_text(CAST(%s AS json))))"
    assert sql("SELECT 1 FROM t WHERE 1 = 1 AND 1 AND (x OR 1)") == \
        "SELECT 1 FROM t WHERE 1 = 1 AND TRUE AND (x OR 1)"
    assert sql("SELECT sum(length(CAST(text AS BLOB))), CAST(count(*) AS REAL) FROM t WHERE 1") == \
        "SELECT sum(octet_length(text)), CAST(count(*) AS DOUBLE PRECISION) FROM t WHERE TRUE"


def test_order_by_puts_nulls_where_sqlite_does():
    assert sql("SELECT a FROM t ORDER BY d.date DESC, d.rowid LIMIT ? OFFSET ?") == \
        "SELECT a FROM t ORDER BY d.date DESC NULLS LAST, d.rowid NULLS FIRST LIMIT %s OFFSET %s"
    assert sql("SELECT (SELECT x FROM u ORDER BY y) FROM t ORDER BY z DESC") == \
        "SELECT (SELECT x FROM u ORDER BY y NULLS FIRST ) FROM t ORDER BY z DESC NULLS LAST"


def test_the_index_row_and_the_query_agree_on_tokens_positions_and_weights():
    everything, heads = index_row({"title": "重污染 天气 应急预案", "names": "石峥", "body": "天气 预报",
                                   "words": ""})
    assert everything.startswith("'重污染':1A '天气':2A,") and "'石峥':5B" in everything
    assert "'预报':9" in everything and "'预报'" not in heads
    assert to_tsquery('"重污染 天气" AND ("a" OR "b") NOT ("c")') == \
        "('重污染' <-> '天气') & ( 'a' | 'b' ) & ! ( 'c' )"


def test_positions_wrap_past_postgresql_s_limit_so_late_phrases_still_match():
    body = " ".join(["填充"] * 20000 + ["深处", "短语"])
    everything, _ = index_row({"title": "", "names": "", "words": "", "body": body})
    deep = everything.split("'深处':")[1].split()[0]
    phrase = everything.split("'短语':")[1].split()[0]
    assert int(phrase) == int(deep) + 1 and int(deep) <= 16383
    assert everything.split("'填充':")[1].count(",") == 255  # 256 positions, as PostgreSQL keeps


def test_the_binary_tsvectors_of_an_ingest_are_the_text_ones(pg_database):
    """What the workers make (binary, written by COPY) is, on the server, the very tsvector of
    the text literal: lexemes in the server's order, positions that wrapped put in order and
    each kept once with its highest weight, quotes and backslashes, empty columns."""
    import psycopg

    from gongbao.store.postgres.connection import PgConnection
    from gongbao.store.postgres.tsvector import binary_index
    from gongbao.store.schema import FTS_COLUMNS

    def cols(title="", names="", body="", words=""):
        given = {"title": title, "names": names, "body": body, "words": words}
        return tuple(given[c] for c in FTS_COLUMNS)

    docs = [cols("重污染 天气 应急预案 天气", "石峥", "天气 预报 " * 40, "市政府"),
            cols(body=" ".join(["填充"] * 20000 + ["深处", "短语", "填充"])),
            cols("a'b c\\d " + "长" * 700, "甲 a'b", "y " * 17000 + "甲 z a'b " * 300, "c\\d"),
            cols(), cols("标题 标题", words="标题 Ａ１ a1")]
    url = pg_database("binary")
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("CREATE TABLE documents_fts (rowid BIGINT PRIMARY KEY, everything TSVECTOR, heads TSVECTOR)")
        PgConnection(raw, Catalog()).index_documents(
            [(rowid, c, binary_index(c)) for rowid, c in enumerate(docs, 1)])
        for rowid, c in enumerate(docs, 1):
            everything, heads = index_row(dict(zip(FTS_COLUMNS, c)))
            same = raw.execute("SELECT everything = CAST(%s AS tsvector), heads = CAST(%s AS tsvector), "
                               "length(everything) FROM documents_fts WHERE rowid = %s",
                               (everything, heads, rowid)).fetchone()
            assert same[:2] == (True, True), (rowid, same)
        assert raw.execute("SELECT length(everything) FROM documents_fts WHERE rowid = 4").fetchone() == (0,)


def test_migrate_copies_every_table_of_stored_facts(tmp_path):
    """A table added to the schema and forgotten in COPIED_TABLES would be lost by `migrate`."""
    from gongbao.store.archive import Archive
    from gongbao.store.copy import COPIED_TABLES

    Archive.open(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    derived = {t for t in tables if t.startswith(("documents_fts", "documents_titles", "sqlite_"))}
    assert tables - derived - {"migrations", "meta"} - set(COPIED_TABLES) == set()


def test_every_sqlite_migration_has_its_postgresql_counterpart():
    from gongbao.store.postgres.schema import PG_MIGRATIONS
    from gongbao.store.schema import MIGRATIONS

    assert [m.name for m in PG_MIGRATIONS] == [m.name for m in MIGRATIONS]


# --- against the server ----------------------------------------------------------------------------

def _ingest(url: str, *paths) -> subprocess.Popen:
    return subprocess.Popen([*gongbao_command(), "ingest", *map(str, paths), "--workers", "1",
                             "--db", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ingests_from_several_processes_at_once_take_turns(pg_database, tmp_path):
    """Three processes ingest the same issues (one of them a changed text of one) at once: each
    issue goes in once, the changed text becomes a version of it, nothing fails or is doubled.
    (When the changed text lands between the two others, the original printed again after it
    is a version of its own, as on SQLite: the skip compares with the current version.)"""
    from gongbao.store import Archive

    url = pg_database("concurrent")
    folder = tmp_path / "issues"
    folder.mkdir()
    for name in SMALL:
        shutil.copy(SAMPLES / name, folder / name)
    changed = tmp_path / "changed" / SMALL[0]
    changed.parent.mkdir()
    text = (SAMPLES / SMALL[0]).read_text(encoding="utf-8")
    changed.write_text(text.replace("阳泉市人民政府公报", "阳泉市人民政府公报 ", 1), encoding="utf-8")
    runs = [_ingest(url, folder), _ingest(url, folder), _ingest(url, changed)]
    results = [p.communicate(timeout=300) for p in runs]
    assert all(p.returncode == 0 for p in runs), results
    lines = [line for out, _ in results for line in out.splitlines() if line.startswith(("added", "replaced", "skipped"))]
    statuses = sorted(line.split()[0] for line in lines)
    replaced = statuses.count("replaced")
    assert len(lines) == 5 and statuses.count("added") == 2 and replaced in (1, 2), lines
    with Archive.open(url, readonly=True) as archive:
        assert sorted(i.id for i in archive.issues()) == ["2023-04", "2024-03"]
        versions = archive.versions("2023-04")
        assert [v.version for v in versions] == list(range(1, replaced + 2)) and versions[-1].current
        assert len({v.sha256 for v in versions[-2:]}) == 2
        ids = [d.id for d in archive.documents(limit=1000).documents]
        assert len(ids) == len(set(ids)) == archive.stats().documents


def test_versions_idempotence_and_refusal_as_on_sqlite(pg_database, tmp_path):
    from gongbao.store import Archive

    url = pg_database("versions")
    path = SAMPLES / SMALL[1]
    with Archive.open(url) as archive:
        first = archive.ingest_file(path)
        again = archive.ingest_file(path)
        assert (first.status, again.status) == ("added", "skipped")
        # A truncated text of the same issue would drop documents: refused, nothing changed.
        cut = tmp_path / path.name
        cut.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:2000]), encoding="utf-8")
        refused = archive.ingest_file(cut)
        assert refused.status == "refused" and "would drop" in refused.message
        forced = archive.ingest_file(cut, replace=True)
        assert forced.status == "replaced" and forced.version == 2
        data, record = archive.source(first.issue_id, version=1)
        assert data == path.read_bytes() and record.version == 1
    with Archive.open(url, readonly=True) as reader:
        held = {d.id for d in reader.issue(first.issue_id).document_list}
        assert 0 < len(held) < first.documents
        former = reader.versions(first.issue_id)[0]
        lost = [doc_id for doc_id in former.documents if doc_id not in held]
        assert lost and reader.document(lost[0]).current is False
        assert lost[0] not in {h.id for h in reader.search(reader.document(lost[0]).title or "通知").hits}


def _rows(conn, table: str) -> list:
    return sorted(map(tuple, conn.execute(f"SELECT * FROM {table}").fetchall()), key=repr)


def test_migrate_copies_an_archive_to_postgresql_and_back(pg_database, archive_path, tmp_path):
    from gongbao.store import Archive
    from gongbao.store.copy import COPIED_TABLES

    url = pg_database("migrate")
    back = tmp_path / "back.db"
    for source, target in ((archive_path, url), (url, back)):
        result = subprocess.run([*gongbao_command(), "migrate", str(source), str(target)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert "copied 4 issues, 76 documents" in result.stdout
    original, copied = sqlite3.connect(archive_path), sqlite3.connect(back)
    for table in COPIED_TABLES:
        assert _rows(original, table) == _rows(copied, table), table
    with Archive.open(archive_path, readonly=True) as a, Archive.open(url, readonly=True) as b:
        for query in ("重污染天气 应急预案", "石峥", "阳政办发2020 132", "市发改委 year:2022"):
            # The same documents, the same first; below it BM25 and ts_rank may differ.
            ours, theirs = a.search(query, limit=50), b.search(query, limit=50)
            assert ours.total == theirs.total and ours.facets == theirs.facets, query
            assert {h.id for h in ours.hits} == {h.id for h in theirs.hits}, query
            if query != "市发改委 year:2022":  # body matches only: ranked by BM25 / ts_rank
                assert ours.hits[0].id == theirs.hits[0].id, query
        assert a.status("阳政办发〔2020〕132号") == b.status("阳政办发〔2020〕132号")
        assert a.posts() == b.posts() and a.people() == b.people()
    again = subprocess.run([*gongbao_command(), "migrate", str(archive_path), url],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 2 and "already holds 4 issues" in again.stderr
    assert again.stderr.count("\n") == 1


def test_a_server_that_does_not_answer_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run([*gongbao_command(), "stats", "--db", "postgresql://postgres@127.0.0.1:9/none"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("error: cannot connect to")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_serve_reads_through_a_pool_of_read_only_transactions(pg_archive_url):
    """A read-only archive's connections refuse writes and carry the statement timeout."""
    from gongbao.store import Archive
    from gongbao.store.archive import ArchiveError

    with Archive.open(pg_archive_url, readonly=True, time_limit_ms=1234) as archive:
        with archive._reading() as conn:
            assert conn.execute("SHOW transaction_read_only").fetchone()[0] == "on"
            assert conn.execute("SHOW statement_timeout").fetchone()[0] == "1234ms"
        with pytest.raises(ArchiveError, match="read-only"):
            with archive._reading() as conn:
                conn.execute("DELETE FROM issues")
        with pytest.raises(Exception, match="longer than 1234 ms"):
            with archive._reading() as conn:
                conn.execute("SELECT pg_sleep(3)")
        assert archive.stats().documents == 76  # the pool's connection is fine afterwards


def test_gongbao_db_environment_variable_selects_postgresql(pg_archive_url):
    import os

    result = subprocess.run([*gongbao_command(), "search", "石峥", "--json"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "GONGBAO_DB": pg_archive_url})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hits"][0]["doc_number"] == "阳政任字〔2022〕10号"


def test_relevance_is_the_same_on_both_backends(archive_path, pg_archive_url):
    """The evaluation set's MRR@10 within 0.01, and the same first hit for every query."""
    import importlib.util

    from gongbao.store import Archive

    spec = importlib.util.spec_from_file_location("relevance", ROOT / "bench" / "relevance.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    queries = json.loads((ROOT / "tests" / "eval" / "queries.json").read_text(encoding="utf-8"))["queries"]
    scores, firsts = [], []
    for where in (archive_path, pg_archive_url):
        with Archive.open(where, readonly=True) as archive:
            docs = bench.load_documents(archive)
            for q in queries:
                q["ids"] = bench.resolve(q["relevant"], docs)
            run = lambda t: [h.id for h in archive.search(t, limit=10, snippets=False).hits]  # noqa: E731
            scores.append(bench.evaluate(run, queries)["mrr@10"])
            firsts.append([run(q["query"])[:1] for q in queries])
    assert abs(scores[0] - scores[1]) <= 0.01, scores
    assert firsts[0] == firsts[1]


# Every route of the API, answered from an SQLite and a PostgreSQL archive of the same issues.
ROUTES = [
    "/api/documents?limit=100", "/api/documents/阳政办发2020-132", "/api/documents/阳政办发2020-132/status",
    "/api/documents/阳政办发2020-132/printed", "/api/repealed", "/api/gaps", "/api/gaps?prefix=阳政办发&year=2020",
    "/api/issues", "/api/issues/2020-06", "/api/issues/2020-06/versions", "/api/people", "/api/people/晋玮",
    "/api/posts", "/api/posts?q=市住建局局长", "/api/plans", "/api/plans/森林", "/api/stats",
    "/api/tasks?as_of=2024-07-01", "/api/tasks?agency=市发改委&role=lead&as_of=2024-07-01",
    "/api/agencies?as_of=2024-07-01", "/api/agencies/市发改委?as_of=2024-07-01",
    "/api/documents?year=2022&genre=通知", "/api/documents/阳政发2099-1",
]
SEARCHES = ["重污染天气 应急预案", "阳政办发2020 132", "石 峥", '"重污染天气应急预案"', "林长制 OR 河长制",
            "应急预案 -演练", "怎么申请阳泉市质量奖", "市住建局局长任免", "year:2022 genre:通知", "status:in-force 预案"]
PAGES = ["/", "/search?q=应急预案", "/documents/阳政办发2020-132", "/issues/2020-06", "/people", "/posts",
         "/plans", "/tasks?as_of=2024-07-01", "/agencies", "/validity"]
# What may differ between two archives of the same files: when they were ingested, the file.
VOLATILE = {"ingested_at", "archive_file", "file_bytes", "score"}


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_every_api_route_answers_the_same_on_both_backends(pg_database, tmp_path):
    from fastapi.testclient import TestClient

    from _web_support import build_web_archive
    from gongbao.api import create_app

    archives = [build_web_archive(tmp_path), build_web_archive(tmp_path, pg_database("routes"))]
    with TestClient(create_app(archives[0])) as lite, TestClient(create_app(archives[1])) as pg:
        for route in ROUTES:
            a, b = lite.get(route), pg.get(route)
            assert a.status_code == b.status_code, route
            assert _stable(a.json()) == _stable(b.json()), route
        for query in SEARCHES:
            a, b = (c.get("/api/search", params={"q": query, "limit": 100}).json() for c in (lite, pg))
            assert (a["total"], a["facets"], a["relaxed"], a["doc_number"]) == \
                   (b["total"], b["facets"], b["relaxed"], b["doc_number"]), query
            assert {h["id"] for h in a["hits"]} == {h["id"] for h in b["hits"]}, query
            # Pinned hits (文号, post) alike; within a tier BM25 and ts_rank may swap neighbours.
            assert [h["id"] for h in a["hits"] if h["match"] != "text"] == \
                   [h["id"] for h in b["hits"] if h["match"] != "text"], query
            assert a["hits"][0]["id"] in [h["id"] for h in b["hits"][:3]], query
        for page in PAGES:
            assert lite.get(page).status_code == pg.get(page).status_code == 200, page


def test_vectors_on_postgresql_as_on_sqlite(pg_database):
    """gongbao embed writes the vectors into PostgreSQL (bytea), and the search fuses them."""
    from gongbao.search import dense
    from gongbao.store import Archive

    url = pg_database("vectors")
    saved, dense.MAX_PASSAGES = dense.MAX_PASSAGES, 2
    try:
        with Archive.open(url) as archive:
            archive.ingest_file(SAMPLES / "yangquan-gazette-2024-03.txt")
            report = archive.embed(limit=3)
            result = archive.search("森林着火了怎么办", limit=5)
    finally:
        dense.MAX_PASSAGES = saved
    assert report.embedded == 3
    assert result.retrieval == "bm25+dense" and any(h.match == "dense" for h in result.hits)


def test_an_issue_of_one_document_is_indexed_and_replaced_on_postgresql(pg_database):
    """One document is written by single statements, not by COPY: that path must index it too."""
    from conftest import build_issue
    from gongbao.store import Archive

    url = pg_database("one-document")
    with Archive.open(url) as archive:
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["旧的正文：防汛抗旱。"]}]))
        assert [h.doc_number for h in archive.search("防汛抗旱").hits] == ["测政发〔2021〕5号"]
        assert archive.document("测政发〔2021〕5号").paragraphs[-1].text == "旧的正文：防汛抗旱。"
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["新的正文：森林防火。"]}]),
                              replace=True)
        assert archive.search("防汛抗旱").total == 0
        assert [h.doc_number for h in archive.search("森林防火").hits] == ["测政发〔2021〕5号"]


def test_the_archive_keeps_the_planner_s_statistics_without_autovacuum(pg_archive_url):
    """With autovacuum off (as on CI's server) nothing else would analyse the tables: after the
    samples' ingest, no table has changed by more than the rule allows since its last analysis,
    and the tables the ingest filled most were analysed, so the planner knows their sizes."""
    import psycopg

    from gongbao.store.postgres.statistics import STALE_FLOOR, STALE_SHARE

    with psycopg.connect(pg_archive_url, autocommit=True) as raw:
        rows = {name: (mod, tuples, analysed) for name, mod, tuples, analysed in raw.execute(
            "SELECT s.relname, s.n_mod_since_analyze, c.reltuples, "
            "coalesce(s.last_analyze, s.last_autoanalyze) IS NOT NULL "
            "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
            "WHERE s.schemaname = current_schema()")}
        paragraphs = raw.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    assert paragraphs > STALE_FLOOR  # the samples are enough to pass the floor
    stale = {n: r for n, r in rows.items() if r[0] > STALE_FLOOR + STALE_SHARE * max(r[1], 0)}
    assert stale == {}
    assert rows["paragraphs"][2] and rows["paragraphs"][1] >= paragraphs / (1 + STALE_SHARE) - STALE_FLOOR


def test_every_connection_plans_each_statement_for_its_own_values(pg_archive_url):
    """Generic plans are off on the writer's connection and on the read pool's: a look-up with
    LIMIT 1 prepared by psycopg got a sequential scan for every value (0.1 ms by the index,
    12-25 ms by the scan at 100,000 documents, for a key that is in no row)."""
    from gongbao.store.postgres.archive import PgArchive

    with PgArchive.open_url(pg_archive_url) as writer:
        assert writer._conn.raw.execute("SHOW plan_cache_mode").fetchone()[0] == "force_custom_plan"
    with PgArchive.open_url(pg_archive_url, readonly=True) as reader:
        with reader._pool.connection() as conn:
            assert conn.execute("SHOW plan_cache_mode").fetchone()[0] == "force_custom_plan"


def test_the_body_tier_ranks_by_the_query_s_words_as_alternatives():
    """Each word once, phrases' words too, those after a NOT left out (a NOT of a group up to
    its closing parenthesis)."""
    from gongbao.store.postgres.tsvector import word_query

    assert word_query('("应急" AND "预案")') == "'应急' | '预案'"
    assert word_query('("林 长 制" OR "河 长 制")') == "'林' | '长' | '制' | '河'"
    assert word_query('"a" NOT ("b" OR ("c")) AND "d"') == "'a' | 'd'"
    assert word_query('"a" NOT "b" AND "it\'s"') == "'a' | 'it''s'"


def test_document_frequencies_are_counted_again_after_the_archive_changes(pg_database):
    """A relaxed question's IDFs come from counts kept per state of the archive: an ingest
    (a new generation) must make them counted again, never served from before it."""
    from conftest import build_issue
    from gongbao.store import Archive
    from gongbao.store.postgres.search import _document_frequencies

    url = pg_database("frequencies")
    with Archive.open(url) as archive:
        archive.ingest_parsed(build_issue(docs=[{"serial": 1, "paragraphs": ["防汛抗旱工作。"]}]))
        with archive._reading() as conn:
            before = _document_frequencies(conn, ["防汛", "森林"])
        archive.ingest_parsed(build_issue(number=2, docs=[
            {"serial": 2, "paragraphs": ["防汛和森林防火。"]}, {"serial": 3, "paragraphs": ["森林。"]}]))
        with archive._reading() as conn:
            after = _document_frequencies(conn, ["防汛", "森林"])
    assert before == {"防汛": 1, "森林": 0}
    assert after == {"防汛": 2, "森林": 2}
