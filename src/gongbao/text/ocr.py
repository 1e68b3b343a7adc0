"""OCR of scanned PDF pages, with RapidOCR's bundled Chinese PP-OCR models (rapidocr-onnxruntime,
the `[ocr]` extra; imported only here, only when a page needs it).

A page is rendered at `DPI`, recognised into boxes with a confidence each, and its lines rebuilt
from the boxes like a text layer's (`text.pdf.lines_from_pieces`). OCR costs seconds a page, so
each page's result is kept in an `OcrCache` (a folder of small JSON files keyed by the PDF's
sha256 and the page): an ingest that is killed half-way reuses the pages it had read.
onnxruntime runs on one thread (OMP_NUM_THREADS=1 unless set); ingest parallelises by process.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from gongbao.errors import InputError
from gongbao.text.pdf import Piece, lines_from_pieces

__all__ = ["OcrCache", "ocr_page", "require_ocr", "default_cache", "DPI", "LOW_CONFIDENCE"]

DPI = 200  # rendering resolution: PP-OCR reads 10.5-point CJK print reliably from about 150 dpi
# A line recognised with a lower score than this is marked in the "as printed" view.
LOW_CONFIDENCE = 0.8


def require_ocr(path: str, pages: int) -> None:
    """InputError unless the OCR extra is installed (checked before any page is read)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        raise InputError(f"{path}: {pages} page{'s' if pages > 1 else ''} of this PDF are scanned "
                         "(no text layer) and need OCR: pip install 'gongbao[ocr]'") from None


@lru_cache(maxsize=1)
def _engine():
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


class OcrCache:
    """Per-page OCR results in a folder: `<sha256>/<page>.json`, each written whole (rename)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _file(self, sha256: str, page: int) -> Path:
        return self.folder / sha256 / f"{page}.json"

    def get(self, sha256: str, page: int) -> list[tuple[str, float | None]] | None:
        try:
            data = json.loads(self._file(sha256, page).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return [(text, score) for text, score in data["lines"]]

    def put(self, sha256: str, page: int, lines: list[tuple[str, float | None]]) -> None:
        target = self._file(sha256, page)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"page": page, "dpi": DPI, "lines": lines}, f, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def pages(self, sha256: str) -> set[int]:
        folder = self.folder / sha256
        return {int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit()} if folder.is_dir() else set()

    def forget(self, sha256: str) -> None:
        """Drop the pages of one PDF (once its text is in the archive)."""
        folder = self.folder / sha256
        for p in folder.glob("*"):
            p.unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass


def default_cache() -> OcrCache:
    """$GONGBAO_OCR_CACHE, else gongbao/ocr in the user's cache folder."""
    folder = os.environ.get("GONGBAO_OCR_CACHE") or \
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongbao" / "ocr"
    return OcrCache(folder)


def recognise(image) -> list[Piece]:
    """The text boxes RapidOCR finds in a page image (y downwards, in pixels)."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False)  # print is upright
    pieces = []
    for box, text, score in result or []:
        xs = [pt[0] for pt in box]
        ys = [pt[1] for pt in box]
        pieces.append(Piece(text.strip(), min(xs), min(ys), max(xs), max(ys), round(float(score), 3)))
    return [p for p in pieces if p.text]


def ocr_page(doc, index: int, sha256: str, *, cache: OcrCache | None = None) -> list[tuple[str, float | None]]:
    """The lines of page `index` (0-based) of an open pypdfium2 document, by OCR, from the cache
    when it has them."""
    if cache is not None:
        hit = cache.get(sha256, index + 1)
        if hit is not None:
            return hit
    page = doc[index]
    try:
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        width = bitmap.width
        image = bitmap.to_pil()
    finally:
        page.close()
    lines = lines_from_pieces(recognise(image), width)
    if cache is not None:
        cache.put(sha256, index + 1, lines)
    return lines


def ocr_file_page(job: tuple) -> tuple[str, int, str | None]:
    """A worker's task in an ingest: OCR page `page` of the PDF at `path` into the cache folder.
    Returns (sha256, page, error or None)."""
    path, sha256, page, folder = job
    from gongbao.text.pdf import open_pdf

    try:
        data = Path(path).read_bytes()
        doc = open_pdf(data, path)
        try:
            ocr_page(doc, page - 1, sha256, cache=OcrCache(folder))
        finally:
            doc.close()
    except (InputError, OSError) as e:
        return sha256, page, str(e)
    except Exception as e:  # noqa: BLE001 - onnxruntime or a bad image: this file fails, not the ingest
        return sha256, page, f"{path}: OCR of page {page} failed ({type(e).__name__}: {e})"
    return sha256, page, None
