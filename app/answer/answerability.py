"""Whether the sources answer a question at all: one score, calibrated on data.

The score is the share of the question's telling syllables, weighted by their rarity in the corpus, that the best
retrieved passage contains (with its title and place), read tone-free on both sides, so a question typed without
tone marks scores the same. A question whose answer is in the corpus is nearly always found in a passage holding its
rare words; a question about something the corpus lacks finds passages that share only its common ones.

The threshold (`Heuristics.answerability_min`) is chosen by `python -m eval.abstention --fit` on the tune halves of
ext/A and qa_dev together and printed there as a curve (answerable abstained against unanswerable abstained). The
same table shows what was tried beside it: the retrieval channels' agreement on the best passage
(`Passage.agreement`) alone, and a logistic regression of both. Both separate the sets about as well overall, but
at the low rate of abstaining on answerable questions a user accepts, coverage alone abstains on far more
unanswerable ones (the table in the eval's docstring).
"""

from __future__ import annotations

from app.answer.score import Scorer, passage_context
from ingest import Heuristics, Passage, Query, flat_syllables


def coverage(query: Query, passage: Passage, weights: dict[str, float]) -> float:
    """Rarity-weighted share of the question's telling syllables found in the passage (with its title and place):
    the syllable part of the answer reader's own coverage (`Scorer`)."""
    return Scorer(query, weights).syllable_share(flat_syllables(passage_context(passage)))


def score(query: Query, passages: list[Passage], weights: dict[str, float], top: int = 1) -> float:
    """The answerability score: the best coverage of the question among the `top` retrieved passages (0 with no
    passage)."""
    return max((coverage(query, p, weights) for p in passages[:top]), default=0.0)


def answers(query: Query, passages: list[Passage], weights: dict[str, float], heur: Heuristics) -> bool:
    """The sources are judged to hold an answer."""
    return score(query, passages, weights, heur.answerability_passages) >= heur.answerability_min
