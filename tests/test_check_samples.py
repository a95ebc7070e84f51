"""The draft checker on a draft written for this test, against the committed samples (no dev item)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.check import check_draft
from ingest import Index

DRAFT = """BÁO CÁO TỔNG KẾT (DỰ THẢO)
1. Thông báo số 01/TB-BCĐ ngày 19/7/2021 kết luận phiên họp thứ nhất của Ban chỉ đạo.
2. {deadline}
3. Tổ biên tập hoàn thành dự thảo Báo cáo tổng kết trước ngày 30-11-2021 để trình Ban chỉ đạo.
4. Thực hiện 7 chuyên đề phục vụ tổng kết.
5. Theo kế hoạch, Tổ biên tập thực hiện 9 chuyên đề phục vụ tổng kết.
"""
# one wrong deadline (the sample says 30/9/2021), written the ways reports write it
WRONG_DEADLINE = [
    "Các Bộ, ngành và Ủy ban nhân dân các tỉnh gửi báo cáo tổng kết về Tổng cục Địa chất và Khoáng sản Việt Nam "
    "trước ngày 30 tháng 10 năm 2021.",
    "Các Bộ, ngành và Ủy ban nhân dân các tỉnh gửi báo cáo tổng kết về Tổng cục Địa chất và Khoáng sản Việt Nam "
    "trước ngày 30/10/2021.",
    "Trước ngày 30-10-2021, các Bộ, ngành và UBND các tỉnh gửi báo cáo tổng kết về Tổng cục Địa chất và Khoáng "
    "sản Việt Nam.",
]


@pytest.mark.parametrize("deadline", WRONG_DEADLINE, ids=["wordy", "slashes", "reordered-abbreviated"])
def test_a_wrong_date_is_shown_with_the_source_date_however_written(samples_index: Index, tmp_path: Path, deadline):
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT.format(deadline=deadline), encoding="utf-8")
    findings = check_draft(samples_index, draft).findings
    by_text = {f.claim: f for f in findings}
    wrong = next(f for f in findings if "gửi báo cáo" in f.claim)
    assert (wrong.status, wrong.error_type, wrong.source_value) == ("contradicted", "wrong_date", "30/9/2021")
    assert wrong.evidence and "30 tháng 9 năm 2021" in wrong.evidence[0].text
    assert by_text[next(c for c in by_text if c.startswith("Thông báo số 01"))].status == "supported"
    assert by_text[next(c for c in by_text if "30-11-2021" in c)].status == "supported", "a numbered item is a claim"


def test_the_same_count_stated_twice_is_an_internal_conflict(samples_index: Index, tmp_path: Path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT.format(deadline=WRONG_DEADLINE[0]), encoding="utf-8")
    findings = check_draft(samples_index, draft).findings
    seven = next(f for f in findings if "7 chuyên đề" in f.claim)
    nine = next(f for f in findings if "9 chuyên đề" in f.claim)
    assert seven.status == "supported"
    assert (nine.status, nine.conflicts_with, nine.draft_value, nine.source_value) == (
        "internal_conflict",
        seven.id,
        "9",
        "7",
    )


REAL_REFERENCE = "Theo Quyết định số 502/QĐ-ĐCKS ngày 26/7/2021, Tổ công tác giúp việc Tổ biên tập {content}."
INVENTED = ["rút ngắn 30% thời gian tổng hợp báo cáo", "rút ngắn 30 % thời gian tổng hợp báo cáo",
            "tổng hợp báo cáo của 45 đơn vị"]  # fmt: skip


def test_an_invented_figure_behind_a_real_reference_is_unsupported(samples_index: Index, tmp_path: Path):
    draft = tmp_path / "du-thao.txt"
    lines = [REAL_REFERENCE.format(content=c) for c in [*INVENTED, "được thành lập"]]
    draft.write_text("BÁO CÁO (DỰ THẢO)\n" + "\n".join(lines) + "\n", encoding="utf-8")
    findings = check_draft(samples_index, draft).findings
    for content in INVENTED:  # one finding per line, each naming the figure no source states
        (finding,) = [f for f in findings if content in f.claim]
        assert finding.status == "unsupported", finding
        assert finding.draft_value and finding.draft_value.replace(" ", "")[:2] in ("30", "45"), finding
    # the same reference without a figure is not flagged
    assert all(f.status == "supported" for f in findings if "được thành lập" in f.claim), findings
