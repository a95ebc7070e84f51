"""Follow-up questions: the cues that a question leans on the previous turn, and the words that carry none.

Cues come from `data/followups.tsv` (tone-free `lean` cues; toned `start` and `end` cue words).
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import vocab
from ingest.vn.words import flat_syllables

SHORT_QUESTION_WORDS = 4  # a question this short leans on the previous one whatever it says


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lean = "|".join(f"(?:{c})" for c in vocab.column("followups", 1, where=(0, "lean")))
    start = "|".join(vocab.column("followups", 1, where=(0, "start")))
    end = "|".join(vocab.column("followups", 1, where=(0, "end")))
    return (
        re.compile(lean),
        re.compile(rf"^\s*(?:{start})\s+", re.IGNORECASE),
        re.compile(rf"\s*(?:{end})\s*\??\s*$", re.IGNORECASE),
    )


def is_follow_up(question: str) -> bool:
    """`Còn tỉnh Yên Bái thì sao?`, `Ai ký văn bản đó?`, or any question of four words or fewer."""
    flat = " ".join(flat_syllables(question))
    return bool(_patterns()[0].search(flat)) or len(flat.split()) <= SHORT_QUESTION_WORDS


def without_cues(question: str) -> str:
    """The question without its opening and closing cue words (`Còn tỉnh Yên Bái thì sao?` -> `tỉnh Yên Bái`)."""
    _, start, end = _patterns()
    return end.sub("", start.sub("", question)).strip(" ?")


@cache
def cue_words() -> frozenset[str]:
    """Tone-free syllables of the opening and closing cue words (`con`, `vay`, `thi`, `sao`, ...)."""
    cues = [c for kind in ("start", "end") for c in vocab.column("followups", 1, where=(0, kind))]
    return frozenset(s for cue in cues for s in flat_syllables(cue.replace("|", " ")))
