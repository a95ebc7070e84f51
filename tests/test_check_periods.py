"""A figure is checked against the same subject's figure for the same period (text written for the test): a value
stated for another year is another fact, and a year beside a figure nobody states contradicts nothing."""

from __future__ import annotations

import pytest
from docx import Document

from .draft_support import check_text, indexed

SOURCE = (
    "BÁO CÁO\nKết quả quản lý khoáng sản trên địa bàn tỉnh Lào Cai\n\n"
    "Năm 2018, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 250 tỷ đồng.\n"
    "Năm 2020, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.\n"
    "Trong năm 2021, Ủy ban nhân dân tỉnh Lào Cai đã phê duyệt Kế hoạch đấu giá quyền khai thác khoáng sản cho 13 "
    "điểm mỏ và đã tổ chức đấu giá thành công 7 điểm mỏ với tổng số tiền trúng đấu giá trên 300 tỷ đồng.\n"
    "Bản đồ khu vực có khoáng sản phân tán, nhỏ lẻ được lập ở tỷ lệ 1:5.000.\n"
    "Sơ đồ vị trí khu vực thăm dò khoáng sản được lập ở tỷ lệ 1:25.000 hoặc 1:10.000.\n"
    "Kỳ báo cáo kết quả quản lý khoáng sản được tính từ ngày 01 tháng 01 đến hết ngày 31 tháng 12.\n"
    "Số liệu giấy phép khai thác khoáng sản còn hiệu lực được tổng hợp đến hết ngày 31/12/2025 tại Biểu số 05.\n"
    "Số tiền cấp quyền khai thác còn nợ năm 2019 chuyển sang năm 2020: 41.506.200.000 đồng.\n"
)


# a strategy's targets: the period of the second is its heading's
STRATEGY = (
    "CHIẾN LƯỢC\nPhát triển công nghiệp khai khoáng tỉnh Yên Bái\n\n2.2. Mục tiêu cụ thể\n"
    "- Đến năm 2025, hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 60% diện tích tỉnh Yên Bái.\n"
    "2.3. Tầm nhìn đến năm 2040\n"
    "Hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 100% diện tích tỉnh Yên Bái.\n"
)


@pytest.fixture(scope="module")
def report_index(tmp_path_factory: pytest.TempPathFactory):
    yield from indexed(tmp_path_factory.mktemp("period-docs"),
                       {"bao-cao-lao-cai.txt": SOURCE, "chien-luoc-yen-bai.txt": STRATEGY})  # fmt: skip


def _check(report_index, line: str):
    (finding,) = check_text(report_index, line)
    return finding


@pytest.mark.parametrize(
    ("claim", "status", "source_value"),
    [
        ("Năm 2018, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 56 tỷ đồng.", "contradicted", "250"),
        ("Năm 2016, tỉnh Lào Cai thu tiền cấp quyền khai thác khoáng sản đạt 56 tỷ đồng.", "unsupported", None),
        ("Đến hết năm 2019, tỉnh Lào Cai đã cấp 15 giấy phép khai thác khoáng sản cho các doanh nghiệp.",
         "unsupported", None),
        ("Năm 2020, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.", "supported", None),
        # the same figure in the same words for another year: the year is what is wrong
        ("Năm 2022, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.", "contradicted",
         "năm 2020"),
        # each side names a year the other does not: the year the debt is carried from is what is wrong
        ("Số tiền cấp quyền khai thác còn nợ năm 2017 chuyển sang năm 2020: 41.506.200.000 đồng.", "contradicted",
         "năm 2019"),
        ("Số tiền cấp quyền khai thác còn nợ từ năm 2019 chuyển sang năm 2020 là 41.506.200.000 đồng.", "supported",
         None),
        # a year the claim adds beside the period is no other period
        ("Đến năm 2021, số tiền cấp quyền khai thác còn nợ năm 2019 chuyển sang năm 2020: 41.506.200.000 đồng.",
         "supported", None),
        # the leading `Trong năm 2021,` frames the figure at the sentence's end
        ("Năm 2017, tỉnh Lào Cai tổ chức đấu giá thành công, tổng số tiền trúng đấu giá đạt 90 tỷ đồng.",
         "unsupported", None),
        ("Trong năm 2021, tỉnh Lào Cai tổ chức đấu giá thành công, tổng số tiền trúng đấu giá đạt 90 tỷ đồng.",
         "contradicted", "300"),
        # `13 điểm mỏ` does not state `13 khu vực`
        ("Đến hết năm 2021, tỉnh Lào Cai đã hoàn thành cắm mốc 13 khu vực cấm hoạt động khoáng sản.",
         "unsupported", None),
        # a map scale is a figure, compared with the scale of the same map
        ("Bản đồ khu vực có khoáng sản phân tán, nhỏ lẻ được lập ở tỷ lệ 1:10.000.", "contradicted", "5.000"),
        ("Bản đồ khu vực có khoáng sản phân tán, nhỏ lẻ được lập ở tỷ lệ 1 : 5.000.", "supported", None),
        # the claim's own `1:25.000` is not the counterpart of its `1:7.500`
        ("Sơ đồ vị trí khu vực thăm dò khoáng sản được lập ở tỷ lệ 1:25.000 hoặc 1:7.500.", "contradicted", "10.000"),
        # a day and month without `ngày` in a range are a date, not two figures
        ("Kỳ báo cáo kết quả quản lý khoáng sản là năm, từ 01 tháng 01 đến 31 tháng 12.", "supported", None),
        ("Kỳ báo cáo kết quả quản lý khoáng sản là từ 01 tháng 01 đến 30 tháng 11.", "contradicted", "ngày 31"),
    ],
)  # fmt: skip
def test_a_figure_against_the_figure_of_its_own_period(report_index, claim: str, status: str, source_value) -> None:
    finding = _check(report_index, claim)
    assert finding.status == status, finding
    if source_value:
        assert finding.source_value and finding.source_value.startswith(source_value), finding


def test_a_date_said_again_otherwise_in_the_same_words_is_an_internal_conflict(report_index) -> None:
    first, _, again = check_text(
        report_index,
        "Số liệu giấy phép khai thác khoáng sản còn hiệu lực được tổng hợp đến hết ngày 31/12/2025 tại Biểu số 05.\n"
        "Năm 2020, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản cho các doanh nghiệp.\n"
        "Như đã nêu ở trên, số liệu giấy phép khai thác khoáng sản còn hiệu lực được tổng hợp đến hết ngày "
        "04/12/2025 tại Biểu số 05.\n",
        "du-thao-2.txt",
    )
    assert first.status == "supported", first
    assert again.status == "internal_conflict" and again.conflicts_with == first.id, again


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Tầm nhìn đến năm 2040, hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 100% diện tích tỉnh Yên Bái.",
         True),
        ("Đến năm 2040, tỉnh Yên Bái hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 100% diện tích.", True),
        ("Đến năm 2040, hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 60% diện tích tỉnh Yên Bái.", False),
        ("Đến năm 2035, hoàn thành điều tra, đánh giá tiềm năng khoáng sản đạt 100% diện tích tỉnh Yên Bái.", False),
    ],
)  # fmt: skip
def test_a_year_the_heading_over_the_figure_states_is_its_period(report_index, claim: str, supported: bool) -> None:
    # `2.3. Tầm nhìn đến năm 2040` frames `Hoàn thành ... 100%`; `Đến năm 2025, ... 60%` of like words is another fact
    finding = _check(report_index, claim)
    assert (finding.status == "supported") is supported, finding


# a Word report: a numbered heading longer than a short title, the sentence under it opening with its year, and a
# plan's horizon year in the section before
PLAN = [
    "BÁO CÁO",
    "Công tác quy hoạch khoáng sản tỉnh Điện Biên",
    "1. Công tác tuyên truyền, phổ biến pháp luật về địa chất và khoáng sản trên địa bàn tỉnh",
    "Hội đồng nhân dân tỉnh đã thông qua điều chỉnh Quy hoạch tỉnh Điện Biên thời kỳ 2021-2030, tầm nhìn đến năm 2050.",
    "2. Công tác lập, phê duyệt, điều chỉnh phương án quản lý địa chất, khoáng sản trong Quy hoạch tỉnh Điện Biên",
    "Trong năm 2024, tỉnh Điện Biên đã giao các cơ quan chuyên môn rà soát phương án quản lý địa chất, khoáng sản "
    "trong Quy hoạch tỉnh.",
]


@pytest.fixture(scope="module")
def plan_index(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("plan-docs")
    doc = Document()
    for line in PLAN:
        doc.add_paragraph(line)
    doc.save(folder / "quy-hoach-dien-bien.docx")
    yield from indexed(folder, [folder / "quy-hoach-dien-bien.docx"])


@pytest.mark.parametrize(
    "claim",
    [
        "Trong năm 2026, tỉnh Điện Biên đã giao các cơ quan chuyên môn rà soát phương án quản lý địa chất, khoáng sản "
        "trong Quy hoạch tỉnh Điện Biên.",
        "Năm 2026, tỉnh Điện Biên đã giao các cơ quan chuyên môn rà soát phương án quản lý địa chất, khoáng sản trong "
        "Quy hoạch tỉnh.",
    ],
)
def test_the_year_an_act_took_place_is_read_under_a_long_heading_of_a_word_report(plan_index, claim: str) -> None:
    """A Word document's lines are paragraphs: the heading is not joined to the sentence under it as if wrapped."""
    finding = _check(plan_index, claim)
    assert finding.status == "contradicted", finding
    assert finding.source_value == "năm 2024", finding


def test_a_period_labelling_a_figure_after_its_colon_is_its_year() -> None:
    """`Năm 2025: 20 giấy phép`: a report's label, not the first term of a ratio (`3:2`, `1:50.000`)."""
    from ingest.vn.facts import extract

    found = [(f.value, sorted(f.years)) for f in extract("Năm 2025: cấp 20 giấy phép; năm 2024: 15 giấy phép.")]
    assert found == [("20", ["2025"]), ("15", ["2024"])]
    assert [f.unit for f in extract("bản đồ tỷ lệ 1:50.000 đạt 85%")] == ["1:", "%"]  # a scale stays a scale
    (carried, owed) = extract("Số tiền còn nợ năm 2030 chuyển sang năm 2031: 85.243.017.232 đồng.")
    assert (carried.kind, carried.value) == ("year", "2031") and owed.unit == "đồng"  # `sang năm`: a year moved to
