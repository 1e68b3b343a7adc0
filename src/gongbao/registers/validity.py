"""The validity register: which documents are in force, repealed, expired or not yet in force, as
of a date, with the evidence; and the 文号 sequences of the archive (gaps).

Pure functions over the stored facts of the documents that count (store.validity reads them): the
repeals and amendments each document declares are resolved across the whole archive (by 文号, else
by normalised title), so adding or replacing an issue re-derives every status, including that of
an earlier document a later one repeals.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from gongbao.docnumber import DocNumber
from gongbao.extract.validity import title_key

__all__ = ["LinkFact", "DocFacts", "Register", "Evidence", "Status", "RepealedEntry", "Series",
           "STATUSES", "STATUS_LABELS", "build_register", "status_at", "gaps"]

# The statuses of the contract (docs/spec/registers-json.md), and how the UI names them.
STATUSES = ("in-force", "not-yet-in-force", "expired", "repealed", "unknown")
STATUS_LABELS = {"in-force": "现行有效", "not-yet-in-force": "尚未施行", "expired": "已失效",
                 "repealed": "已废止", "unknown": "时效不明", "amended": "已被修改"}
# What a user may type for a status (query language `status:`, CLI, API), lower-cased.
STATUS_ALIASES = {**{s: s for s in STATUSES}, "in_force": "in-force", "valid": "in-force",
                  "现行有效": "in-force", "有效": "in-force", "现行": "in-force",
                  "not-yet": "not-yet-in-force", "尚未施行": "not-yet-in-force", "未施行": "not-yet-in-force",
                  "失效": "expired", "已失效": "expired", "过期": "expired",
                  "废止": "repealed", "已废止": "repealed"}


@dataclass(frozen=True)
class LinkFact:
    """A repeal or amendment one document declares (stored by extract.validity)."""

    kind: str  # "repeals" | "amends"
    doc_number: str | None
    title: str | None
    line: int
    last_line: int
    text: str


@dataclass(frozen=True)
class DocFacts:
    """One document of the archive that counts, with what it says of its validity."""

    rowid: int
    id: str
    doc_number: str | None
    title: str | None
    instrument_title: str | None
    signed: date | None
    effective: date | None = None
    effective_text: str | None = None
    effective_line: int | None = None
    expires: date | None = None
    validity_text: str | None = None
    validity_line: int | None = None
    links: tuple[LinkFact, ...] = ()
    issue_id: str | None = None
    printed_status: str | None = None  # 时效性 as a legal database printed it: the site's word, not evidence

    @property
    def starts(self) -> date | None:
        """The first day in force: the stated effective date, else the date signed."""
        return self.effective or self.signed

    def keys(self) -> set[str]:
        return {k for k in (title_key(self.title), title_key(self.instrument_title)) if k}


@dataclass(frozen=True)
class Evidence:
    """One document's statement about another: the sentence, its line, both documents."""

    kind: str  # "repeals" | "amends"
    source: DocFacts
    link: LinkFact
    target: DocFacts | None

    @property
    def date(self) -> date | None:
        """When the statement takes effect: with the document that makes it."""
        return self.source.starts


@dataclass
class Register:
    """Every declared repeal and amendment, resolved against the archive."""

    documents: dict[int, DocFacts]
    evidence: list[Evidence] = field(default_factory=list)
    by_target: dict[int, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[int, list[Evidence]] = field(default_factory=lambda: defaultdict(list))

    def repealed_on(self, rowid: int) -> date | None:
        """The earliest day a repeal of this document in the archive takes effect."""
        days = [e.date for e in self.by_target.get(rowid, ()) if e.kind == "repeals" and e.date]
        return min(days) if days else None

    def status(self, rowid: int, as_of: date) -> Status:
        doc = self.documents[rowid]
        into = self.by_target.get(rowid, [])
        out = self.by_source.get(rowid, [])
        value = status_at(doc.starts, doc.expires, self.repealed_on(rowid), as_of)
        return Status(doc, as_of, value,
                      tuple(e for e in into if e.kind == "repeals"),
                      tuple(e for e in into if e.kind == "amends" and (e.date is None or e.date <= as_of)),
                      tuple(e for e in out if e.kind == "repeals"),
                      tuple(e for e in out if e.kind == "amends"))

    def repealed(self) -> list[RepealedEntry]:
        """Every document named as repealed anywhere in the archive, once each."""
        entries: dict[str, RepealedEntry] = {}
        for e in self.evidence:
            if e.kind != "repeals":
                continue
            key = (f"#{e.target.rowid}" if e.target else None) or e.link.doc_number \
                or "t:" + (title_key(e.link.title) or "")
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = RepealedEntry(
                    e.target.doc_number if e.target else e.link.doc_number,
                    (e.target.instrument_title or e.target.title) if e.target else e.link.title,
                    e.target, [])
            entry.repealed_by.append(e)
        return sorted(entries.values(), key=lambda x: (_number_order(x.doc_number), x.title or ""))


@dataclass(frozen=True)
class Status:
    """A document's status as of a date, with the evidence either way."""

    document: DocFacts
    as_of: date
    status: str
    repealed_by: tuple[Evidence, ...]
    amended_by: tuple[Evidence, ...]
    repeals: tuple[Evidence, ...]
    amends: tuple[Evidence, ...]

    @property
    def label(self) -> str:
        if self.status == "in-force" and self.amended_by:
            return STATUS_LABELS["amended"]
        return STATUS_LABELS[self.status]


@dataclass
class RepealedEntry:
    doc_number: str | None
    title: str | None
    target: DocFacts | None  # the document, when the archive holds it
    repealed_by: list[Evidence]


@dataclass(frozen=True)
class Series:
    """One 文号 sequence (prefix, year) of the archive."""

    prefix: str
    year: int
    first: int
    last: int
    in_archive: tuple[int, ...]
    cited_only: tuple[int, ...]
    missing: tuple[int, ...]


def status_at(starts: date | None, expires: date | None, repealed_on: date | None, as_of: date) -> str:
    """The status of a document on `as_of` (store.validity.STATUS_SQL is the same rule in SQL).

    Before its first day (the effective date, else the date signed) it is not yet in force; a
    repeal in the archive that has taken effect makes it repealed; a period that has ended,
    expired; otherwise it is in force (also when the text says nothing about when)."""
    if starts is not None and as_of < starts:
        return "not-yet-in-force"
    if repealed_on is not None and repealed_on <= as_of:
        return "repealed"
    if expires is not None and expires < as_of:
        return "expired"
    return "in-force"


def build_register(docs: list[DocFacts]) -> Register:
    """Resolve every declared repeal and amendment: by 文号 when it has one (the document of that
    number, never the declaring one), else by title (a document signed no later than the declaring
    one whose title or instrument title is the same after normalisation; the latest such)."""
    reg = Register({d.rowid: d for d in docs})
    by_number: dict[str, list[DocFacts]] = defaultdict(list)
    by_key: dict[str, list[DocFacts]] = defaultdict(list)
    for d in docs:
        if d.doc_number:
            by_number[d.doc_number].append(d)
        for k in d.keys():
            by_key[k].append(d)
    numbered = {n: sorted(ds, key=_earliest_first) for n, ds in by_number.items()}
    titled = {k: _Candidates(ds) for k, ds in by_key.items()}
    for src in docs:
        for link in src.links:
            target = _resolve(src, link, numbered, titled)
            e = Evidence(link.kind, src, link, target)
            reg.evidence.append(e)
            reg.by_source[src.rowid].append(e)
            if target is not None:
                reg.by_target[target.rowid].append(e)
    return reg


def _earliest_first(d: DocFacts) -> tuple:
    return (d.signed or date.max, d.rowid)


class _Candidates:
    """The documents of one title key in signing order (unsigned first), so that "the latest signed
    no later than D" is a bisection, not a scan: a gazette reissues a plan under the same title
    every few years, and an archive of many copies must not resolve each link in linear time."""

    def __init__(self, docs: list[DocFacts]) -> None:
        self.docs = sorted(docs, key=lambda d: (d.signed or date.min, d.rowid))
        self.days = [d.signed or date.min for d in self.docs]

    def latest(self, src: DocFacts) -> DocFacts | None:
        """The latest document signed no later than `src` (any, when `src` is unsigned; unsigned
        ones count as earliest), never `src` itself."""
        end = len(self.docs) if src.signed is None else bisect_right(self.days, src.signed)
        # Unsigned candidates always qualify: they sort first, so they are inside the prefix.
        for d in reversed(self.docs[max(0, end - 2):end]):
            if d.rowid != src.rowid:
                return d
        return None


def _resolve(src: DocFacts, link: LinkFact, numbered: dict[str, list[DocFacts]],
             titled: dict[str, _Candidates]) -> DocFacts | None:
    if link.doc_number:
        return next((d for d in numbered.get(link.doc_number, ()) if d.rowid != src.rowid), None)
    found = titled.get(title_key(link.title) or "")
    return found.latest(src) if found else None


def gaps(numbers: list[str], cited: list[str], *, prefix: str | None = None,
         year: int | None = None) -> list[Series]:
    """The 文号 sequences: for each (prefix, year) the archive holds, the serials it holds between
    the first and the last, those missing, and the missing ones some archived document cites."""
    held: dict[tuple[str, int], set[int]] = defaultdict(set)
    for text in numbers:
        n = DocNumber.try_parse(text)
        if n is not None:
            held[(n.prefix, n.year)].add(n.serial)
    cited_by_series: dict[tuple[str, int], set[int]] = defaultdict(set)
    for text in cited:
        n = DocNumber.try_parse(text)
        if n is not None:
            cited_by_series[(n.prefix, n.year)].add(n.serial)
    out = []
    for (p, y), serials in sorted(held.items()):
        if (prefix and p != prefix) or (year and y != year):
            continue
        first, last = min(serials), max(serials)
        missing = tuple(s for s in range(first, last + 1) if s not in serials)
        out.append(Series(p, y, first, last, tuple(sorted(serials)),
                          tuple(s for s in missing if s in cited_by_series[(p, y)]), missing))
    return out


def _number_order(number: str | None) -> tuple:
    n = DocNumber.try_parse(number) if number else None
    return (0, n.prefix, n.year, n.serial) if n else (1, "", 0, 0)


# --- JSON (docs/spec/registers-json.md): the CLI's --json and the API give the same objects ---------

def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _link_json(e: Evidence) -> dict:
    """A document this one repeals or amends: as named, and the archive's document if it holds it."""
    t = e.target
    return {"doc_number": e.link.doc_number or (t.doc_number if t else None),
            "title": e.link.title or ((t.instrument_title or t.title) if t else None),
            "in_archive": t is not None, "id": t.id if t else None,
            "line": e.link.line, "lines": [e.link.line, e.link.last_line], "text": e.link.text}


def _by_json(e: Evidence) -> dict:
    """A document that repeals or amends this one: the evidence, with its line."""
    s = e.source
    return {"doc_number": s.doc_number, "id": s.id, "title": s.title, "date": _iso(e.date),
            "issue_id": s.issue_id, "line": e.link.line, "lines": [e.link.line, e.link.last_line],
            "text": e.link.text}


def status_json(st: Status) -> dict:
    d = st.document
    return {
        "doc_number": d.doc_number, "id": d.id or None, "title": d.title, "in_archive": bool(d.id),
        "as_of": st.as_of.isoformat(), "status": st.status, "status_label": st.label,
        "signed": _iso(d.signed),
        "effective": _iso(d.effective), "effective_text": d.effective_text, "effective_line": d.effective_line,
        "expires": _iso(d.expires), "validity_text": d.validity_text, "validity_line": d.validity_line,
        "repealed_by": [_by_json(e) for e in st.repealed_by],
        "repeals": [_link_json(e) for e in st.repeals],
        "amended_by": [_by_json(e) for e in st.amended_by],
        "amends": [_link_json(e) for e in st.amends],
        "printed_status": d.printed_status,
    }


def repealed_json(entries: list[RepealedEntry]) -> dict:
    return {"total": len(entries), "repealed": [
        {"doc_number": x.doc_number, "title": x.title, "in_archive": x.target is not None,
         "id": x.target.id if x.target else None,
         "repealed_by": [_by_json(e) for e in x.repealed_by]} for x in entries]}


def gaps_json(series: list[Series]) -> dict:
    return {"series": [{"prefix": s.prefix, "year": s.year, "first": s.first, "last": s.last,
                        "in_archive": list(s.in_archive), "cited_only": list(s.cited_only),
                        "missing": list(s.missing)} for s in series]}


def phantom_status(number: str, entries: list[RepealedEntry], as_of: date) -> Status | None:
    """The status of a document the archive does not hold but names as repealed, else None."""
    for x in entries:
        if x.target is None and x.doc_number == number:
            doc = DocFacts(0, "", number, x.title, None, None)
            by = tuple(e for e in x.repealed_by)
            value = "repealed" if any(e.date is None or e.date <= as_of for e in by) else "unknown"
            return Status(doc, as_of, value, by, (), (), ())
    return None
