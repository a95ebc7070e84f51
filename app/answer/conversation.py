"""Conversations: follow-up questions resolved against earlier turns (the stored history is `app.service.history`).

A follow-up (`Còn tỉnh Yên Bái thì sao?`, `Ai ký văn bản đó?`) leans on the previous turn. With a model
endpoint the model rewrites it into a standalone question; without one (or when the rewrite fails) the
subject of the previous turn is carried over by rule: a new province, ministry, year or document replaces the
old one in the previous question, and a question that names none inherits the previous turn's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.answer import llm
from ingest import Index, LlmSettings
from ingest.query import understand
from ingest.vn import followups
from ingest.vn.words import content_words, share

log = logging.getLogger(__name__)

REWRITE_SYSTEM = (
    "Viết lại câu hỏi cuối cùng thành một câu hỏi đầy đủ, tự đứng được một mình, dựa vào các lượt hỏi đáp trước. "
    "Chỉ viết câu hỏi đã viết lại, không giải thích."
)


@dataclass
class Turn:
    """What a later turn needs from an earlier one."""

    question: str  # as asked
    resolved: str  # as understood (standalone)
    answer: str = ""


def carry_over(question: str, previous: Turn) -> str:
    """The follow-up made standalone by rule (no model).

    `Còn tỉnh Yên Bái thì sao?` (only a new subject) is the previous question with that subject swapped in;
    a follow-up with a question of its own (`Ai ký văn bản đó?`) keeps it and inherits the previous turn's
    subject: its document, province, ministry or year, from its question or, failing that, its answer.
    """
    if not followups.is_follow_up(question):
        return question
    asked = understand(question)
    new, old = asked.subjects(), understand(previous.resolved).subjects()
    answered = understand(previous.answer).subjects()
    for kind in ("docnum", "province", "ministry"):
        old[kind] = old[kind] or answered[kind][:1]
    core = followups.without_cues(question)
    subject_only = len(content_words(core)) <= 3 and any(new.values())
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
    if not turns or not followups.is_follow_up(question):
        return question
    if use_llm is not False and index.settings.llm.enabled:
        rewritten = rewrite_follow_up(index.settings.llm, question, turns[-3:])
        if rewritten:
            return rewritten
    return carry_over(question, turns[-1])


def rewrite_follow_up(settings: LlmSettings, question: str, turns: list) -> str | None:
    """The model's standalone form of a follow-up question, if it gives a plausible one."""
    history = "\n".join(f"Hỏi: {t.resolved}\nĐáp: {t.answer[:300]}" for t in turns)
    try:
        text = llm.complete(settings, REWRITE_SYSTEM, f"{history}\nHỏi: {question}\nCâu hỏi viết lại:")
    except llm.LlmError as exc:
        log.info("follow-up rewrite failed: %s", exc)
        return None
    text = text.strip().split("\n")[0].strip(' "“”')
    keep = content_words(question) - followups.cue_words()
    if not text or len(text) > 400 or (keep and share(keep, content_words(text)) < 0.5):
        return None
    return text
