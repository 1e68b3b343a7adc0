"""Segmentation: the same words in the index and in queries, identical to jieba, deterministic."""

from __future__ import annotations

import logging

import pytest

from conftest import SAMPLE_FILES
from gongbao.search.snippet import make_snippet
from gongbao.search.tokenize import (dictionary_words, fold_for_match, index_form, normalize, segment,
                                     words)


def test_print_layout_spaces_between_ideographs_are_removed():
    assert normalize("石 峥的阳泉市发展和改革委员会主任职务") == "石峥的阳泉市发展和改革委员会主任职务"
    assert normalize("阳泉市人民政府\u3000关于印发") == "阳泉市人民政府关于印发"
    assert normalize("PM２．５ and ＡＢＣ") == "pm2.5 and abc"
    # Tabs and newlines separate cells and paragraphs: kept.
    assert normalize("石\t峥\n王") == "石\t峥\n王"


def test_names_printed_with_a_padding_space_segment_like_the_name_typed():
    assert words("石 峥") == words("石峥") == ["石", "峥"]


def test_tokens_are_letters_and_digits_only():
    toks = words("阳政办发〔2020〕132号，PM2.5浓度下降10%；“好差评”")
    assert all(t.isalnum() for t in toks)
    assert "2020" in toks and "132" in toks and "pm2" in toks and "好" in toks


@pytest.mark.parametrize("path", SAMPLE_FILES[:2], ids=lambda p: p.name)
def test_segmentation_is_jiebas_precise_mode_without_hmm(path):
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    form = index_form(path.read_text(encoding="utf-8")[:60_000])
    expected = [t for t in jieba.cut(form, HMM=False) if not t.isspace()]
    assert words(form, prepared=True) == expected


def test_index_form_is_the_normalised_text_without_punctuation():
    assert index_form("阳政办发〔2020〕132 号，ＰＭ２．５") == "阳政办发 2020 132 号 pm2 5"
    assert index_form("石 峥、王 伟") == "石峥 王伟"


def test_segmentation_is_deterministic():
    text = SAMPLE_FILES[0].read_text(encoding="utf-8")[:20_000]
    assert segment(text) == segment(text)


def test_dictionary_words_find_words_across_segmentation_boundaries():
    assert "市政府" in dictionary_words("阳泉市政府办公室")
    assert "市政府" not in words("阳泉市政府办公室")
    assert all(len(w) >= 2 for w in dictionary_words("阳泉市政府办公室"))


def test_folding_for_highlights_keeps_positions():
    text = "ＰＭ２．５浓度　下降"
    folded = fold_for_match(text)
    assert len(folded) == len(text) and folded.startswith("pm2．5")


def test_snippets_escape_html_and_mark_matches_across_padding_spaces():
    text = "前文" * 50 + "免去石 峥的<b>主任</b>职务。" + "后文" * 50
    snippet = make_snippet(text, [("石峥", 1, 2), ("主任", 2, 2)])
    assert "<mark>石 峥</mark>" in snippet and "<mark>主任</mark>" in snippet
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…")


def test_snippet_prefers_the_window_covering_most_words():
    text = "应急" + "。" * 300 + "重污染天气应急预案" + "。" * 300
    snippet = make_snippet(text, [("重污染天气", 1, 2), ("应急预案", 2, 2), ("应急", 2, 1)])
    assert "<mark>重污染天气</mark><mark>应急预案</mark>" in snippet


def test_snippet_without_matches_is_the_start_of_the_text():
    assert make_snippet("第一条 总则", [("无关", 1, 2)]) == "第一条 总则"
