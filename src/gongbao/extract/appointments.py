"""Stage 7b, appointments: a personnel document (人事任免) -> who was appointed to or removed from what.

The body lists `X为Y` (appointed as Y) under a 任命 / 聘任 / 提名 / 正式任命 / 挂职 heading and
`X的Y职务` (removed from Y) under 免去 / 解聘, one per clause, with remarks in brackets (试用期一年,
挂职, 兼, a rank such as 正县级). One clause may name several persons (`张三、李四为…副局长`), several
posts (`…秘书长、市政府办公室主任`), or an appointment and a removal (`张三为A局局长，免去其B局副局长
职务`). Print layout may cut an entry in two and even drop the signature block between the
halves; lines that are only the signature, the date or the publicity note are set aside before
entries are read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.data import read_table
from gongbao.model import Appointment, Paragraph
from gongbao.text.chinese import DATE_LINE, remove_layout_spaces
from gongbao.text.layout import ORGAN_NAME, PUBLICITY_NOTE

# One person's name: 2-4 ideographs, maybe printed with padding spaces (石 峥), or with a middle dot.
_NAME = r"(?:[\u4e00-\u9fff](?:[ \u3000]{0,2}[\u4e00-\u9fff]){1,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})"
# One or more persons sharing the rest of a clause: 张三、李四为… ; an optional 同志 after them.
_PERSONS = rf"(?P<person>{_NAME}(?:[ \u3000]*、[ \u3000]*{_NAME})*)(?:同志)?"
# The action verbs a heading or a clause may start with, longest first (正式任命 before 任命).
_VERBS = r"正式任命|提名免去|解聘|免去|聘任|聘用|任命|提名|挂职"
# `[verb]X为Y`: appointed as Y (X兼任Y and X挂职任Y too; the verb may stand in the clause).
# `张三任某局局长` (任 alone, as county notices print it): not 任命, 任职, 任免, 任期, 任务 or 任用,
# nor the 任 of 兼任, 挂任 and 挂职任 (the name would swallow their first characters).
_APPOINTED_AS = r"为|兼任|挂职任|挂任|(?<!挂职)(?<![兼挂])任(?![命职免期务用])"
APPOINT = re.compile(rf"^(?:决定)?(?P<verb>{_VERBS})?{_PERSONS}(?P<how>{_APPOINTED_AS})(?P<post>.+)$")
# `[免去]X的Y职务`: removed from Y; whatever follows 职务 may hold a remark.
REMOVE = re.compile(rf"^(?:决定)?(?P<verb>{_VERBS})?{_PERSONS}的(?P<post>.+?)职务(?P<tail>.*)$")
# An appointment clause going on with the removal of the same person: …，免去其B职务 / 同时免去其…
THEN_REMOVE = re.compile(r"[，,；;]\s*(?:同时)?(?:免去|解聘)其?(?:的)?(?P<post>.+?)职务(?P<tail>.*)$")
# A heading that sets the action of the entries after it: 任命： / 决定免去： / 提名：
MODE = re.compile(rf"(?P<word>{_VERBS})[^，,。：:]{{0,6}}[：:]\s*$")
# Brackets inside or at the end of a post that are a remark, not part of the post's name: the
# conditions of the appointment and the rank the post is held at (正县, 副处级).
NOTE = re.compile(r"[（(](?P<note>[^（）()]*(?:试用期|挂职|兼|保留|主持工作|享受|正式任命)[^（）()]*"
                  r"|[正副][省部厅局县处科]级?)[）)]")
# A term printed after the post and a comma, not in brackets: …参事，聘期三年 / ，任期五年.
TERM_NOTE = re.compile(r"[，,]\s*(?P<note>(?:聘期|任期|试用期)[^，,。；;]{1,12})$")
# `免去X阳泉市…职务`: a removal printed without 的 (the name is found by `_bare_removal`).
BARE_REMOVE = re.compile(r"^(?:决定)?(?P<verb>免去|解聘)(?P<rest>[\u4e00-\u9fff].+?)职务(?P<tail>(?:[（(][^）)]*[）)])?)"
                         r"(?P<remark>[，,]\s*[^，,。；;（）()]{2,12})?$")
# A remark after 职务 and a comma, not a second post: …职务，另有任用 / ，保留原职级待遇.
REMARK_AFTER = re.compile(r"^[，,]\s*(?P<note>[^，,。；;（）()]{2,12})$")
# A bracket after a removal's 职务: a remark, whatever it says (均系职务变动, 终止试用期).
BRACKET_REMARK = re.compile(r"^[（(](?P<note>[^（）()]{2,20})[）)]$")
# The words introducing the entries, when they stand in the same sentence: 经研究，决定：
PREAMBLE_END = re.compile(r"[：:]")
EXPLICIT_ACTION = re.compile(rf"^(?:决定)?(?P<word>{_VERBS})")
CLAUSE_END = re.compile(r"[；;。]")
# The action each verb stands for (as the register reports it): 提名 is the government's
# nomination to a company's board, reported as 任命 as the title of such a notice says (任职).
ACTIONS = {"任命": "任命", "提名": "任命", "聘任": "聘任", "聘用": "聘任", "免去": "免去",
           "提名免去": "免去", "解聘": "解聘", "正式任命": "正式任命", "挂职": "挂职"}
REMOVALS = ("免去", "解聘")


# The issuer's jurisdiction, whose name a post printed after a bare removal begins with: 某县人民政府
# -> 某县 (and 县 alone, as the post may print the level only: 免去张三县财政局副局长职务).
ISSUER_PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,20}?[省市县区旗州盟])(?:人民政府|行政公署|人民代表大会)")
# 经县人民政府研究，决定任命张三为… : the entry after the comma that ends the words introducing it.
PREAMBLE_COMMA = re.compile(rf"[，,]\s*(?=决定(?:{_VERBS})|(?:{_VERBS}))")
# …，会议决定免去张三的…职务 / …，其中任命李四为… : a verb before a name, after words of the sentence
# that introduce it (who decides, 其中, 分别); tried where nothing else gave an entry.
ENTRY_INSIDE = re.compile(rf"(?:决定)?(?:{_VERBS})(?={_NAME})")
# A post held acting (代理区长), reported with the note 代理 (as 兼 of 兼任).
ACTING = "代理"


def issuer_places(issuer: str | None) -> tuple[str, ...]:
    """The prefixes a post of the issuer's own jurisdiction is printed with: `上海市虹口区人民政府`
    -> 上海市虹口区, 虹口区, 区; `某县人民政府` -> 某县, 县."""
    m = ISSUER_PLACE.match(issuer or "")
    if not m:
        return ()
    place = m["place"]
    own = re.split(r"(?<=[省市州盟])", place)[-1] or place  # the last level: 虹口区 of 上海市虹口区
    return tuple(dict.fromkeys(p for p in (place, own, place[-1]) if p))


def find_appointments(paras: list[Paragraph], places: tuple[str, ...] = ()) -> list[Appointment]:
    """The entries of a personnel document's body; `places`: the prefixes of the issuer's own
    jurisdiction (issuer_places), which tell where a name ends when a removal prints no 的."""
    out: list[Appointment] = []
    mode = "任命"
    for text, line in _clauses(paras):
        m = MODE.search(text)
        if m:
            mode = ACTIONS[m["word"]]
            text = text[m.end():].strip()
            if not text:
                continue
        out.extend(_entries(text, line, mode, places))
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


def _entries(clause: str, line: int, mode: str, places: tuple[str, ...] = ()) -> list[Appointment]:
    """The entries of a clause; several persons' entries after one verb, separated by commas
    (`任命张三为A局局长，李四为B局局长`, `免去王五的A职务，赵六的B职务`), each with that verb."""
    pieces = _entry_pieces(clause)
    if len(pieces) == 1:
        return _entries_alone(clause, line, mode, places)
    explicit = EXPLICIT_ACTION.match(pieces[0])
    mode = ACTIONS[explicit["word"]] if explicit else mode
    return [a for piece in pieces for a in _entries_alone(piece, line, mode, places)]


# Where a comma begins another person's entry: a name, then 为 (or 兼任, 挂职任) or 的 … 职务; the
# entry may repeat a verb (`任命张三为A，任命李四为B`, `任命张三为A，免去李四的A职务`).
_NEXT_ENTRY = re.compile(rf"[，,]\s*(?=(?:决定)?(?:{_VERBS})?{_PERSONS}(?:{_APPOINTED_AS}|的))")


def _entry_pieces(clause: str) -> list[str]:
    """The clause cut at the commas that begin another person's whole entry (X为Y, X的Y职务)."""
    cuts = [m for m in _NEXT_ENTRY.finditer(clause)
            if APPOINT.match(rest := clause[m.end():]) or REMOVE.match(rest)]
    if not cuts:
        return [clause]
    pieces, start = [], 0
    for m in cuts:
        pieces.append(clause[start:m.start()])
        start = m.end()
    return [*pieces, clause[start:]]


def _entries_alone(clause: str, line: int, mode: str, places: tuple[str, ...] = ()) -> list[Appointment]:
    found = _entries_of(clause, line, mode, places)
    if not found and PREAMBLE_END.search(clause):
        # 经研究，决定：张三为… — the entry after the words that introduce it.
        found = _entries_of(PREAMBLE_END.split(clause)[-1].strip(), line, mode, places)
    if not found and (m := PREAMBLE_COMMA.search(clause)):
        # 经县人民政府研究，决定聘任王五为… — the entry after the comma, its verb in the sentence.
        found = _entries_of(clause[m.end():].strip(), line, mode, places)
    for m in () if found else ENTRY_INSIDE.finditer(clause):
        # 因工作岗位变动，会议决定免去… / 任命6人，其中任命纪冰为… — the first verb that opens an entry.
        if found := _entries_of(clause[m.start():], line, mode, places):
            break
    return found


def _entries_of(clause: str, line: int, mode: str, places: tuple[str, ...] = ()) -> list[Appointment]:
    explicit = EXPLICIT_ACTION.match(clause)
    if explicit:
        mode = ACTIONS[explicit["word"]]
    m = REMOVE.match(clause)
    if m and mode not in ("聘任", "正式任命", "挂职") and not APPOINT.match(clause[:m.start("post")]):
        action = "解聘" if mode == "解聘" else "免去"
        if remark := REMARK_AFTER.match(m["tail"].strip()):
            return _each(m["person"], action, m["post"], line, extra_note=remark["note"])
        if remark := BRACKET_REMARK.match(m["tail"].strip()):  # 职务（均系职务变动）: the post ended at 职务
            return _each(m["person"], action, m["post"], line, extra_note=remark["note"].strip())
        return _each(m["person"], action, m["post"] + m["tail"], line)
    m = APPOINT.match(clause)
    if not m:
        bare = _bare_removal(clause, places)
        return _each(*bare[:3], line, extra_note=bare[3]) if bare else []
    post, removal = m["post"], None
    then = THEN_REMOVE.search(post)
    if then:
        post, removal = post[:then.start()], then["post"] + then["tail"]
    action = mode if mode not in REMOVALS else "任命"
    if m["how"] in ("挂职任", "挂任"):
        action = "挂职"
    out = _each(m["person"], action, post, line, extra_note="兼" if m["how"] == "兼任" else None)
    if removal:
        out += _each(m["person"], "免去", removal, line)
    return out


def _bare_removal(clause: str, places: tuple[str, ...] = ()) -> tuple[str, str, str, str | None] | None:
    """(person, action, post) of `免去张三阳泉市X局局长职务`, printed without 的: the name is what
    stands before 同志, or between the verb and the jurisdiction's name that starts the post (the
    gazette's, data/places.tsv, or the issuer's own, `places`)."""
    m = BARE_REMOVE.match(clause)
    if not m:
        return None
    rest = m["rest"]
    remark = m["remark"].lstrip("，, ") if m["remark"] else None
    prefixes = _place_prefixes() + places
    for size in (2, 3, 4):
        if len(rest) > size + 2 and rest[size:size + 2] == "同志":
            return rest[:size], ACTIONS[m["verb"]], rest[size + 2:] + m["tail"], remark
        if len(rest) > size and any(rest[size:].startswith(p) for p in prefixes):
            return rest[:size], ACTIONS[m["verb"]], rest[size:] + m["tail"], remark
    return None


@lru_cache(maxsize=1)
def _place_prefixes() -> tuple[str, ...]:
    """The jurisdiction's full name and the prefixes of at least two characters it is printed with."""
    rows = read_table("places.tsv")
    return tuple(p for p in (rows[0] if rows else []) if len(p) >= 2)


def _each(persons: str, action: str, text: str, line: int,
          extra_note: str | None = None) -> list[Appointment]:
    """One entry per person and post of a clause."""
    post, note = _post_and_note(text)
    if extra_note and not note:
        note = extra_note
    return [Appointment(_name(person), action, p, n, line)
            for person in re.split(r"[ \u3000]*、[ \u3000]*", persons)
            for p, n in (_acting(q, note) for q in _posts(post))]


def _acting(post: str, note: str | None) -> tuple[str, str | None]:
    """`代理某市人民政府市长职务` of `任命张三为某市副市长、代理某市人民政府市长职务`: the post 某市人民政府市长
    with the note 代理 (the 职务 that closes an appointment's post is no part of it)."""
    if post.endswith("职务") and len(post) > 4:
        post = post[:-2]
    if post.startswith(ACTING) and len(post) > len(ACTING) + 1:
        post, note = post[len(ACTING):], "，".join(n for n in (ACTING, note) if n)
    return post, note


def _post_and_note(text: str) -> tuple[str, str | None]:
    notes = [m["note"].strip() for m in NOTE.finditer(text)]
    post = NOTE.sub("", text)
    if term := TERM_NOTE.search(post):  # 聘任李四为某某参事，聘期三年: a remark, not a second post
        notes.append(term["note"].strip())
        post = post[:term.start()]
    post = remove_layout_spaces(post).rstrip("，,。；; ")
    return post, ("，".join(notes) if notes else None)


def _posts(post: str) -> list[str]:
    """`市政府秘书长、市政府办公室主任` -> two posts; a 、 inside brackets does not split."""
    parts, depth, current = [], 0, ""
    for c in post:
        depth += c in "（("
        depth -= c in "）)"
        if c in "、，," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    parts.append(current)
    if len(parts) > 1 and all(len(p) >= 4 for p in parts):
        return parts
    return [post]


def _name(person: str) -> str:
    """The name without padding spaces and without a 同志 the name pattern took in."""
    name = re.sub(r"[ \u3000]", "", person)
    return name[:-2] if name.endswith("同志") and len(name) >= 4 else name
