"""Typo tolerance for questions: repair syllables that neither the corpus nor the dictionary knows.

A common slip (a dropped, doubled, swapped or wrong letter: `Nehị định`, `khoảg sản`, `trnog`) makes a syllable
that no document contains, so every channel loses it. Such a syllable is replaced by the corpus syllable one edit
away that the corpus uses most, tone marks included (`nehị` -> `nghị`; typed without marks, `nehi` -> `nghi`).
Syllables that underthesea's Viet74K word list knows are never touched (a correct word absent from the corpus is
not "corrected" into another one), nor are short tokens, tokens without a vowel and upper-case abbreviations.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ingest import vntext

_SYLLABLE = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouy]")
MIN_LEN = 3


@lru_cache(maxsize=1)
def dictionary_syllables() -> frozenset[str]:
    """Lowercase syllables of underthesea's Viet74K word list, canonical and tone-free forms."""
    spec = importlib.util.find_spec("underthesea")
    assert spec is not None and spec.origin is not None, "underthesea is a dependency"
    text = (Path(spec.origin).parent / "corpus/data/Viet74K.txt").read_text(encoding="utf-8")
    toned = set(_SYLLABLE.findall(vntext.canonical(text).lower()))
    return frozenset(toned | {vntext.strip_tones(s) for s in toned})


def syllable_counts(texts: Iterable[str]) -> Counter[str]:
    """Lowercase canonical syllables of `texts`, counted (recorded per document at ingest time)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_SYLLABLE.findall(vntext.canonical(text).lower()))
    return counts


class Speller:
    """Syllable frequencies of a corpus (canonical lowercase, and tone-free) and repair against them."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts: Counter[str] = Counter(counts)
        for s, n in counts.items():
            flat = vntext.strip_tones(s)
            if flat != s:
                self.counts[flat] += n
        self.alphabet = "".join(sorted({c for s in self.counts for c in s}))

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        return cls(syllable_counts(texts))

    def repair_syllable(self, syllable: str) -> str | None:
        """The corpus syllable one edit away from an unknown `syllable` (most frequent wins), else None.

        A syllable typed without tone marks is repaired to a tone-free one, so it stays in the tone-free channel.
        """
        s = syllable.lower()
        if (
            len(s) < MIN_LEN
            or (syllable.isupper() and len(syllable) > 1)
            or not _VOWEL.search(vntext.strip_tones(s))
            or s in self.counts
            or s in dictionary_syllables()
        ):
            return None
        toned = vntext.has_tone_marks(s)
        candidates = [c for c in _edits(s, self.alphabet) if c in self.counts and vntext.has_tone_marks(c) == toned]
        if not candidates:
            return None
        best = max(candidates, key=lambda c: (self.counts[c], c))
        return best[:1].upper() + best[1:] if syllable[:1].isupper() else best

    def repair(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """`text` with unknown syllables repaired, and the (typed, repaired) pairs."""
        fixes: list[tuple[str, str]] = []

        def fix(m: re.Match[str]) -> str:
            better = self.repair_syllable(m.group(0))
            if better:
                fixes.append((m.group(0), better))
            return better or m.group(0)

        return _SYLLABLE.sub(fix, text), fixes


def _edits(s: str, alphabet: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away (Norvig's speller)."""
    splits = [(s[:i], s[i:]) for i in range(len(s) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    subs = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return deletes | swaps | subs | inserts
