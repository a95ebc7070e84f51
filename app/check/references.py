"""Document references in a claim: the cited number against the document itself and the places citing it, and a
reference's number read with its date."""

from __future__ import annotations

import re

from app.check.bodies import citing
from app.check.report import FactVerdict
from app.check.statements import StatementReader
from app.check.topic import claim_terms, phrases
from ingest import Passage
from ingest.vn import identifiers, layout
from ingest.vn.fact_match import overlap
from ingest.vn.facts import Fact
from ingest.vn.words import share

_YEAR_PART = re.compile(r"-\d{4}-")  # a number key's year (`146-2025-qh15`)


class ReferenceAligner(StatementReader):
    """Checks the document numbers of claims against the index's documents and the passages citing them."""

    def corpus_has(self, fact: Fact) -> bool:
        """Whether any passage mentions this document number at all (a wrong number would not exist)."""
        return fact.value in self.by_number or bool(citing(self.index, fact.text, fact.value, self.sees))

    def check_reference(self, fact: Fact, relevant: list[Passage], pairs: set[str]) -> FactVerdict | None:
        """A document number: the cited document itself, or a passage citing it in like words, supports it; a
        rival number of the same type and issuer in closer words contradicts it; else None (aligned as a value)."""
        twin = self._stated_twin(fact, relevant, pairs)
        if twin is not None:
            return FactVerdict(fact, "contradicted", twin[1], twin[0])
        own = next((p for p in relevant if p.payload.number_key == fact.value), None)
        cited = self._citing(fact, relevant)
        rival = self._closer_reference(fact, relevant, max((overlap(fact, f) for _, f in cited), default=0.0), pairs)
        if rival is not None and own is None:
            # before a like-worded rival contradicts it, the places citing this very number anywhere are read
            # (the claim's own words may stand in a passage its search ranked below the rival's)
            cited += self._citing(fact, citing(self.index, fact.text, fact.value, self.sees))
            best = max((overlap(fact, f) for _, f in cited), default=0.0)
            rival = self._closer_reference(fact, relevant, best, pairs)
        if rival is not None and own is None:
            return FactVerdict(fact, "contradicted", rival[1], rival[0])
        if own is not None or any(overlap(fact, f) >= self.heur.check_cited_min for _, f in cited):
            return FactVerdict(fact, "supported", fact, own or cited[0][0])
        if fact.value in self.by_number and self._title_fits(fact):
            return FactVerdict(fact, "supported", fact, None)
        return None

    def _stated_twin(self, fact: Fact, relevant: list[Passage], pairs: set[str]) -> tuple[Passage, Fact] | None:
        """The number of the same series (year, type, issuer) in the source statement that says the claim, where
        no statement citing the claim's own number says it as nearly: an amending law's number one off (`được sửa
        đổi, bổ sung bởi Luật số 147/2025/QH15` for `146/2025/QH15`) is wrong however real the other law is."""
        # numbered within a year (`146/2025/QH15`): one off is a slip; a series without years (`02-NQ/TW`,
        # `10-NQ/TW`) holds documents of different years, one citing the other
        if not _YEAR_PART.search(fact.value):
            return None
        said = [(self._says(pairs, p, f), p, f) for p in relevant for f in self.facts_of(p)
                if f.kind == "docnum" and identifiers.same_series(f.value, fact.value)]  # fmt: skip
        if not said:
            return None
        best, p, f = max(said, key=lambda x: x[0])
        own = max((self._says(pairs, q, g) for q, g in self._citing(fact, relevant)), default=0.0)
        enough = best >= self.heur.check_statement_min and best > own + self.heur.fact_tie_margin
        return (p, f) if enough else None

    def numbers_read_with_dates(
        self, verdicts: list[FactVerdict], relevant: list[Passage], claim: str
    ) -> list[FactVerdict]:
        """A reference's number and date are read together (`Thông tư số 03/2026/TT-BNNMT ngày 01/01/2026`): a date
        that disagrees with its number, cited by a source beside another number of that year, type and issuer in a
        statement saying the claim, makes the number the wrong value and that other number the source value."""
        cited = {v.fact.value: v.fact for v in verdicts if v.fact.kind == "docnum"}
        dated = {id(v): cited[v.fact.anchor] for v in verdicts
                 if v.fact.kind == "date" and v.status == "contradicted" and v.fact.anchor in cited}  # fmt: skip
        if not dated:  # nearly every claim: no word pairs read
            return verdicts
        pairs = phrases(layout.unwrapped(claim))
        return [(self._dated_twin(dated[id(v)], v.fact, relevant, pairs) if id(v) in dated else None) or v
                for v in verdicts]  # fmt: skip

    def _dated_twin(self, number: Fact, date: Fact, relevant: list[Passage], pairs: set[str]) -> FactVerdict | None:
        """The other number cited with the claim's date, where that citation says the claim more closely than any
        place citing the claim's own number."""
        own = max((self._says(pairs, p, f) for p, f in self._citing(number, relevant)), default=0.0)
        for p in relevant:
            facts = self.facts_of(p)
            for f in facts:
                if f.kind != "date" or f.value != date.value or not identifiers.same_series(f.anchor, number.value):
                    continue
                said = self._says(pairs, p, f)
                if said >= self.heur.check_statement_min and said > own:
                    twin = next((n for n in facts if n.kind == "docnum" and n.value == f.anchor), None)
                    if twin is not None:
                        return FactVerdict(number, "contradicted", twin, p)
        return None

    def _closer_reference(
        self, fact: Fact, relevant: list[Passage], best_same: float, pairs: set[str]
    ) -> tuple[Passage, Fact] | None:
        """A reference of the same type and issuer with another number, in words that describe it clearly more
        closely than anywhere the cited number stands (`... ban hành kèm theo Nghị định số 41/2026/NĐ-CP`)."""
        rivals = [(p, f) for p in relevant for f in self.facts_of(p)
                  if f.kind == "docnum" and f.value != fact.value and self._same_subject(fact, f)]  # fmt: skip
        if not rivals:
            return None
        # equally close words: the statement that says the claim names the document meant
        p, f = max(rivals, key=lambda pf: (overlap(fact, pf[1]), self._says(pairs, *pf)))
        close = overlap(fact, f)
        return (
            (p, f) if close >= self.heur.check_reference_min and close > best_same + self.heur.fact_tie_margin else None
        )

    def _title_fits(self, fact: Fact) -> bool:
        """The indexed document with this number is what the claim says it is (its title shares the words
        around the number), or the claim says nothing about it."""
        doc = self.by_number[fact.value]
        title = claim_terms(doc.meta.get("title") or "")
        return not fact.context or not title or share(set(fact.context), title) >= self.heur.check_title_min
