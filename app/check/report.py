"""A check's result: one finding per claim (typed), with the evidence, and the report of a draft."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ingest import Passage
from ingest.vn.facts import Fact

log = logging.getLogger(__name__)


@dataclass
class EvidenceRef:
    doc: str
    section: str
    page: int | None
    text: str
    ocr: bool = False  # read by OCR from a scanned page

    @classmethod
    def of(cls, p: Passage) -> EvidenceRef:
        return cls(p.doc, p.section, p.page, p.text, bool(p.payload.ocr))


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


def error_type(kind: str) -> str:
    """The error type a contradicted fact of this kind reports (`wrong_date`, `wrong_number`, ...)."""
    return {"date": "wrong_date", "daymonth": "wrong_date", "month": "wrong_date", "quarter": "wrong_date", "year": "wrong_date", "number": "wrong_number",
            "docnum": "wrong_doc_number", "provision": "wrong_provision", "person": "wrong_issuer",
            "body": "wrong_issuer", "role": "wrong_issuer"}[kind]  # fmt: skip


@dataclass
class FactVerdict:
    """What the sources say about one fact of a claim: the status, and the source fact and passage behind it."""

    fact: Fact
    status: str  # supported | contradicted | unverified
    source: Fact | None = None
    passage: Passage | None = None
