"""A figure is checked against the same subject's figure for the same period (text written for the test): a value
stated for another year is another fact, and a year beside a figure nobody states contradicts nothing."""

from __future__ import annotations

import pytest

from app.check import check_draft
from ingest import Index, Settings

SOURCE = (
    "BÁO CÁO\nKết quả quản lý khoáng sản trên địa bàn tỉnh Lào Cai\n\n"
    "Năm 2018, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 250 tỷ đồng.\n"
    "Năm 2020, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.\n"
)


@pytest.fixture(scope="module")
def report_index(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("period-docs")
    (folder / "bao-cao-lao-cai.txt").write_text(SOURCE, encoding="utf-8")
    index = Index.open(Settings.from_env(index_dir=folder / "index", store_backend="edge", lock_wait_s=0))
    index.ingest([folder / "bao-cao-lao-cai.txt"])
    yield index, folder
    index.close()


def _check(report_index, line: str):
    index, folder = report_index
    draft = folder / "du-thao.txt"
    draft.write_text(line, encoding="utf-8")
    (finding,) = check_draft(index, draft).findings
    return finding


@pytest.mark.parametrize(
    ("claim", "status", "source_value"),
    [
        ("Năm 2018, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 56 tỷ đồng.", "contradicted", "250"),
        ("Năm 2016, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 56 tỷ đồng.", "unsupported", None),
        ("Đến hết năm 2019, tỉnh Lào Cai đã cấp 15 giấy phép khai thác khoáng sản cho các doanh nghiệp.",
         "unsupported", None),
        ("Năm 2020, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.", "supported", None),
    ],
)  # fmt: skip
def test_a_figure_against_the_figure_of_its_own_period(report_index, claim: str, status: str, source_value) -> None:
    finding = _check(report_index, claim)
    assert finding.status == status, finding
    if source_value:
        assert finding.source_value and finding.source_value.startswith(source_value), finding
