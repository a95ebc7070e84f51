"""Whether the sources answer at all: one score, read the same however the question is typed (questions written
for the test over the committed samples)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.answer import answer
from app.answer.answerability import coverage, score
from app.answer.ask import retrieve
from ingest.vn import vntext

ASKED = "Tổ công tác của Tổng cục Địa chất và Khoáng sản được thành lập theo quyết định nào?"
ABSENT = "Giá vé tàu hỏa Hà Nội - Sài Gòn dịp Tết năm nay là bao nhiêu?"


def _score(index, question: str) -> float:
    query = index.understand(question, True)
    return score(query, retrieve(index, query, 5, None, True), index.term_weights(True))


def test_a_question_the_samples_answer_scores_above_one_they_do_not(samples_index) -> None:
    threshold = samples_index.settings.heuristics.answerability_min
    assert _score(samples_index, ASKED) >= threshold > _score(samples_index, ABSENT)
    assert answer(samples_index, ABSENT, use_llm=False).abstained


def test_the_score_is_the_same_without_tone_marks(samples_index) -> None:
    # a question typed without tone marks is searched by one channel, but its score reads syllables tone-free
    toned, flat = _score(samples_index, ASKED), _score(samples_index, vntext.strip_tones(ASKED))
    assert abs(toned - flat) < 0.05, (toned, flat)


def test_coverage_weighs_rare_words_and_reaches_one_on_the_whole_question(samples_index) -> None:
    query = samples_index.understand(ASKED, True)
    passage = retrieve(samples_index, query, 5, None, True)[0]
    whole = replace(passage, payload=replace(passage.payload, text=f"{passage.text} {ASKED}"))
    weights = samples_index.term_weights(True)
    assert coverage(query, whole, weights) == pytest.approx(1.0)
    # a passage sharing only the question's common words covers little of it: rare words weigh more
    common = sorted(query.terms, key=lambda t: weights.get(t, 0.0))[: len(query.terms) // 2]
    thin = replace(
        passage,
        payload=replace(passage.payload, text=" ".join(common), title=None, section="", doc_type=None, number=None),
    )
    assert coverage(query, thin, weights) < 0.5


def test_a_threshold_above_one_abstains_on_everything(samples_index) -> None:
    index = samples_index
    index.settings = index.settings.with_(heuristics=replace(index.settings.heuristics, answerability_min=1.01))
    assert answer(index, ASKED, use_llm=False).abstained
