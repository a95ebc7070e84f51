"""Who has reported on Resolution 02, and who is late: provinces and ministries against the deadline.

The lists and the deadline come from `app/data/units.json` (or the file `NQ02_UNITS` names): the 34 provinces
and 17 ministries and ministry-level agencies after the 2025 reorganisation, each with the units it absorbed,
so a report sent in 2021 by Yên Bái counts for today's Lào Cai. The 63 provinces and the ministries of before
2025 can be shown as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest import DocRecord, Settings
from ingest.vn import gazetteer, identifiers

RESOLUTION = "02-NQ/TW"  # the resolution the reports review
UNITS_FILE = Path(__file__).resolve().parents[1] / "data" / "units.json"
OLD_MINISTRIES = gazetteer.MINISTRIES_BEFORE_2025
STATUS_VI = {"on_time": "Đúng hạn", "late": "Muộn hạn", "missing": "Chưa gửi"}


@dataclass
class Units:
    deadline: str
    deadline_source: str
    provinces: dict[str, list[str]]  # unit today -> the units it absorbed (empty: itself only)
    ministries: dict[str, list[str]]

    @classmethod
    def load(cls, path: Path | None = None) -> Units:
        path = path or Settings.from_env().units_file or UNITS_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["deadline"], data.get("deadline_source", ""), data["provinces_2025"], data["ministries_2025"])


@dataclass
class Submission:
    name: str
    status: str  # on_time | late | missing
    docs: list[str] = field(default_factory=list)
    dated: str | None = None  # the report's own date (or, if it has none, when it was received)
    from_units: list[str] = field(default_factory=list)  # which former units the reports came from

    @property
    def submitted(self) -> bool:
        return self.status != "missing"


def is_review_report(rec: DocRecord) -> bool:
    """A report (Báo cáo) about implementing Resolution 02-NQ/TW."""
    m = rec.meta
    return (
        rec.status == "indexed"
        and m.get("doc_type") == "Báo cáo"
        and identifiers.names_document(m.get("title") or "", RESOLUTION)
    )


def _row(name: str, members: list[str], field_name: str, reports: list[DocRecord], deadline: str) -> Submission:
    names = set(members or [name]) | {name}
    mine = [r for r in reports if r.meta.get(field_name) in names]
    if not mine:
        return Submission(name, "missing")
    dates = sorted(d for d in ((r.meta.get("issued") or (r.received or "")[:10]) for r in mine) if d)
    first = dates[0] if dates else None
    status = "on_time" if first and first <= deadline else "late"
    return Submission(name, status, [r.doc for r in mine], first, sorted({r.meta.get(field_name) for r in mine}))


def coverage(records: list[DocRecord], units: Units | None = None, era: str = "2025") -> tuple[list, list]:
    """(provinces, ministries): every unit of the chosen era with its status against the deadline."""
    units = units or Units.load()
    reports = [r for r in records if is_review_report(r)]
    if era == "2025":
        provinces = {k: v for k, v in units.provinces.items()}
        ministries = {k: v for k, v in units.ministries.items()}
    else:
        provinces = {p: [] for p in gazetteer.PROVINCES}
        ministries = {m: [] for m in OLD_MINISTRIES}
    return (
        [_row(n, m, "province", reports, units.deadline) for n, m in provinces.items()],
        [_row(n, m, "ministry", reports, units.deadline) for n, m in ministries.items()],
    )
