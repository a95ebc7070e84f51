"""A draft that says a statement again (`Như đã nêu ở trên, ...`) with another value states one fact two ways,
whatever like-worded statement of the sources holds the other value; and a figure the claim states for no case is
compared with the source's figure for no case, not with a like-worded one for a named case (text written for the
test)."""

from __future__ import annotations

import pytest

from ingest.vn import statements, vntext

from .draft_support import assert_checked, check_text, documents_index

SOURCE = (
    "NGHỊ ĐỊNH\nQuy định chi tiết về thủ tục cấp phép hoạt động khoáng sản\n\n"
    "Điều 10. Thẩm định hồ sơ đề nghị cấp giấy phép khai thác\n"
    "1. Trong thời hạn không quá 15 ngày làm việc, kể từ ngày nhận được văn bản xin ý kiến của cơ quan thẩm định hồ "
    "sơ, cơ quan được lấy ý kiến có trách nhiệm trả lời bằng văn bản về các vấn đề có liên quan, quá thời hạn này "
    "mà không có văn bản trả lời thì được coi là đồng ý.\n"
    "2. Thời gian thẩm định còn lại sau khi nhận được hồ sơ hoàn thiện của tổ chức, cá nhân được tăng thêm 10 ngày "
    "đối với hồ sơ đề nghị cấp giấy phép khai thác tận thu khoáng sản.\n"
    "3. Trường hợp hồ sơ cần chỉnh sửa, bổ sung, cơ quan thẩm định hồ sơ thông báo bằng văn bản yêu cầu tổ chức, cá "
    "nhân giải trình, chỉnh sửa hoặc bổ sung hoàn thiện hồ sơ. Thời gian thẩm định còn lại sau khi nhận được hồ sơ "
    "hoàn thiện của tổ chức, cá nhân được tăng thêm 25 ngày.\n"
)
OTHER = (
    "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều về thủ tục gia hạn giấy phép\n\n"
    "Điều 4. Thẩm định hồ sơ đề nghị gia hạn giấy phép khai thác\n"
    "1. Hồ sơ đề nghị gia hạn giấy phép khai thác được nộp tại cơ quan tiếp nhận hồ sơ.\n"
    "2. Trong thời hạn không quá 07 ngày làm việc, kể từ ngày nhận được văn bản xin ý kiến của cơ quan thẩm định hồ "
    "sơ, cơ quan được lấy ý kiến có trách nhiệm trả lời bằng văn bản về các vấn đề có liên quan.\n"
    "3. Tổ chức, cá nhân đề nghị gia hạn giấy phép thực hiện thủ tục hành chính quy định tại các Điều 45, 46, 47 và "
    "49 Nghị định này.\n"
)
STATED = (
    "Trong thời hạn không quá 15 ngày làm việc, kể từ ngày nhận được văn bản xin ý kiến của cơ quan thẩm định hồ sơ, "
    "cơ quan được lấy ý kiến có trách nhiệm trả lời bằng văn bản về các vấn đề có liên quan."
)


decree_index = documents_index({"nghi-dinh-thu-tuc.txt": SOURCE, "nghi-dinh-gia-han.txt": OTHER})


@pytest.mark.parametrize(
    "opening", ["Như đã nêu ở trên, t", "Như trên đã trình bày, t", "Như đã đề cập, t", "Nhu da neu o tren, t"]
)
def test_a_recap_with_another_value_is_an_internal_conflict(decree_index, opening: str) -> None:
    again = opening + STATED[1:].replace("15 ngày", "12 ngày")
    first, recap = check_text(decree_index, f"{STATED}\n{again}\n")
    assert first.status == "supported", first
    assert recap.status == "internal_conflict" and recap.conflicts_with == first.id, recap
    assert (recap.draft_value, recap.source_value) == ("12", "15"), recap
    assert any("15 ngày" in e.text for e in recap.evidence), recap.evidence


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Như đã nêu ở trên, tỉnh đã cấp 27 giấy phép.", "tỉnh đã cấp 27 giấy phép."),
        ("NHƯ ĐÃ BÁO CÁO, tỉnh đã cấp 27 giấy phép.", "tỉnh đã cấp 27 giấy phép."),
        ("Như Nghị quyết số 02-NQ/TW đã nêu, tỉnh đã cấp 27 giấy phép.", None),  # credits a document
        ("Như vậy, tỉnh đã cấp 27 giấy phép.", None),
        ("Tỉnh đã cấp 27 giấy phép như đã nêu ở trên.", None),  # not an opening
    ],
)
def test_a_recap_is_read_by_its_opening(text: str, said: str | None) -> None:
    assert statements.said_again(text) == said
    assert statements.said_again(vntext.strip_tones(text)) == (said and vntext.strip_tones(said))


def test_a_figure_for_no_case_is_compared_with_the_source_figure_for_no_case(decree_index) -> None:
    claim = (
        "Thời gian thẩm định còn lại sau khi nhận được hồ sơ hoàn thiện của tổ chức, cá nhân được tăng thêm 38 ngày."
    )
    assert_checked(decree_index, claim, "contradicted", "25")
    assert_checked(decree_index, claim.replace("38 ngày", "25 ngày"), "supported", None)


def test_a_recap_citing_a_list_of_articles_otherwise_is_an_internal_conflict(decree_index) -> None:
    cited = "Tổ chức, cá nhân đề nghị gia hạn giấy phép thực hiện thủ tục hành chính quy định tại các Điều 45, 46, 47"
    first, recap = check_text(
        decree_index, f"{cited} và 49 Nghị định này.\nNhư đã nêu, t{cited[1:]} và 19 Nghị định này.\n"
    )
    assert first.status == "supported", first
    assert recap.status == "internal_conflict" and recap.conflicts_with == first.id, recap
    assert "19" in (recap.draft_value or "") and "49" in (recap.source_value or ""), recap
