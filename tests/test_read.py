"""Reading input: encodings and line endings are handled; what is not a text is refused clearly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import SAMPLES
from gongbao.errors import InputError
from gongbao.pipeline import parse_bytes, parse_file
from gongbao.text.read import decode_source, read_source

EXCERPT = (SAMPLES / "yangquan-gazette-2020-06.txt").read_text(encoding="utf-8").split("\n")[3013:3047]
TEXT = "\n".join(EXCERPT) + "\n"


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gb18030")),
    ("gb18030", TEXT.encode("gbk")),
])
def test_encodings_decode_to_the_same_lines(encoding, data):
    source = decode_source(data, "x.txt")
    assert source.encoding == encoding
    assert source.lines == tuple(TEXT.split("\n")[:-1])


def test_crlf_and_lf_give_the_same_documents():
    lf = parse_bytes(TEXT.encode(), "lf.txt")
    crlf = parse_bytes(TEXT.replace("\n", "\r\n").encode(), "crlf.txt")
    assert [(d.doc_number, d.title, d.signed) for d in lf.documents] == [(d.doc_number, d.title, d.signed) for d in crlf.documents]
    assert lf.documents and lf.documents[0].start_line == crlf.documents[0].start_line


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n  \r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes([0xff, 0xfe, 0xfd, 0x80, 0x81]) * 50, "cannot be decoded"),
])
def test_not_a_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_source(data, "bad.bin")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_source(tmp_path)


def test_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("gbk"))
    assert parse_file(p).source.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()


# --- Robust decoding (issue 8): a few bad bytes cost a warning, never the issue ------------------

SAMPLE = (SAMPLES / "yangquan-gazette-2022-02.txt").read_bytes()


def _numbers(parsed):
    return [(d.doc_number, d.title) for d in parsed.documents]


def _repairs(parsed):
    return [w for w in parsed.warnings if w.code in ("bad-bytes", "mixed-encoding")]


@pytest.mark.parametrize("damage", ["truncated", "one 0xFF", "GB18030 lines in UTF-8", "0xFF in GB18030"])
def test_a_few_bad_bytes_keep_every_document(damage):
    whole = parse_bytes(SAMPLE, "whole.txt")
    at = SAMPLE.index("阳政发〔2022〕3".encode()) + 30  # inside a line of Chinese text
    if damage == "truncated":
        data = SAMPLE.rstrip(b"\n")[:-1]  # a download cut inside the last character
    elif damage == "one 0xFF":
        data = SAMPLE[:at] + b"\xff" + SAMPLE[at:]
    elif damage == "GB18030 lines in UTF-8":
        lines = SAMPLE.decode("utf-8").split("\n")
        data = b"\n".join(ln.encode("gb18030") if k % 150 == 60 else ln.encode("utf-8")
                          for k, ln in enumerate(lines))
    else:
        gb = SAMPLE.decode("utf-8").encode("gb18030")
        data = gb[:len(gb) // 3] + b"\xff" + gb[len(gb) // 3:]
    parsed = parse_bytes(data, "damaged.txt")
    assert _numbers(parsed) == _numbers(whole)
    repairs = _repairs(parsed)
    assert repairs and all(w.line for w in repairs)
    for w in repairs:  # each warning points at the line that was repaired
        line = parsed.source.line(w.line)
        if w.code == "bad-bytes":
            assert "\ufffd" in line
        else:
            assert line == SAMPLE.decode("utf-8").split("\n")[w.line - 1]
    if damage == "GB18030 lines in UTF-8":
        assert {w.code for w in repairs} == {"mixed-encoding"}
        assert parsed.source.lines == whole.source.lines  # decoded right, not replaced


def test_one_bad_byte_is_one_warning_at_its_line():
    lines = TEXT.split("\n")
    data = "\n".join(lines[:5]).encode() + b"\n" + lines[5].encode()[:4] + b"\xff" + \
        lines[5].encode()[4:] + b"\n" + "\n".join(lines[6:]).encode()
    source = decode_source(data, "x.txt")
    assert source.encoding == "utf-8"
    assert [(w.line, w.code) for w in source.warnings] == [(6, "bad-bytes")]
    assert source.lines[5] == lines[5][:1] + "\ufffd" + lines[5][1:]
    assert source.lines[:5] == tuple(lines[:5]) and source.lines[6:] == tuple(lines[6:-1])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(TEXT.encode()) - 1), st.binary(min_size=1, max_size=3)),
                min_size=1, max_size=4))
def test_stray_bytes_anywhere_are_repaired_with_a_warning_at_their_line(damage):
    data = bytearray(TEXT.encode("utf-8"))
    for at, junk in sorted(damage, reverse=True):
        data[at:at] = junk
    try:
        source = decode_source(bytes(data), "fuzzed.txt")
    except InputError:
        return  # refused as a whole: allowed only with a reason
    assert len(source.lines) >= len(TEXT.split("\n")) - 1
    for w in source.warnings:
        assert w.code in ("bad-bytes", "mixed-encoding") and 1 <= w.line <= len(source.lines)
        if w.code == "bad-bytes":
            assert "\ufffd" in source.line(w.line)
