"""Checking a draft report against the indexed sources: every date, number, document reference and name.

The way a draft travels: `draft.check_draft` -> `Index.load_draft` -> `claims.extract_claims` (sentences and
table rows with their `facts`) -> `checker.Checker.check_claim` per claim (`Index.search`, `topic` filters the
passages, attribution, `facts` lined up, one typed `report.FactVerdict` per fact) -> `conflicts.internal_conflicts`
-> `report.CheckReport` (shown by the app, exported by `export`).
"""

from app.check.checker import Checker
from app.check.draft import check_draft
from app.check.report import CheckReport, EvidenceRef, Finding

__all__ = ["CheckReport", "Checker", "EvidenceRef", "Finding", "check_draft"]
