"""Vietnamese administrative abbreviations and their expansions (both directions feed the sparse index).

`TN&MT` in a question finds `Tài nguyên và Môi trường` in a document and the other way round, because
documents and queries both get the expansions of the abbreviations they contain.
"""

from __future__ import annotations

import re

from ingest.vn import doctypes, vocab

# Bodies and terms (data/abbreviations.tsv) and the codes of document types (data/doc_types.tsv).
ABBREVIATIONS: dict[str, str] = {**doctypes.plain_codes(), **dict(vocab.rows("abbreviations"))}
_TOKEN = re.compile(
    r"(?<![\w&-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w&])"
)


def expansions(text: str) -> list[str]:
    """Full forms of the abbreviations written in `text` (once each, in order of appearance)."""
    return list(dict.fromkeys(ABBREVIATIONS[m.group(1)] for m in _TOKEN.finditer(text)))


def spelled_out(text: str) -> str:
    """`text` with each abbreviation replaced by its full form in place (`UBND tỉnh` -> `Ủy ban nhân dân tỉnh`)."""
    return _TOKEN.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def expand_query(question: str) -> str:
    """The question with the full forms of its abbreviations appended."""
    extra = expansions(question)
    return f"{question} ({'; '.join(extra)})" if extra else question
