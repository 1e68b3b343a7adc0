"""Chinese word segmentation for the full-text index and for queries: one tokenizer for both.

Text is first *normalised* (`normalize`): NFKC (full-width digits and letters become ASCII),
case-folded, and the spaces that print layout leaves between two Chinese characters are removed,
so `石 峥` is indexed and searched as 石峥 and a title broken across lines reads as one word.

Segmentation is jieba's precise mode without the HMM guesser (new-word discovery depends on the
surrounding text, which would make a word segment differently in a document and in a query).
It runs on rjieba, the Rust implementation of jieba with the same dictionary and the same
algorithm: the output is identical to `jieba.cut(text, HMM=False)` (a test checks this on the
samples) and about twenty times faster, which is what makes ingest fast enough. The segmenter is
loaded once, lazily and quietly, and is deterministic: no HMM, no randomness, no user dictionary
that could change with what was ingested before.

Tokens are runs of letters and digits only (punctuation is dropped), so a token can always be
written into an FTS5 query as a quoted string and is read back by FTS5's `ascii` tokenizer as
exactly one token.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

__all__ = ["TOKENIZER_ID", "normalize", "words", "dictionary_words", "segment", "fold_for_match",
           "is_cjk"]

# Identifies everything that decides which tokens a text yields. Stored in the archive: an
# archive indexed with another tokenizer is re-indexed when it is opened for writing.
TOKENIZER_ID = "rjieba-0.2.2/precise-nohmm/norm-1"

# A CJK ideograph (BMP blocks and extension A; extension B+ are rare in gazettes).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Horizontal whitespace between two ideographs: left by print layout (`石 峥`, a title broken
# across lines), never meaningful in Chinese text. Newlines and tabs separate paragraphs and
# table cells and are kept.
_CJK_GAP = re.compile(rf"(?<=[{_HAN}])[ \u3000\u00a0]+(?=[{_HAN}])")

# The letters-and-digits runs inside a segmenter token ("PM2.5" -> "pm2", "5").
_ALNUM_RUN = re.compile(r"[^\W_]+")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _segmenter():
    """The rjieba segmenter, created once (it carries jieba's dictionary, built in)."""
    with _lock:
        import rjieba

        return rjieba.Jieba()


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def normalize(text: str) -> str:
    """NFKC, case-folded, print-layout spaces between ideographs removed."""
    return _CJK_GAP.sub("", unicodedata.normalize("NFKC", text).casefold())


def _clean(tokens) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        if tok.isalnum():
            out.append(tok)
        elif not tok.isspace():
            out.extend(_ALNUM_RUN.findall(tok))
    return out


def words(text: str, *, normalized: bool = False) -> list[str]:
    """The words of `text` in order: jieba precise mode, letters and digits only."""
    if not normalized:
        text = normalize(text)
    if not text:
        return []
    return _clean(_segmenter().cut(text, False))


def dictionary_words(text: str, *, normalized: bool = False) -> set[str]:
    """Every dictionary word of two or more characters found anywhere in `text` (jieba full mode).

    Indexed beside the precise segmentation so that a query word is found even where the
    surrounding text made the precise segmentation cut it differently (`市政府` in 阳泉市政府).
    """
    if not normalized:
        text = normalize(text)
    if not text:
        return set()
    return {w for w in _clean(_segmenter().cut_all(text)) if len(w) >= 2}


def segment(text: str) -> str:
    """Space-joined words of `text`, as stored in the FTS5 index."""
    return " ".join(words(text))


# Full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic space to a space: a folding that
# keeps the string's length, so positions found in the folded text are positions in the original.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_for_match(text: str) -> str:
    """`text` folded for highlighting (full-width to ASCII, lower case), same length as `text`."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded
