"""Checking a whole draft file: its claims, each checked, then the internal conflicts between them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from app.check.checker import Checker
from app.check.claims import extract_claims
from app.check.conflicts import internal_conflicts
from app.check.report import CheckReport
from ingest import Index, IngestError, load_draft

log = logging.getLogger(__name__)


ProgressFn = Callable[[int, int], None]


def check_draft(
    index: Index, path: Path, progress: ProgressFn | None = None, sees_restricted: bool = True
) -> CheckReport:
    """Check a draft file (DOCX, TXT, text PDF) and return one finding per checkable claim.

    Evidence comes only from documents the user may read (`sees_restricted`).
    """
    started = time.perf_counter()
    try:
        doc = load_draft(path, index.settings.limits)
    except IngestError as exc:
        hint = " Hãy dùng tệp Word hoặc PDF có chữ." if "bản scan" in exc.user_message else ""
        raise IngestError(f"Không đọc được dự thảo: {exc.user_message}{hint}", exc.detail) from exc
    heur = index.settings.heuristics
    claims, truncated = extract_claims(doc.blocks, heur)
    if not claims:
        raise IngestError(
            "Không tìm thấy nhận định nào có ngày tháng, số liệu, số hiệu văn bản hay tên người để kiểm tra.",
            f"{path}: no checkable claims",
        )
    checker = Checker(index, sees_restricted)
    findings, checked = [], []
    for n, claim in enumerate(claims, start=1):
        finding = checker.check_claim(claim)
        if finding is not None:
            findings.append(finding)
            checked.append(claim)
        if progress:
            progress(n, len(claims))
    internal_conflicts(checked, findings, heur)
    log.info("checked %s: %d claims in %.1f s", path.name, len(claims), time.perf_counter() - started)
    return CheckReport(path.name, findings, truncated, time.perf_counter() - started)
