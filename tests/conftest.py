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
