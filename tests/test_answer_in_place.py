"""A question asked in place of a sentence's value is answered by that sentence, not by a like-worded neighbour
(text written for the test, each question as written, without tone marks, and with a clause moved)."""

from __future__ import annotations

import pytest

from app.answer.ask import compose
from ingest import Heuristics
from ingest.index_read import Passage
from ingest.payload import ChunkPayload
from ingest.query import understand
from ingest.vn import vntext
from ingest.vn.questions import asks_issue

PROCEDURE = (
    "Điều 9. Trình tự đăng ký\n"
    "a) Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ đăng ký, trường hợp hồ sơ chưa đầy đủ, "
    "Ủy ban nhân dân cấp tỉnh thông báo bằng văn bản yêu cầu tổ chức bổ sung hồ sơ;\n"
    "b) Trong thời hạn 30 ngày làm việc kể từ ngày nhận được hồ sơ đăng ký đầy đủ, hợp lệ, Ủy ban nhân dân cấp "
    "tỉnh tổ chức rà soát, đánh giá nội dung hồ sơ, xem xét, ban hành quyết định phê duyệt nhiệm vụ và dự toán "
    "kinh phí thực hiện của các đơn vị có liên quan trên địa bàn."
)
HELPERS = (
    "Điều 12. Công nhận kết quả thăm dò\n"
    "1. Chủ tịch Ủy ban nhân dân cấp tỉnh có trách nhiệm công nhận kết quả thăm dò khoáng sản thuộc thẩm quyền "
    "và thống kê trữ lượng đã phê duyệt.\n"
    "2. Sở Nông nghiệp và Môi trường giúp Chủ tịch Ủy ban nhân dân cấp tỉnh trong việc thẩm định hồ sơ đề nghị "
    "công nhận kết quả thăm dò khoáng sản."
)


def _answer(question: str, text: str):
    passage = Passage("p", 0.3, ChunkPayload("tt.docx", "tt", "r", "open", text))
    return compose(understand(question), [passage], Heuristics(), weights={})


@pytest.mark.parametrize(
    "question",
    [
        "Trong thời hạn bao nhiêu ngày làm việc kể từ ngày nhận được hồ sơ đăng ký, trường hợp hồ sơ chưa đầy đủ, "
        "Ủy ban nhân dân cấp tỉnh thông báo yêu cầu bổ sung hồ sơ?",
        "trong thoi han bao nhieu ngay lam viec ke tu ngay nhan duoc ho so dang ky, truong hop ho so chua day du, "
        "uy ban nhan dan cap tinh thong bao yeu cau bo sung ho so?",
        "Trường hợp hồ sơ chưa đầy đủ, Ủy ban nhân dân cấp tỉnh thông báo yêu cầu bổ sung hồ sơ trong thời hạn bao "
        "nhiêu ngày làm việc kể từ ngày nhận được hồ sơ đăng ký?",
    ],
)
def test_the_figure_asked_is_new_though_every_other_word_repeats_the_question(question: str) -> None:
    # the sentence saying the question with its figure outranks a like-worded one adding more words
    a = _answer(question, PROCEDURE)
    assert a.short == "05 ngày [1]", (a.short, a.answer)


@pytest.mark.parametrize(
    "question",
    [
        "Sở nào giúp Chủ tịch Ủy ban nhân dân cấp tỉnh trong việc thẩm định hồ sơ đề nghị công nhận kết quả thăm dò "
        "khoáng sản?",
        "Cơ quan nào giúp Chủ tịch Ủy ban nhân dân cấp tỉnh thẩm định hồ sơ đề nghị công nhận kết quả thăm dò?",
    ],
)
def test_the_body_asked_is_new_though_every_other_word_repeats_the_question(question: str) -> None:
    for asked in (question, vntext.strip_tones(question)):
        a = _answer(asked, HELPERS)
        assert a.answer.startswith("Sở Nông nghiệp và Môi trường giúp"), a.answer
        assert a.short == "Sở Nông nghiệp và Môi trường [1]", a.short


def test_a_horizon_a_document_sets_is_not_its_issue_date() -> None:
    named = "Quyết định số 2427/QĐ-TTg ngày 22 tháng 12 năm 2011 ban hành Chiến lược khoáng sản đến năm nào?"
    assert not asks_issue(named) and not asks_issue(vntext.strip_tones(named))
    assert asks_issue("Quyết định số 2427/QĐ-TTg ban hành ngày nào?")
    assert not asks_issue("Kế hoạch ban hành kèm Quyết định 502 phải hoàn thành trước ngày nào?")


TARGETS = (
    "2.2. Mục tiêu đến năm 2030\n"
    "- Đến năm 2030, lập bản đồ địa chất khoáng sản tỷ lệ 1:50.000 đạt 85% diện tích phần đất liền.\n"
    "2.3. Tầm nhìn đến năm 2045\n"
    "Hoàn thành 100% việc lập bản đồ địa chất khoáng sản tỷ lệ 1:50.000 phần đất liền."
)


@pytest.mark.parametrize(
    "question",
    [
        "Đến năm nào hoàn thành 100% việc lập bản đồ địa chất khoáng sản tỷ lệ 1:50.000 phần đất liền?",
        "den nam nao hoan thanh 100% viec lap ban do dia chat khoang san ty le 1:50.000 phan dat lien",
        "Việc lập bản đồ địa chất khoáng sản tỷ lệ 1:50.000 phần đất liền hoàn thành 100% đến năm nào?",
    ],
)
def test_a_target_is_dated_by_the_heading_above_it(question: str) -> None:
    # `tỷ lệ 1:50.000` names a map's scale: the question asks a year, which the heading above the target states
    assert understand(question).wants == "date"
    a = _answer(question, TARGETS)
    assert a.answer.startswith("Tầm nhìn đến năm 2045: Hoàn thành 100%"), a.answer
    assert a.short == "đến năm 2045 [1]", a.short
    assert understand("Tỷ lệ hộ dân được cấp nước sạch là bao nhiêu?").wants == "number"


def test_a_unit_saying_the_whole_question_is_not_outranked_for_its_passage_s_rank() -> None:
    # retrieval put the like-worded passage first; the sentence saying the whole question stands in the third
    first = ("c) Trong thời hạn 30 ngày làm việc kể từ ngày nhận được hồ sơ đăng ký, trường hợp hồ sơ đầy đủ, Ủy ban "
             "nhân dân cấp tỉnh thông báo bằng văn bản kết quả rà soát hồ sơ.")  # fmt: skip
    other = "Hồ sơ đăng ký gồm văn bản đề nghị và bản sao giấy phép khai thác khoáng sản."
    third = ("b) Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ đăng ký, trường hợp hồ sơ chưa đầy đủ, "
             "Ủy ban nhân dân cấp tỉnh thông báo bằng văn bản yêu cầu bổ sung hồ sơ.")  # fmt: skip
    passages = [Passage(f"p{i}", 0.3 - i / 10, ChunkPayload(f"d{i}.docx", f"d{i}", "r", "open", t))
                for i, t in enumerate((first, other, third))]  # fmt: skip
    question = ("Trong thời hạn bao nhiêu ngày làm việc kể từ ngày nhận được hồ sơ đăng ký, trường hợp hồ sơ chưa "
                "đầy đủ, Ủy ban nhân dân cấp tỉnh thông báo bằng văn bản yêu cầu bổ sung hồ sơ?")  # fmt: skip
    for asked in (question, vntext.strip_tones(question)):
        a = compose(understand(asked), passages, Heuristics(), weights={})
        assert a.short == "05 ngày [1]" and a.citations[0].doc == "d2.docx", (a.short, a.answer)


def test_a_short_question_is_covered_by_many_units_and_rank_still_counts() -> None:
    # `Thế nào là học kỳ?` has two telling syllables: every unit naming `học kỳ` covers it whole
    first = "Học kỳ là thời gian để sinh viên hoàn thành một số học phần của chương trình đào tạo."
    third = "Một học kỳ hè có tối thiểu 5 tuần thực học và 1 tuần thi."
    passages = [Passage(f"p{i}", 0.3 - i / 10, ChunkPayload(f"d{i}.docx", f"d{i}", "r", "open", t))
                for i, t in enumerate((first, "Sinh viên đăng ký học phần trực tuyến.", third))]  # fmt: skip
    a = compose(understand("Thế nào là một học kỳ?"), passages, Heuristics(), weights={})
    assert a.answer.startswith("Học kỳ là thời gian"), a.answer
