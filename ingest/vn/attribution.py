"""Sentences that credit their content to a document: `Theo Nghị quyết X, ...`, `Nghị quyết X (của Y) xác định`.

Document types come from `data/doc_types.tsv`, the reporting verbs from `data/statements.tsv`.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import doctypes, vocab


@cache
def _pattern() -> re.Pattern[str]:
    types = f"(?:{doctypes.alternation()})"
    verbs = "|".join(vocab.column("statements", 1, where=(0, "attribution")))
    return re.compile(
        r"^(?:Theo\s+(?:quy định (?:tại|của)\s+)?" + types + r"\s+(?:số\s+)?\S+[^,]{0,80},"
        r"|(?:Theo\s+)?" + types + r"\s+(?:số\s+)?\S+\s+(?:của [^,]{3,40}?\s+)?(?:cũng\s+)?(?:" + verbs + r"))"
    )


def attribution(sentence: str) -> re.Match[str] | None:
    """The opening that credits the sentence to a document, if it has one."""
    return _pattern().search(sentence)


def without_attribution(sentence: str) -> str:
    """The sentence with its crediting opening blanked (what the document is said to state)."""
    return _pattern().sub(" ", sentence, count=1)
