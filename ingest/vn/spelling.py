"""Typo tolerance for questions: repair syllables that neither the corpus nor the dictionary knows.

A common slip (a dropped, doubled, swapped or wrong letter: `Nehị định`, `khoảg sản`, `trnog`) makes a syllable
that no document contains, so every channel loses it. Such a syllable is replaced by the corpus syllable one edit
away that the corpus uses most, tone marks included (`nehị` -> `nghị`; typed without marks, `nehi` -> `nghi`).
Syllables that underthesea's Viet74K word list knows are never touched (a correct word absent from the corpus is
not "corrected" into another one), nor are short tokens and known upper-case abbreviations.

With the question's context (`context`: the syllable-pair counts tone restoration reads, `ingest.vn.tones`), the
candidate that forms the pairs the corpus writes with its neighbours wins (the noisy-channel reading: one edit
away, then the likeliest in context), and two more slips are repaired only when the context asks for it: a
lower-case token that lost its vowel (`mỏ vng gốc` -> `vàng`), and an upper-case abbreviation one edit from a
known one (`UBDN` -> `UBND`, data/abbreviations.tsv).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

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

    def _unknown(self, syllable: str, vowelless: bool = False) -> bool:
        s = syllable.lower()
        return not (
            len(s) < MIN_LEN
            or len(s) > self.max_letters
            or (syllable.isupper() and len(syllable) > 1)
            or (not vowelless and not _VOWEL.search(vntext.strip_tones(s)))
            or s in self.counts
            or s in dictionary_syllables()
        )

    def _slip(self, word: str, context: PairCounts | None, left: str, right: str, toned_text: bool) -> str | None:
        """What slip `word` may be, and so what its repair looks for: `unknown` (a syllable nobody writes), or with
        `context` an `abbreviation` (upper case), a `vowelless` token, a `real_word` no pair around it supports (in a
        question with tone marks: without them nearly every syllable is one edit from another word); else None."""
        if context is None:
            return "unknown" if self._unknown(word) else None
        if word.isupper() and len(word) >= ABBREVIATION_MIN:
            return "abbreviation"
        s = word.lower()
        vowelless = word.islower() and not _VOWEL.search(vntext.strip_tones(s))
        if self._unknown(word, vowelless):
            return "vowelless" if vowelless else "unknown"
        if (toned_text and (left or right) and not (word.isupper() and len(word) > 1) and len(s) >= MIN_LEN
                and not context.seen(left.lower(), s) and not context.seen(s, right.lower())):  # fmt: skip
            return "real_word"
        return None

    def _repaired(self, syllable: str, kind: str, context: PairCounts | None, left: str, right: str,
                  toned_text: bool) -> str | None:  # fmt: skip
        """The corpus syllable one edit away from a slip (`_slip`), else None. Without `context`, the most frequent
        candidate wins. With it (the neighbours `left` and `right`), the candidate whose pairs with them the corpus
        writes most wins; a `vowelless` token or a `real_word` is repaired only when the neighbours ask for it (a
        pair at all, `REAL_WORD_MIN` pairs, and more than the typed word's own uses in the corpus), and a lost vowel in a question with tone marks (`toned_text`) may
        come back with its mark (`kháng sản` -> `khoáng sản`, `mỏ vng gốc` -> `vàng`).

        A syllable typed without tone marks is repaired to a tone-free one, so it stays in the tone-free channel.
        """
        from symspellpy import Verbosity

        if kind == "abbreviation":
            return _known_abbreviation(syllable, context, left, right) if context is not None else None
        s = syllable.lower()
        vowelless = kind == "vowelless"
        toned = vntext.has_tone_marks(s)
        found = [c for c in self._sym.lookup(s, Verbosity.ALL, max_edit_distance=1) if c.distance == 1]
        candidates = [c.term for c in found if vntext.has_tone_marks(c.term) == toned or (vowelless and toned_text)]
        if not candidates:
            return None
        if context is None:
            best = max(candidates, key=lambda c: (self.counts[c], c))
        else:
            fit = {c: context.seen(left.lower(), c) + context.seen(c, right.lower()) for c in candidates}
            # in a question with tone marks, a toned candidate before its tone-free form (`vàng`, not `vang`)
            best = max(candidates, key=lambda c: (fit[c], vntext.has_tone_marks(c) == toned_text, self.counts[c], c))
            if fit[best] < (REAL_WORD_MIN if kind == "real_word" else 1 if vowelless else 0):
                return None
            # a word the corpus itself writes often is no likelier a slip because this question puts it beside words
            # it is not seen with (`đặt chỉ tiêu`, `cho bao nhiêu`): the candidate's pairs must outnumber its uses
            if kind == "real_word" and fit[best] <= self.counts[s]:
                return None
        return best[:1].upper() + best[1:] if syllable[:1].isupper() else best

    def repair(self, text: str, context: PairCounts | None = None) -> tuple[str, list[tuple[str, str]]]:
        """`text` with its slips repaired (at most `max_syllables` looked up), and the repairs made; with `context`,
        read in context (see the module's docstring)."""
        fixes: list[tuple[str, str]] = []
        looked = 0
        tokens = list(_SYLLABLE.finditer(text))
        toned_text = vntext.has_tone_marks(text)
        out, end = [], 0
        for i, m in enumerate(tokens):
            word = m.group(0)
            out.append(text[end : m.start()])
            end = m.end()
            # a neighbour is the syllable next to it with nothing but spaces between; a part of a document number
            # (`QĐ` of `502/QĐ-ĐCKS`) is no slip
            left = tokens[i - 1].group(0) if i and not text[tokens[i - 1].end() : m.start()].strip() else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            right = after.group(0) if after and not text[m.end() : after.start()].strip() else ""
            in_number = (
                text[max(m.start() - 1, 0) : m.start()] in _NUMBER_JOINS or text[m.end() : m.end() + 1] in _NUMBER_JOINS
            )
            kind = (
                None
                if in_number or looked >= self.max_syllables
                else self._slip(word, context, left, right, toned_text)
            )
            better = None
            if kind:
                looked += 1
                better = self._repaired(word, kind, context, left, right, toned_text)
            if better:
                fixes.append((word, better))
            out.append(better or word)
        out.append(text[end:])
        return "".join(out), fixes


class PairCounts(Protocol):
    """How often the corpus writes two syllables side by side (`ingest.vn.tones.ToneRestorer.seen`)."""

    def seen(self, first: str, second: str) -> int: ...


_NUMBER_JOINS = ("/", "-")
REAL_WORD_MIN = 5  # pairs a candidate must form with the neighbours to replace a dictionary syllable
ABBREVIATION_MIN = 4  # `UBDN`: shorter codes are too close to each other (`BTC`, `BCT`) to repair one into another


def _known_abbreviation(token: str, context: PairCounts, left: str, right: str) -> str | None:
    """The known abbreviation one edit (a wrong, missing, extra or swapped letter) from an unknown upper-case
    `token`: the only one, or the one the neighbours pair with (`UBDN tỉnh` -> `UBND`, not `UBDT`); else None."""
    from rapidfuzz.distance import OSA

    known = _abbreviations()
    if token in known:
        return None
    near = [a for a in sorted(known) if len(a) >= ABBREVIATION_MIN and OSA.distance(token, a) == 1]
    fit = {a: context.seen(left.lower(), a.lower()) + context.seen(a.lower(), right.lower()) for a in near}
    paired = [a for a in near if fit[a]]
    if len(near) == 1:
        return near[0]
    return max(paired, key=lambda a: fit[a]) if paired else None


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Upper-case abbreviations in use: data/abbreviations.tsv, the ministries' codes, the document types' codes."""
    from ingest.vn import doctypes, vocab

    codes = [r[3] for r in vocab.rows("ministries") if len(r) > 3 and r[3]]
    return frozenset(vntext.canonical(a) for a in (*vocab.column("abbreviations"), *codes, *doctypes.codes()))
