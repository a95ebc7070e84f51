"""Check a draft report against the indexed sources: every date, number, document reference and name.

For each checkable claim: retrieve passages (hybrid search, plus the documents the claim names), keep those
about the same subject, line up the claim's facts with the passages' facts, and decide:
- supported: a passage states the same value in the same context;
- contradicted: passages state a different value for the same thing (or the content is in another document
  than the one the draft cites); the source value and passage are shown;
- unsupported: nothing in the corpus states it;
- internal_conflict: the draft states the same fact two ways, and the other place agrees with the sources.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from app.check.align import FactAligner
from app.check.bodies import BodyCheck
from app.check.claims import Claim
from app.check.report import EvidenceRef, FactVerdict, Finding, error_type
from app.check.topic import claim_terms, phrases, shown
from ingest import Condition, Index, Passage
from ingest.vn import attribution, gazetteer, identifiers, numbers
from ingest.vn.fact_match import same_unit
from ingest.vn.facts import Fact, extract
from ingest.vn.words import share

log = logging.getLogger(__name__)


_KIND_ORDER = (
    "docnum",
    "provision",
    "date",
    "daymonth",
    "month",
    "quarter",
    "year",
    "number",
    "person",
    "body",
    "role",
)
_STATED = ("number",)  # figures a claim states: each needs a source stating it, whatever the reference beside it


def _period_of(fact: Fact, missing: list[FactVerdict]) -> bool:
    """The year is the period of a figure no source states (`Đến hết năm 2019, ... 13 khu vực`): no fact of its
    own, so another year beside other words contradicts nothing, and the figure is unsupported."""
    return fact.kind == "year" and any(fact.value in m.fact.years for m in missing)


def _framed_by(fact: Fact, verdicts: list[FactVerdict]) -> bool:
    """The year is the period of the claim's figures, and every one of them is supported by a passage stating that
    year, in its text or in the heading it stands under (`2.3. Tầm nhìn đến năm 2045` over `Hoàn thành 100% ...`):
    another passage's year beside like words (`Đến năm 2025, ... 80%`) contradicts nothing."""
    if fact.kind != "year":
        return False
    year = re.compile(rf"(?<!\d){re.escape(fact.value)}(?!\d)")
    framed = [v for v in verdicts if v.fact.kind == "number" and fact.value in v.fact.years]
    return bool(framed) and all(
        v.status == "supported" and v.passage is not None and year.search(f"{v.passage.section}\n{v.passage.text}")
        for v in framed
    )


def _severity(f: Finding) -> int:
    """Contradicted first, then a figure no source states; a statement whose values simply were not found says
    nothing against the others (as within one sentence)."""
    if f.status == "contradicted":
        return 0
    return 1 if f.status == "unsupported" and f.kind else 2 if f.status == "supported" else 3


MIN_CLAUSE_WORDS = 6


def clauses(claim: Claim) -> list[Claim]:
    """The statements of a sentence an editor merged with `;` (`A; đồng thời, B`), each with its own facts (a body
    named in one is not the doer of the other's act); the sentence itself when it has one (a table row is one
    record)."""
    if claim.in_table or ";" not in claim.text:
        return [claim]
    out, start = [], 0
    for piece in claim.text.split(";"):
        lead = len(piece) - len(piece.lstrip())
        at, end = start + lead, start + len(piece)
        facts = [replace(f, start=f.start - at) for f in claim.facts if at <= f.start < end]
        if len(piece.split()) >= MIN_CLAUSE_WORDS:  # a statement with no value may still credit a body
            out.append(Claim(claim.id, piece.strip(), claim.location, facts))
        start = end + 1
    return out if len(out) >= 2 else [claim]


def _merged(first: list[Passage], then: list[Passage]) -> list[Passage]:
    """`first`, then the passages of `then` not among them."""
    seen = {p.id for p in first}
    return first + [p for p in then if p.id not in seen]


def _beside(fact: Fact, facts: list[Fact]) -> frozenset[str]:
    """The values of the other facts of its kind in the claim."""
    return frozenset(f.value for f in facts if f.kind == fact.kind and f is not fact)


def _stated_in(fact: Fact, stated: list[Fact]) -> bool:
    """Some passage states this very value of the same unit (in words too unlike the claim's to align: still not
    invented)."""
    return any(
        f.kind == fact.kind and f.value == fact.value and (f.kind != "number" or same_unit(fact, f)) for f in stated
    )


class Checker:
    """Checks claims against one index; passage facts are extracted once per passage."""

    def __init__(self, index: Index, sees_restricted: bool = True) -> None:
        self.index = index
        self.sees = sees_restricted
        self.heur = index.settings.heuristics
        self._facts: dict[str, list[Fact]] = {}
        self._subjects: dict[str, set[str]] = {}
        self._words: dict[str, set[str]] = {}
        self._pairs: dict[str, set[str]] = {}
        self.by_number = {}
        for d in index.documents(sees_restricted):
            if d.status == "indexed" and d.meta.get("number"):
                self.by_number[identifiers.doc_number_key(d.meta["number"])] = d
        self.bodies = BodyCheck(index, sees_restricted, self.by_number)
        self.aligner = FactAligner(index, sees_restricted, self.by_number, self.facts_of)

    def topical(self, text: str, p: Passage) -> float:
        """`topical()` with the passage's content syllables computed once per passage."""
        if p.id not in self._words:
            self._words[p.id] = claim_terms(p.text)
        return share(claim_terms(text), self._words[p.id])

    def phrasal(self, text: str, p: Passage) -> float:
        """Share of the text's content syllable pairs that the passage contains (how nearly it says the same)."""
        if p.id not in self._pairs:
            self._pairs[p.id] = phrases(p.text)
        return share(phrases(text), self._pairs[p.id])

    def facts_of(self, p: Passage) -> list[Fact]:
        if p.id not in self._facts:
            self._facts[p.id] = extract(p.reading, self.heur, p.payload.table_header, wrapped=False)
        return self._facts[p.id]

    def passages(self, claim: Claim) -> list[Passage]:
        # no boost for the documents the claim cites: the point is to find where the content really is
        k = self.heur.check_retrieve_k
        found = {p.id: p for p in self.index.search(claim.text, k=k, boost=False, sees_restricted=self.sees)}
        for key in {f.value for f in claim.facts if f.kind == "docnum" and f.value in self.by_number}:
            for p in self.index.search(
                claim.text, k=4, conditions=[Condition("number_key", (key,))], sees_restricted=self.sees
            ):
                found.setdefault(p.id, p)
        return sorted(found.values(), key=lambda p: -self.topical(claim.text, p))

    def attribution(self, claim: Claim, ranked: list[Passage]) -> Finding | None:
        """`Nghị quyết X xác định ...` when the content is really in document Y."""
        cited = [f for f in claim.facts if f.kind == "docnum" and f.value in self.by_number]
        attributed = claim.in_table or attribution.attribution(claim.text)
        if not cited or not attributed or not ranked:
            return None
        if not claim.in_table:  # the document the crediting words name, wherever they stand
            said = attributed.group(0)
            cited = [f for f in cited if f.text in said] or cited
        credited = cited[-1] if claim.in_table else cited[0]
        target = self.by_number[credited.value]
        body = (
            attribution.without_attribution(claim.text)
            if not claim.in_table
            else claim.text.replace(cited[0].text, " ")
        )
        if len(body.split()) < 3:  # the sentence is all reference: no content to place
            return None
        # where the content really is: search it without the reference to the document it is attributed to
        ranked = _merged(ranked, self.index.search(body, k=self.heur.check_retrieve_k, boost=False,
                                                   sees_restricted=self.sees))  # fmt: skip
        # the passage that says it most nearly as the draft does (word pairs, not only shared words: documents
        # of one field share their vocabulary)
        best = max(ranked, key=lambda p: (self.phrasal(body, p), self.topical(body, p)))
        own_best = max((self.phrasal(body, p) for p in ranked if p.payload.doc_key == target.key), default=0.0)
        if (
            best.payload.doc_key != target.key
            and self.topical(body, best) >= self.heur.check_attribution_min
            and own_best < self.heur.check_own_doc_ratio * self.phrasal(body, best)
        ):
            src = self.by_number.get(best.payload.number_key or "")
            label = src.meta.get("title") if src else best.title
            number = best.payload.number or best.doc
            return Finding(
                claim.id, claim.text, claim.location, "contradicted", "docnum", "wrong_document",
                draft_value=credited.text, source_value=f"{number} ({label})" if label else number,
                evidence=[EvidenceRef.of(best)], in_table=claim.in_table,
            )  # fmt: skip
        return None

    def about_same_subject(self, claim: Claim, p: Passage) -> bool:
        """Evidence for a claim about a province must be about that province: a report of another province (or
        a national text that does not name it) can neither support nor contradict its figures."""
        named = self._provinces(claim.text)
        return not named or self.about_provinces(named, p)

    def about_provinces(self, named: set[str], p: Passage) -> bool:
        """The passage is about one of the provinces `named`: its document's province, or one its text names."""
        own = p.payload.province
        mentioned = set(gazetteer.provinces_in(p.text)) | ({own} if own else set())
        return bool(mentioned & named)

    def figures_about(self, claim: Claim, p: Passage) -> set[str] | None:
        """The figures passage `p` states of the provinces the claim names: None (all of them) for a report of one
        of them or a claim naming none; else those its sentences say of one: a report of another province that
        names one in passing (`... giáp tỉnh Yên Bái`) states none of its figures."""
        named = self._provinces(claim.text)
        if not named or p.payload.province in named:
            return None
        return gazetteer.figures_said_of(p.text, named)

    def _said_of_its_subject(self, claim: Claim, v: FactVerdict) -> FactVerdict:
        """A figure supported by another province's report, which says it of another province (`Thanh tra tỉnh Lào
        Cai: 01 cuộc` for the claim's `Thanh tra tỉnh Yên Bái: 01 cuộc`), is not supported: no source says it of
        the claim's (a text of no province, a strategy, names its province anywhere in the sentence)."""
        if v.fact.kind != "number" or v.status != "supported" or v.passage is None or not v.passage.payload.province:
            return v
        of_it = self.figures_about(claim, v.passage)
        return v if of_it is None or numbers.canonical(v.fact.text) in of_it else FactVerdict(v.fact, "unverified")

    def _provinces(self, text: str) -> set[str]:
        if text not in self._subjects:
            self._subjects[text] = set(gazetteer.provinces_in(text))
        return self._subjects[text]

    def check_claim(self, claim: Claim) -> Finding | None:
        """The claim's finding; None for a claim that only names a body when no source statement tells. A sentence
        of several statements (`...; đồng thời, ...`) is checked statement by statement, the worst verdict kept."""
        wrong_issuer = self.bodies.wrong_issuer(claim.id, claim.text, claim.location, claim.in_table)
        if wrong_issuer:
            return wrong_issuer
        ranked = [p for p in self.passages(claim) if self.about_same_subject(claim, p)]
        credited = self.attribution(claim, ranked)
        parts = clauses(claim)
        if credited or len(parts) == 1:
            return credited or self.verdict(claim, ranked)
        # each statement's own search first, then the whole sentence's: a list merged with `;` (`Cấp 08 bản xác
        # nhận ...; 02 quyết định thu hồi ...`) is found by its whole words, not by a short item alone
        found = [self.verdict(c, _merged([p for p in self.passages(c) if self.about_same_subject(c, p)], ranked))
                 for c in parts]  # fmt: skip
        found = [f for f in found if f is not None]
        if not found:
            return None
        worst = min(found, key=_severity)
        worst.claim = claim.text
        return worst

    def check_against(self, claim: Claim, passages: list[Passage]) -> Finding | None:
        """The same verdict for a sentence that names its own sources (a model's answer): only those passages are
        evidence, and only those about the sentence's subject."""
        wrong_issuer = self.bodies.wrong_issuer(claim.id, claim.text, claim.location, claim.in_table)
        return wrong_issuer or self.verdict(claim, [p for p in passages if self.about_same_subject(claim, p)])

    def verdict(self, claim: Claim, ranked: list[Passage]) -> Finding | None:
        """Supported, contradicted or unsupported by `ranked` (passages about the claim's subject, best first)."""
        relevant = [p for p in ranked if self.topical(claim.text, p) >= self.heur.check_topic_min]
        verdicts = [self.aligner.check_fact(f, relevant, claim.text, _beside(f, claim.facts), claim.in_table)
                    for f in claim.facts]  # fmt: skip
        verdicts = self.aligner.references.numbers_read_with_dates(verdicts, relevant, claim.text)
        verdicts = [self._said_of_its_subject(claim, v) for v in verdicts]
        body = self.bodies.verdict(claim.text, relevant, frozenset(f.text for f in claim.facts if f.kind == "role"))
        if body is not None:
            verdicts.append(body)
        elif not claim.facts:
            return None
        contradicted = [v for v in verdicts if v.status == "contradicted"]
        supported = [v for v in verdicts if v.status == "supported"]
        stated = [f for p in relevant for f in self.facts_of(p)]
        missing = [v for v in verdicts if v.status == "unverified" and v.fact.kind in _STATED
                   and not _stated_in(v.fact, stated)]  # fmt: skip
        contradicted = [v for v in contradicted if not (_period_of(v.fact, missing) or _framed_by(v.fact, verdicts))]
        finding = Finding(claim.id, claim.text, claim.location, "unsupported", in_table=claim.in_table)
        if contradicted:
            # a statement saying all the rest of the claim with another body explains any value that differs
            worst = body if body in contradicted else min(contradicted, key=lambda v: _KIND_ORDER.index(v.fact.kind))
            fact, src, passage = worst.fact, worst.source, worst.passage
            finding.status, finding.kind = "contradicted", fact.kind
            finding.error_type = error_type(fact.kind)
            finding.draft_value, finding.source_value = shown(fact), src and shown(src)
            if fact.kind == "provision" and src is not None:
                # one clause of a list changed: the clause is the value, in the draft and in the source
                parts = identifiers.provision_difference(fact.text, src.text)
                finding.draft_value, finding.source_value = parts or (finding.draft_value, finding.source_value)
            finding.evidence = [EvidenceRef.of(passage)] if passage else []
        elif supported and not missing:
            finding.status = "supported"
            finding.evidence = [EvidenceRef.of(v.passage) for v in supported[:1] if v.passage is not None]
        else:
            # a figure no passage about the subject states is unsupported, however real the reference
            # or the other values beside it (`Nghị định ... rút ngắn 30% thời gian` when no source says 30%)
            if missing:
                finding.kind, finding.draft_value = missing[0].fact.kind, shown(missing[0].fact)
            finding.evidence = [EvidenceRef.of(p) for p in ranked[:2]]
        return finding
