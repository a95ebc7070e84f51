"""Who has reported: a merged province or ministry is complete only when each former unit in it has reported, or
the unit today has since the merger; every part's status is shown. Units and records are written for the test."""

from __future__ import annotations

from app.service.coverage import Units, coverage
from ingest import DocRecord

UNITS = Units(
    deadline="2021-09-30", deadline_source="thông báo viết cho kiểm thử",
    provinces={"Lào Cai": ["Lào Cai", "Yên Bái"], "Huế": ["Thừa Thiên Huế"], "Quảng Ninh": [],
               "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]},
    ministries={"Bộ Nông nghiệp và Môi trường": ["Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn"]},
    provinces_merged_on="2025-06-12", ministries_merged_on="2025-03-01",
)  # fmt: skip
TITLE = "Tổng kết 10 năm thực hiện Nghị quyết số 02-NQ/TW ngày 25/4/2011 của Bộ Chính trị"


def report(unit: str, issued: str, field: str = "province", kind: str = "Báo cáo") -> DocRecord:
    return DocRecord(key=f"bc-{unit}-{issued}", doc=f"bc-{unit}-{issued}.docx", status="indexed",
                     meta={"doc_type": kind, "title": TITLE, field: unit, "issued": issued})  # fmt: skip


def rows(records: list[DocRecord], era: str = "2025") -> dict:
    provinces, ministries = coverage(records, UNITS, era)
    return {r.name: r for r in provinces + ministries}


def test_one_former_province_reporting_does_not_complete_the_merged_one() -> None:
    lao_cai = rows([report("Yên Bái", "2021-09-20")])["Lào Cai"]
    assert lao_cai.status == "partial" and not lao_cai.submitted
    assert [(p.name, p.status) for p in lao_cai.parts] == [("Lào Cai", "missing"), ("Yên Bái", "on_time")]
    assert lao_cai.from_units == ["Yên Bái"]


def test_every_former_province_reporting_completes_it_and_the_latest_decides_lateness() -> None:
    on_time = rows([report("Yên Bái", "2021-09-20"), report("Lào Cai", "2021-09-29")])["Lào Cai"]
    assert on_time.status == "on_time" and on_time.submitted and on_time.dated == "2021-09-29"
    late = rows([report("Phú Thọ", "2021-09-01"), report("Vĩnh Phúc", "2021-09-02"),
                 report("Hòa Bình", "2021-10-15")])["Phú Thọ"]  # fmt: skip
    assert late.status == "late" and [p.status for p in late.parts] == ["on_time", "on_time", "late"]


def test_a_report_of_the_merged_unit_after_the_merger_covers_every_part() -> None:
    whole = rows([report("Lào Cai", "2025-08-01")])["Lào Cai"]
    assert whole.status == "late" and whole.submitted and not whole.parts
    before = rows([report("Lào Cai", "2021-09-01")])["Lào Cai"]
    assert before.status == "partial", "before the merger the same name was only one of the parts"


def test_renamed_and_unmerged_units_and_the_old_list() -> None:
    r = rows([report("Thừa Thiên Huế", "2021-09-10"), report("Quảng Ninh", "2021-10-02")])
    assert r["Huế"].status == "on_time" and not r["Huế"].parts
    assert r["Quảng Ninh"].status == "late"
    old = rows([report("Yên Bái", "2021-09-20")], era="63")
    assert old["Yên Bái"].status == "on_time" and old["Lào Cai"].status == "missing"


def test_merged_ministries_follow_the_same_rule_and_only_reports_count() -> None:
    records = [report("Bộ Tài nguyên và Môi trường", "2021-09-28", "ministry"),
               report("Yên Bái", "2021-09-01", kind="Kế hoạch")]  # fmt: skip
    r = rows(records)
    assert r["Bộ Nông nghiệp và Môi trường"].status == "partial"
    assert [p.status for p in r["Bộ Nông nghiệp và Môi trường"].parts] == ["on_time", "missing"]
    assert r["Lào Cai"].status == "missing", "a plan is not a report"
