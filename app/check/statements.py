"""What the aligners share: a passage's facts, the source statement a fact stands in, and how much of a claim's
word pairs it says."""

from __future__ import annotations

from collections.abc import Callable

from app.check.topic import phrases, statement_around
from ingest import DocRecord, Index, Passage
from ingest.vn.fact_match import same_subject
from ingest.vn.facts import Fact
from ingest.vn.words import share


class StatementReader:
    """Reads source statements of one index (`facts_of` reads a passage's facts, cached by the caller)."""

    def __init__(
        self,
        index: Index,
        sees: bool,
        by_number: dict[str, DocRecord],
        facts_of: Callable[[Passage], list[Fact]],
        pairs: dict[str, set[str]] | None = None,
    ) -> None:
        self.index, self.sees, self.by_number, self.facts_of = index, sees, by_number, facts_of
        self.heur = index.settings.heuristics
        self._pairs = {} if pairs is None else pairs  # a source statement's word pairs, shared between readers

    def _says(self, pairs: set[str], p: Passage, f: Fact) -> float:
        """The share of the claim's word pairs (`pairs`) the statement around `f` has."""
        return share(pairs, self._statement_pairs(p, f))

    def _statement_pairs(self, p: Passage, f: Fact) -> set[str]:
        """The word pairs of the line or list item `f` stands in, read once per statement."""
        statement = statement_around(p.reading, f.start)
        if statement not in self._pairs:
            self._pairs[statement] = phrases(statement)
        return self._pairs[statement]

    def _same_subject(self, a: Fact, b: Fact) -> bool:
        return same_subject(a, b, self.heur.fact_min_overlap, self.heur.fact_max_ratio)

    def _citing(self, fact: Fact, passages: list[Passage]) -> list[tuple[Passage, Fact]]:
        """Where the passages cite the document number `fact` gives."""
        return [(p, f) for p in passages for f in self.facts_of(p) if f.kind == "docnum" and f.value == fact.value]
