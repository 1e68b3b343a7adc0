"""Quirk fixtures: small real excerpts beside the output a person expects (tests/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.pipeline import parse_file
from gongbao.serialize import to_json_dict

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*.txt"))


def flat_labels(nodes):
    for n in nodes:
        yield n["label"]
        yield from flat_labels(n["children"])


def check(expected, actual, where="") -> None:
    """Every key of `expected` matches `actual`; dicts in lists are compared the same way."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            if key == "text_contains":
                for s in value:
                    assert s in actual["text"], f"{where}: text lacks {s!r}"
            elif key == "outline_labels":
                assert list(flat_labels(actual["outline"])) == value, where
            elif key == "table_count":
                assert len(actual["tables"]) == value, where
            elif key == "first_table_header":
                assert actual["tables"][0]["rows"][0] == value, where
            else:
                assert key in actual, f"{where}.{key} missing"
                check(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            check(e, a, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_fixture(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = to_json_dict(parse_file(path))
    if "layout" in expected:
        assert got["source"]["layout"] == expected.pop("layout")
    check(expected, got, path.stem)
