"""The task ledger: which tasks each agency is given, by when, across the archive.

Pure functions over the stored tasks (store/tasks.py), computed when asked: adding or replacing an
issue changes the ledger at once, and a grown aliases file (data/agencies.tsv) regroups agencies
without re-ingesting. Agencies are given as printed and as canonical names (registers/agencies.py),
and whose they are: an archive of many governments holds many a 市财政局, so each task knows its
place (the issuer's jurisdiction, inside the gazette's government) and each agency its full name
(阳泉市财政局); an agency is one name of one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gongbao.registers.agencies import agency_key, aliases_of, canonical_agency, document_places, is_known, place_levels, qualified
from gongbao.store.records import DocumentSummary, TaskRecord
from gongbao.store.tasks import StoredTask

__all__ = ["LedgerTask", "AgencySummary", "ledger", "select", "agency_summaries", "find_agency", "leads", "of_place", "by_urgency",
           "canonical_names", "full_names", "ROLES"]

ROLES = ("lead", "any")


@dataclass(frozen=True)
class LedgerTask:
    id: str
    document: DocumentSummary
    task: TaskRecord
    responsible: tuple[str, ...]  # canonical, in printed order, leads first
    lead: tuple[str, ...]
    overdue: bool
    ingested_at: datetime | None
    places: tuple[str, ...] = ()  # the gazette's government, then the issuer's (place_levels), outermost first
    responsible_full: tuple[str, ...] = ()  # `responsible` named with their place: 阳泉市发展和改革委员会
    lead_full: tuple[str, ...] = ()

    @property
    def place(self) -> str | None:
        """The government whose task it is: the issuer's jurisdiction, else the gazette's."""
        return self.places[-1] if self.places else None

    def full_name(self, printed: str) -> str:
        """The full name of an agency as this task's document prints it."""
        return qualified(printed, self.places)[1]

    def to_dict(self) -> dict:
        t, d = self.task, self.document
        return {
            "id": self.id, "doc_number": d.doc_number, "document_id": d.id, "title": d.title,
            "signed": d.signed.isoformat() if d.signed else None,
            "label": t.label, "heading": t.heading, "text": t.text,
            "place": self.place,
            "responsible": list(self.responsible), "responsible_as_printed": list(t.responsible),
            "responsible_full": list(self.responsible_full),
            "lead": list(self.lead), "lead_as_printed": list(t.lead), "lead_full": list(self.lead_full),
            "deadline": t.deadline.isoformat() if t.deadline else None,
            "deadline_text": t.deadline_text, "recurring": t.recurring,
            "lines": [t.first_line, t.last_line], "marker_line": t.marker_line, "form": t.form,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class AgencySummary:
    name: str  # canonical
    aliases: tuple[str, ...]  # every name the data gives it, and every form printed
    known: bool  # whether the aliases data knows it (unknown ones are kept as printed)
    tasks: int
    lead: int
    overdue: int
    documents: int
    full_name: str = ""  # with its place: 阳泉市发展和改革委员会 (the name itself where it has none)
    place: str | None = None  # the government it belongs to; None for one name of several places

    def __post_init__(self) -> None:
        if not self.full_name:
            object.__setattr__(self, "full_name", self.name)

    def to_dict(self) -> dict:
        return {"name": self.name, "full_name": self.full_name, "place": self.place,
                "aliases": list(self.aliases), "known": self.known,
                "tasks": self.tasks, "lead": self.lead, "overdue": self.overdue,
                "documents": self.documents}


def canonical_names(names: Iterable[str], places: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The canonical agencies of printed names (in a document of `places`), in order, each once."""
    return tuple(dict.fromkeys(qualified(n, places)[0] for n in names))


def full_names(names: Iterable[str], places: tuple[str, ...]) -> tuple[str, ...]:
    """The full names (with their place) of printed names, in order, each once."""
    return tuple(dict.fromkeys(qualified(n, places)[1] for n in names))


def ledger(stored: Sequence[StoredTask], as_of: date) -> list[LedgerTask]:
    """Every stored task with canonical agencies and whether it is overdue on `as_of`."""
    out = []
    for s in stored:
        places = document_places(s.document.issuer, s.gazette)
        responsible, lead = s.task.responsible, s.task.lead  # (as stored: leads first)
        out.append(LedgerTask(f"{s.document.id}#{s.task.seq}", s.document, s.task,
                              canonical_names(responsible, places), canonical_names(lead, places),
                              s.task.deadline is not None and s.task.deadline < as_of, s.ingested_at,
                              places, full_names(responsible, places), full_names(lead, places)))
    return out


def _named(agency: str):
    """Whether a task names `agency` (as lead, or at all), by any of its names read as the task's
    document would print them: alone (市发改委: that agency of each task's place) or with its
    place (阳泉市发改委, 阳泉市发展和改革委员会: of that place only)."""

    def test(t: LedgerTask, lead: bool) -> bool:
        full = t.lead_full if lead else t.responsible_full
        return bool(full) and qualified(agency, t.places)[1] in full

    return test


def leads(task: LedgerTask, agency: str) -> bool:
    """Whether the task names `agency` (any of its names, as `select` reads them) as its lead."""
    return _named(agency)(task, True)


def of_place(place: str | None, task_places: tuple[str, ...]) -> bool:
    """Whether a task (of `task_places`, outermost first) is one of `place`'s: its own, or of a
    place inside it (a county's document in the city's gazette is the city's too)."""
    return not place or agency_key(place) in task_places


def select(tasks: Iterable[LedgerTask], *, agency: str | None = None, role: str = "any",
           due_before: date | None = None, overdue: bool = False, year: int | None = None,
           place: str | None = None) -> list[LedgerTask]:
    """The tasks of `agency` (any of its names, with or without its place; as lead only with
    role="lead"), due before a date, overdue only, of documents of one year, or of one place's
    documents (阳泉市: its own and those of the places inside it)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    named = _named(agency) if agency else None
    out = []
    for t in tasks:
        if named and not named(t, role == "lead"):
            continue
        if due_before and not (t.task.deadline and t.task.deadline < due_before):
            continue
        if overdue and not t.overdue:
            continue
        if year and t.document.year != year:
            continue
        if place and not of_place(place, t.places):
            continue
        out.append(t)
    return out


def by_urgency(tasks: Iterable[LedgerTask]) -> list[LedgerTask]:
    """Overdue first, then by deadline (soonest first), tasks without a deadline last."""
    return sorted(tasks, key=lambda t: (not t.overdue, t.task.deadline is None,
                                         t.task.deadline or date.max, t.id))


def agency_summaries(tasks: Sequence[LedgerTask]) -> list[AgencySummary]:
    """Every agency any task names (one name of one place), with its names and counts; most
    tasks first."""
    printed: dict[tuple, dict[str, None]] = {}
    counts: dict[tuple, list] = {}
    for t in tasks:
        named = {}
        for name in t.task.responsible:
            canonical, full, place = qualified(name, t.places)
            named[full] = (canonical, full, place)
            printed.setdefault((full, place), {})[name] = None
        for canonical, full, place in named.values():
            c = counts.setdefault((full, place), [canonical, 0, 0, 0, set()])
            c[1] += 1
            c[2] += full in t.lead_full
            c[3] += t.overdue
            c[4].add(t.document.id)
    out = []
    for (full, place), (name, n, lead, late, docs) in counts.items():
        forms = list(dict.fromkeys(list(aliases_of(name)) + list(printed.get((full, place), {}))))
        out.append(AgencySummary(name, tuple(forms), is_known(name), n, lead, late, len(docs), full, place))
    return sorted(out, key=lambda a: (-a.tasks, agency_key(a.full_name), a.place or ""))


def find_agency(summaries: Sequence[AgencySummary], agency: str) -> AgencySummary | None:
    """The agency a name stands for, read as its place prints it (阳泉市发改委, 阳泉市发展和改革委员会:
    of 阳泉市; 市发改委: of every place); one name of several places is all of them together (counts
    summed, place None)."""
    found = [a for a in summaries if qualified(agency, place_levels(a.place))[1] == a.full_name]
    if len(found) <= 1:
        return found[0] if found else None
    first = found[0]
    return AgencySummary(first.name, tuple(dict.fromkeys(n for a in found for n in a.aliases)), first.known,
                         sum(a.tasks for a in found), sum(a.lead for a in found), sum(a.overdue for a in found),
                         sum(a.documents for a in found), first.name, None)
