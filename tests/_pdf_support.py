"""Make gazette PDFs from the sample texts, as a government's printer would: typeset in a CJK font
in one narrow column, a running head and a page number on every page after the cover, tables
printed as rows of cells; and the same pages rasterised into an image-only PDF (a scan).

Used by tests/test_pdf.py and bench/pdf.py. Needs fpdf2 and a CJK font from Debian
(fonts-wqy-microhei or fonts-noto-cjk; `make test` installs one).
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gongbao.text.chinese import display_width
from gongbao.text.layout import reader_form

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


def cjk_font() -> str | None:
    """A CJK font file on this machine, or None."""
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return next((f for f in files if f.endswith((".ttf", ".ttc", ".otf"))), None)


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    # (pdf page, printed line, line of the text it comes from) for every printed line, in order.
    placed: tuple[tuple[int, str, int], ...]
    pages: int


PAGE_W, PAGE_H = 210.0, 297.0  # mm, A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 27.0, 32.0, 30.0
FONT_PT = 15.0
LEADING = 1.55  # line height / font size


def column_chars() -> float:
    """How many full-width characters one printed line holds."""
    return (PAGE_W - 2 * MARGIN_X) / (FONT_PT * 0.3528)


def wrap(text: str, width: float, measure=display_width) -> list[str]:
    """Break a paragraph into printed lines at most `width` wide, as a typesetter does."""
    out, cur, used = [], "", 0.0
    for word in re.findall(r"[A-Za-z0-9.%]+|.", text):  # a Latin word or a number stays whole
        w = measure(word)
        if used + w > width and cur:
            out.append(cur)
            cur, used = "", 0.0
        cur += word
        used += w
    if cur:
        out.append(cur)
    return out


def typeset(lines: list[str] | tuple[str, ...], running_head, *, font: str | None = None,
            cover_pages: int = 1, page_label=lambda n: f"— {n} —") -> Typeset:
    """Typeset the lines of a gazette text (markdown markers dropped, as a reader sees them): each
    non-blank line a paragraph, wrapped to the column; a running head above and a page number
    below every page after the first `cover_pages`. `running_head` is a text, or a function of the
    printed page number; `page_label(n)` prints the page number."""
    from fpdf import FPDF

    font = font or cjk_font()
    if font is None:
        raise RuntimeError("no CJK font (apt-get install fonts-wqy-microhei)")
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=font)
    line_h = FONT_PT * LEADING * 0.3528
    width = PAGE_W - 2 * MARGIN_X
    chars = int(column_chars())
    placed: list[tuple[int, str]] = []
    y = [0.0]

    def new_page() -> None:
        pdf.add_page()
        page = pdf.page_no()
        if page > cover_pages:
            pdf.set_font("cjk", size=10.5)
            pdf.set_xy(MARGIN_X, 14)
            pdf.cell(width, 6, running_head(page - cover_pages) if callable(running_head) else running_head,
                     align="C")
            pdf.line(MARGIN_X, 21, PAGE_W - MARGIN_X, 21)
            pdf.set_xy(MARGIN_X, PAGE_H - 18)
            pdf.set_font("cjk", size=12)
            pdf.cell(width, 6, page_label(page - cover_pages), align="C")
        y[0] = MARGIN_TOP

    def put(text: str, *, size: float = FONT_PT, align: str = "L", indent: float = 0.0) -> None:
        """One printed line of source line `number[0]`."""
        if y[0] + line_h > PAGE_H - MARGIN_BOTTOM:
            new_page()
        pdf.set_font("cjk", size=size)
        pdf.set_xy(MARGIN_X + indent, y[0])
        pdf.cell(width - indent, line_h, text, align=align)
        placed.append((pdf.page_no(), text, number[0]))
        y[0] += line_h

    number = [0]
    new_page()
    for number[0], raw in enumerate(lines, 1):
        text = reader_form(raw)
        if not text.strip():
            continue
        if "\t" in text:  # a table row: its cells side by side, smaller if it must
            cells = [c.strip() for c in text.split("\t")]
            row = "    ".join(c or "　" for c in cells)
            size = min(FONT_PT, FONT_PT * chars / max(display_width(row), 1))
            put(row, size=max(size, 5.0))
            continue
        text = text.strip()
        if display_width(text) <= chars - 2 and not text.endswith(("。", "；", "：", ":")):
            put(text, align="C")  # a title, a heading, a signature: one line, centred
            continue
        pdf.set_font("cjk", size=FONT_PT)
        for piece in wrap(text, width, pdf.get_string_width):
            put(piece)
    return Typeset(bytes(pdf.output()), tuple(placed), pdf.page_no())


def rasterise(pdf: bytes, pages: list[int] | None = None, dpi: int = 150) -> bytes:
    """An image-only PDF of the given pages (1-based; all by default), as a scanner makes one."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        images = [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers]
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def running_head_of(gazette: str, year: int, number: int) -> str:
    return f"{gazette}    {year}年第{number}期"


def pages_of_lines(placed: tuple[tuple[int, str, int], ...], first: int, last: int) -> tuple[int, int]:
    """The pages on which text lines first..last were printed (first and last page)."""
    pages = [page for page, _, line in placed if first <= line <= last]
    return min(pages), max(pages)


def with_scanned_pages(pdf: bytes, scanned: list[int], dpi: int = 150) -> bytes:
    """The PDF with the given pages (1-based) replaced by their scans: a PDF of both kinds."""
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(rasterise(pdf, scanned, dpi))
    text = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    try:
        for n in range(1, len(text) + 1):
            if n in scanned:
                out.import_pages(scan, [scanned.index(n)])
            else:
                out.import_pages(text, [n - 1])
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        out.close()
        scan.close()
        text.close()
