"""Who has reported on Resolution 02, and who is late: provinces and ministries against the deadline.

The lists and the deadline come from `app/data/units.json` (or the file `NQ02_UNITS` names): the 34 provinces
and 17 ministries and ministry-level agencies after the 2025 reorganisation, each with the units it absorbed,
so a report sent in 2021 by Yên Bái counts towards today's Lào Cai. A merged unit is complete only when every
former unit in it has reported (or the unit today has, after the merger); until then it is "Chưa đủ" and each
part's status is shown. The 63 provinces and the ministries of before 2025 can be shown as they were.
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
NEVER = "9999-12-31"  # a merger date that has not come: a unit's own reports never cover former units
STATUS_VI = {"on_time": "Đúng hạn", "late": "Muộn hạn", "partial": "Chưa đủ", "missing": "Chưa gửi"}


@dataclass
class Units:
    deadline: str
    deadline_source: str
    provinces: dict[str, list[str]]  # unit today -> the units it absorbed (empty: itself only)
    ministries: dict[str, list[str]]
    provinces_merged_on: str = NEVER  # from this date a report of the unit today covers every part
    ministries_merged_on: str = NEVER

    @classmethod
    def load(cls, path: Path | None = None) -> Units:
        path = path or Settings.from_env().units_file or UNITS_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        merged = {k: data[k] for k in ("provinces_merged_on", "ministries_merged_on") if data.get(k)}
        return cls(data["deadline"], data.get("deadline_source", ""), data["provinces_2025"], data["ministries_2025"],
                   **merged)  # fmt: skip


@dataclass
class Submission:
    name: str
    status: str  # on_time | late | partial | missing
    docs: list[str] = field(default_factory=list)
    dated: str | None = None  # the latest first report among the parts (or, if none is dated, when received)
    from_units: list[str] = field(default_factory=list)  # which former units the reports came from
    parts: list[Submission] = field(default_factory=list)  # a merged unit: each former unit's own status

    @property
    def submitted(self) -> bool:
        """Complete: a merged unit only when every former unit in it (or the unit as a whole) has reported."""
        return self.status in ("on_time", "late")


def is_review_report(rec: DocRecord) -> bool:
    """A report (Báo cáo) about implementing Resolution 02-NQ/TW."""
    m = rec.meta
    return (
        rec.status == "indexed"
        and m.get("doc_type") == "Báo cáo"
        and identifiers.names_document(m.get("title") or "", RESOLUTION)
    )


def _dated(rec: DocRecord) -> str:
    return rec.meta.get("issued") or (rec.received or "")[:10]


def _single(name: str, mine: list[DocRecord], field_name: str, deadline: str) -> Submission:
    if not mine:
        return Submission(name, "missing")
    dates = sorted(d for d in map(_dated, mine) if d)
    first = dates[0] if dates else None
    status = "on_time" if first and first <= deadline else "late"
    return Submission(name, status, [r.doc for r in mine], first, sorted({r.meta.get(field_name) for r in mine}))


def _row(name: str, members: list[str], field_name: str, reports: list[DocRecord], deadline: str,
         merged_on: str) -> Submission:  # fmt: skip
    """One unit today. A merged unit (two or more former units) is complete when its reports since the merger
    cover it as a whole, or when every former unit has reported; otherwise each part's status says who is left."""
    names = set(members) | {name}
    mine = [r for r in reports if r.meta.get(field_name) in names]
    if len(members) < 2:
        return _single(name, mine, field_name, deadline)
    whole = [r for r in mine if r.meta.get(field_name) == name and _dated(r) >= merged_on]
    if whole:
        return _single(name, whole, field_name, deadline)
    parts = [_single(m, [r for r in mine if r.meta.get(field_name) == m], field_name, deadline)
             for m in members]  # fmt: skip
    sent = [p for p in parts if p.submitted]
    if not sent:
        return Submission(name, "missing", parts=parts)
    status = "partial" if len(sent) < len(parts) else "late" if any(p.status == "late" for p in parts) else "on_time"
    dated = max(p.dated or "" for p in sent) or None
    docs = [d for p in sent for d in p.docs]
    return Submission(name, status, docs, dated, sorted({u for p in sent for u in p.from_units}), parts)


def coverage(records: list[DocRecord], units: Units | None = None, era: str = "2025") -> tuple[list, list]:
    """(provinces, ministries): every unit of the chosen era with its status against the deadline."""
    units = units or Units.load()
    reports = [r for r in records if is_review_report(r)]
    if era == "2025":
        provinces, ministries = units.provinces, units.ministries
        p_on, m_on = units.provinces_merged_on, units.ministries_merged_on
    else:
        provinces = {p: [] for p in gazetteer.PROVINCES}
        ministries = {m: [] for m in OLD_MINISTRIES}
        p_on = m_on = NEVER
    return (
        [_row(n, m, "province", reports, units.deadline, p_on) for n, m in provinces.items()],
        [_row(n, m, "ministry", reports, units.deadline, m_on) for n, m in ministries.items()],
    )
