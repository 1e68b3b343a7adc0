"""PDF input, measured: pages per second for text-layer and OCR pages, how faithfully the printed
lines come back (gongbao's reader on pypdfium2, and pdfplumber as the peer), and how many fields
of the golden documents (tests/golden/*.json, written by reading the text) come out of the PDF.

The PDFs are the samples typeset as tests/_pdf_support.py does (a CJK font, one column, running
heads and page numbers), and the first `--ocr-pages` of one of them rasterised at 150 dpi into an
image-only PDF (a scan). Everything in one run, so the ratios are comparable.

    .venv/bin/python bench/pdf.py [--ocr-pages 10] [--sample 2020-06] [--no-peer]

pdfplumber is the `pdf-bench` extra (pip install -e '.[pdf-bench]'); without it its rows are left out.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import _pdf_support as typesetting  # noqa: E402

from gongbao.pipeline import parse_bytes, parse_file  # noqa: E402

FIELDS = ("doc_number", "title", "issuer", "signed", "section", "publicity", "genre", "addressees")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def expected_lines(done) -> dict[int, list[str]]:
    """The lines the typesetter printed, page by page (head and page number included)."""
    pages: dict[int, list[str]] = {}
    for page, text, _ in done.placed:
        pages.setdefault(page, []).append(text)
    return pages


def fidelity(expected: dict[int, list[str]], got: dict[int, list[str]]) -> float:
    """Share of printed body lines that come back exactly, in order (spaces ignored)."""
    right = total = 0
    for page, lines in expected.items():
        want = [_squeeze(t) for t in lines]
        have = [_squeeze(t) for t in got.get(page, [])]
        matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
        right += sum(block.size for block in matcher.get_matching_blocks())
        total += len(want)
    return right / total if total else 0.0


def read_gongbao(pdf: bytes) -> tuple[dict[int, list[str]], int]:
    from gongbao.text.pdf import read_pdf

    source = read_pdf(pdf, "bench.pdf")
    return ({p.number: list(source.lines[p.first_line - 1:p.last_line]) for p in source.pages},
            len(source.pages))


def read_pdfplumber(pdf: bytes) -> tuple[dict[int, list[str]], int]:
    import io

    import pdfplumber

    out = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, 1):
            out[n] = [line for line in (page.extract_text() or "").split("\n") if line.strip()]
    return out, len(out)


def golden_score(golden: dict, parsed, pages_of=None, wanted_pages: set[int] | None = None) -> tuple[int, int, int]:
    """(fields right, fields, documents) over the golden documents (those whose pages all lie in
    `wanted_pages`, when given)."""
    right = total = docs = 0
    for want in golden["documents"]:
        if wanted_pages is not None:
            first, last = pages_of(want)
            if not set(range(first, last + 1)) <= wanted_pages:
                continue
        docs += 1
        got = next((d for d in parsed.documents if str(d.doc_number) == want.get("doc_number")
                    or (not want.get("doc_number") and d.title == want.get("title"))), None)
        for field in FIELDS:
            if field not in want:
                continue
            total += 1
            value = getattr(got, field) if got else None
            value = str(value) if field == "doc_number" and value else value
            value = value.isoformat() if field == "signed" and value else value
            right += value == want[field]
    return right, total, docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr-pages", type=int, default=10, help="pages of the scan to OCR (0: none)")
    ap.add_argument("--sample", default="2020-06", help="the sample to scan and score against its golden file")
    ap.add_argument("--no-peer", action="store_true", help="leave pdfplumber out")
    args = ap.parse_args()
    if typesetting.cjk_font() is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-microhei")
    try:
        import pdfplumber  # noqa: F401
        peer = not args.no_peer
    except ImportError:
        peer = False
    samples = sorted((ROOT / "samples").glob("*.txt"))
    typeset = {}
    for path in samples:
        text = parse_file(path)
        iss = text.issue
        typeset[path.stem] = (text, typesetting.typeset(text.source.lines,
                                                         typesetting.running_head_of(iss.gazette, iss.year, iss.number)))
    print(f"{len(samples)} samples typeset: {sum(d.pages for _, d in typeset.values())} pages")
    readers = [("gongbao (pypdfium2)", read_gongbao)] + ([("pdfplumber", read_pdfplumber)] if peer else [])
    print(f"{'text layer':<22} {'pages/s':>8} {'lines right':>12}")
    for label, reader in readers:
        pages = 0
        elapsed = 0.0
        scores = []
        for text, done in typeset.values():
            start = time.perf_counter()
            got, n = reader(done.pdf)
            elapsed += time.perf_counter() - start
            pages += n
            scores.append((fidelity(expected_lines(done), got), len(done.placed)))
        rate = sum(s * w for s, w in scores) / sum(w for _, w in scores)
        print(f"{label:<22} {pages / elapsed:>8.1f} {rate:>11.2%}")
    # Whole parse of the text-layer PDFs: same documents and fields as the texts?
    same = total = 0
    start = time.perf_counter()
    pages = 0
    for text, done in typeset.values():
        parsed = parse_bytes(done.pdf, "bench.pdf")
        pages += done.pages
        for want, got in zip(text.documents, parsed.documents):
            for field in FIELDS:
                total += 1
                same += getattr(want, field) == getattr(got, field)
        total += abs(len(text.documents) - len(parsed.documents)) * len(FIELDS)
    print(f"parse of text-layer PDFs: {pages / (time.perf_counter() - start):.1f} pages/s, "
          f"fields as from the text: {same}/{total} ({same / total:.2%})")
    name = f"yangquan-gazette-{args.sample}"
    golden_path = ROOT / "tests" / "golden" / f"{name}.json"
    text, done = typeset[name]
    golden = json.loads(golden_path.read_text("utf-8")) if golden_path.exists() else None
    if golden:
        right, fields, docs = golden_score(golden, parse_bytes(done.pdf, "bench.pdf"))
        print(f"text-layer PDF of {args.sample} vs tests/golden: {right}/{fields} fields right "
              f"({right / fields:.2%}) over {docs} documents")
    if args.ocr_pages <= 0:
        return
    from gongbao.text.ocr import OcrCache

    wanted = list(range(1, min(args.ocr_pages, done.pages) + 1))
    scan = typesetting.rasterise(done.pdf, wanted)
    with tempfile.TemporaryDirectory() as cache:
        start, cpu = time.perf_counter(), time.process_time()
        parsed = parse_bytes(scan, "scan.pdf", ocr_cache=OcrCache(cache))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"OCR: {len(wanted)} scanned pages in {elapsed:.1f} s = {len(wanted) / elapsed:.3f} pages/s "
          f"({elapsed / len(wanted):.1f} s a page wall, {cpu / len(wanted):.1f} s CPU; one process, "
          f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}; load average {os.getloadavg()[0]:.1f})")
    low = [c for p in parsed.source.pages for c in p.confidence if c is not None and c < 0.8]
    lines = sum(len(p.confidence) for p in parsed.source.pages)
    print(f"OCR lines: {lines}, of which {len(low)} under confidence 0.8; "
          f"printed lines right: {fidelity({n: v for n, v in expected_lines(done).items() if n in wanted}, {p.number: list(parsed.source.lines[p.first_line - 1:p.last_line]) for p in parsed.source.pages}):.2%}")
    if golden:
        def pages_of(doc: dict) -> tuple[int, int]:
            first = doc["start_line"]
            match = next((d for d in text.documents if d.start_line == first), None)
            last = match.end_line if match else first
            return typesetting.pages_of_lines(done.placed, first, last)

        right, fields, docs = golden_score(golden, parsed, pages_of, set(wanted))
        if docs:
            print(f"scan of pages 1-{wanted[-1]} vs tests/golden: {docs} documents lie whole in them, "
                  f"{right}/{fields} fields right ({right / fields:.2%})")
        whole = 0
        pages_right = 0
        for want in text.documents:
            first, last = typesetting.pages_of_lines(done.placed, want.start_line, want.end_line)
            if last > wanted[-1]:
                continue
            whole += 1
            pages_right += any(d.doc_number == want.doc_number and d.pages == (first, last)
                               for d in parsed.documents)
        print(f"  pages right: {pages_right}/{whole} of the documents lying whole in the scan")


if __name__ == "__main__":
    main()
