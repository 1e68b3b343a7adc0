"""Never-crash properties: arbitrary text, truncated files and shuffled lines give a result."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import SAMPLES
from gongbao.errors import InputError
from gongbao.pipeline import parse_bytes
from gongbao.serialize import to_json

SAMPLE_LINES = {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(SAMPLES.glob("*.txt"))}
NAMES = sorted(SAMPLE_LINES)
# Characters that matter to the parser: brackets, numbering, markdown, tabs, CJK.
ALPHABET = st.sampled_from(list("阳政办发〔〕[]（）()号第一二三章条、。，；：\t #-—0123456789年月日关于通知此件公开发布附件略见网络版 \n"))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_refuse(text: str):
    try:
        parsed = parse_bytes(text.encode("utf-8"), "prop.txt")
    except InputError:
        return None  # refused as not a text at all: allowed, with a clear message
    to_json(parsed)
    return parsed


@SETTINGS
@given(st.text(ALPHABET, max_size=400))
def test_arbitrary_text_never_crashes(text):
    parse_or_refuse(text)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    parse_or_refuse(text)


@SETTINGS
@given(st.sampled_from(NAMES), st.integers(1, 4000), st.integers(0, 4000))
def test_truncated_samples_parse_with_documents_in_order(name, length, start):
    lines = SAMPLE_LINES[name]
    start = min(start, len(lines) - 1)
    parsed = parse_or_refuse("\n".join(lines[start: start + length]))
    if parsed:
        starts = [d.start_line for d in parsed.documents]
        assert starts == sorted(starts)
        for d in parsed.documents:
            assert d.start_line <= d.end_line


@SETTINGS
@given(st.sampled_from(NAMES), st.integers(0, 2**32 - 1))
def test_shuffled_lines_never_crash(name, seed):
    lines = list(SAMPLE_LINES[name][:600])
    random.Random(seed).shuffle(lines)
    parse_or_refuse("\n".join(lines))


def test_display_width_counts_half_width_characters_as_half():
    from gongbao.text.chinese import display_width

    assert display_width("阳泉市") == 3
    assert display_width("2024年") == 3  # four digits are two cells
    assert display_width("Ωé\t") == 1  # Greek and Latin-1 are half-width, a tab nothing
    assert display_width("ｱｲ") == 1  # half-width katakana
    assert display_width("（一）") == 3  # full-width brackets are full cells
