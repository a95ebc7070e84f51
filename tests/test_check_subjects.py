"""A figure of a draft is checked against what the sources say of the province the draft names: a report of one
province that names another beside its own figures lends the other none of them; and an item of a list merged with
`;` is looked up with the whole sentence it stands in (text written for the test)."""

from __future__ import annotations

import pytest

from .draft_support import assert_checked, documents_index

REPORT = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 88/BC-UBND\n\nLào Cai, ngày 10 tháng 12 năm 2025\n\nBÁO CÁO\n"
    "Kết quả công tác thanh tra, kiểm tra hoạt động khoáng sản năm 2025\n\n"
    "Năm 2025, công tác thanh tra, kiểm tra hoạt động khoáng sản được thực hiện như sau:\n"
    "- Thanh tra tỉnh Lào Cai và Thanh tra tỉnh Yên Bái (trước hợp nhất) đã phối hợp xây dựng kế hoạch thanh tra.\n"
    "- Thanh tra tỉnh Lào Cai (sau hợp nhất): 03 cuộc thanh tra hoạt động khai thác khoáng sản.\n"
)


report_index = documents_index({"bc-88-lao-cai.txt": REPORT})


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Thanh tra tỉnh Lào Cai (sau hợp nhất): 03 cuộc thanh tra hoạt động khai thác khoáng sản.", "supported"),
        ("Thanh tra tỉnh Yên Bái (sau hợp nhất): 03 cuộc thanh tra hoạt động khai thác khoáng sản.", "unsupported"),
        ("Thanh tra tinh Yen Bai (sau hop nhat): 03 cuoc thanh tra hoat dong khai thac khoang san.", "unsupported"),
    ],
)
def test_a_figure_said_of_another_province_supports_nothing(report_index, claim: str, status: str) -> None:
    assert_checked(report_index, claim, status, None)


# a long paragraph of a report listing what was done, and decrees that say `quyết định thu hồi giấy phép` often
TASKS = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 90/BC-UBND\n\nLào Cai, ngày 12 tháng 12 năm 2025\n\nBÁO CÁO\n"
    "Kết quả giải quyết thủ tục hành chính về khoáng sản năm 2025\n\n"
    "Trong năm 2025, các quy trình, thủ tục hành chính trong lĩnh vực khoáng sản được thực hiện theo đúng quy định "
    "của pháp luật, công khai trên cổng dịch vụ công của tỉnh, bảo đảm thời hạn giải quyết hồ sơ cho tổ chức, cá "
    "nhân; kết quả: cấp 08 bản xác nhận đăng ký khai thác khoáng sản làm vật liệu xây dựng thông thường trong diện "
    "tích đất dự án đầu tư công trình; 02 quyết định thu hồi giấy phép khai thác khoáng sản.\n"
)
DECREES = {
    f"nghi-dinh-mau-{n}.txt": f"NGHỊ ĐỊNH\nQuy định mẫu văn bản số {n}\n\nĐiều {n}. Quyết định thu hồi giấy phép khai "
    f"thác khoáng sản được lập theo mẫu số {n}; quyết định thu hồi giấy phép khai thác khoáng sản được gửi cho tổ "
    f"chức, cá nhân trong {n} ngày.\n"
    for n in range(11, 25)
}
tasks_index = documents_index({"bc-90-lao-cai.txt": TASKS, **DECREES})


@pytest.mark.slow  # sixteen documents indexed
def test_an_item_of_a_list_merged_with_semicolons_is_found_by_the_whole_sentence(tasks_index) -> None:
    claim = (
        "Cấp 08 bản xác nhận đăng ký khai thác khoáng sản làm vật liệu xây dựng thông thường trong diện tích đất dự "
        "án đầu tư công trình; 02 quyết định thu hồi giấy phép khai thác khoáng sản."
    )
    assert_checked(tasks_index, claim, "supported", None)
    assert_checked(tasks_index, claim.replace("02 quyết định", "05 quyết định"), "contradicted", "02")
