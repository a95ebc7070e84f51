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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.claims import Claim, extract_claims
from app.facts import Fact, extract, overlap, same_subject
from ingest import (
    Condition,
    Heuristics,
    Index,
    IngestError,
    Passage,
    content_bigrams,
    flat_syllables,
    gazetteer,
    identifiers,
    vntext,
)

log = logging.getLogger(__name__)

MAX_DRAFT_MB = 20
_STOP = frozenset(
    "cua va cac nhung trong cho ve thi ma voi tu den nay do o tai de la co duoc da se dang theo so".split()
)
_DOC_TYPE = r"(?:Nghị quyết|Quyết định|Nghị định|Thông tư|Chỉ thị|Luật|Bộ luật|Thông báo|Kết luận|Kế hoạch|Công văn)"
# A claim that says where its content comes from: `Theo Nghị quyết X, ...`, `Nghị quyết X (của Y) xác định ...`.
_ATTRIBUTION = re.compile(
    r"^(?:Theo\s+(?:quy định (?:tại|của)\s+)?" + _DOC_TYPE + r"\s+(?:số\s+)?\S+[^,]{0,80},"
    r"|(?:Theo\s+)?" + _DOC_TYPE + r"\s+(?:số\s+)?\S+\s+(?:của [^,]{3,40}?\s+)?(?:cũng\s+)?(?:xác định|nhận định|giao|"
    r"khuyến khích|yêu cầu|đặt mục tiêu|quy định|đề ra|nêu|chỉ rõ|định hướng|đánh giá|nhấn mạnh|chủ trương))"
)
_KIND_ORDER = ("docnum", "date", "daymonth", "month", "year", "number", "person", "body")


@dataclass
class EvidenceRef:
    doc: str
    section: str
    page: int | None
    text: str

    @classmethod
    def of(cls, p: Passage) -> EvidenceRef:
        return cls(p.doc, p.section, p.page, p.text)


@dataclass
class Finding:
    id: str
    claim: str
    location: str
    status: str
    kind: str | None = None
    error_type: str | None = None
    draft_value: str | None = None
    source_value: str | None = None
    evidence: list[EvidenceRef] = field(default_factory=list)
    conflicts_with: str | None = None
    in_table: bool = False

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "claim": self.claim,
            "location": self.location,
            "status": self.status,
            "error_type": self.error_type,
            "draft_value": self.draft_value,
            "source_value": self.source_value,
            "conflicts_with": self.conflicts_with,
            "in_table": self.in_table,
            "evidence": [e.__dict__ for e in self.evidence],
        }


@dataclass
class CheckReport:
    draft: str
    findings: list[Finding]
    truncated: bool = False
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.status] = out.get(f.status, 0) + 1
        return out

    def as_json(self) -> dict:
        return {"draft": self.draft, "truncated": self.truncated, "seconds": round(self.seconds, 2),
                "findings": [f.as_json() for f in self.findings]}  # fmt: skip

    @classmethod
    def from_json(cls, d: dict) -> CheckReport:
        findings = []
        for f in d["findings"]:
            evidence = [EvidenceRef(**e) for e in f.get("evidence", [])]
            fields = {k: f.get(k) for k in Finding.__dataclass_fields__ if k not in ("evidence", "in_table", "kind")}
            findings.append(Finding(**fields, evidence=evidence, in_table=bool(f.get("in_table"))))
        return cls(d["draft"], findings, bool(d.get("truncated")), float(d.get("seconds", 0.0)))


def _content(text: str) -> set[str]:
    return {t for t in flat_syllables(text) if t not in _STOP and not t.isdigit()}


def _pairs(text: str) -> set[str]:
    return content_bigrams(flat_syllables(text))


def topical(claim: str, passage: str) -> float:
    """Share of the claim's content syllables that the passage contains."""
    return _share(_content(claim), _content(passage))


def _share(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def _statement(text: str, at: int) -> str:
    """The line or list item (`;`-separated) of `text` around offset `at`."""
    start = max(text.rfind("\n", 0, at), text.rfind(";", 0, at)) + 1
    ends = [i for i in (text.find("\n", at), text.find(";", at)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _fmt(fact: Fact) -> str:
    if fact.kind == "date":
        y, m, d = fact.value.split("-")
        return f"{int(d)}/{int(m)}/{y}"
    return fact.text


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
        self._docs = {}
        for d in index.documents(sees_restricted):
            if d.status == "indexed" and d.meta.get("number"):
                self._docs[identifiers.doc_number_key(d.meta["number"])] = d

    def topical(self, text: str, p: Passage) -> float:
        """`topical()` with the passage's content syllables computed once per passage."""
        if p.id not in self._words:
            self._words[p.id] = _content(p.text)
        return _share(_content(text), self._words[p.id])

    def phrasal(self, text: str, p: Passage) -> float:
        """Share of the text's content syllable pairs that the passage contains (how nearly it says the same)."""
        if p.id not in self._pairs:
            self._pairs[p.id] = _pairs(p.text)
        return _share(_pairs(text), self._pairs[p.id])

    def facts_of(self, p: Passage) -> list[Fact]:
        if p.id not in self._facts:
            self._facts[p.id] = extract(p.text, self.heur.fact_window)
        return self._facts[p.id]

    def passages(self, claim: Claim) -> list[Passage]:
        # no boost for the documents the claim cites: the point is to find where the content really is
        k = self.heur.check_retrieve_k
        found = {p.id: p for p in self.index.search(claim.text, k=k, boost=False, sees_restricted=self.sees)}
        for key in {f.value for f in claim.facts if f.kind == "docnum" and f.value in self._docs}:
            for p in self.index.search(
                claim.text, k=4, conditions=[Condition("number_key", (key,))], sees_restricted=self.sees
            ):
                found.setdefault(p.id, p)
        return sorted(found.values(), key=lambda p: -self.topical(claim.text, p))

    def corpus_has(self, fact: Fact) -> bool:
        """Whether any passage mentions this document number at all (a wrong number would not exist)."""
        if fact.value in self._docs:
            return True
        return any(fact.value in {n.key for n in identifiers.find_doc_numbers(p.text)}
                   for p in self.index.search(fact.text, k=5, sees_restricted=self.sees))  # fmt: skip

    def check_fact(self, fact: Fact, relevant: list[Passage], claim: str) -> tuple[str, Fact | None, Passage | None]:
        """`supported`, `contradicted` or `unverified`, with the source fact and passage behind it (`claim`: the
        text the fact stands in, which decides between equally close statements)."""
        meta = self._metadata_fact(fact)
        if meta is not None:
            return meta
        if fact.kind == "docnum":
            own = next((p for p in relevant if p.payload.number_key == fact.value), None)
            cited = [(p, f) for p in relevant for f in self.facts_of(p) if f.kind == "docnum" and f.value == fact.value]
            rival = self._closer_reference(fact, relevant, max((overlap(fact, f) for _, f in cited), default=0.0))
            if rival is not None and own is None:
                return "contradicted", rival[1], rival[0]
            if own is not None or any(overlap(fact, f) >= 0.2 for _, f in cited):
                return "supported", fact, own or cited[0][0]
            if fact.value in self._docs and self._title_fits(fact):
                return "supported", fact, None
        aligned = [(p, f) for p in relevant for f in self.facts_of(p) if self._same_subject(fact, f)]
        if fact.kind in ("body", "person") and aligned:
            # who did it: the passage describing the same task most closely decides
            aligned = [max(aligned, key=lambda pf: overlap(fact, pf[1]))]
        if aligned and fact.kind != "docnum":
            aligned = self._closest(fact, aligned, claim)
        same = [(p, f) for p, f in aligned if f.value == fact.value]
        if same:
            return "supported", same[0][1], same[0][0]
        if aligned and (fact.kind != "docnum" or not self.corpus_has(fact)):
            p, f = aligned[0] if fact.kind != "docnum" else max(aligned, key=lambda pf: overlap(fact, pf[1]))
            return "contradicted", f, p
        return "unverified", None, None

    def _closest(self, fact: Fact, aligned: list[tuple[Passage, Fact]], claim: str) -> list[tuple[Passage, Fact]]:
        """The statements that describe the same thing most closely decide, best first: a `30 ngày` of another
        procedure in the same decree neither supports nor contradicts this one's. Near ties in the words next to
        the value go to the line or list item that says most of the claim (`a) 5% ... Bộ ...; b) 15% ...`)."""
        margin = self.heur.fact_tie_margin
        top = max(overlap(fact, f) for _, f in aligned)
        near = [(p, f) for p, f in aligned if overlap(fact, f) >= top - margin]
        if len(near) == 1:
            return near
        pairs = _pairs(claim)  # word pairs: a statement with every claim word but in other phrases says less
        stated = {id(f): _pairs(_statement(p.text, f.start)) for p, f in near}
        said = {k: _share(pairs, v) for k, v in stated.items()}
        best = max(said.values())
        near = [(p, f) for p, f in near if said[id(f)] >= best - margin]
        # then the statement that says least besides the claim (`... có văn bản lấy ý kiến, ...` over the
        # like-worded `... có văn bản lấy ý kiến quy định tại điểm a khoản này, ...` of another procedure)
        return sorted(near, key=lambda pf: (-said[id(pf[1])], -_share(stated[id(pf[1])], pairs), -overlap(fact, pf[1])))

    def _same_subject(self, a: Fact, b: Fact) -> bool:
        return same_subject(a, b, self.heur.fact_min_overlap, self.heur.fact_max_ratio)

    def _closer_reference(self, fact: Fact, relevant: list[Passage], best_same: float) -> tuple[Passage, Fact] | None:
        """A reference of the same type and issuer with another number, in words that describe it clearly more
        closely than anywhere the cited number stands (`... ban hành kèm theo Nghị định số 41/2026/NĐ-CP`)."""
        rivals = [(p, f) for p in relevant for f in self.facts_of(p)
                  if f.kind == "docnum" and f.value != fact.value and self._same_subject(fact, f)]  # fmt: skip
        if not rivals:
            return None
        p, f = max(rivals, key=lambda pf: overlap(fact, pf[1]))
        close = overlap(fact, f)
        return (
            (p, f) if close >= self.heur.check_reference_min and close > best_same + self.heur.fact_tie_margin else None
        )

    def _title_fits(self, fact: Fact) -> bool:
        """The indexed document with this number is what the claim says it is (its title shares the words
        around the number), or the claim says nothing about it."""
        doc = self._docs[fact.value]
        title = _content(doc.meta.get("title") or "")
        return not fact.context or not title or len(fact.context & title) / len(fact.context) >= 0.15

    def _metadata_fact(self, fact: Fact) -> tuple[str, Fact | None, Passage | None] | None:
        """A document's own date or signer, when the claim names an indexed document: check its metadata."""
        doc = self._docs.get(fact.anchor)
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
        written = _fmt(Fact("date", value, value, 0)) if fact.kind == "date" else value
        src = Fact(fact.kind, value, written, 0)
        status = "supported" if vntext.strip_tones(value) == vntext.strip_tones(fact.value) else "contradicted"
        return status, src, passage

    def attribution(self, claim: Claim, ranked: list[Passage]) -> Finding | None:
        """`Nghị quyết X xác định ...` when the content is really in document Y."""
        cited = [f for f in claim.facts if f.kind == "docnum" and f.value in self._docs]
        attributed = claim.in_table or _ATTRIBUTION.search(claim.text)
        if not cited or not attributed or not ranked:
            return None
        target = self._docs[cited[-1].value if claim.in_table else cited[0].value]
        body = (
            _ATTRIBUTION.sub(" ", claim.text, count=1) if not claim.in_table else claim.text.replace(cited[0].text, " ")
        )
        # where the content really is: search it without the reference to the document it is attributed to
        found = {p.id: p for p in ranked}
        for p in self.index.search(body, k=self.heur.check_retrieve_k, boost=False, sees_restricted=self.sees):
            found.setdefault(p.id, p)
        ranked = list(found.values())
        # the passage that says it most nearly as the draft does (word pairs, not only shared words: documents
        # of one field share their vocabulary)
        best = max(ranked, key=lambda p: (self.phrasal(body, p), self.topical(body, p)))
        own_best = max((self.phrasal(body, p) for p in ranked if p.payload.doc_key == target.key), default=0.0)
        if (
            best.payload.doc_key != target.key
            and self.topical(body, best) >= self.heur.check_attribution_min
            and own_best < self.heur.check_own_doc_ratio * self.phrasal(body, best)
        ):
            src = self._docs.get(best.payload.number_key or "")
            label = src.meta.get("title") if src else best.title
            number = best.payload.number or best.doc
            return Finding(
                claim.id, claim.text, claim.location, "contradicted", "docnum", "wrong_document",
                draft_value=cited[0].text, source_value=f"{number} ({label})" if label else number,
                evidence=[EvidenceRef.of(best)], in_table=claim.in_table,
            )  # fmt: skip
        return None

    def about_same_subject(self, claim: Claim, p: Passage) -> bool:
        """Evidence for a claim about a province must be about that province: a report of another province (or
        a national text that does not name it) can neither support nor contradict its figures."""
        named = self._provinces(claim.text)
        if not named:
            return True
        own = p.payload.province
        mentioned = set(gazetteer.provinces_in(p.text)) | ({own} if own else set())
        return bool(mentioned & named)

    def _provinces(self, text: str) -> set[str]:
        if text not in self._subjects:
            self._subjects[text] = set(gazetteer.provinces_in(text))
        return self._subjects[text]

    def check_claim(self, claim: Claim) -> Finding:
        ranked = [p for p in self.passages(claim) if self.about_same_subject(claim, p)]
        relevant = [p for p in ranked if self.topical(claim.text, p) >= self.heur.check_topic_min]
        wrong_doc = self.attribution(claim, ranked)
        if wrong_doc:
            return wrong_doc
        verdicts = [(f, *self.check_fact(f, relevant, claim.text)) for f in claim.facts]
        contradicted = [v for v in verdicts if v[1] == "contradicted"]
        supported = [v for v in verdicts if v[1] == "supported"]
        finding = Finding(claim.id, claim.text, claim.location, "unsupported", in_table=claim.in_table)
        if contradicted:
            fact, _, src, passage = min(contradicted, key=lambda v: _KIND_ORDER.index(v[0].kind))
            finding.status, finding.kind = "contradicted", fact.kind
            finding.error_type = _error_type(fact.kind)
            finding.draft_value, finding.source_value = _fmt(fact), src and _fmt(src)
            finding.evidence = [EvidenceRef.of(passage)] if passage else []
        elif supported:
            finding.status = "supported"
            finding.evidence = [EvidenceRef.of(v[3]) for v in supported[:1] if v[3] is not None]
        else:
            finding.evidence = [EvidenceRef.of(p) for p in ranked[:2]]
        return finding


def _error_type(kind: str) -> str:
    return {"date": "wrong_date", "daymonth": "wrong_date", "month": "wrong_date", "year": "wrong_date", "number": "wrong_number",
            "docnum": "wrong_doc_number", "person": "wrong_issuer", "body": "wrong_issuer"}[kind]  # fmt: skip


_GENERIC_UNITS = ("ngày", "tháng", "năm", "giờ", "tuần", "phút", "lần", "người", "%", "phần trăm")


def _restates(a: Fact, b: Fact, heur: Heuristics) -> bool:
    """Two facts of the draft about the very same thing (stricter than matching a source).

    A specific counted thing (`chuyên đề`, `giấy phép`) said twice with different numbers is one fact stated
    two ways; durations and other generic units (`07 ngày`, `30 %`) recur in unrelated sentences, so for them
    the surrounding words must largely agree too.
    """
    if a.years != b.years:
        return False
    if a.kind == "number":
        if not a.unit.strip() or a.unit != b.unit:
            return False
        generic = a.unit.split()[0] in _GENERIC_UNITS
        least = (
            heur.restate_generic_overlap
            if generic
            else (heur.restate_phrase_overlap if " " in a.unit else heur.restate_overlap)
        )
        return same_subject(a, b, least, heur.fact_max_ratio)
    if a.kind == "date":
        return bool(a.anchor) and a.anchor == b.anchor
    return False


def _agrees(source_value: str | None, fact: Fact) -> bool:
    """The source value a contradiction showed is this fact's value (the other place agrees with the sources)."""
    if not source_value:
        return False
    found = extract(source_value)
    return any(f.kind == fact.kind and f.value == fact.value for f in found) or source_value == _fmt(fact)


def _same_passage(a: list[EvidenceRef], b: list[EvidenceRef]) -> bool:
    """Both findings rest on the same source passage: the two places of the draft state one source fact."""
    return bool(a and b) and (a[0].doc, a[0].text) == (b[0].doc, b[0].text)


def internal_conflicts(claims: list[Claim], findings: list[Finding], heur: Heuristics) -> None:
    """The same quantity stated two ways in the draft: flag the place that disagrees with the sources."""
    by_id = {f.id: f for f in findings}
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            for fa, fb in ((x, y) for x in a.facts for y in b.facts if x.kind == y.kind and x.value != y.value):
                if not _restates(fa, fb, heur):
                    continue
                good, bad, bad_fact, good_fact = (a, b, fb, fa) if by_id[a.id].status == "supported" else (b, a, fa, fb)
                if by_id[good.id].status != "supported" or by_id[bad.id].status in ("supported", "internal_conflict"):
                    continue
                f = by_id[bad.id]
                if f.status == "contradicted" and not (
                    _agrees(f.source_value, good_fact) and _same_passage(f.evidence, by_id[good.id].evidence)
                ):
                    # the sources say something else again, or the value agreeing with the other place comes from
                    # another statement (`05 ngày` of another procedure): the direct contradiction is the finding
                    continue
                f.status, f.error_type, f.conflicts_with = "internal_conflict", None, good.id
                f.draft_value, f.source_value = _fmt(bad_fact), _fmt(good_fact)
                f.evidence = f.evidence or by_id[good.id].evidence


ProgressFn = Callable[[int, int], None]


def check_draft(
    index: Index, path: Path, progress: ProgressFn | None = None, sees_restricted: bool = True
) -> CheckReport:
    """Check a draft file (DOCX, TXT, text PDF) and return one finding per checkable claim.

    Evidence comes only from documents the user may read (`sees_restricted`).
    """
    started = time.perf_counter()
    try:
        doc = index.load_draft(path, MAX_DRAFT_MB)
    except IngestError as exc:
        hint = " Hãy dùng tệp Word hoặc PDF có chữ." if "bản scan" in exc.user_message else ""
        raise IngestError(f"Không đọc được dự thảo: {exc.user_message}{hint}", exc.detail) from exc
    heur = index.settings.heuristics
    claims, truncated = extract_claims(doc.blocks, heur.fact_window)
    if not claims:
        raise IngestError(
            "Không tìm thấy nhận định nào có ngày tháng, số liệu, số hiệu văn bản hay tên người để kiểm tra.",
            f"{path}: no checkable claims",
        )
    checker = Checker(index, sees_restricted)
    findings = []
    for n, claim in enumerate(claims, start=1):
        findings.append(checker.check_claim(claim))
        if progress:
            progress(n, len(claims))
    internal_conflicts(claims, findings, heur)
    log.info("checked %s: %d claims in %.1f s", path.name, len(claims), time.perf_counter() - started)
    return CheckReport(path.name, findings, truncated, time.perf_counter() - started)
