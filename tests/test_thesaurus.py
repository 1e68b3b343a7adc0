"""The colloquial thesaurus: its official terms are real gazette words; expansion as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongbao.data import read_table
from gongbao.search.query import parse_query
from gongbao.search.thesaurus import expand_query, expansions, thesaurus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gazette_text() -> str:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus_other").glob("*.txt"))
    assert len(files) >= 8
    # Print-layout spaces and line breaks are no part of a word.
    return "".join("".join(f.read_text(encoding="utf-8").split()) for f in files)


def test_hundreds_of_entries():
    assert len(thesaurus()) >= 300


def test_every_official_term_is_printed_in_real_gazettes(gazette_text):
    rows = read_table("colloquial.tsv")
    unattested = {(r[0], t) for r in rows if len(r) > 2 for t in r[1].split(",")}
    assert all(r[2].startswith("unattested: ") for r in rows if len(r) > 2)
    assert len([r for r in rows if len(r) > 2]) <= 10
    missing = [(k, t) for k, terms in thesaurus().items() for t in terms
               if t not in gazette_text and (k, t) not in unattested]
    assert not missing, f"official terms no gazette of samples/ or corpus_other/ prints: {missing[:20]}"
    # The unattested lines are really not printed there (else they need no mark).
    assert all(t not in gazette_text for _, t in unattested)


def test_an_everyday_word_is_not_its_own_official_term():
    assert all(k not in terms for k, terms in thesaurus().items())


def test_everyday_words_get_official_alternatives():
    q = expand_query(parse_query("上户口 材料"))
    alternatives = [t.text for t in q.clauses[0].alternatives]
    assert alternatives[0] == "上户口" and "户籍登记" in alternatives
    assert [t.text for t in q.clauses[1].alternatives] == ["材料"]
    # Inside a longer question, the expression is replaced where it stands.
    assert any("医疗保障" in e for e in expansions("看病报销能报多少"))


def test_phrases_and_document_numbers_are_not_expanded():
    q = parse_query('"上户口"')
    assert expand_query(q) == q
    q = parse_query("阳政办发〔2020〕132号 看病")
    e = expand_query(q)
    assert e.clauses[q.doc_number_clauses[0]] == q.clauses[q.doc_number_clauses[0]]
    assert e.doc_number == q.doc_number


def test_alternatives_are_written_once_and_match_what_they_did(archive_path):
    """An expanded word's alternatives share their common units (written once, before the OR of
    what differs), drop duplicates and alternatives another one covers: the documents matched
    are exactly those the plain OR of every alternative matches, on the sample archive."""
    import json
    import sqlite3

    from gongbao.search.match import _conjunction, _term_atoms, compile_match

    asked = json.loads((ROOT / "tests" / "eval" / "colloquial.json").read_text(encoding="utf-8"))["queries"]
    texts = [q["query"] for q in asked] + ["怎么申请阳泉市质量奖", "上户口要带什么", "林长制 OR 河长制"]
    conn = sqlite3.connect(f"{Path(archive_path).resolve().as_uri()}?mode=ro", uri=True)

    def matches(expr: str) -> set[int]:
        return {r for (r,) in conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (expr,))}

    simplified = 0
    for text in texts:
        query = expand_query(parse_query(text))
        plain = " AND ".join(
            "(" + " OR ".join(_conjunction(_term_atoms(t)) for t in c.alternatives if _term_atoms(t)) + ")"
            for c in query.text_clauses if any(_term_atoms(t) for t in c.alternatives))
        compiled = compile_match(query).positive
        if not plain:
            assert compiled is None
            continue
        assert matches(compiled) == matches(plain), text
        simplified += len(compiled) < len(plain)
    assert simplified >= 10
    asked_for = compile_match(expand_query(parse_query("怎么申请阳泉市质量奖"))).positive
    assert asked_for.count('"阳泉市"') == 1 and '"程序"' not in asked_for
