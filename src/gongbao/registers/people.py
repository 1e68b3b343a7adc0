"""The people and posts register: careers of persons and holders of posts, across the archive.

Computed from the stored appointments (one `AppointmentFact` per person, action and post, with
its document's date signed), so adding or replacing an issue re-derives everything.

- A person is a name; two people sharing a name are kept apart when one document appoints the
  name twice to posts of different agencies (one person's several posts stand in one clause),
  and later events go to the career whose agency or post they continue. Each split is a warning.
- A post is a `postnames.post_name` key. Its holders run from the appointing document to the
  removing one (免去 / 解聘), or, for a post with one holder at a time, to the next appointment.
  试用期一年 gives the date the probation ends (one year on, minus a day); a later 正式任命 of the
  same holder closes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongbao.registers.postnames import is_single_holder, normalize_post, post_name
from gongbao.text.chinese import chinese_number

__all__ = ["AppointmentFact", "PersonEvent", "Person", "Holder", "Post", "RegisterWarning",
           "people_register", "posts_register", "probation_end", "find_posts", "person_json",
           "post_json", "event_json", "holder_json", "agencies_of"]

REMOVING = ("免去", "解聘")
CONFIRMING = "正式任命"

# A probation period in a note: 试用期一年, 试用期六个月, 试用期半年, 试用期1年.
PROBATION = re.compile(r"试用期(?P<n>[0-9一二两三四五六七八九十半]+)(?:个)?(?P<unit>年|月)")


@dataclass(frozen=True)
class AppointmentFact:
    """One stored appointment with what the register needs of its document."""

    person: str
    action: str
    post: str
    note: str | None
    line: int
    doc_id: str
    doc_number: str | None
    title: str | None
    signed: date | None
    issue_id: str
    order: int  # the document's place in the archive (ties of `signed` keep printed order)
    places: tuple[str, ...] = ()  # where its posts without a place are (registers.agencies.document_places)


@dataclass(frozen=True)
class PersonEvent:
    date: date | None
    action: str
    post: str            # as printed
    post_name: str       # the post's name in the register (full names, city prefix)
    post_key: str
    note: str | None
    probation_ends: date | None
    doc_id: str
    doc_number: str | None
    title: str | None
    issue_id: str
    line: int


@dataclass(frozen=True)
class RegisterWarning:
    code: str
    message: str
    doc_id: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Person:
    name: str
    person_id: str        # the name, or 名字（2） for a second person of that name
    events: tuple[PersonEvent, ...]
    warnings: tuple[RegisterWarning, ...] = ()


@dataclass(frozen=True)
class Holder:
    name: str
    person_id: str
    start: date | None          # `from` in JSON: null when the archive holds only the removal
    end: date | None            # `to`: null while in office
    from_doc: str | None
    to_doc: str | None
    from_doc_id: str | None
    to_doc_id: str | None
    from_line: int | None
    to_line: int | None
    from_issue: str | None
    to_issue: str | None
    action: str | None          # how the term began (任命, 聘任, 挂职, 正式任命)
    ended_by: str | None        # 免去 | 解聘 | next-appointment | None
    note: str | None
    probation_ends: date | None
    confirmed: date | None      # the date of the 正式任命 that closed the probation
    confirmed_doc: str | None


@dataclass(frozen=True)
class Post:
    post: str                    # the post's name (the most recent printed form, full names)
    key: str
    agency: str
    title: str
    single_holder: bool
    printed: tuple[str, ...]     # every form it was printed in
    holders: tuple[Holder, ...]
    places: tuple[str, ...] = ()  # where the documents that print it are (agencies.document_places)


def probation_end(note: str | None, start: date | None) -> date | None:
    """The last day of the probation a note states (试用期一年 from 2022-03-07 -> 2023-03-06)."""
    if not note or not start:
        return None
    m = PROBATION.search(note)
    if not m:
        return None
    raw = m["n"]
    months = 6 if raw == "半" and m["unit"] == "年" else None
    if months is None:
        n = int(raw) if raw.isdigit() else chinese_number(raw)
        if not n:
            return None
        months = n * 12 if m["unit"] == "年" else n
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = start.day
    while True:
        try:
            return date(year, month + 1, day) - timedelta(days=1)
        except ValueError:  # 31 January + one month
            day -= 1


def _ordered(facts: Iterable[AppointmentFact]) -> list[AppointmentFact]:
    """By date signed, then the document, removals of a document before its appointments (a
    document replacing a holder names the new one first but ends the old term first), then line."""
    return sorted(facts, key=lambda f: (f.signed or date.min, f.order, f.action not in REMOVING,
                                        f.line))


@dataclass(eq=False)
class _Career:
    name: str
    person_id: str
    events: list[AppointmentFact] = field(default_factory=list)
    agencies: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    government: str | None = None  # the outermost place of its documents (agencies.document_places)


def _careers(facts: list[AppointmentFact]) -> tuple[dict[int, _Career], list[RegisterWarning]]:
    """The career each fact (by index in `facts`, already ordered) belongs to."""
    by_name: dict[str, list[_Career]] = {}
    of: dict[int, _Career] = {}
    warnings: list[RegisterWarning] = []
    for i, f in enumerate(facts):
        pn = post_name(f.post, f.places)
        agency = normalize_post(pn.agency) if pn.agency else pn.key
        every = by_name.setdefault(f.person, [])
        government = f.places[0] if f.places else None
        # One name in the documents of two governments is two people (a career that moves from one
        # to the other cannot be told from a namesake); within one, the rules below.
        careers = [c for c in every if c.government == government]
        related = [c for c in careers if pn.key in c.keys or agency in c.agencies]
        chosen = related[-1] if related else None
        if chosen is None and not careers and every:
            chosen = _Career(f.person, f"{f.person}（{len(every) + 1}）", government=government)
            every.append(chosen)
            warnings.append(RegisterWarning(
                "same-name",
                f"{f.person}: named in the documents of {every[0].government or 'a national body'} and of "
                f"{government or 'a national body'} ({f.doc_number or f.doc_id}, line {f.line}): taken as two people",
                f.doc_id, f.line))
        if chosen is None and careers:
            last = careers[-1]
            clash = f.action not in REMOVING and "兼" not in (f.note or "") and any(
                e.doc_id == f.doc_id and e.action not in REMOVING and e.line != f.line
                and "兼" not in (e.note or "") for e in last.events)
            if clash:
                chosen = _Career(f.person, f"{f.person}（{len(every) + 1}）", government=government)
                every.append(chosen)
                warnings.append(RegisterWarning(
                    "same-name",
                    f"{f.person}: {f.doc_number or f.doc_id} appoints this name twice, to posts of "
                    f"different agencies (line {f.line}): taken as two people",
                    f.doc_id, f.line))
            else:
                chosen = last
        if chosen is None:
            chosen = _Career(f.person, f.person, government=government)
            every.append(chosen)
        chosen.events.append(f)
        chosen.keys.add(pn.key)
        chosen.agencies.add(agency)
        of[i] = chosen
    return of, warnings


def _event(f: AppointmentFact) -> PersonEvent:
    pn = post_name(f.post, f.places)
    return PersonEvent(
        date=f.signed, action=f.action, post=f.post, post_name=pn.name, post_key=pn.key,
        note=f.note, probation_ends=probation_end(f.note, f.signed) if f.action not in REMOVING else None,
        doc_id=f.doc_id, doc_number=f.doc_number, title=f.title, issue_id=f.issue_id, line=f.line)


def people_register(facts: Iterable[AppointmentFact], name: str | None = None) -> tuple[Person, ...]:
    """Every person (or those named `name`, padding spaces ignored), events in date order,
    people in order of their first event."""
    ordered = _ordered(facts)
    of, warnings = _careers(ordered)
    careers: list[_Career] = list({id(c): c for c in of.values()}.values())
    wanted = re.sub(r"\s", "", name) if name else None
    out = []
    for c in careers:
        if wanted and c.name != wanted:
            continue
        own = tuple(w for w in warnings if w.message.startswith(f"{c.name}:"))
        events = sorted(c.events, key=lambda f: (f.signed or date.min, f.order, f.line))
        out.append(Person(c.name, c.person_id, tuple(_event(f) for f in events), own))
    return tuple(out)


@dataclass
class _Term:
    fact: AppointmentFact
    person_id: str
    end: AppointmentFact | None = None
    ended_by: str | None = None
    confirmed: AppointmentFact | None = None
    removal_only: bool = False


def posts_register(facts: Iterable[AppointmentFact]) -> tuple[Post, ...]:
    """Every post with its holders in order of their terms; posts by name."""
    ordered = _ordered(facts)
    of, _ = _careers(ordered)
    terms: dict[str, list[_Term]] = {}
    printed: dict[str, list[str]] = {}
    for i, f in enumerate(ordered):
        pn = post_name(f.post, f.places)
        pid = of[i].person_id
        printed.setdefault(pn.key, []).append((f.post, f.places))
        post_terms = terms.setdefault(pn.key, [])
        open_own = [t for t in post_terms if t.end is None and t.person_id == pid]
        if f.action in REMOVING:
            if open_own:
                open_own[-1].end, open_own[-1].ended_by = f, f.action
            else:
                post_terms.append(_Term(f, pid, end=f, ended_by=f.action, removal_only=True))
            continue
        if f.action == CONFIRMING and open_own:
            open_own[-1].confirmed = f
            continue
        if open_own:  # appointed again to a post held: the same term
            continue
        if is_single_holder(pn):
            for t in post_terms:
                if t.end is None:
                    t.end, t.ended_by = f, "next-appointment"
        term = _Term(f, pid)
        if f.action == CONFIRMING:
            term.confirmed = f
        post_terms.append(term)
    out = []
    for key, post_terms in terms.items():
        latest = post_name(*printed[key][-1])
        out.append(Post(
            post=latest.name, key=key, agency=latest.agency, title=latest.title,
            single_holder=is_single_holder(latest),
            printed=tuple(dict.fromkeys(post for post, _ in printed[key])),
            holders=tuple(_holder(t) for t in post_terms), places=printed[key][-1][1]))
    return tuple(sorted(out, key=lambda p: p.post))


def _holder(t: _Term) -> Holder:
    f, end = t.fact, t.end
    start = None if t.removal_only else f
    confirmed = t.confirmed
    return Holder(
        name=f.person, person_id=t.person_id,
        start=start.signed if start else None, end=end.signed if end else None,
        from_doc=start.doc_number if start else None, to_doc=end.doc_number if end else None,
        from_doc_id=start.doc_id if start else None, to_doc_id=end.doc_id if end else None,
        from_line=start.line if start else None, to_line=end.line if end else None,
        from_issue=start.issue_id if start else None, to_issue=end.issue_id if end else None,
        action=start.action if start else None, ended_by=t.ended_by,
        note=start.note if start else f.note,
        probation_ends=probation_end(start.note, start.signed) if start else None,
        confirmed=confirmed.signed if confirmed else None,
        confirmed_doc=confirmed.doc_number if confirmed else None)


def find_posts(posts: Iterable[Post], query: str) -> tuple[Post, ...]:
    """The posts a user's words name: the post itself when the words name one (市住建局局长),
    else every post whose name contains them (交通运输局: its 局长, its 副局长, …)."""
    posts = tuple(posts)
    q = normalize_post(query)
    # the words read as each post's documents print it: 乙市交通局局长 names 乙市's 交通运输局局长
    exact = tuple(p for p in posts if p.key == q or post_name(query, p.places).key == p.key)
    if exact:
        return exact
    raw = re.sub(r"\s", "", query)
    return tuple(p for p in posts if q in p.key or raw in p.post or any(raw in s for s in p.printed))


def agencies_of(posts: Iterable[Post]) -> tuple[tuple[str, tuple[Post, ...]], ...]:
    """The agencies of the register's posts, each with its posts (by agency name)."""
    groups: dict[str, list[Post]] = {}
    names: dict[str, str] = {}
    for p in posts:
        key = normalize_post(p.agency) if p.agency else p.key
        groups.setdefault(key, []).append(p)
        names.setdefault(key, p.agency or p.post)
    return tuple((names[k], tuple(ps)) for k, ps in sorted(groups.items(), key=lambda g: names[g[0]]))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def event_json(e: PersonEvent) -> dict:
    """An event as in docs/spec/registers-json.md (`date`, `action`, `post`, `note`, `doc_number`,
    `line`), with the post's register name and key, the probation's end and the document's id."""
    return {"date": _iso(e.date), "action": e.action, "post": e.post, "note": e.note,
            "doc_number": e.doc_number, "line": e.line, "post_name": e.post_name,
            "post_key": e.post_key, "probation_ends": _iso(e.probation_ends),
            "document_id": e.doc_id, "title": e.title, "issue_id": e.issue_id}


def person_json(p: Person) -> dict:
    return {"name": p.name, "person_id": p.person_id, "events": [event_json(e) for e in p.events],
            "warnings": [warning_json(w) for w in p.warnings]}


def warning_json(w: RegisterWarning) -> dict:
    return {"code": w.code, "message": w.message, "document_id": w.doc_id, "line": w.line}


def holder_json(h: Holder) -> dict:
    """A holder as in the contract (`name`, `from`, `to`, `from_doc`, `to_doc`) and more."""
    return {"name": h.name, "from": _iso(h.start), "to": _iso(h.end), "from_doc": h.from_doc,
            "to_doc": h.to_doc, "person_id": h.person_id, "action": h.action, "note": h.note,
            "ended_by": h.ended_by, "probation_ends": _iso(h.probation_ends),
            "confirmed": _iso(h.confirmed), "confirmed_doc": h.confirmed_doc,
            "from_line": h.from_line, "to_line": h.to_line,
            "from_document_id": h.from_doc_id, "to_document_id": h.to_doc_id,
            "from_issue_id": h.from_issue, "to_issue_id": h.to_issue}


def post_json(p: Post) -> dict:
    return {"post": p.post, "holders": [holder_json(h) for h in p.holders], "key": p.key,
            "agency": p.agency, "title": p.title, "single_holder": p.single_holder,
            "printed": list(p.printed),
            "current": [h.name for h in p.holders if h.end is None and h.start is not None]}
