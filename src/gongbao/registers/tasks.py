"""The task ledger: which tasks each agency is given, by when, across the archive.

Pure functions over the stored tasks (store/tasks.py), computed when asked: adding or replacing an
issue changes the ledger at once, and a grown aliases file (data/agencies.tsv) regroups agencies
without re-ingesting. Agencies are given as printed and as canonical names (registers/agencies.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gongbao.registers.agencies import agency_key, aliases_of, canonical_agency, is_known
from gongbao.store.records import DocumentSummary, TaskRecord
from gongbao.store.tasks import StoredTask

__all__ = ["LedgerTask", "AgencySummary", "ledger", "select", "agency_summaries", "by_urgency", "canonical_names",
           "ROLES"]

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

    def to_dict(self) -> dict:
        t, d = self.task, self.document
        return {
            "id": self.id, "doc_number": d.doc_number, "document_id": d.id, "title": d.title,
            "signed": d.signed.isoformat() if d.signed else None,
            "label": t.label, "heading": t.heading, "text": t.text,
            "responsible": list(self.responsible), "responsible_as_printed": list(t.responsible),
            "lead": list(self.lead), "lead_as_printed": list(t.lead),
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

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "known": self.known,
                "tasks": self.tasks, "lead": self.lead, "overdue": self.overdue,
                "documents": self.documents}


def canonical_names(names: Iterable[str]) -> tuple[str, ...]:
    """The canonical agencies of printed names, in order, each once."""
    return tuple(dict.fromkeys(canonical_agency(n) for n in names))


def ledger(stored: Sequence[StoredTask], as_of: date) -> list[LedgerTask]:
    """Every stored task with canonical agencies and whether it is overdue on `as_of`."""
    return [LedgerTask(f"{s.document.id}#{s.task.seq}", s.document, s.task,
                       canonical_names(s.task.responsible), canonical_names(s.task.lead),
                       s.task.deadline is not None and s.task.deadline < as_of, s.ingested_at)
            for s in stored]


def select(tasks: Iterable[LedgerTask], *, agency: str | None = None, role: str = "any",
           due_before: date | None = None, overdue: bool = False, year: int | None = None) -> list[LedgerTask]:
    """The tasks of `agency` (any of its names; as lead only with role="lead"), due before a
    date, overdue only, or of documents of one year."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    wanted = canonical_agency(agency) if agency else None
    out = []
    for t in tasks:
        if wanted and wanted not in (t.lead if role == "lead" else t.responsible):
            continue
        if due_before and not (t.task.deadline and t.task.deadline < due_before):
            continue
        if overdue and not t.overdue:
            continue
        if year and t.document.year != year:
            continue
        out.append(t)
    return out


def by_urgency(tasks: Iterable[LedgerTask]) -> list[LedgerTask]:
    """Overdue first, then by deadline (soonest first), tasks without a deadline last."""
    return sorted(tasks, key=lambda t: (not t.overdue, t.task.deadline is None,
                                         t.task.deadline or date.max, t.id))


def agency_summaries(tasks: Sequence[LedgerTask]) -> list[AgencySummary]:
    """Every agency any task names, with its names and counts; most tasks first."""
    printed: dict[str, dict[str, None]] = {}
    counts: dict[str, list] = {}
    for t in tasks:
        for name in t.task.responsible:
            printed.setdefault(canonical_agency(name), {})[name] = None
        for name in t.responsible:
            c = counts.setdefault(name, [0, 0, 0, set()])
            c[0] += 1
            c[1] += name in t.lead
            c[2] += t.overdue
            c[3].add(t.document.id)
    out = []
    for name, (n, lead, late, docs) in counts.items():
        forms = list(dict.fromkeys(list(aliases_of(name)) + list(printed.get(name, {}))))
        out.append(AgencySummary(name, tuple(forms), is_known(name), n, lead, late, len(docs)))
    return sorted(out, key=lambda a: (-a.tasks, agency_key(a.name)))
