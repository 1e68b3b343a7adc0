"""The plans register: every emergency plan's card, by hazard (pure functions over records).

Cards are per-document facts; this view is computed from them at query time, so adding or
replacing an issue changes it at once. JSON shapes: docs/spec/registers-json.md (`plans`, `plan`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongbao.serialize import plan_dict

if TYPE_CHECKING:  # the store imports this module: no import of it at run time
    from gongbao.store.records import PlanRecord

__all__ = ["select_plans", "card_json", "plans_json", "by_hazard", "duration_text"]


def select_plans(records: tuple[PlanRecord, ...], hazard: str | None) -> tuple[PlanRecord, ...]:
    """The plans whose hazard or title holds every word of `hazard` (all when None)."""
    words = (hazard or "").split()
    return tuple(r for r in records if all(w in (r.plan.hazard or "") + r.plan.title for w in words))


def card_json(record: PlanRecord) -> dict:
    """`gongbao plan REF --json`: the document's identity, then its card."""
    doc = record.document
    return {"doc_number": doc.doc_number, "document_id": doc.id, "issue_id": doc.issue_id,
            "signed": doc.signed.isoformat() if doc.signed else None, "notice_title": doc.title,
            **plan_dict(record.plan)}


def plans_json(records: tuple[PlanRecord, ...]) -> dict:
    """`gongbao plans --json`: every card, newest first."""
    return {"total": len(records), "plans": [card_json(r) for r in records]}


def by_hazard(records: tuple[PlanRecord, ...]) -> list[tuple[str, list[PlanRecord]]]:
    """(hazard, plans) groups in hazard order, for the list page."""
    groups: dict[str, list[PlanRecord]] = {}
    for r in records:
        groups.setdefault(r.plan.hazard or r.plan.title, []).append(r)
    return sorted(groups.items())


def duration_text(minutes: int) -> str:
    """60 -> 1小时, 14400 -> 10日, 30 -> 30分钟: a limit as people say it."""
    if minutes >= 1440 and minutes % 1440 == 0:
        return f"{minutes // 1440}日"
    if minutes >= 60 and minutes % 60 == 0:
        return f"{minutes // 60}小时"
    return f"{minutes}分钟"
