"""Stage 1, read: bytes -> SourceText. Refuses what is not a gazette text at all.

UTF-8 (with or without BOM) is tried first, then GB18030 (a superset of GBK and GB2312). A file
that is mostly one of them but has a few bad bytes (a truncated download, one stray 0xFF, a few
lines pasted in GB18030 into a UTF-8 file) is still read: each bad line is decoded in the other
encoding when that reads cleanly, else its bad bytes become U+FFFD, and each repair is a warning
with its line. Only then is charset-normalizer's detection tried. Binary, undecodable and empty
input raise InputError with a one-line reason. A PDF is read by `text.pdf` (text layer, or OCR
for scanned pages) into the same SourceText, with its pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gongbao.errors import InputError
from gongbao.model import SourceText, Warning

# Control characters that never appear in a text file; a few of them mean the input is binary.
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def read_source(path: str | Path, *, on_page=None) -> SourceText:
    """Read and decode a gazette file (`on_page(done, total)`: see `read_bytes`)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a gazette file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot be read ({e.strerror or e})") from None
    return read_bytes(data, str(p), on_page=on_page)


def read_bytes(data: bytes, path: str, *, ocr_cache=None, on_page=None) -> SourceText:
    """A gazette file's bytes, text or PDF, as a SourceText (InputError if they are neither).
    `ocr_cache` and `on_page(done, total)` concern PDFs only (see `text.pdf.read_pdf`)."""
    from gongbao.text.pdf import is_pdf

    if is_pdf(data):
        from gongbao.text.pdf import read_pdf

        return read_pdf(data, path, ocr_cache=ocr_cache, on_page=on_page)
    return decode_source(data, path)


def decode_source(data: bytes, path: str) -> SourceText:
    """Decode bytes into a SourceText, or raise InputError saying why they are not a text."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, bytes(sorted(_BINARY_BYTES))))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError(f"{path}: looks like a binary file, not a gazette text")
    repairs: list[Warning] = []
    text, encoding = _decode(data, path, repairs)
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    return SourceText(path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                      lines=lines, warnings=tuple(repairs))


def _decode(data: bytes, path: str, repairs: list[Warning]) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            text = _repaired(data[3:], "utf-8", repairs)
            if text is None:
                raise InputError(f"{path}: starts with a UTF-8 BOM but is not valid UTF-8") from None
            return text, "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _mostly_han(text):
            break
        return text, encoding
    for encoding in ("utf-8", "gb18030"):
        repairs.clear()
        text = _repaired(data, encoding, repairs)
        if text is not None:
            return text, encoding
    repairs.clear()
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


# A file is read as "mostly" one encoding when at most this share of its lines (and of its
# non-ASCII bytes) is not valid in it.
MAX_BAD_SHARE = 0.2
# A bad line is decoded in the other encoding only when it reads cleanly there and its bad
# sequences are at least this share of its non-ASCII bytes (a line in another encoding is bad
# almost everywhere; a damaged line has one or two bad bytes): else they become U+FFFD.
OTHER_ENCODING_SHARE = 0.25
# Repairs beyond this many get one summary warning, not one each.
MAX_REPAIR_WARNINGS = 100
_OTHER = {"utf-8": "gb18030", "gb18030": "utf-8"}
_REPLACEMENT = "\ufffd"


def _bad_sequences(piece: bytes, encoding: str) -> int:
    """How many bytes or sequences of `piece` are not valid in `encoding`."""
    decoded = piece.decode(encoding, errors="replace")
    return decoded.count(_REPLACEMENT) - piece.decode(encoding, errors="ignore").count(_REPLACEMENT)


def _repaired(data: bytes, encoding: str, repairs: list[Warning]) -> str | None:
    """`data` decoded as `encoding` with its few bad lines repaired (a warning each), or None
    when the file is not mostly valid `encoding` text."""
    pieces = data.splitlines(keepends=True)
    bad = []
    for k, piece in enumerate(pieces):
        try:
            piece.decode(encoding)
        except UnicodeDecodeError:
            bad.append(k)
    non_ascii = len(data) - len(data.decode("ascii", errors="ignore").encode())
    bad_bytes = sum(len(pieces[k]) for k in bad)
    if not bad or len(bad) > MAX_BAD_SHARE * len(pieces) or bad_bytes > MAX_BAD_SHARE * max(non_ascii, 1):
        return None
    texts = []
    line = 1
    bad_at = set(bad)
    notes = 0
    for k, piece in enumerate(pieces):
        if k not in bad_at:
            text = piece.decode(encoding)
        else:
            text, note = _repair_line(piece, encoding)
            notes += 1
            if notes <= MAX_REPAIR_WARNINGS:
                repairs.append(Warning(line, note[0], note[1]))
        texts.append(text)
        line += text.count("\n") + text.count("\r") - text.count("\r\n")
    if notes > MAX_REPAIR_WARNINGS:
        repairs.append(Warning(None, "bad-bytes", f"{notes - MAX_REPAIR_WARNINGS} more lines repaired "
                               "(the first ones are listed with their line)"))
    text = "".join(texts)
    return text if _mostly_han(text) else None


def _repair_line(piece: bytes, encoding: str) -> tuple[str, tuple[str, str]]:
    """One line that is not valid `encoding`: in the other encoding if it reads cleanly there and
    is bad in much of it here (not one or two stray bytes), else with its bad bytes as U+FFFD."""
    other = _OTHER[encoding]
    count = _bad_sequences(piece, encoding)
    non_ascii = len(piece) - len(piece.decode("ascii", errors="ignore"))
    if count >= OTHER_ENCODING_SHARE * non_ascii:
        try:
            text = piece.decode(other)
        except UnicodeDecodeError:
            pass
        else:
            if _mostly_han(text):
                return text, ("mixed-encoding", f"this line is {other.upper()}, not {encoding.upper()} "
                                                "like the rest of the file: decoded as " + other.upper())
    text = piece.decode(encoding, errors="replace")
    return text, ("bad-bytes", f"{count} byte sequence{'s' if count > 1 else ''} not valid "
                               f"{encoding.upper()} replaced by U+FFFD (�)")
