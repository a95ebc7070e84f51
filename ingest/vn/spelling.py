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

from ingest.vn import vntext

_SYLLABLE = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouy]")
MIN_LEN = 3


@lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """underthesea's Viet74K word list, lowercase and canonical (one word or phrase per entry)."""
    spec = importlib.util.find_spec("underthesea")
    assert spec is not None and spec.origin is not None, "underthesea is a dependency"
    text = (Path(spec.origin).parent / "corpus/data/Viet74K.txt").read_text(encoding="utf-8")
    return tuple(dict.fromkeys(w.strip() for w in vntext.canonical(text).lower().splitlines() if w.strip()))


@lru_cache(maxsize=1)
def dictionary_syllables() -> frozenset[str]:
    """Lowercase syllables of underthesea's Viet74K word list, canonical and tone-free forms."""
    toned = set(_SYLLABLE.findall(" ".join(dictionary_words())))
    return frozenset(toned | {vntext.strip_tones(s) for s in toned})


def syllable_counts(texts: Iterable[str]) -> Counter[str]:
    """Lowercase canonical syllables of `texts`, counted (recorded per document at ingest time)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_SYLLABLE.findall(vntext.canonical(text).lower()))
    return counts


class Speller:
    """Syllable frequencies of a corpus (canonical lowercase, and tone-free) and repair against them (SymSpell).

    Bounded work per question: at most `max_syllables` unknown syllables are looked at, and only syllables of at
    most `max_letters` letters (a Vietnamese syllable has at most seven), so no input can make repair expensive.
    """

    def __init__(self, counts: Counter[str], max_syllables: int = 8, max_letters: int = 9) -> None:
        from symspellpy import SymSpell

        self.counts: Counter[str] = Counter(counts)
        for s, n in counts.items():
            flat = vntext.strip_tones(s)
            if flat != s:
                self.counts[flat] += n
        self.max_syllables = max_syllables
        self.max_letters = max_letters
        self._sym = SymSpell(max_dictionary_edit_distance=1, prefix_length=max_letters)
        for s, n in self.counts.items():
            if len(s) <= max_letters:
                self._sym.create_dictionary_entry(s, n)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        return cls(syllable_counts(texts))

    def _unknown(self, syllable: str) -> bool:
        s = syllable.lower()
        return not (
            len(s) < MIN_LEN
            or len(s) > self.max_letters
            or (syllable.isupper() and len(syllable) > 1)
            or not _VOWEL.search(vntext.strip_tones(s))
            or s in self.counts
            or s in dictionary_syllables()
        )

    def repair_syllable(self, syllable: str) -> str | None:
        """The corpus syllable one edit away from an unknown `syllable` (most frequent wins), else None.

        A syllable typed without tone marks is repaired to a tone-free one, so it stays in the tone-free channel.
        """
        from symspellpy import Verbosity

        if not self._unknown(syllable):
            return None
        s = syllable.lower()
        toned = vntext.has_tone_marks(s)
        found = [c for c in self._sym.lookup(s, Verbosity.ALL, max_edit_distance=1) if c.distance == 1]
        candidates = [c.term for c in found if vntext.has_tone_marks(c.term) == toned]
        if not candidates:
            return None
        best = max(candidates, key=lambda c: (self.counts[c], c))
        return best[:1].upper() + best[1:] if syllable[:1].isupper() else best

    def repair(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """`text` with unknown syllables repaired (at most `max_syllables` looked at), and the repairs made."""
        fixes: list[tuple[str, str]] = []
        looked = 0

        def fix(m: re.Match[str]) -> str:
            nonlocal looked
            word = m.group(0)
            if looked >= self.max_syllables or not self._unknown(word):
                return word
            looked += 1
            better = self.repair_syllable(word)
            if better:
                fixes.append((word, better))
            return better or word

        return _SYLLABLE.sub(fix, text), fixes
