"""Where a question's interrogative stands: the place the answer takes in the sentence that answers it.

`Ai ký Quyết định 502?` is answered by `Nguyễn Văn A ký Quyết định 502`: the words around the interrogative are
the words around the answer. The interrogatives are data (`data/interrogatives.tsv`); a question typed without
tone marks is read through their tone-free forms, a single syllable (which other words share: `dau` is `đầu` as well
as `đâu`) only where interrogatives stand in Vietnamese, first or last (`ai ky ...`, `... o dau`), or after its noun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ingest.vn import vntext, vocab
from ingest.vn.words import FUNCTION_WORDS

_SYLLABLE = re.compile(r"\w+(?:[.,/]\w+)*%?", re.UNICODE)
_HEAD_NOUN = 2  # `loại tài sản nào`: at most this many syllables before `nào` name what it asks which one of


@dataclass(frozen=True)
class Token:
    """A syllable of a text: its lower-case form (tone-free, or as written) and where it is written."""

    flat: str
    start: int
    end: int


@dataclass(frozen=True)
class Asked:
    """The interrogative of a question: its tokens `[first, last)`, the noun `nào` asks about included (its
    tokens `[first, noun)`; `noun == first` for an interrogative without one)."""

    first: int
    last: int
    noun: int


def tokens(text: str, toned: bool = False) -> list[Token]:
    """The syllables of `text` with their offsets (numbers such as `5,0`, `30/9/2021` and `85%` stay one),
    tone-free, or `toned` in the canonical tone placement (`Cơ` and `có` are two words)."""
    form = (lambda w: vntext.canonical(w).lower()) if toned else (lambda w: vntext.strip_tones(w.lower()))
    return [Token(form(m.group(0)), m.start(), m.end()) for m in _SYLLABLE.finditer(text)]


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]:
    """(toned syllables, tone-free syllables, kind) of every interrogative, longest first."""
    out = [(tuple(p.lower().split()), tuple(vntext.strip_tones(p).split()), kind)
           for p, kind in vocab.rows("interrogatives")]  # fmt: skip
    return tuple(sorted(out, key=lambda r: -len(r[0])))


def is_polar(question: str) -> bool:
    """A yes-no question (`... có ... không?`, `... hay không?`, `... đã ... chưa?`, `Có phải ...?`): a frame
    closing or opening it, as written, or tone-free when the frame has more than one syllable (`hay khong`)."""
    words = [w.lower() for w in re.findall(r"\w+", vntext.canonical(question))]
    flat = [vntext.strip_tones(w) for w in words]

    def framed(kind: str, at: Callable[[int], slice]) -> bool:
        return any(tuple(words[at(len(p))]) == p or (len(f) > 1 and tuple(flat[at(len(f))]) == f)
                   for p, f, k in _phrases() if k == kind)  # fmt: skip

    return framed("polar", lambda n: slice(-n, None)) or framed("polar_open", lambda n: slice(0, n))


def asked(question: str, toks: list[Token]) -> Asked | None:
    """The first interrogative of the question among its tokens, or None (none, or a yes-no question)."""
    if not toks or is_polar(question):
        return None
    toned = [vntext.canonical(question[t.start : t.end]).lower() for t in toks]
    flat = [vntext.strip_tones(t.flat) for t in toks]
    marked = vntext.has_tone_marks(question)
    for i in range(len(toks)):
        for words, plain, kind in _phrases():
            if kind.startswith("polar"):
                continue
            n = len(words)
            hit = tuple(toned[i : i + n]) == words if marked else (
                tuple(flat[i : i + n]) == plain and (n > 1 or kind == "noun" or i in (0, len(toks) - 1))
            )  # fmt: skip
            if hit:
                first = i
                if kind == "noun":
                    while first > 0 and i - first < _HEAD_NOUN and flat[first - 1] not in FUNCTION_WORDS:
                        first -= 1
                return Asked(first, i + n, i)
    return None
