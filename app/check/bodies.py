"""Who did it, in any sentence: the bodies a claim names against the source statement that says the rest of it.

Two checks, both by the general rule of the genre rather than by a verb list:
- a document credited to a body (`Thông tư số 31/2025/TT-BCT ... của Bộ Tư pháp`, `do Bộ X ban hành`) is
  compared with its issuer: the issuer code of its number (`BCT` is Bộ Công Thương; Nghị định 30/2020/NĐ-CP,
  Phụ lục I), else the indexed document's own header;
- a body named anywhere else (`... nộp hồ sơ đến Sở X`, `... do Bộ Y vận hành`) is compared with the bodies of
  the source sentence that says the rest of the claim most nearly: a body that no such sentence names, where
  one names another, is contradicted by it.
"""

from __future__ import annotations

import logging

from app.check.report import EvidenceRef, FactVerdict, Finding
from app.check.topic import phrases
from ingest import Condition, DocRecord, Heuristics, Index, Passage
from ingest.vn import attribution, gazetteer, identifiers, vntext
from ingest.vn.facts import Fact
from ingest.vn.words import share

log = logging.getLogger(__name__)

Spans = list[tuple[int, int, str]]


def _without(text: str, spans: Spans) -> str:
    for start, end, _ in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def citing(index: Index, number: str, key: str, sees_restricted: bool) -> list[Passage]:
    """Passages that cite the document number `number` (canonical `key`) among those a search for it finds."""
    found = index.search(number, k=5, sees_restricted=sees_restricted)
    return [p for p in found if key in {n.key for n in identifiers.find_doc_numbers(p.text)}]


def issuers(number: identifiers.DocNumber, rec: DocRecord | None) -> list[str]:
    """Who issued a document: the ministries its number's issuer codes stand for, else its header's issuer."""
    named = [m for m in (gazetteer.ministry_of_code(c) for c in identifiers.issuer_codes(number.text)) if m]
    if named:
        return named
    issuer = rec.meta.get("issuer") if rec is not None else None
    return [issuer] if issuer else []


def _unmatched(named: list[str], keys: list[str]) -> list[str]:
    """The source's bodies left when each of the claim's (`keys`) takes one naming it: a body named twice in the
    source (`... của Bộ trưởng Bộ X, ... được Bộ X chấp thuận`) and once in the claim was replaced once."""
    left = list(keys)
    out = []
    for b in named:
        k = gazetteer.body_key(b)
        hit = next((i for i, c in enumerate(left) if gazetteer.same_body(k, c)), None)
        if hit is None:
            out.append(b)
        else:
            left.pop(hit)
    return out


class BodyCheck:
    """The body checks of one draft check: the index, what the user may see, the indexed documents by number key."""

    def __init__(self, index: Index, sees_restricted: bool, by_number: dict[str, DocRecord]) -> None:
        self.index, self.sees, self.by_number = index, sees_restricted, by_number
        self.heur: Heuristics = index.settings.heuristics
        self._sentences: dict[str, list[tuple[str, Spans]]] = {}
        self._credits: dict[str, list[str]] = {}  # document number key -> bodies the sources credit it to

    def wrong_issuer(self, claim_id: str, text: str, location: str, in_table: bool) -> Finding | None:
        """A document the claim credits to a body that did not issue it."""
        for credit in attribution.credits(text):
            rec = self.by_number.get(credit.number.key)
            truth = issuers(credit.number, rec)
            if any(gazetteer.same_body(credit.key, gazetteer.body_key(t)) for t in truth):
                continue
            said = self._source_credits(credit.number)  # searched only when the issuer code or header disagrees
            truth = truth or (said if len({gazetteer.body_key(b) for b in said}) == 1 else [])
            if not truth or any(gazetteer.same_body(credit.key, gazetteer.body_key(b)) for b in said):
                continue  # (a source crediting it so too: the draft repeats the source)
            return Finding(
                claim_id, text, location, "contradicted", "body", "wrong_issuer",
                draft_value=credit.body, source_value=truth[0],
                evidence=[EvidenceRef.of(p) for p in self._about(credit.number, rec)[:1]], in_table=in_table,
            )  # fmt: skip
        return None

    def _source_credits(self, number: identifiers.DocNumber) -> list[str]:
        """The bodies the sources credit a document to where they cite it (`Văn bản số 206/UBND-KT ngày ... của
        UBND tỉnh Lào Cai`): who issued a document the index only cites."""
        if number.key not in self._credits:
            self._credits[number.key] = sorted({
                c.body for p in citing(self.index, number.text, number.key, self.sees)
                for c in attribution.credits(p.reading) if c.number.key == number.key
            })  # fmt: skip
        return self._credits[number.key]

    def _about(self, number: identifiers.DocNumber, rec: DocRecord | None) -> list[Passage]:
        """Where the document's issuer shows: its own header, else a passage that cites its number."""
        if rec is not None:
            return self.index.search(number.text, k=1, conditions=[Condition("doc_key", (rec.key,))],
                                     sees_restricted=self.sees)  # fmt: skip
        return citing(self.index, number.text, number.key, self.sees)

    def statements(self, p: Passage) -> list[tuple[str, Spans]]:
        """The passage's sentences that name a body, with the bodies' places."""
        if p.id not in self._sentences:
            out = []
            for s in vntext.sentences(p.reading):
                spans = gazetteer.bodies_in(s)
                if spans:
                    out.append((s, spans))
            self._sentences[p.id] = out
        return self._sentences[p.id]

    def verdict(self, text: str, relevant: list[Passage], roles: frozenset[str] = frozenset()) -> FactVerdict | None:
        """The claim's bodies against the closest source statement's: supported, contradicted, or None when no
        statement says the rest of the claim nearly enough to tell (`roles`: the cells naming who a table row gives
        in a column of its own, checked against the same column)."""
        credited = {c.start for c in attribution.credits(text)}  # checked by `wrong_issuer`
        spans = [s for s in gazetteer.bodies_in(text) if s[0] not in credited and not any(s[2] in r for r in roles)]
        if not spans:
            return None
        heur = self.heur
        pairs = phrases(_without(text, spans))
        scored = [(share(pairs, phrases(_without(s, ss))), s, ss, p) for p in relevant for s, ss in self.statements(p)]
        if not pairs or not scored:
            return None
        best = max(sc for sc, *_ in scored)
        if best < heur.check_body_statement_min:
            return None
        near = [x for x in scored if x[0] >= best - heur.fact_tie_margin]
        closest = max(near, key=lambda x: x[0])
        said = {gazetteer.body_key(b) for _, _, ss, _ in near for *_, b in ss}
        keys = [gazetteer.body_key(written) for *_, written in spans]
        for (start, _end, written), key in zip(spans, keys, strict=True):
            if any(gazetteer.same_body(key, k) for k in said):
                continue
            others = _unmatched([b for *_, b in closest[2]], keys)
            if not others:
                return None
            source = Fact("body", gazetteer.body_key(others[0]), others[0], 0)
            return FactVerdict(Fact("body", key, written, start), "contradicted", source, closest[3])
        start, _end, written = spans[0]
        return FactVerdict(Fact("body", keys[0], written, start), "supported", Fact("body", keys[0], written, 0),
                           closest[3])  # fmt: skip
