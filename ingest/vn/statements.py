"""What a text states: a figure, a duration, a point in time, a condition, an agent, a title.

The answer reader asks these to decide whether a sentence gives the kind of value a question wants. Cues come
from `data/statements.tsv`, numerals from `data/number_words.tsv`, calendar words from `data/units.tsv`.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import dates, numbers, vntext, vocab
from ingest.vn.words import flat_syllables


@cache
def _when() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(vocab.column("statements", 1, where=(0, "when"))) + r")\b", re.IGNORECASE)


@cache
def _duration() -> re.Pattern[str]:
    count = "|".join([r"\d+", *numbers.spelt()])
    units = "|".join(dates.calendar_words())
    return re.compile(rf"(?:{count})\s+(?:{units})\b|thời hạn", re.IGNORECASE)


@cache
def _agents() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(vocab.column("statements", 1, where=(0, "agent"))) + r")\b")


@cache
def _compare() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(vocab.column("statements", 1, where=(0, "compare"))) + r")\b")


@cache
def titles() -> tuple[str, ...]:
    """Tone-free titles of office holders (`chu tich`, `to truong`)."""
    return vocab.column("statements", 1, where=(0, "title"))


@cache
def _restatement() -> re.Pattern[str]:
    """Tone-free: a draft typed without tone marks recaps the same way."""
    cues = (vntext.strip_tones(c) for c in vocab.column("statements", 1, where=(0, "restatement")))
    return re.compile(r"^\W*(?:" + "|".join(cues) + r")\s*,", re.IGNORECASE)


def said_again(text: str) -> str | None:
    """What the sentence says again, when it opens by saying it restates what was stated above (`Như đã nêu ở
    trên, X` -> `X`); None for any other sentence."""
    m = _restatement().search(vntext.strip_tones(text))
    return text[m.end() :].strip() if m else None


def states_number(text: str) -> bool:
    return bool(numbers.spelt_or_digit().search(text))


def states_duration(text: str) -> bool:
    return bool(_duration().search(text))


def states_date(text: str) -> bool:
    return bool(dates.dateish().search(text))


def states_when(text: str) -> bool:
    """A time or a condition (`khi`, `kể từ`, `trường hợp`, a calendar word)."""
    return bool(_when().search(text))


def agents_in(text: str) -> set[str]:
    """Tone-free names of who acts (`giam doc`, `uy ban`, `bo cong`) in `text`."""
    return {m.group(0) for m in _agents().finditer(" ".join(flat_syllables(text)))}


def compares(flat: str) -> bool:
    """A tone-free question that compares subjects (`so sanh`, `nhieu hon`, `tung tinh`)."""
    return bool(_compare().search(flat))


_CONDITION_THEN = re.compile(r"\sthì\s")  # `Trường hợp ... thì ...`: the condition before, the rule after


def split_condition(text: str) -> tuple[str, str]:
    """`<condition> thì <rule>` -> (condition, rule); ("", text) when the text states no condition."""
    m = _CONDITION_THEN.search(text)
    return (text[: m.start()], text[m.end() :]) if m else ("", text)
