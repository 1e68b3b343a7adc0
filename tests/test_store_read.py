"""Reading the archive back: documents as printed, issues with linked contents, stats, export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from conftest import SAMPLES, build_issue
from gongbao.docnumber import DocNumber
from gongbao.search.tokenize import normalize
from gongbao.store import Archive, DocumentRecord, NotFoundError, to_plain


def test_issues_are_listed_newest_first_with_cover_data(archive):
    issues = archive.issues()
    assert [i.id for i in issues] == ["2024-03", "2023-04", "2022-02", "2020-06"]
    first = archive.issue("2020-06")
    assert (first.gazette, first.year, first.number, first.cumulative) == ("阳泉市人民政府公报", 2020, 6, 6)
    assert first.published == date(2020, 12, 31) and first.documents == 29
    assert first.label == "阳泉市人民政府公报 2020年第6期"


def test_toc_entries_link_to_their_documents(archive):
    issue = archive.issue("2020-06")
    assert len(issue.toc) == 28
    linked = [t for t in issue.toc if t.document_id]
    assert len(linked) >= 27
    entry = next(t for t in issue.toc if t.doc_number == "阳政办发〔2020〕132号")
    assert entry.document_id == "阳政办发2020-132" and entry.page == 39
    assert archive.document(entry.document_id).doc_number == entry.doc_number


@pytest.mark.parametrize("ref", ["阳政办发2020-132", "阳政办发〔2020〕132号", "阳政办发2020 132",
                                 "阳政办发[2020]132号", "2020年阳政办发132号", "政办发2020 132"])
def test_a_document_is_found_by_id_or_any_form_of_its_number(archive, ref):
    assert archive.document(ref).id == "阳政办发2020-132"


def test_unknown_documents_and_issues_raise_not_found(archive):
    with pytest.raises(NotFoundError, match="阳政办发〔2020〕999号"):
        archive.document("阳政办发2020 999")
    with pytest.raises(NotFoundError):
        archive.document("no such thing")
    with pytest.raises(NotFoundError):
        archive.issue("1999-01")


def test_document_record_holds_metadata_outline_text_and_attachments(archive):
    doc = archive.document("阳政发〔2020〕10号")
    assert isinstance(doc, DocumentRecord)
    assert doc.title == "阳泉市人民政府关于印发阳泉市质量奖管理办法的通知"
    assert (doc.issuer, doc.genre, doc.section, doc.signed) == ("阳泉市人民政府", "通知", "政府文件", date(2020, 12, 7))
    assert doc.addressees == ("各县（区）人民政府", "市直各单位", "省属以上企业")
    assert doc.publicity == "此件公开发布" and doc.issue.id == "2020-06"
    assert doc.outline and doc.outline[0].label == "第一章"
    assert any(node.children for node in doc.outline)
    assert "第一条" in doc.text and doc.text == "\n".join(p.text for p in doc.paragraphs)
    assert any(r.doc_number == "阳政发〔2016〕35号" and r.kind == "repeals" for r in doc.references)
    assert doc.summary().id == doc.id


def test_every_paragraph_points_at_the_printed_lines_it_came_from(archive):
    for ref in ("阳政发〔2020〕10号", "阳政办发〔2024〕31号", "阳政任字〔2022〕10号", "阳政办发〔2023〕53号"):
        doc = archive.document(ref)
        printed = archive.printed_lines(doc.issue_id, doc.start_line, doc.end_line)
        by_number = {line.number: line.text for line in printed}
        for p in doc.paragraphs:
            assert doc.start_line <= p.first_line <= p.last_line <= doc.end_line
            source = normalize("".join(by_number[n] for n in range(p.first_line, p.last_line + 1)))
            head = normalize(p.text)[:6].strip()
            assert "".join(head.split()) in "".join(source.split()), (ref, p)


def test_appointments_are_stored_with_names_without_padding(archive):
    doc = archive.document("阳政任字〔2022〕10号")
    people = {a.person for a in doc.appointments}
    assert "石峥" in people and not any(" " in p for p in people)
    removal = next(a for a in doc.appointments if a.person == "石峥")
    assert removal.action == "免去" and "发展和改革委员会主任" in removal.post


def test_printed_lines_are_the_file_as_printed(archive):
    lines = archive.printed_lines("2023-04", 1, 5)
    file_lines = (SAMPLES / "yangquan-gazette-2023-04.txt").read_text(encoding="utf-8").split("\n")
    assert [(l.number, l.text) for l in lines] == [(n, file_lines[n - 1]) for n in range(1, 6)]
    assert archive.printed_lines("2023-04", 10**6) == ()


def test_references_in_and_out_are_linked(tmp_path):
    cited = DocNumber("测政发", 2021, 1)
    issue = build_issue(docs=[{"serial": 1, "paragraphs": ["原办法。"]},
                              {"serial": 2, "cites": [cited], "paragraphs": ["根据测政发〔2021〕1号。"]}])
    with Archive.open(tmp_path / "r.db") as archive:
        archive.ingest_parsed(issue)
        source = archive.document("测政发〔2021〕2号")
        target = archive.document("测政发〔2021〕1号")
    assert source.references[0].target_id == target.id
    assert [(c.kind, c.source.id) for c in target.cited_by] == [("cites", source.id)]


def test_documents_listing_pages_and_filters(archive):
    everything = archive.documents(limit=1000)
    assert everything.total == 76 == len(everything.documents)
    dates = [d.date for d in everything.documents]
    assert dates == sorted(dates, reverse=True)
    from gongbao.store import Filters

    page = archive.documents(Filters(years=(2022,), sections=("人事任免",)), limit=3, offset=3)
    assert page.total == 7 and len(page.documents) == 3
    assert all(d.year == 2022 and d.section == "人事任免" for d in page.documents)


def test_stats_count_what_is_there(archive):
    s = archive.stats()
    assert (s.issues, s.documents) == (4, 76)
    assert s.appointments > 100 and s.paragraphs > 1000 and s.text_bytes > 500_000
    file_bytes = sum(p.stat().st_size for p in SAMPLES.glob("*.txt"))
    assert file_bytes * 0.99 < s.printed_bytes <= file_bytes  # the files, less line terminators
    assert sum(f.count for f in s.facets.year) == 76


def test_export_jsonl_and_csv(archive):
    buf = io.StringIO()
    assert archive.export(buf, format="jsonl") == 76
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(rows) == 76 and rows[0]["id"] == "阳政发2020-10"
    assert rows[0]["repeals"] == ["阳政发〔2016〕35号"] and rows[0]["text"].startswith("阳泉市人民政府")
    buf = io.StringIO()
    assert archive.export(buf, format="csv") == 76
    table = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(table) == 76 and table[0]["doc_number"] == "阳政发〔2020〕10号"


def test_records_convert_to_plain_json(archive):
    data = to_plain(archive.document("阳政任字〔2024〕7号"))
    json.dumps(data, ensure_ascii=False)
    assert data["signed"] == "2024-04-30" and data["issue"]["id"] == "2024-03"
    assert data["appointments"][0]["person"] == "魏砚明"


# Test issues of other governments whose goldens (written by reading) list joint issuers, 令号 and
# 索引号, and one of a legal database's field blocks (发布日期, 时效性).
_METADATA_ISSUES = ("cover-toc", "nonumber", "plain", "lawdb")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def other_target(request, tmp_path_factory) -> str:
    """A new archive of each backend holding the test issues above."""
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("metadata") / "archive.db")
    else:
        target = request.getfixturevalue("pg_database")("printed-metadata")
    with Archive.open(target) as archive:
        for name in _METADATA_ISSUES:
            archive.ingest_paths([OTHER / f"{name}.txt"])
    return target


@pytest.fixture(scope="module")
def other_archive(other_target):
    with Archive.open(other_target, readonly=True) as archive:
        yield archive


OTHER = SAMPLES.parent / "tests" / "corpus_other"


@pytest.mark.parametrize("name", _METADATA_ISSUES)
def test_a_document_keeps_what_it_prints_beyond_the_main_elements(other_archive, name):
    """Every issuer of a joint document, a 令号, a 索引号, a registration code and a 备案号: the
    archive hands back what the golden says each document prints."""
    golden = json.loads((OTHER / f"{name}.json").read_text(encoding="utf-8"))
    stored = {}
    for summary in other_archive.documents(limit=1000).documents:
        doc = other_archive.document(summary.id)
        if doc.issue.path.endswith(f"{name}.txt"):
            stored[doc.start_line] = doc.metadata
    for g in golden["documents"]:
        meta = stored[g["start_line"]]
        assert list(meta.issuers) == (g["issuers"] or ([g["issuer"]] if g["issuer"] else [])), g["title"]
        assert (meta.order_number, meta.registration, meta.index_number, meta.filing_number) == \
               (g["order_number"], g["registration"], g["index_number"], g["filing_number"]), g["title"]


def test_a_legal_database_s_dates_and_status_are_kept_and_shown(other_archive):
    """The 发布日期 and 时效性 of a legal database's field block, as the parser read them, come
    back from the archive, in the document's JSON and in its status (as the site's word)."""
    from gongbao.pipeline import parse_file
    from gongbao.registers.validity import status_json

    parsed = parse_file(OTHER / "lawdb.txt")
    printed = {d.start_line: (d.published, d.printed_status) for d in parsed.documents}
    assert any(status for _, status in printed.values())
    stored = {}
    for summary in other_archive.documents(limit=1000).documents:
        doc = other_archive.document(summary.id)
        if doc.issue.path.endswith("lawdb.txt"):
            stored[doc.start_line] = (doc.metadata.published, doc.metadata.printed_status)
            plain = to_plain(doc)["metadata"]
            assert plain["printed_status"] == doc.metadata.printed_status
            assert status_json(other_archive.status(doc.id))["printed_status"] == doc.metadata.printed_status
    assert stored == printed


def test_the_document_page_and_the_api_show_a_joint_document_s_issuers(other_archive, other_target):
    """The web page lists every issuer of a joint document, the API's JSON has them too."""
    from fastapi.testclient import TestClient

    from gongbao.api import create_app

    joint = next(d for d in (other_archive.document(s.id)
                             for s in other_archive.documents(limit=1000).documents)
                 if len(d.metadata.issuers) > 1)
    with TestClient(create_app(other_target)) as client:
        page = client.get(f"/documents/{joint.id}").text
        body = client.get(f"/api/documents/{joint.id}").json()
    assert "联合发文机关" in page and "、".join(joint.metadata.issuers) in page
    assert body["metadata"]["issuers"] == list(joint.metadata.issuers) == \
        ["中共岳阳市委办公室", "岳阳市人民政府办公室"]


def test_the_export_carries_what_documents_print_beyond_the_main_elements(other_archive):
    out = io.StringIO()
    other_archive.export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    by_id = {r["id"]: r for r in rows}
    for summary in other_archive.documents(limit=1000).documents:
        meta = to_plain(other_archive.document(summary.id).metadata)
        assert {k: by_id[summary.id][k] for k in meta} == meta
    assert any(len(r["issuers"]) > 1 for r in rows) and any(r["order_number"] for r in rows)
    assert any(r["printed_status"] for r in rows)


def test_the_issuer_filter_finds_a_joint_document_by_any_of_its_issuers(other_archive):
    """岳阳's joint notice is led by the party committee's office: the government office finds it
    too, in a search and in the list of documents; the facet still counts it under its first."""
    from gongbao.search.query import parse_query

    joint = [s.id for s in other_archive.documents(limit=1000).documents
             if len(other_archive.document(s.id).metadata.issuers) > 1]
    for name in ("中共岳阳市委办公室", "岳阳市人民政府办公室"):
        assert [h.id for h in other_archive.search(f"issuer:{name}").hits] == joint
        listed = other_archive.documents(filters=parse_query(f"issuer:{name}").filters)
        assert [d.id for d in listed.documents] == joint
    facets = other_archive.search("通知").facets
    assert "岳阳市人民政府办公室" not in dict((f.value, f.count) for f in facets.issuer)
