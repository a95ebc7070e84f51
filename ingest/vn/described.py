"""Which indexed document a question names by what it is rather than by its number.

Official writing cites a document by type, number, date, issuer and subject (`Quyết định số 334/QĐ-TTg ngày 01
tháng 4 năm 2023 của Thủ tướng Chính phủ phê duyệt Chiến lược ...`; Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I).
A question that leaves the number out keeps some of the rest: `Chiến lược do Thủ tướng phê duyệt năm 2023`, `Luật
sửa đổi năm 2025`, `Nghị quyết của Bộ Chính trị năm 2022`. A document is described when the question states the
year it was issued (or any year, when the document's own date is left blank) and also its type or its issuer, and
no other document fits as well (the facets it matches first, then the word pairs of its title the question
repeats); several documents fitting equally name none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ingest.vn import dates, doctypes, gazetteer, glossary, vntext, vocab
from ingest.vn.words import content_bigrams, flat_syllables

# documents fitting a question by the same facets are told apart by their titles only when one title shares this
# many more word pairs with it (`kỹ thuật an toàn` fits a circular and the one amending it alike)
TITLE_MARGIN = 2


@dataclass(frozen=True)
class DocFacets:
    """What a question may say of one document instead of its number."""

    key: str  # the document's key in the index
    type_name: str | None  # `Quyết định`
    issuer: str | None  # the issuer's body key (`gazetteer.body_key`)
    issuer_words: str  # its tone-free lowercase words (`thu tuong chinh phu`)
    year: int | None  # the year it was issued
    title: frozenset[str]  # tone-free syllable pairs of its title, beyond type names and its issuer's name

    @classmethod
    def of(cls, key: str, meta: dict) -> DocFacets:
        issuer, year = meta.get("issuer"), meta.get("year")
        return cls(key, meta.get("doc_type"), gazetteer.body_key(issuer) if issuer else None,
                   " ".join(flat_syllables(issuer or "")), int(year) if year else None,
                   frozenset(_pairs(meta.get("title") or "") - _pairs(issuer or "") - _type_pairs()))  # fmt: skip


def _pairs(text: str) -> set[str]:
    """Tone-free syllable pairs that say what a text is about (a date's or number's are not)."""
    return {p for p in content_bigrams(flat_syllables(text)) if not any(c.isdigit() for c in p)}


@cache
def _type_pairs() -> set[str]:
    return {p for name in doctypes.names() for p in _pairs(name)}


@cache
def _types() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{doctypes.alternation(cited=False, flat=True)})(?!\w)")


@cache
def _heads() -> tuple[str, ...]:
    """Body names' heads of two syllables or more, tone-free (`thu tuong`, `bo chinh tri`, `uy ban nhan dan`)."""
    heads = {" ".join(flat_syllables(h)) for h in vocab.column("bodies", 1, where=(0, "head"))}
    return tuple(sorted((h for h in heads if " " in h), key=len, reverse=True))


@cache
def _places() -> re.Pattern[str]:
    """A local body's place right after its head (`tinh lao cai`, `cap xa`)."""
    words = {" ".join(flat_syllables(w)) for w in vocab.column("bodies", 1, where=(0, "place"))}
    return re.compile(r"\s*(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)")


def _names_issuer(flat: str, bodies: set[str], d: DocFacets) -> bool:
    """The question names the document's issuer: a body read in it is that issuer, or, case and tone marks aside,
    it writes the issuer's name whole or its head alone with no place after it (`thu tuong phe duyet`)."""
    if not d.issuer:
        return False
    if any(gazetteer.same_body(b, d.issuer) for b in bodies) or re.search(
        rf"(?<!\w){re.escape(d.issuer_words)}(?!\w)", flat
    ):
        return True
    for head in _heads():
        if d.issuer_words.startswith(head):
            return any(not _places().match(flat, m.end()) for m in re.finditer(rf"(?<!\w){head}(?!\w)", flat))
    return False


def _facets(question: str) -> tuple[set[int], set[str], str, set[str], set[str]]:
    """The question's years, document types, tone-free words, bodies (body keys) and syllable pairs."""
    # abbreviations read as their full forms (`QĐ`, `UBND`, typed in lower case too)
    flat = " ".join(flat_syllables(glossary.written_abbreviations(question)))
    types = {name for m in _types().finditer(flat) if (name := doctypes.of_words(m.group(0)))}
    bodies = {gazetteer.body_key(b) for *_, b in gazetteer.bodies_in(vntext.canonical(question))}
    bodies |= set(gazetteer.ministries_in(question))
    years = {int(y) for y in dates.years_in(question)}
    return years, types, flat, bodies, _pairs(question)


def described(question: str, documents: Iterable[DocFacets]) -> set[str]:
    """The key of the one document the question describes by its year and its type or issuer, or none."""
    years, types, flat, bodies, words = _facets(question)
    if not years:
        return set()
    fits = []
    for d in documents:
        if d.year is not None and d.year not in years:
            continue  # (a copy whose date line is left blank, `ngày ... tháng ... năm`, may be the one)
        facets = (d.type_name in types) + _names_issuer(flat, bodies, d)
        if facets:
            fits.append(((facets, len(words & d.title)), d.key))
    fits.sort(reverse=True)
    if not fits:
        return set()
    if len(fits) > 1:
        (facets, said), (next_facets, next_said) = fits[0][0], fits[1][0]
        if facets == next_facets and said < next_said + TITLE_MARGIN:
            return set()
    return {fits[0][1]}
