"""Stage 1, read: bytes -> SourceText. Refuses what is not a gazette text at all.

UTF-8 (with or without BOM) is tried first, then GB18030 (a superset of GBK and GB2312), then
whatever charset-normalizer detects. Binary, undecodable and empty input raise InputError with a
one-line reason; every quirk of a real text is left for later stages to warn about.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gongbao.errors import InputError
from gongbao.model import SourceText

# Control characters that never appear in a text file; a few of them mean the input is binary.
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def read_source(path: str | Path) -> SourceText:
    """Read and decode a gazette file."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a gazette file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot be read ({e.strerror or e})") from None
    return decode_source(data, str(p))


def decode_source(data: bytes, path: str) -> SourceText:
    """Decode bytes into a SourceText, or raise InputError saying why they are not a text."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, bytes(sorted(_BINARY_BYTES))))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError(f"{path}: looks like a binary file, not a gazette text")
    text, encoding = _decode(data, path)
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return SourceText(path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, lines=lines)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InputError(f"{path}: starts with a UTF-8 BOM but is not valid UTF-8") from None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _mostly_han(text):
            break
        return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _mostly_han(str(best)):
        raise InputError(f"{path}: cannot be decoded as Chinese text (tried UTF-8, GB18030 and detection)")
    return str(best), best.encoding


# Characters a Chinese official text is made of: ASCII, CJK ideographs and punctuation, full-width
# forms, general punctuation, Latin-1 signs, circled numbers and box drawing.
_USUAL = ((" ", "~"), ("\u00a0", "\u00ff"), ("\u2000", "\u206f"), ("\u2100", "\u2bff"), ("\u3000", "\u303f"),
          ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uff01", "\uff60"), ("\uffe0", "\uffe6"))


def _mostly_han(text: str) -> bool:
    """A decoding with few Chinese characters, or many unusual ones, is a wrong guess for a gazette."""
    letters = [c for c in text[:20000] if not c.isspace()]
    if not letters:
        return False
    han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    usual = sum(any(lo <= c <= hi for lo, hi in _USUAL) for c in letters)
    return han / len(letters) > 0.2 and usual / len(letters) > 0.95
