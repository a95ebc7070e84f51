"""Evidence matching as ../shared/eval/README.md defines it (strict substring, relaxed >= 50% overlap)."""

from __future__ import annotations

from difflib import SequenceMatcher

from ingest.vn.vntext import match_form

RELAXED_SHARE = 0.5


def evidence_match(evidence: str, passage: str) -> str | None:
    """`strict` if the normalised evidence is a substring, `relaxed` if a common run covers >= 50%, else None."""
    ev, text = match_form(evidence), match_form(passage)
    if not ev:
        return None
    if ev in text:
        return "strict"
    m = SequenceMatcher(None, ev, text, autojunk=False).find_longest_match(0, len(ev), 0, len(text))
    return "relaxed" if m.size >= RELAXED_SHARE * len(ev) else None


def answer_covers(q: dict, text: str) -> bool:
    """The text holds the question's evidence and, for a comparison, the other subject's evidence too."""
    spans = [q["evidence"]] + ([q["also"]["evidence"]] if q.get("also") else [])
    return all(evidence_match(e, text) is not None for e in spans)
