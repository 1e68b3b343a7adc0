"""Chinese word segmentation for the full-text index and for queries: one tokenizer for both.

Text is first *normalised* (`normalize`): NFKC (full-width digits and letters become ASCII),
case-folded, and the spaces that print layout leaves between two Chinese characters are removed,
so `石 峥` is indexed and searched as 石峥 and a title broken across lines reads as one word.

Segmentation is jieba's precise mode without the HMM guesser (new-word discovery depends on the
surrounding text, which would make a word segment differently in a document and in a query); the
index holds jieba's search mode, the precise words each preceded by the dictionary words of two
and three characters inside them, so that 污染 finds 大气污染.
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

__all__ = ["TOKENIZER_ID", "normalize", "index_form", "words", "search_words", "dictionary_words",
           "segment",
           "fold_for_match", "is_cjk"]

# Identifies everything that decides which tokens a text yields. Stored in the archive: an
# archive indexed with another tokenizer is re-indexed when it is opened for writing.
TOKENIZER_ID = "rjieba-0.2.2/search-nohmm/norm-2/agencies-2"

# A CJK ideograph (BMP blocks and extension A; extension B+ are rare in gazettes).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Horizontal whitespace between two ideographs: left by print layout (`石 峥`, a title broken
# across lines), never meaningful in Chinese text. Newlines and tabs separate paragraphs and
# table cells and are kept.
_CJK_GAP = re.compile(rf"(?<=[{_HAN}])[ \u3000\u00a0]+(?=[{_HAN}])")

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


# Everything that is not a letter or a digit: what separates tokens.
_NOT_ALNUM = re.compile(r"[\W_]+")


def index_form(text: str) -> str:
    """`text` as the segmenter reads it: normalised (see `normalize`), with every character that
    is not a letter or a digit turned into a space. Punctuation never joins or splits Chinese
    words, so segmenting this gives the words of `normalize(text)` without the punctuation; doing
    the clean-up on the text (in C) rather than on the tokens is what makes ingest fast."""
    text = _NOT_ALNUM.sub(" ", _CJK_GAP.sub("", text))
    if not unicodedata.is_normalized("NFKC", text):
        text = _NOT_ALNUM.sub(" ", unicodedata.normalize("NFKC", text))
    return text.casefold()


def words(text: str, *, prepared: bool = False) -> list[str]:
    """The words of `text` in order: jieba precise mode, letters and digits only.

    `prepared`: `text` is already `index_form(...)`."""
    form = text if prepared else index_form(text)
    if not form:
        return []
    # Tokens never contain a space: joining and splitting drops the whitespace tokens only.
    return " ".join(_segmenter().cut(form, False)).split()


def search_words(text: str, *, prepared: bool = False) -> list[str]:
    """The words of `text` in jieba's search mode: each word of the precise segmentation, preceded
    by the dictionary words of two and three characters inside it (大气污染 -> 大气 污染 大气污染).

    This is the stream the index holds, so a query for a part of a long word finds it; a phrase is
    looked for as the same stream, which its own segmentation gives when the text around it did
    not change how it was cut."""
    form = text if prepared else index_form(text)
    if not form:
        return []
    return " ".join(_segmenter().cut_for_search(form, False)).split()


def dictionary_words(text: str, *, prepared: bool = False) -> set[str]:
    """Every dictionary word of two or more characters found anywhere in `text` (jieba full mode).

    Indexed beside the precise segmentation so that a query word is found even where the
    surrounding text made the precise segmentation cut it differently (`市政府` in 阳泉市政府).
    """
    form = text if prepared else index_form(text)
    if not form:
        return set()
    return {w for w in set(" ".join(_segmenter().cut_all(form)).split()) if len(w) >= 2}


def segment(text: str) -> str:
    """Space-joined words of `text`, as stored in the FTS5 index."""
    return " ".join(words(text))


# Full-width letters and digits, the only full-width characters a search term can hold.
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fold_for_match(text: str) -> str:
    """`text` folded for highlighting (full-width letters and digits to ASCII, lower case), the
    same length as `text`, so positions found in it are positions in the original."""
    folded = _FULL_WIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded
