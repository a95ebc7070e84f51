"""Query understanding, done once: a question becomes one typed `Query` that search, answering and checking share.

What it reads from the question:
- the text in canonical form, typos repaired (the repairs listed), tone marks restored to a question typed
  without them (`Index.understand`), whether it carries tone marks;
- identifiers (document numbers, dates, `QĐ 502`-style references) and the abbreviations' full forms;
- the subject it names: provinces, ministries, years, and (filled in by `Index.understand`) indexed documents;
- the kind of answer it wants (a number, a date, a duration, a person, a signer, a document, a list) and the
  unit of a quantity; intent is read from the toned words when the question has tone marks (`mấy` asks for a
  count, `máy móc` does not), and from the tone-free form otherwise, where dictionary words decide
  (`may moc` is a word in the dictionary, so it is not `mấy`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.vn import dates, gazetteer, glossary, identifiers, questions, statements, vntext
from ingest.vn.words import STOP, content_bigrams, flat_syllables


@dataclass
class Query:
    """A question, understood once."""

    asked: str  # as typed
    text: str  # canonical, typos repaired
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)
    toned: bool = True
    restored: bool = False  # typed without tone marks, read with the corpus's (`text` carries them)
    expanded: str = ""  # `text` plus the full forms of its abbreviations (what the vectors are built from)
    doc_keys: set[str] = field(default_factory=set)  # number keys of documents written out in the question
    doc_numbers: list[str] = field(default_factory=list)  # those numbers as written (`502/QĐ-ĐCKS`)
    named: set[str] = field(default_factory=set)  # number keys of indexed documents the question names
    described: set[str] = field(default_factory=set)  # or the key of the one it describes (`ingest.vn.described`)
    provinces: list[str] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # every year named, periods filled in
    years_written: list[str] = field(default_factory=list)  # the years as written, in order
    parts: list[str] = field(default_factory=list)  # `Phụ lục II`, `Điều 5` named in it (tone-free, lowercased)
    # agent | number | duration | date | when | signer | person | docref | list | summary | definition | how
    wants: str | None = None
    unit: tuple[str, ...] | None = None
    role: set[str] = field(default_factory=set)  # `ai là Tổ trưởng`: the role asked about (bigrams)
    role_head: str = ""  # the position itself when the question names one (`to truong`, `truong ban`)
    asked_type: str | None = None  # `Quyết định nào` -> Quyết định
    asked_body: str | None = None  # `Bộ nào` -> ministry, `Tỉnh nào` -> province, `Cơ quan nào` -> body
    compares: bool = False  # `so sánh`, `nhiều hơn`, `từng tỉnh`: the question compares its subjects
    terms: set[str] = field(default_factory=set)  # tone-free content syllables
    bigrams: set[str] = field(default_factory=set)

    @property
    def flat(self) -> str:
        return questions.flat_form(self.text)

    def subjects(self) -> dict[str, list[str]]:
        """What the question is about, as written, by kind: what a follow-up may swap or inherit."""
        return {
            "province": list(self.provinces),
            "ministry": list(self.ministries),
            "docnum": list(self.doc_numbers),
            "year": list(self.years_written),
        }

    def correction_note(self) -> str:
        """`Đã hiểu "quyte" là "quyết" (sửa lỗi gõ).` for the user, or an empty string."""
        pairs = ", ".join(f'"{typed}" là "{read}"' for typed, read in self.corrections)
        return f"Đã hiểu {pairs} (sửa lỗi gõ)." if pairs else ""


def understand(asked: str, text: str | None = None, corrections: list[tuple[str, str]] | None = None) -> Query:
    """Read everything the question says about what it wants. `text` is the repaired question, if repaired."""
    text = vntext.canonical(text if text is not None else asked).strip()
    toned = vntext.has_tone_marks(text)
    flat = flat_syllables(text)
    q = questions.flat_form(text)
    phrase, names_position = questions.role(q)
    # a number typed in lower case (`502/qd-dcks`, as a question without tone marks often is) is still a number
    numbers = identifiers.find_doc_numbers(text) or identifiers.find_doc_numbers(text.upper())
    return Query(
        asked=asked,
        text=text,
        corrections=list(corrections or []),
        toned=toned,
        restored=toned and not vntext.has_tone_marks(asked),
        expanded=glossary.expand_query(text),
        doc_keys={n.key for n in numbers},
        doc_numbers=[n.text for n in numbers],
        provinces=gazetteer.provinces_in(text),
        ministries=gazetteer.ministries_in(text),
        years=dates.years_covered(text),
        years_written=dates.years_in(text),
        parts=questions.parts(q),
        wants=questions.wants(text, toned),
        unit=questions.unit(q),
        role=content_bigrams(phrase),
        role_head=" ".join(phrase[:2]) if names_position else "",
        asked_type=questions.asked_type(q),
        asked_body=questions.asked_body(q),
        compares=statements.compares(q),
        terms={s for s in flat if s not in STOP and len(s) > 1},
        bigrams=content_bigrams(flat),
    )
