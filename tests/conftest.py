"""Shared fixtures: the sample corpus, parsed once per test session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


@lru_cache(maxsize=None)
def parsed_sample(name: str):
    from gongbao.pipeline import parse_file

    return parse_file(SAMPLES / name)


@pytest.fixture(scope="session")
def samples():
    """{file name: ParsedIssue} for every sample issue."""
    return {p.name: parsed_sample(p.name) for p in SAMPLE_FILES}


# --- The archive (store/search): one archive of the samples per test session -----------------

@pytest.fixture(scope="session")
def archive_path(tmp_path_factory):
    """An archive file holding the four sample issues, ingested once per session. Read only."""
    from gongbao.store import Archive

    path = tmp_path_factory.mktemp("archive") / "samples.db"
    with Archive.open(path) as archive:
        outcomes = archive.ingest_paths([SAMPLES])
    assert [o.status for o in outcomes] == ["added"] * len(SAMPLE_FILES), outcomes
    return path


# The backends every test of the `archive` fixture runs on (PostgreSQL: see tests/_postgres.py).
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_database():
    """make(label) -> the URL of a new PostgreSQL database of this session, dropped at its end;
    skips the test when no server answers."""
    import _postgres

    made: list[str] = []

    def make(label: str) -> str:
        _postgres.skip_without_server()
        url = _postgres.create_database(label)
        made.append(url)
        return url

    yield make
    for url in made:
        _postgres.drop_database(url)


@pytest.fixture(scope="session")
def pg_archive_url(pg_database):
    """A PostgreSQL archive holding the four sample issues, ingested once per session."""
    from gongbao.store import Archive

    url = pg_database("samples")
    with Archive.open(url) as archive:
        outcomes = archive.ingest_paths([SAMPLES])
    assert [o.status for o in outcomes] == ["added"] * len(SAMPLE_FILES), outcomes
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def archive(request, archive_path):
    """The sample archive, opened read-only (shared: do not write to it), on each backend."""
    from gongbao.store import Archive

    where = archive_path if request.param == "sqlite" else request.getfixturevalue("pg_archive_url")
    with Archive.open(where, readonly=True) as opened:
        yield opened


def build_issue(*, year: int = 2021, number: int = 1, path: str = "synthetic.txt",
                docs: list[dict] | None = None, gazette: str = "测试市人民政府公报"):
    """A small ParsedIssue made by hand: each doc dict may give serial, title, paragraphs
    (list of str), persons (appointments), cites (list of DocNumber), signed (date)."""
    import hashlib
    from datetime import date

    from gongbao.docnumber import DocNumber
    from gongbao.model import (Appointment, Document, Issue, Paragraph, ParsedIssue, Reference,
                               SourceText)

    docs = docs if docs is not None else [{}]
    lines: list[str] = [gazette, f"{year} 年第 {number} 期", ""]
    documents = []
    for i, spec in enumerate(docs, 1):
        serial = spec.get("serial", i)
        title = spec.get("title", f"测试市人民政府关于第{i}项工作的通知")
        number_ = DocNumber(spec.get("prefix", "测政发"), year, serial) if serial else None
        start = len(lines) + 1
        lines.append(title)
        lines.append(str(number_) if number_ else "")
        paragraphs = [Paragraph(title, start, start, kind="heading")]
        for text in spec.get("paragraphs", [f"第{i}项工作的正文。"]):
            lines.append(text)
            paragraphs.append(Paragraph(text, len(lines), len(lines), lines=(len(lines),)))
        appointments = [Appointment(p, "任命", "局长", None, len(lines)) for p in spec.get("persons", [])]
        refs = [Reference("cites", n, None, len(lines)) for n in spec.get("cites", [])]
        lines.append("")
        documents.append(Document(
            start_line=start, end_line=len(lines), title=title, title_line=start,
            doc_number=number_, doc_number_line=start + 1 if number_ else None,
            issuer=spec.get("issuer", "测试市人民政府"), signed=spec.get("signed", date(year, 3, i % 28 + 1)),
            section=spec.get("section", "政府文件"), genre=spec.get("genre", "通知"),
            publicity="此件公开发布", paragraphs=paragraphs, appointments=appointments,
            references=refs))
    text = "\n".join(lines)
    source = SourceText(path, hashlib.sha256(text.encode()).hexdigest(), "utf-8", tuple(lines))
    return ParsedIssue(source=source, layout="plain",
                       issue=Issue(gazette=gazette, year=year, number=number),
                       toc=[], documents=documents, warnings=[], corrections=[])
