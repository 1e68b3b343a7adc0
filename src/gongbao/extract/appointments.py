"""Stage 7b, appointments: a personnel document (人事任免) -> who was appointed to or removed from what.

The body lists `X为Y` (appointed as Y) under a 任命 / 聘任 / 提名 heading and `X的Y职务` (removed
from Y) under 免去 / 解聘, one per clause, with remarks in brackets (试用期一年, 挂职, 兼). Print
layout may cut an entry in two and even drop the signature block between the halves; lines that
are only the signature, the date or the publicity note are set aside before entries are read.
"""

from __future__ import annotations

import re

from gongbao.model import Appointment, Paragraph
from gongbao.text.chinese import DATE_LINE, remove_layout_spaces
from gongbao.text.layout import ORGAN_NAME, PUBLICITY_NOTE

# A person's name: 2-4 ideographs, maybe printed with a padding space (石 峥), or with a middle dot.
_PERSON = r"(?P<person>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})"
# The action word may stand in the clause itself: 任命张三为…, 免去李四的…职务.
APPOINT = re.compile(rf"^(?:决定)?(?:任命|聘任|聘用|提名)?{_PERSON}为(?P<post>.+)$")
REMOVE = re.compile(rf"^(?:决定)?(?:免去|解聘)?{_PERSON}的(?P<post>.+?)职务(?P<tail>.*)$")
# A heading that sets the action of the entries after it: 任命： / 决定免去： / 提名：
MODE = re.compile(r"(?P<word>解聘|免去|聘任|聘用|任命|提名)[^，,。：:]{0,6}[：:]\s*$")
# Brackets at the end of a post that are a remark, not part of the post's name.
NOTE = re.compile(r"[（(](?P<note>[^（）()]*(?:试用期|挂职|兼|保留|主持工作|享受)[^（）()]*)[）)]")
EXPLICIT_ACTION = re.compile(r"^(?:决定)?(?P<word>解聘|免去|聘任|聘用|任命|提名)")
CLAUSE_END = re.compile(r"[；;。]")
ACTIONS = {"任命": "任命", "提名": "任命", "聘任": "聘任", "聘用": "聘任", "免去": "免去", "解聘": "解聘"}


def find_appointments(paras: list[Paragraph]) -> list[Appointment]:
    out: list[Appointment] = []
    mode = "任命"
    for text, line in _clauses(paras):
        m = MODE.search(text)
        if m:
            mode = ACTIONS[m["word"]]
            text = text[m.end():].strip()
            if not text:
                continue
        out.extend(_entries(text, line, mode))
    return out


def _clauses(paras: list[Paragraph]):
    """(clause, line) pairs: the body's text cut at ；。 with broken entries put back together."""
    pending, pending_line = "", None
    for p in paras:
        text = p.text.strip()
        if p.kind == "table" or not text:
            continue
        plain = remove_layout_spaces(text)
        if DATE_LINE.match(text) or PUBLICITY_NOTE.match(text) or ORGAN_NAME.match(plain):
            continue
        if pending and (APPOINT.match(text) or REMOVE.match(text) or MODE.search(text)):
            yield pending, pending_line
            pending = ""
        if not pending:
            pending_line = p.first_line
        pending += text
        if MODE.search(pending):
            yield pending, pending_line
            pending = ""
            continue
        pieces = CLAUSE_END.split(pending)
        for piece in pieces[:-1]:
            if piece.strip():
                yield piece.strip(), pending_line
        pending = pieces[-1]
    if pending.strip():
        yield pending.strip(), pending_line


def _entries(clause: str, line: int, mode: str) -> list[Appointment]:
    explicit = EXPLICIT_ACTION.match(clause)
    if explicit:
        mode = ACTIONS[explicit["word"]]
    m = REMOVE.match(clause)
    if m and mode != "聘任":
        post, note = _post_and_note(m["post"] + m["tail"])
        action = "解聘" if mode == "解聘" else "免去"
        return [Appointment(_name(m["person"]), action, p, note, line) for p in _posts(post)]
    m = APPOINT.match(clause)
    if m:
        post, note = _post_and_note(m["post"])
        action = mode if mode in ("任命", "聘任") else "任命"
        return [Appointment(_name(m["person"]), action, p, note, line) for p in _posts(post)]
    return []


def _post_and_note(text: str) -> tuple[str, str | None]:
    notes = [m["note"].strip() for m in NOTE.finditer(text)]
    post = NOTE.sub("", text)
    post = remove_layout_spaces(post).rstrip("，,。；; ")
    return post, ("，".join(notes) if notes else None)


def _posts(post: str) -> list[str]:
    """`市政府秘书长、市政府办公室主任` -> two posts; a 、 inside brackets does not split."""
    parts, depth, current = [], 0, ""
    for c in post:
        depth += c in "（(" 
        depth -= c in "）)"
        if c == "、" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    parts.append(current)
    if len(parts) > 1 and all(len(p) >= 4 for p in parts):
        return parts
    return [post]


def _name(person: str) -> str:
    return re.sub(r"[ \u3000]", "", person)
