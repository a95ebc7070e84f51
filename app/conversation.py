"""Conversations: follow-up questions resolved against earlier turns (the stored history is `app.history`).

A follow-up (`Còn tỉnh Yên Bái thì sao?`, `Ai ký văn bản đó?`) leans on the previous turn. With a model
endpoint the model rewrites it into a standalone question; without one (or when the rewrite fails) the
subject of the previous turn is carried over by rule: a new province, ministry, year or document replaces the
old one in the previous question, and a question that names none inherits the previous turn's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ingest import Index, gazetteer, identifiers, vntext

log = logging.getLogger(__name__)

# Cue words of a question that leans on the previous one (tone-free, as whole phrases).
_FOLLOW_UP = re.compile(
    r"^(?:con|the con|vay con|vay|the|con ve)\b|\bthi sao\b|\bthe nao\b|\bnhu vay\b|\b(?:do|nay|tren|ay)\s*\??$"
    r"|\b(?:van ban|quyet dinh|nghi quyet|bao cao|tinh|bo|co quan|tai lieu|noi dung|chi tieu|so lieu) (?:do|nay|tren|ay)\b"
)


@dataclass
class Turn:
    """What a later turn needs from an earlier one."""

    question: str  # as asked
    resolved: str  # as understood (standalone)
    answer: str = ""


def _subjects(text: str) -> dict[str, list[str]]:
    return {
        "province": gazetteer.provinces_in(text),
        "ministry": gazetteer.ministries_in(text),
        "docnum": [n.text for n in identifiers.find_doc_numbers(text)],
        "year": re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text),
    }


def is_follow_up(question: str) -> bool:
    flat = " ".join(vntext.strip_tones(s) for s in vntext.syllables(question))
    return bool(_FOLLOW_UP.search(flat)) or len(flat.split()) <= 4


_CUE_START = re.compile(r"^\s*(?:thế còn|vậy còn|còn về|còn|vậy thì|vậy|thế)\s+", re.IGNORECASE)
_CUE_END = re.compile(r"\s*(?:thì sao|thế nào|ra sao)\s*\??\s*$", re.IGNORECASE)


def _content_words(text: str) -> list[str]:
    from ingest import STOP

    return [w for w in (vntext.strip_tones(s) for s in vntext.syllables(text)) if w not in STOP and not w.isdigit()]


def carry_over(question: str, previous: Turn) -> str:
    """The follow-up made standalone by rule (no model).

    `Còn tỉnh Yên Bái thì sao?` (only a new subject) is the previous question with that subject swapped in;
    a follow-up with a question of its own (`Ai ký văn bản đó?`) keeps it and inherits the previous turn's
    subject: its document, province, ministry or year, from its question or, failing that, its answer.
    """
    if not is_follow_up(question):
        return question
    new, old = _subjects(question), _subjects(previous.resolved)
    answered = _subjects(previous.answer)
    for kind in ("docnum", "province", "ministry"):
        old[kind] = old[kind] or answered[kind][:1]
    core = _CUE_END.sub("", _CUE_START.sub("", question)).strip(" ?")
    subject_only = len(_content_words(core)) <= 3 and any(new.values())
    if subject_only:
        replaced, swapped = previous.resolved, False
        for kind in ("province", "ministry", "docnum", "year"):
            if new[kind] and old[kind]:
                for o, n in zip(old[kind], new[kind], strict=False):
                    replaced = replaced.replace(o, n)
                swapped = True
        if swapped:
            return replaced
    inherited = [v for kind in ("docnum", "province", "ministry", "year") for v in old[kind] if not new[kind]]
    core = core[:1].upper() + core[1:]
    return f"{core} ({', '.join(dict.fromkeys(inherited))})?" if inherited else f"{core}?"


def resolve(index: Index, question: str, history: list[Any], use_llm: bool | None) -> str:
    """The standalone form of `question` given the earlier turns (most recent last)."""
    turns = [t if isinstance(t, Turn) else Turn(t.question, t.resolved or t.question, t.answer) for t in history]
    if not turns or not is_follow_up(question):
        return question
    if use_llm is not False and index.settings.llm.enabled:
        from app import generate

        rewritten = generate.rewrite_follow_up(index.settings.llm, question, turns[-3:])
        if rewritten:
            return rewritten
    return carry_over(question, turns[-1])
