"""A value against the source statement of its own case (text written for the test): figures stated case by case
(`... đối với khoáng sản nhóm III`), a technical regulation's number, a body the source names twice, a body
written short."""

from __future__ import annotations

import pytest

from app.check import conflicts
from ingest import Heuristics
from ingest.vn import facts, identifiers, qualifiers

from .draft_support import assert_checked, indexed

SOURCE = (
    "THÔNG TƯ\nQuy định về thời hạn ưu tiên và an toàn khai thác mỏ\n\n"
    "Điều 5. Thời hạn ưu tiên nộp hồ sơ\n"
    "Tổ chức, cá nhân thăm dò khoáng sản được ưu tiên nộp hồ sơ đề nghị cấp giấy phép khai thác khoáng sản trong "
    "thời hạn như sau:\n"
    "a) 36 tháng kể từ ngày được công nhận kết quả thăm dò đối với khoáng sản nhóm I, nhóm II;\n"
    "b) 18 tháng kể từ ngày được công nhận kết quả thăm dò đối với khoáng sản nhóm III.\n"
    "Điều 6. Quy chuẩn áp dụng\n"
    "Việc khai thác mỏ lộ thiên tuân thủ QCVN 04:2009/BCT Quy chuẩn kỹ thuật quốc gia về an toàn trong khai thác "
    "mỏ lộ thiên.\n"
    "Điều 7. Xác nhận đăng ký thu hồi\n"
    "Đối với khoáng sản thuộc thẩm quyền cấp giấy phép của Bộ trưởng Bộ Công Thương, Chủ tịch Ủy ban nhân dân cấp "
    "tỉnh xem xét cấp giấy xác nhận đăng ký thu hồi khoáng sản sau khi được Bộ Công Thương chấp thuận bằng văn bản.\n"
    "Điều 8. Điều tra đất hiếm\n"
    "Bộ Nông nghiệp và Môi trường chủ trì tổ chức điều tra địa chất, đánh giá tiềm năng và thăm dò đất hiếm bằng "
    "nguồn vốn ngân sách nhà nước theo kế hoạch trung hạn, dài hạn.\n"
    "Điều 9. Thủ tục không thực hiện\n"
    "Không thực hiện thủ tục công bố thông tin sản phẩm thức ăn bổ sung quy định tại Điều 33 Luật Chăn nuôi số "
    "32/2018/QH14 được sửa đổi, bổ sung bởi Luật số 146/2025/QH15.\n"
)
AMENDING_LAW = (  # a real law of the same series as the one the statement above names
    "QUỐC HỘI\nLuật số: 147/2025/QH15\n\nLUẬT\nSửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản\n\n"
    "Điều 1. Sửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản về thăm dò khoáng sản.\n"
)


@pytest.fixture(scope="module")
def rule_index(tmp_path_factory: pytest.TempPathFactory):
    docs = {"thong-tu-thoi-han.txt": SOURCE, "luat-147-2025.txt": AMENDING_LAW}
    yield from indexed(tmp_path_factory.mktemp("case-docs"), docs)


@pytest.mark.parametrize(
    ("claim", "status", "source_value"),
    [
        ("Thời hạn ưu tiên là 18 tháng kể từ ngày được công nhận kết quả thăm dò đối với khoáng sản nhóm III.",
         "supported", None),
        ("Thời hạn ưu tiên là 36 tháng kể từ ngày được công nhận kết quả thăm dò đối với khoáng sản nhóm III.",
         "contradicted", "18"),
        # the case fronted, as an editor writes it
        ("Đối với khoáng sản nhóm III, thời hạn ưu tiên là 36 tháng kể từ ngày được công nhận kết quả thăm dò.",
         "contradicted", "18"),
        ("Việc khai thác mỏ lộ thiên tuân thủ QCVN 06:2009/BCT Quy chuẩn kỹ thuật quốc gia về an toàn trong khai "
         "thác mỏ lộ thiên.", "contradicted", "QCVN 04:2009/BCT"),
        ("Việc khai thác mỏ lộ thiên tuân thủ QCVN 04:2009/BCT Quy chuẩn kỹ thuật quốc gia về an toàn trong khai "
         "thác mỏ lộ thiên.", "supported", None),
        # the source names the body twice, the claim replaced it once
        ("Đối với khoáng sản thuộc thẩm quyền cấp giấy phép của Bộ trưởng Bộ Xây dựng, Chủ tịch Ủy ban nhân dân cấp "
         "tỉnh xem xét cấp giấy xác nhận đăng ký thu hồi khoáng sản sau khi được Bộ Công Thương chấp thuận bằng văn "
         "bản.", "contradicted", "Bộ Công Thương"),
        ("Bộ NN&MT chủ trì tổ chức điều tra địa chất, đánh giá tiềm năng và thăm dò đất hiếm bằng nguồn vốn ngân "
         "sách nhà nước theo kế hoạch trung hạn, dài hạn.", "supported", None),
        ("Bộ TN&MT chủ trì tổ chức điều tra địa chất, đánh giá tiềm năng và thăm dò đất hiếm bằng nguồn vốn ngân "
         "sách nhà nước theo kế hoạch trung hạn, dài hạn.", "contradicted", "Bộ Nông nghiệp và Môi trường"),
        # the amending law's number one off: wrong, however real the other law is
        ("Không thực hiện thủ tục công bố thông tin sản phẩm thức ăn bổ sung quy định tại Điều 33 Luật Chăn nuôi số "
         "32/2018/QH14 được sửa đổi, bổ sung bởi Luật số 147/2025/QH15.", "contradicted", "146/2025/QH15"),
        ("Không thực hiện thủ tục công bố thông tin sản phẩm thức ăn bổ sung quy định tại Điều 33 Luật Chăn nuôi số "
         "32/2018/QH14 được sửa đổi, bổ sung bởi Luật số 146/2025/QH15.", "supported", None),
    ],
)  # fmt: skip
def test_a_value_is_checked_against_its_own_case(rule_index, claim: str, status: str, source_value) -> None:
    assert_checked(rule_index, claim, status, source_value)


@pytest.mark.parametrize("written", ["QCVN 06:2009/BCT", "QCVN 06 : 2009/BCT", "QCVN 06:2009/Bct"])
def test_a_technical_regulation_number_is_one_document_number(written: str) -> None:
    (number,) = identifiers.find_doc_numbers(f"Áp dụng {written} về an toàn.")
    assert (number.key.lower(), number.number) == ("6-2009-qcvn-bct", "6")
    (standard,) = identifiers.find_doc_numbers("theo Tiêu chuẩn quốc gia TCVN 4447:2012")
    assert standard.key == "4447-2012-tcvn"


def test_the_case_of_a_figure_is_read_before_or_after_it() -> None:
    after = "Thời hạn là 18 tháng đối với khoáng sản nhóm III."
    before = "Đối với khoáng sản nhóm III, thời hạn là 18 tháng."
    other = "Thời hạn là 36 tháng đối với khoáng sản nhóm I, nhóm II."
    cases = [qualifiers.case_words(t, t.index("tháng") - 3) for t in (after, before, other)]
    assert cases[0] == cases[1] == {"khoang", "san", "nhom", "iii"}
    assert qualifiers.other_cases(cases[0], cases[2])
    assert not qualifiers.other_cases(cases[0], frozenset({"khoang", "san"}))  # fewer words exclude nothing
    assert qualifiers.case_words("Thời hạn là 18 tháng.", 12) == frozenset()


def test_a_case_fronted_in_the_clause_holds_with_the_case_beside_the_figure() -> None:
    rule = "a) Đối với khoáng sản nhóm III, thời hạn là 18 tháng đối với tổ chức hoặc 12 tháng đối với cá nhân."
    other = "b) Đối với khoáng sản nhóm I, thời hạn là 18 tháng đối với tổ chức hoặc 24 tháng đối với cá nhân."
    firm, person = (qualifiers.case_words(rule, rule.index(n)) for n in ("18 tháng", "12 tháng"))
    assert {"nhom", "iii", "to", "chuc"} <= firm and {"nhom", "iii", "ca", "nhan"} <= person
    assert qualifiers.other_cases(firm, person)
    assert qualifiers.other_cases(firm, qualifiers.case_words(other, other.index("18 tháng")))
    # a case named after a figure is not the next figure's fronted case
    listed = "Thời hạn là 10 ngày đối với hồ sơ cấp mới và 05 ngày đối với hồ sơ gia hạn."
    assert "moi" not in qualifiers.case_words(listed, listed.index("05 ngày"))


def test_a_number_written_twice_anchors_the_date_after_its_second_place() -> None:
    merged = (
        "Điều 4 Thông tư số 94/2025/TT-BNNMT hướng dẫn Luật Chăn nuôi; đồng thời, mẫu đơn ban hành kèm theo "
        "Thông tư số 94/2025/TT-BNNMT ngày 31/12/2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường."
    )
    (date,) = [f for f in facts.extract(merged) if f.kind == "date"]
    assert (date.anchor, date.value) == ("94-2025-tt-bnnmt", "2025-12-31")
    numbers = [f.start for f in facts.extract(merged) if f.kind == "docnum"]
    assert numbers == [merged.index("94/2025"), merged.rindex("94/2025")]


def test_one_document_s_date_said_twice_is_one_fact_whatever_years_stand_near() -> None:
    one = "Kế hoạch số 218/KH-UBND ngày 13/5/2026 thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Tỉnh ủy."
    other = "Sở tham mưu báo cáo kết quả thực hiện Chỉ thị số 11-CT/TU ngày 02/01/2026 của Tỉnh ủy."
    a = next(f for f in facts.extract(one) if f.kind == "date" and f.anchor == "11-ct-tu")
    (b,) = [f for f in facts.extract(other) if f.kind == "date"]
    assert conflicts._restates(a, b, Heuristics())


@pytest.mark.parametrize("label", ["16. ", "16) ", "16 ", "  16 "])
def test_the_number_an_item_or_row_opens_with_counts_nothing(label: str) -> None:
    item = f"{label}Rà soát, bổ sung 05 khu vực dự trữ khoáng sản quốc gia."
    assert [f.value for f in facts.extract(item) if f.kind == "number"] == ["5"]
    # a figure opening a sentence still counts what its noun names
    assert [f.value for f in facts.extract("27 giấy phép đã được cấp.") if f.kind == "number"] == ["27"]
