"""Never-crash properties: arbitrary text, truncated files and shuffled lines give a result."""

from __future__ import annotations

import random
from datetime import date

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


# A register over documents sharing titles and 文号 resolves each repeal as the rule says, checked
# against the rule written out as a scan over every document (build_register bisects instead).
_DAYS = st.one_of(st.none(), st.dates(min_value=date(2018, 1, 1), max_value=date(2018, 1, 20)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["阳泉市甲预案", "阳泉市乙办法"]),
                          st.sampled_from([None, "阳政发〔2018〕1号", "阳政发〔2018〕2号"]), _DAYS,
                          st.lists(st.tuples(st.booleans(), st.sampled_from(["阳泉市甲预案", "阳泉市乙办法"]),
                                             st.sampled_from(["阳政发〔2018〕1号", "阳政发〔2018〕2号"])),
                                   max_size=2)),
                min_size=1, max_size=12))
def test_register_resolves_repeals_as_the_rule_says(rows):
    from gongbao.registers.validity import DocFacts, LinkFact, build_register

    docs = [DocFacts(i, f"d{i}", number, title, None, signed,
                     links=tuple(LinkFact("repeals", None if by_title else n, f"《{t}》", 1, 1, "")
                                 for by_title, t, n in links))
            for i, (title, number, signed, links) in enumerate(rows, 1)]
    reg = build_register(docs)
    for e in reg.evidence:
        src, link = e.source, e.link
        if link.doc_number:
            found = [d for d in docs if d.doc_number == link.doc_number and d.rowid != src.rowid]
            want = min(found, key=lambda d: (d.signed or date.max, d.rowid)) if found else None
        else:
            found = [d for d in docs if d.title == link.title.strip("《》") and d.rowid != src.rowid
                     and (d.signed is None or src.signed is None or d.signed <= src.signed)]
            want = max(found, key=lambda d: (d.signed or date.min, d.rowid)) if found else None
        assert e.target == want
