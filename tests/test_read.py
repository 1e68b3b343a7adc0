"""Reading input: encodings and line endings are handled; what is not a text is refused clearly."""

from __future__ import annotations

import pytest

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
