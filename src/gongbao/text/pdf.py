"""Stage 1 for PDF, read: a gazette PDF -> SourceText, page by page.

A page with a text layer gives its printed lines from the characters' positions (pypdfium2:
each character with its box, grouped into lines by baseline, one or two columns, in reading
order; a wide gap inside a line is a table cell boundary and becomes a tab). A page without one
but with an image (a scan) is read by OCR (`text.ocr`, the `[ocr]` extra), its lines rebuilt
from the recognised boxes the same way, each with its confidence. A PDF mixing both kinds is
read page by page. The lines of all pages follow each other: line numbers are lines of this
extracted text, and `SourceText.pages` says which lines each page printed.

Refused with InputError (one line, exit code 2): an encrypted or damaged PDF, one with more
pages than the limit (`MAX_PAGES`, or $GONGBAO_MAX_PDF_PAGES), one with no text and no images.
"""

from __future__ import annotations

import hashlib
import os
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from gongbao.errors import InputError
from gongbao.model import PageText, SourceText

__all__ = ["is_pdf", "read_pdf", "scanned_pages", "Piece", "lines_from_pieces", "page_kinds", "max_pages",
           "MAX_PAGES"]

# Files longer than this many pages are refused: a gazette issue has a few hundred at most, and
# OCR costs seconds a page. $GONGBAO_MAX_PDF_PAGES sets another limit.
MAX_PAGES = 1000
# A page with fewer printed characters than this but an image on it is a scan (a stray page
# number in a text layer does not make a scanned page readable).
MIN_TEXT_CHARS = 10
# Within one line, a gap wider than this many character heights separates two table cells.
CELL_GAP = 1.2
# Two boxes of one OCR line further apart than this many heights get a space between them.
WORD_GAP = 0.3
_SPACES = re.compile(r" {2,}")


def is_pdf(data: bytes) -> bool:
    """Whether the bytes are a PDF file (its header may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def max_pages() -> int:
    value = os.environ.get("GONGBAO_MAX_PDF_PAGES", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_PAGES


@dataclass(frozen=True)
class Piece:
    """A printed character (text layer) or a recognised box (OCR), in page coordinates with y
    growing downwards."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def open_pdf(data: bytes, path: str):
    """The pypdfium2 document, or InputError saying why the PDF cannot be read."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{path}: the PDF is encrypted (password-protected): "
                             "save an unprotected copy and try again") from None
        raise InputError(f"{path}: damaged PDF, cannot be read ({_reason(e)})") from None
    limit = max_pages()
    if len(doc) > limit:
        count = len(doc)
        doc.close()
        raise InputError(f"{path}: the PDF has {count} pages, more than the limit of {limit} "
                         "(set GONGBAO_MAX_PDF_PAGES to allow more)")
    if len(doc) == 0:
        doc.close()
        raise InputError(f"{path}: the PDF has no pages")
    return doc


def _reason(e: Exception) -> str:
    text = str(e).strip().rstrip(".")
    return text.split("(PDFium: ", 1)[-1].rstrip(")") if "(PDFium: " in text else text


def _text_pieces(page) -> list[Piece]:
    """The printed characters of a page's text layer, with their boxes (loose: font ascent to
    descent, the advance width), in content order."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        height = page.get_height()
        pieces = []
        for i in range(textpage.count_chars()):
            if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue  # a space or line break pdfium guessed, not printed
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if code == 2:  # pdfium's mark for a hyphen that ends a line: it is printed
                code = ord("-")
            if code in (0, 0xFFFE, 0xFFFF, 10, 13) or code > 0x10FFFF:
                continue
            ch = chr(code)
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if ch.isspace() and ch != "\u3000":  # an ideographic space is kept, as printed
                ch = " "
            pieces.append(Piece(ch, left, height - top, right, height - bottom))
        return pieces
    finally:
        textpage.close()


def _has_image(page) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4))


# A text layer with more than this share of characters that no print shows (U+FFFD, private-use
# code points, controls: a font embedded without its Unicode map) is read by OCR instead.
UNREADABLE_SHARE = 0.5


def _unreadable(ch: str) -> bool:
    code = ord(ch)
    return code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code < 32


def page_kinds(doc) -> list[str]:
    """Each page's kind: "text" (it has a readable text layer), "ocr" (no text but an image: a
    scan; or a text layer of unreadable characters) or "empty"."""
    kinds = []
    for i in range(len(doc)):
        page = doc[i]
        try:
            textpage = page.get_textpage()
            try:
                printed = [ch for ch in textpage.get_text_range() if not ch.isspace()]
            finally:
                textpage.close()
            count = len(printed)
            if count >= MIN_TEXT_CHARS and sum(map(_unreadable, printed)) > UNREADABLE_SHARE * count:
                kinds.append("ocr")  # a font without its Unicode map: the glyphs are read instead
            elif count >= MIN_TEXT_CHARS or (count and not _has_image(page)):
                kinds.append("text")
            elif _has_image(page):
                kinds.append("ocr")
            else:
                kinds.append("empty")
        finally:
            page.close()
    return kinds


def lines_from_pieces(pieces: list[Piece], page_width: float) -> list[tuple[str, float | None]]:
    """The printed lines of one page in reading order, each with the lowest confidence of its
    pieces (None for a text layer): pieces grouped by baseline; on a page of two columns (an
    empty band runs down the middle) each run of rows that keep clear of the band is read left
    column first, then right column, and a row that crosses the band (a title, a section heading
    or a 文号 over both columns, a running head) stands between the runs where it is printed: a
    gazette's page may hold several two-column runs, one under each title that spans them."""
    pieces = [p for p in pieces if p.x1 > p.x0 and p.y1 > p.y0]
    if not pieces:
        return []
    lines = _group(pieces)
    band = _gutter(lines, page_width)
    if band is None:
        return _lines(lines)
    lo, hi = band
    out: list[tuple[str, float | None]] = []
    run: list[list[Piece]] = []

    def read_run() -> None:
        if len(run) == 1:  # one row alone is a line, whatever its gaps
            out.extend(_lines(run))
        elif run:
            rest = [p for line in run for p in line]
            out.extend(_lines(_group([p for p in rest if (p.x0 + p.x1) / 2 < lo])))
            out.extend(_lines(_group([p for p in rest if (p.x0 + p.x1) / 2 > hi])))
        run.clear()

    for line in lines:
        if _crosses(line, lo, hi):
            read_run()
            out.extend(_lines([line]))
            continue
        if len(run) >= 2 and _top(line) - _top(run[-1]) > RUN_BREAK * _pitch(run):
            read_run()  # a row set apart below the run (a page number off the middle): not in it
        run.append(line)
    read_run()
    return out


# A row further below the last row of a two-column run than this many times the run's line pitch
# is not part of the run.
RUN_BREAK = 1.6


def _top(line: list[Piece]) -> float:
    return min(p.y0 for p in line)


def _pitch(run: list[list[Piece]]) -> float:
    return statistics.median(_top(b) - _top(a) for a, b in zip(run, run[1:]))


def _crosses(line: list[Piece], lo: float, hi: float) -> bool:
    return any(p.x0 < hi and p.x1 > lo for p in line if p.text.strip())


def _gutter(lines: list[list[Piece]], page_width: float) -> tuple[float, float] | None:
    """The gutter of a two-column page: an empty vertical band between 35% and 65% of the page's
    width, as wide as half a character's height on each side of its middle. Either at most a
    tenth of the lines cross it, with at least a third of the printed pieces on each side; or,
    on a page whose titles span both columns (any number of rows may cross), the rows clear of
    it look like two columns of set text: at least four of them print on both sides, the left
    parts of at least three end flush at the column's right edge (justified lines), the right
    column begins within three characters of that edge (a gutter, not a gap between a table's
    cells), and each side holds
    a fifth of the pieces of those rows (a table's cells with a gap in the middle do not)."""
    if len(lines) < 6:
        return None
    pieces = [p for line in lines for p in line if p.text.strip()]
    if not pieces:
        return None
    height = statistics.median(p.height for p in pieces)
    half = height / 2
    best = None
    for step in range(35, 66):
        x = page_width * step / 100
        lo, hi = x - half, x + half
        crossing = sum(1 for line in lines if _crosses(line, lo, hi))
        if crossing <= 0.1 * len(lines):
            left = sum(1 for p in pieces if p.x1 <= lo)
            right = sum(1 for p in pieces if p.x0 >= hi)
            if left >= len(pieces) / 3 and right >= len(pieces) / 3:
                return lo, hi
        if (best is None or crossing < best[0]) and _set_in_columns(lines, lo, hi, height):
            best = (crossing, lo, hi)
    return best[1:] if best else None


def _set_in_columns(lines: list[list[Piece]], lo: float, hi: float, height: float) -> bool:
    """Whether the rows clear of the band [lo, hi] read as two columns of set text."""
    clear = [[p for p in line if p.text.strip()] for line in lines if not _crosses(line, lo, hi)]
    both = [line for line in clear if any(p.x1 <= lo for p in line) and any(p.x0 >= hi for p in line)]
    if len(both) < 4:
        return False
    ends = [max(p.x1 for p in line if p.x1 <= lo) for line in both]
    edge = max(ends)
    starts = min(min(p.x0 for p in line if p.x0 >= hi) for line in both)
    if starts - edge > 3 * height:
        return False  # a gap wider than a gutter: a table's cells
    if sum(1 for e in ends if edge - e <= height / 2) < 3:
        return False
    left = sum(1 for line in clear for p in line if p.x1 <= lo)
    right = sum(1 for line in clear for p in line if p.x0 >= hi)
    return min(left, right) >= (left + right) / 5


def _group(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces on one baseline together, lines top to bottom, each line left to right."""
    if not pieces:
        return []
    heights = [p.height for p in pieces if p.text.strip()] or [p.height for p in pieces]
    typical = statistics.median(heights)
    lines: list[list[Piece]] = []
    centre = None
    for p in sorted(pieces, key=lambda p: ((p.y0 + p.y1) / 2, p.x0)):
        mid = (p.y0 + p.y1) / 2
        if lines and centre is not None and abs(mid - centre) <= 0.45 * min(typical, max(p.height, 1e-6) * 2):
            lines[-1].append(p)
            continue
        lines.append([p])
        centre = mid
    return [sorted(line, key=lambda p: p.x0) for line in lines]


def _lines(lines: list[list[Piece]]) -> list[tuple[str, float | None]]:
    """Grouped pieces as text lines: a gap wider than CELL_GAP heights is a tab (a table cell)."""
    out = []
    for line in lines:
        height = statistics.median(p.height for p in line)
        text = ""
        last = None
        for p in line:
            if last is not None:
                gap = p.x0 - last.x1
                if gap > CELL_GAP * height:
                    text += "\t"
                elif p.confidence is not None and gap > WORD_GAP * height and not text.endswith(" "):
                    text += " "
            text += p.text
            last = p
        text = _SPACES.sub("\t", text).strip(" ")
        text = "\t".join(cell.strip() for cell in text.split("\t")).strip("\t")
        if not text.strip():
            continue
        scores = [p.confidence for p in line if p.confidence is not None]
        out.append((text, min(scores) if scores else None))
    return out


def read_pdf(data: bytes, path: str, *, ocr_cache=None,
             on_page: Callable[[int, int], None] | None = None) -> SourceText:
    """Read a gazette PDF: its text layer page by page, OCR for the scanned pages (results kept
    in `ocr_cache`, a `text.ocr.OcrCache`, when given). `on_page(done, total)` after each page."""
    import pypdfium2 as pdfium

    digest = hashlib.sha256(data).hexdigest()
    doc = open_pdf(data, path)
    try:
        kinds = _checked_kinds(doc, path)
        lines: list[str] = []
        pages: list[PageText] = []
        for i, kind in enumerate(kinds):
            page = doc[i]
            try:
                width = page.get_width()
                if kind == "text":
                    got = lines_from_pieces(_text_pieces(page), width)
                elif kind == "ocr":
                    from gongbao.text.ocr import default_cache, ocr_page

                    ocr_cache = ocr_cache if ocr_cache is not None else default_cache()
                    try:
                        got = ocr_page(doc, i, digest, cache=ocr_cache)
                    except (RuntimeError, ValueError, MemoryError) as e:  # onnxruntime, a bad image
                        raise InputError(f"{path}: OCR of page {i + 1} failed ({type(e).__name__}: {e})") from None
                else:
                    got = []
            finally:
                page.close()
            first = len(lines) + 1
            lines.extend(text for text, _ in got)
            pages.append(PageText(i + 1, first, len(lines), kind,
                                  tuple(c for _, c in got) if kind == "ocr" else ()))
            if on_page:
                on_page(i + 1, len(kinds))
    except pdfium.PdfiumError as e:  # a page that loads but cannot be read
        raise InputError(f"{path}: damaged PDF, a page cannot be read ({_reason(e)})") from None
    finally:
        doc.close()
    if not lines:
        raise InputError(f"{path}: the PDF prints no text (its pages have no text layer, "
                         "and OCR found none in its images)")
    return SourceText(path=path, sha256=digest, encoding="pdf", lines=tuple(lines), pages=tuple(pages))


def _checked_kinds(doc, path: str) -> list[str]:
    kinds = page_kinds(doc)
    if all(k == "empty" for k in kinds):
        raise InputError(f"{path}: the PDF has no text and no images: nothing to read")
    if "ocr" in kinds:
        from gongbao.text.ocr import require_ocr

        require_ocr(path, kinds.count("ocr"))
    return kinds


def scanned_pages(data: bytes, path: str) -> list[int]:
    """The 1-based numbers of the pages that need OCR (InputError for a PDF that cannot be read)."""
    import pypdfium2 as pdfium

    doc = open_pdf(data, path)
    try:
        return [i + 1 for i, k in enumerate(_checked_kinds(doc, path)) if k == "ocr"]
    except pdfium.PdfiumError as e:
        raise InputError(f"{path}: damaged PDF, a page cannot be read ({_reason(e)})") from None
    finally:
        doc.close()
