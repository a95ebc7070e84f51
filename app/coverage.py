"""Which of the 63 provinces and which ministries have submitted their Resolution 02 review report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import DocRecord, gazetteer

_NQ02 = re.compile(r"\b02\s*[-/]\s*NQ\s*[-/]\s*TW\b|Nghị quyết (?:số )?02\b", re.IGNORECASE)


@dataclass
class Submission:
    name: str
    submitted: bool
    docs: list[str]
    issued: str | None


def is_review_report(rec: DocRecord) -> bool:
    """A report (Báo cáo) about implementing Resolution 02-NQ/TW."""
    m = rec.meta
    return rec.status == "indexed" and m.get("doc_type") == "Báo cáo" and bool(_NQ02.search(m.get("title") or ""))


def coverage(records: list[DocRecord]) -> tuple[list[Submission], list[Submission]]:
    """(provinces, ministries): every one of the 63 provinces and the ministries, submitted or not."""
    reports = [r for r in records if is_review_report(r)]

    def rows(names: tuple[str, ...], field: str) -> list[Submission]:
        out = []
        for name in names:
            mine = [r for r in reports if r.meta.get(field) == name]
            issued = min((r.meta.get("issued") for r in mine if r.meta.get("issued")), default=None)
            out.append(Submission(name, bool(mine), [r.doc for r in mine], issued))
        return out

    return rows(gazetteer.PROVINCES, "province"), rows(gazetteer.MINISTRIES, "ministry")
