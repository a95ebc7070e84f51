"""Content words: the one stop-word list, syllable and bigram terms, and how much two texts share.

Stop words come from `data/stopwords.tsv` in two kinds: function words (ignored in every text) and question
words (ignored only when reading a question).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import lru_cache

from ingest.vn import glossary, vntext, vocab

FUNCTION_WORDS = frozenset(vocab.column("stopwords", 0, where=(1, "function")))
STOP = FUNCTION_WORDS | frozenset(vocab.column("stopwords", 0, where=(1, "question")))


# a syllable's tone-free form, remembered: a corpus has a few thousand distinct syllables, read again and again
_flat_syllable = lru_cache(maxsize=1 << 16)(vntext.strip_tones)


def flat_syllables(text: str) -> list[str]:
    """Tone-free lowercase syllables (`Quyết định 502` -> quyet, dinh, 502), abbreviations read as their full form
    (`UBND tỉnh` -> uy, ban, nhan, dan, tinh): an abbreviation says what its full form says."""
    return list(_flat_syllables(text))


@lru_cache(maxsize=8192)
def _flat_syllables(text: str) -> tuple[str, ...]:
    # answering reads the same unit text several times per question (coverage, heading, novelty)
    return tuple(_flat_syllable(s) for s in vntext.syllables(glossary.spelled_out(text)))


def segmented_words(text: str, toned: bool = True) -> frozenset[str]:
    """The tone-free underthesea words of a text that carry content (`bat_dong_san` is one word, not `dong_san`).
    With `toned` False the text is segmented without its tone marks, as a question typed without them is, so both
    sides of a comparison are cut the same way."""
    text = text if toned else vntext.strip_tones(text)
    flat = (_flat_syllable(w) for w in vntext.words(text))
    return frozenset(w for w in flat if w not in STOP and any(c.isalpha() for c in w))


def content_bigrams(flat: list[str]) -> set[str]:
    """Adjacent syllable pairs of which at least one is not a stop word."""
    return {f"{a} {b}" for a, b in itertools.pairwise(flat) if a not in STOP or b not in STOP}


def content_terms(tokens: Iterable[str], stop: frozenset[str] = STOP, min_len: int = 1) -> set[str]:
    """Tone-free tokens that carry content: not in `stop`, not a bare number, longer than `min_len - 1`."""
    return {t for t in tokens if t not in stop and not t.isdigit() and len(t) >= min_len}


def content_words(text: str, stop: frozenset[str] = STOP) -> set[str]:
    """The tone-free content syllables of a text (`stop` words and bare numbers left out)."""
    return content_terms(flat_syllables(text), stop)


def share(part: set[str], whole: set[str]) -> float:
    """How much of `part` `whole` also has (0..1; 0 when `part` is empty): the one measure of "says the same
    words" for topicality, grounding and rewrites."""
    return len(part & whole) / len(part) if part else 0.0


def overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """How much two sets agree relative to the smaller one (0..1; 0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
