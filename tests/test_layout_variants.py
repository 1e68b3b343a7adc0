"""The same documents, printed in another layout, must parse to the same metadata.

The sample issues are re-laid out (as a narrow hard-wrapped column with a blank line after every
line, as plain paragraphs with no markdown, as paragraphs with no blank lines between them) and
parsed again; every document of the golden list must come out with the same fields. This checks
kinds of layout, not one file's accidents.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import parsed_sample
from gongbao.pipeline import parse_bytes
from gongbao.serialize import to_json_dict
from gongbao.text.chinese import display_width
from gongbao.text.layout import analyse_layout

GOLDEN = Path(__file__).parent / "golden"
FIELDS = ("doc_number", "title", "issuer", "genre", "signed", "publicity", "addressees")
MARKDOWN_AND_PLAIN = ["yangquan-gazette-2020-06.txt", "yangquan-gazette-2022-02.txt", "yangquan-gazette-2023-04.txt"]


def wrap(text: str, width: float = 20) -> list[str]:
    """Cut a paragraph into printed lines of a narrow column, the first line indented by 2."""
    lines, current, used = [], "", 2.0
    for c in text:
        w = display_width(c)
        if used + w > width:
            lines.append(current)
            current, used = "", 0.0
        current += c
        used += w
    return lines + ([current] if current else [])


def paragraphs_of(name: str):
    return analyse_layout(parsed_sample(name).source).paragraphs


def as_hardwrap(name: str) -> str:
    out = []
    for p in paragraphs_of(name):
        for line in (["\t".join(p.cells)] if p.kind == "table" else wrap(p.text)):
            out += [line, ""]
    return "\n".join(out)


def as_plain(name: str, blank_lines: bool) -> str:
    sep = "\n\n" if blank_lines else "\n"
    return sep.join("\t".join(p.cells) if p.kind == "table" else p.text for p in paragraphs_of(name))


def check_same_documents(name: str, text: str) -> None:
    golden = json.loads((GOLDEN / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    parsed = to_json_dict(parse_bytes(text.encode("utf-8"), name))
    original = to_json_dict(parsed_sample(name))
    assert len(parsed["toc"]) == golden["toc_entries"]
    if original["toc"]:  # (an issue without a cover names itself only in running headers, dropped here)
        assert parsed["issue"] == original["issue"]
    assert {w["code"] for w in parsed["warnings"]} == {w["code"] for w in original["warnings"]}
    got = parsed["documents"]
    assert [(d["doc_number"], d["title"]) for d in got] == [(d["doc_number"], d["title"]) for d in golden["documents"]]
    for have, want in zip(got, golden["documents"]):
        for field in FIELDS:
            assert have[field] == want[field], (want["doc_number"], field)
        assert [(a["person"], a["post"]) for a in have["appointments"]] == [(a["person"], a["post"]) for a in want["appointments"]]


@pytest.mark.parametrize("name", MARKDOWN_AND_PLAIN)
def test_same_documents_when_hard_wrapped(name):
    text = as_hardwrap(name)
    assert parse_bytes(text.encode(), name).layout == "hardwrap"
    check_same_documents(name, text)


@pytest.mark.parametrize("name", MARKDOWN_AND_PLAIN)
def test_same_documents_as_plain_paragraphs(name):
    check_same_documents(name, as_plain(name, blank_lines=True))


@pytest.mark.parametrize("name", MARKDOWN_AND_PLAIN + ["yangquan-gazette-2024-03.txt"])
def test_same_documents_without_blank_lines(name):
    check_same_documents(name, as_plain(name, blank_lines=False))
