"""Document types (`Nghị quyết`, `Quyết định`, ...) and the codes written in document numbers (`NQ`, `QĐ`).

One table, `data/doc_types.tsv`, read by the header reader, the number parser, the abbreviation glossary, the
question reader and the checker alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ingest.vn import vntext, vocab


@dataclass(frozen=True)
class DocType:
    name: str  # `Quyết định`
    code: str  # `QĐ`, or "" when the type has no code
    cited: bool  # running text refers to documents of this type by number
    plain: bool = True  # the code is not also an everyday word, so it may be read outside a document number


@cache
def types() -> tuple[DocType, ...]:
    """Every type, in the table's order."""
    return tuple(
        DocType(r[0], r[1] if len(r) > 1 else "", len(r) > 2 and r[2] == "yes", not (len(r) > 3 and r[3] == "no"))
        for r in vocab.rows("doc_types")
    )


@cache
def names() -> tuple[str, ...]:
    return tuple(t.name for t in types())


@cache
def codes() -> dict[str, str]:
    """`QĐ` -> `Quyết định`, for every type that has a code."""
    return {t.code: t.name for t in types() if t.code}


@cache
def plain_codes() -> dict[str, str]:
    """The codes that may be read outside a document number (`QĐ 502`, `NQ` in running text)."""
    return {t.code: t.name for t in types() if t.code and t.plain}


@cache
def _by_flat_name() -> dict[str, DocType]:
    return {vntext.strip_tones(t.name): t for t in types()}


def code_of(name: str) -> str | None:
    """`Quyết định` (any tone marks or case) -> `QĐ`."""
    t = _by_flat_name().get(vntext.strip_tones(name).strip())
    return t.code or None if t else None


def of_words(words: str) -> str | None:
    """`quyet dinh` (any tone marks or case) -> `Quyết định`."""
    t = _by_flat_name().get(vntext.strip_tones(words).strip())
    return t.name if t else None


def alternation(cited: bool = True, flat: bool = False) -> str:
    """A regex alternation of the type names, longest first; tone-free lowercase when `flat`."""
    chosen = [t.name for t in types() if t.cited or not cited]
    if flat:
        chosen = [vntext.strip_tones(n) for n in chosen]
    return "|".join(sorted(dict.fromkeys(chosen), key=len, reverse=True))
