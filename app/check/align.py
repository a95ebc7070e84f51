"""Aligning one fact of a claim with the facts the evidence states about the same subject, period and role.

A claim's value is checked against the statement that describes the same thing most closely: a document's own
metadata for its date and signer, the cited document for its number, else the source facts of the same kind
whose surrounding words, period and unit match. The verdict carries the source value that plays that role.
"""

from __future__ import annotations

from collections.abc import Callable

from app.check.references import ReferenceAligner
from app.check.report import FactVerdict
from app.check.statements import StatementReader
from app.check.topic import lead_in, phrases, shown, statement_around
from ingest import Condition, DocRecord, Index, Passage
from ingest.vn import layout, vntext
from ingest.vn.acts import act, says_act
from ingest.vn.fact_match import overlap, same_subject, same_unit
from ingest.vn.facts import Fact
from ingest.vn.words import share


def _of_its_period(fact: Fact, aligned: list[tuple[Passage, Fact]]) -> list[tuple[Passage, Fact]]:
    """A value stated for the claim's own period outranks any undated one; one stated for another period is
    another fact (`năm 2016 đạt 56 tỷ` is not contradicted by 2018's 250 tỷ)."""
    if not fact.years:
        return aligned
    return [(p, f) for p, f in aligned if f.years & fact.years] or [(p, f) for p, f in aligned if not f.years]


def _article(fact: Fact) -> str:
    """The article(s) a provision's key names (`44` of `44.5`)."""
    return fact.value.split(".")[0]


def _same_article_first(fact: Fact, aligned: list[tuple[Passage, Fact]]) -> list[tuple[Passage, Fact]]:
    """Of a list of references (a table cell's `Điều 28; Khoản 3 Điều 44`), those to the claimed provision's article."""
    if fact.kind != "provision":
        return aligned
    return [(p, f) for p, f in aligned if _article(f) == _article(fact)] or aligned


# values whose counterpart the statement saying the claim gives (who and which document are decided otherwise)
_STATEMENT_KINDS = ("date", "daymonth", "month", "quarter", "year", "number", "provision", "role")


def _same_act(fact: Fact, claim: str, p: Passage, f: Fact) -> bool:
    """The source statement around `f` names the act the claim's figure counts (or the claim names none)."""
    done = act(claim, fact.start)  # an item's act may stand in the lead-in it continues
    return says_act(done, statement_around(p.reading, f.start)) or says_act(done, lead_in(p.reading, f.start))


class FactAligner(StatementReader):
    """Checks single facts against passages of one index (`facts_of` reads a passage's facts, cached by the caller);
    document numbers go to `references`, which shares its statement cache."""

    def __init__(
        self, index: Index, sees: bool, by_number: dict[str, DocRecord], facts_of: Callable[[Passage], list[Fact]]
    ) -> None:
        super().__init__(index, sees, by_number, facts_of)
        self.references = ReferenceAligner(index, sees, by_number, facts_of, self._pairs)

    def check_fact(
        self, fact: Fact, relevant: list[Passage], claim: str, others: frozenset[str] = frozenset(), row: bool = False
    ) -> FactVerdict:
        """`supported`, `contradicted` or `unverified`, with the source fact and passage behind it (`claim` decides
        between equally close statements; `others`, the claim's values beside this one, are not its counterparts;
        `row`: the claim is a table row)."""
        meta = self._metadata_fact(fact)
        if meta is not None:
            return meta
        # the word pairs of the claim's statement holding the fact (`A (trong đó: ...); có 10 ...`: the `có 10 ...`
        # part; a table row is one record, whatever its cells list): what says the claim is measured on them
        own = not row and 0 <= fact.start < len(claim)
        pairs = phrases(statement_around(layout.unwrapped(claim), fact.start) if own else claim)
        reference = self.references.check_reference(fact, relevant, pairs) if fact.kind == "docnum" else None
        if reference is not None:
            return reference
        if fact.kind == "role":
            return self._check_role(fact, relevant, claim, pairs)
        aligned = _same_article_first(
            fact, [(p, f) for p in relevant for f in self.facts_of(p) if self._same_subject(fact, f)]
        )
        if fact.kind in ("body", "person") and aligned:
            # who did it: the passage describing the same task most closely decides
            aligned = [max(aligned, key=lambda pf: overlap(fact, pf[1]))]
        if aligned and fact.kind != "docnum":
            aligned = self._closest(fact, aligned, pairs)
        same = [(p, f) for p, f in aligned if f.value == fact.value]
        stated = self._in_its_statement(fact, relevant, claim, pairs, others)
        margin = self.heur.fact_tie_margin
        if same and not (stated and stated[1].value != fact.value and stated[2] > self._says(pairs, *same[0]) + margin):
            # (a like-worded statement elsewhere, say the next row of a task table, is outranked by the one saying
            # the claim with another value)
            return self._moved_year(fact, [same[0]], pairs) or FactVerdict(fact, "supported", same[0][1], same[0][0])
        settled = self._stated_or_moved(fact, stated, relevant, pairs)
        if settled is not None:
            return settled
        aligned = [(p, f) for p, f in aligned if f.value not in others] or aligned  # `1:10.000, 1:7.500`
        if fact.kind == "number":  # a figure of another act (`khoanh định 384 khu vực`) says nothing of `cắm mốc 42`
            aligned = [(p, f) for p, f in aligned if _same_act(fact, claim, p, f)]
        if aligned and (fact.kind != "docnum" or not self.references.corpus_has(fact)):
            p, f = (
                aligned[0]
                if fact.kind != "docnum"
                else max(aligned, key=lambda pf: (overlap(fact, pf[1]), self._says(pairs, *pf)))
            )
            if stated is not None and stated[2] > self._says(pairs, p, f) + margin:
                p, f = stated[0], stated[1]  # the statement saying the claim outranks a few like words
            return FactVerdict(fact, "contradicted", f, p)
        if stated is not None:
            return FactVerdict(fact, "contradicted", stated[1], stated[0])
        return FactVerdict(fact, "unverified")

    def _check_role(self, fact: Fact, relevant: list[Passage], claim: str, pairs: set[str]) -> FactVerdict:
        """Who, in a table row: the source row saying the claim's row (rows of one table differ by a few words, so
        no other row's like words decide) holds the counterpart, in the column of the same role."""
        stated = self._in_its_statement(fact, relevant, claim, pairs, frozenset())
        if stated is None:
            return FactVerdict(fact, "unverified")
        p, f, _ = stated
        return FactVerdict(fact, "supported" if f.value == fact.value else "contradicted", f, p)

    def _stated_or_moved(
        self, fact: Fact, stated: tuple[Passage, Fact, float] | None, relevant: list[Passage], pairs: set[str]
    ) -> FactVerdict | None:
        """Supported by the statement saying the claim, or its figure said there for another year; else None."""
        if stated is not None and stated[1].value == fact.value:
            return FactVerdict(fact, "supported", stated[1], stated[0])
        return self._moved_year(fact, [(p, f) for p in relevant for f in self.facts_of(p)], pairs)

    def _moved_year(self, fact: Fact, candidates: list[tuple[Passage, Fact]], pairs: set[str]) -> FactVerdict | None:
        """A figure a source statement saying the claim gives, the same value and unit, for another period: each
        side names a year the other does not, and that year is what is wrong (`Trong năm 2027, ... đạt
        291.881.108.667 đồng` against the same sentence for 2025; `Số tiền còn nợ năm 2021 chuyển sang năm 2025: X`
        against `... nợ năm 2024 chuyển sang năm 2025: X`)."""
        if fact.kind != "number" or not fact.years:
            return None
        for p, f in candidates:
            said, source = fact.years - f.years, f.years - fact.years
            if (f.kind == "number" and f.value == fact.value and same_unit(fact, f) and said and source
                    and self._says(pairs, p, f) >= self.heur.check_statement_min):  # fmt: skip
                return FactVerdict(Fact("year", min(said), f"năm {min(said)}", fact.start), "contradicted",
                                   Fact("year", min(source), f"năm {min(source)}", f.start), p)  # fmt: skip
        return None

    def _in_its_statement(
        self, fact: Fact, relevant: list[Passage], claim: str, pairs: set[str], others: frozenset[str]
    ) -> tuple[Passage, Fact, float] | None:
        """The counterpart of a value in the source statement that says the claim: the line or list item sharing
        at least `check_statement_min` of the claim's word pairs (the most), and in it the value of the same kind,
        period and unit nearest in the words beside it. An editor shortens and merges (`... quy mô nhỏ trước năm
        2030` for `... quy mô nhỏ bảo đảm an toàn, giảm thiểu ô nhiễm môi trường trước năm 2030`): the few words
        next to a value then say less than the statement it stands in."""
        if fact.kind not in _STATEMENT_KINDS:
            return None
        best: tuple[tuple[float, bool, float], Passage, Fact] | None = None
        for p in relevant:
            for f in self.facts_of(p):
                if not same_subject(fact, f, 0.0, self.heur.fact_max_ratio) or (
                    f.value != fact.value and f.value in others
                ):
                    continue
                said = self._says(pairs, p, f)
                rank = (said, fact.kind == "provision" and _article(f) == _article(fact), overlap(fact, f))
                if said >= self.heur.check_statement_min and (best is None or rank > best[0]):
                    best = (rank, p, f)
        if best is None or (fact.kind == "number" and not _same_act(fact, claim, best[1], best[2])):
            return None
        return best[1], best[2], best[0][0]

    def _closest(self, fact: Fact, aligned: list[tuple[Passage, Fact]], pairs: set[str]) -> list[tuple[Passage, Fact]]:
        """The statements that describe the same thing most closely decide, best first: a `30 ngày` of another
        procedure in the same decree neither supports nor contradicts this one's. Near ties in the words next to
        the value go to the line or list item that says most of the claim (`a) 5% ... Bộ ...; b) 15% ...`)."""
        margin = self.heur.fact_tie_margin
        aligned = _of_its_period(fact, aligned)
        if not aligned:  # every like value is of another period: `_moved_year` reads them
            return []
        top = max(overlap(fact, f) for _, f in aligned)
        near = [(p, f) for p, f in aligned if overlap(fact, f) >= top - margin]
        if len(near) == 1:
            return near
        # word pairs: a statement with every claim word but in other phrases says less
        stated = {id(f): self._statement_pairs(p, f) for p, f in near}
        said = {k: share(pairs, v) for k, v in stated.items()}
        best = max(said.values())
        near = [(p, f) for p, f in near if said[id(f)] >= best - margin]
        # then a figure stated for no case the claim leaves unnamed (`tăng thêm 25 ngày.` over `tăng thêm 10 ngày
        # đối với hồ sơ ... tận thu`: the claim states the general rule), then the statement that says least
        # besides the claim (`... có văn bản lấy ý kiến, ...` over the like-worded `... có văn bản lấy ý kiến quy
        # định tại điểm a khoản này, ...` of another procedure)
        return sorted(near, key=lambda pf: (-said[id(pf[1])], bool(pf[1].case - fact.case),
                                            -share(stated[id(pf[1])], pairs), -overlap(fact, pf[1])))  # fmt: skip

    def _metadata_fact(self, fact: Fact) -> FactVerdict | None:
        """A document's own date or signer, when the claim names an indexed document: check its metadata."""
        doc = self.by_number.get(fact.anchor)
        if doc is None or fact.kind not in ("date", "person"):
            return None
        field_name = "issued" if fact.kind == "date" else "signer"
        value = doc.meta.get(field_name)
        if not value:
            return None
        header = self.index.search(
            f"{doc.meta.get('number')} {value}",
            k=1,
            conditions=[Condition("doc_key", (doc.key,))],
            sees_restricted=self.sees,
        )
        passage = header[0] if header else None
        written = shown(Fact("date", value, value, 0)) if fact.kind == "date" else value
        src = Fact(fact.kind, value, written, 0)
        status = "supported" if vntext.strip_tones(value) == vntext.strip_tones(fact.value) else "contradicted"
        return FactVerdict(fact, status, src, passage)
