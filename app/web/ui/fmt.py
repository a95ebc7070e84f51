"""Dates and times as Vietnamese users read them: dd/mm/yyyy, local time (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def dmy(iso: str | None) -> str:
    """`2021-07-26` -> `26/07/2021`; empty for None."""
    if not iso:
        return ""
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


def local_time(iso: str | None) -> str:
    """A UTC ISO timestamp as `26/07/2021 14:05` in Vietnam's time."""
    if not iso:
        return ""
    t = datetime.fromisoformat(iso).astimezone(LOCAL)
    return t.strftime("%d/%m/%Y %H:%M")
