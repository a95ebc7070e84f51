"""The asked slot: what a unit writes where the question has its interrogative (questions and sentences written for
the test), the same without tone marks, with its clauses reordered, and with an abbreviation."""

from __future__ import annotations

import pytest

from app.answer.slot import asked_slot
from app.answer.span import slot_value
from ingest import Heuristics
from ingest.query import understand
from ingest.vn import vntext
from ingest.vn.interrogatives import asked, is_polar, tokens

HEUR = Heuristics()
LEAD = "Bộ Tài nguyên và Môi trường chủ trì thẩm định hồ sơ cấp phép thăm dò khoáng sản của các tỉnh."
REVOKED = "Giấy phép khai thác bị thu hồi trong trường hợp tổ chức không nộp tiền cấp quyền khai thác đúng hạn."
KEPT = "Hồ sơ đóng cửa mỏ được lưu trữ tại Sở Tài nguyên và Môi trường nơi có mỏ."
SINCE = "Quyền khai thác phát sinh kể từ thời điểm giấy phép được cấp, trừ trường hợp pháp luật có quy định khác."

CASES = [
    ("Bộ nào chủ trì thẩm định hồ sơ cấp phép thăm dò khoáng sản?", LEAD, "Bộ Tài nguyên và Môi trường"),
    ("Cơ quan nào chủ trì thẩm định hồ sơ cấp phép thăm dò?", LEAD, "Bộ Tài nguyên và Môi trường"),
    ("Giấy phép khai thác bị thu hồi trong trường hợp nào?", REVOKED,
     "trường hợp tổ chức không nộp tiền cấp quyền khai thác đúng hạn"),
    ("Hồ sơ đóng cửa mỏ được lưu trữ ở đâu?", KEPT, "tại Sở Tài nguyên và Môi trường nơi có mỏ"),  # `ở đâu`: `tại X`
    # nothing of the question follows: the slot runs to the end, the exception of a rule with it
    ("Quyền khai thác phát sinh kể từ thời điểm nào?", SINCE,
     "thời điểm giấy phép được cấp, trừ trường hợp pháp luật có quy định khác"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "text", "slot"), CASES)
def test_the_slot_is_what_stands_where_the_interrogative_stands(question: str, text: str, slot: str) -> None:
    assert asked_slot(question, text, HEUR.slot_function_weight) == slot


@pytest.mark.parametrize(("question", "text", "slot"), CASES)
def test_the_same_slot_without_tone_marks(question: str, text: str, slot: str) -> None:
    assert asked_slot(vntext.strip_tones(question), text, HEUR.slot_function_weight) == slot


def test_the_same_slot_with_the_clauses_reordered_and_an_abbreviation() -> None:
    reordered = "Trong trường hợp nào thì giấy phép khai thác bị thu hồi?"
    assert "tổ chức không nộp tiền cấp quyền khai thác" in (asked_slot(reordered, REVOKED, 0.2) or "")
    abbreviated = "Hồ sơ đóng cửa mỏ được lưu trữ tại Sở TN&MT nơi có mỏ."
    assert asked_slot("Hồ sơ đóng cửa mỏ được lưu trữ ở đâu?", abbreviated, 0.2) == "tại Sở TN&MT nơi có mỏ"


def test_a_lone_function_word_does_not_cut_the_slot() -> None:
    # `của` of the question also stands after the answer, far from any other word the two share
    text = "Ủy ban nhân dân tỉnh chủ trì việc kiểm tra, trong đó có sự tham gia của các sở."
    assert asked_slot("Cơ quan nào chủ trì việc kiểm tra của tỉnh?", text, 0.2) == "Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(
    "question",
    ["Tỉnh đã nộp báo cáo chưa?", "Giấy phép có bị thu hồi không?", "Có phải Bộ Công Thương chủ trì không?",
     "giay phep co bi thu hoi hay khong", "Tỉnh có nộp báo cáo hay không?"],
)  # fmt: skip
def test_a_yes_no_question_has_no_slot(question: str) -> None:
    assert is_polar(question)
    assert asked_slot(question, REVOKED, 0.2) is None


def test_a_question_that_does_not_end_in_khong_is_not_yes_no() -> None:
    assert not is_polar("Trường hợp nào không được cấp phép?")
    assert asked("Trường hợp nào không được cấp phép?", tokens("Trường hợp nào không được cấp phép?")) is not None


def test_dau_without_tone_marks_is_an_interrogative_only_where_one_stands() -> None:
    # `dau` first or last is `đâu`; inside the question it is `đầu` (`dau tien`)
    question = "mo than dau tien duoc mo khi nao"
    found = asked(question, tokens(question))
    assert found is not None and question.split()[found.first] == "khi"


def test_a_unit_that_only_repeats_the_question_has_no_slot() -> None:
    assert asked_slot("Ai chủ trì?", "Chủ trì.", 0.2) is None


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        ("Cơ quan nào chủ trì thẩm định hồ sơ cấp phép?", LEAD, "Bộ Tài nguyên và Môi trường"),
        ("cơ quan nào chủ trì thẩm định hồ sơ cấp phép", LEAD, "Bộ Tài nguyên và Môi trường"),
        ("Giấy phép khai thác bị thu hồi trong trường hợp nào?", REVOKED,
         "trường hợp tổ chức không nộp tiền cấp quyền khai thác đúng hạn"),
        ("Vì sao giấy phép khai thác bị thu hồi?", REVOKED, None),  # why: no short answer
    ],
)  # fmt: skip
def test_the_slot_answers_who_and_when_in_short(question: str, text: str, short: str | None) -> None:
    assert slot_value(understand(question), text, HEUR) == short


def test_a_table_row_is_answered_by_its_column_not_by_a_slot() -> None:
    from app.answer.ask import compose
    from ingest.index_read import Passage
    from ingest.payload import ChunkPayload

    table = ("TT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn\n"
             "8\tTrình phê duyệt quy hoạch khoáng sản làm vật liệu xây dựng\tBộ Xây dựng\tNăm 2022")  # fmt: skip
    passage = Passage("p", 0.3, ChunkPayload("nq.docx", "nq", "r", "open", table, kind="table"))
    q = understand("Cơ quan nào chủ trì trình phê duyệt quy hoạch khoáng sản làm vật liệu xây dựng?")
    a = compose(q, [passage], HEUR, weights={})
    assert a.short == "Bộ Xây dựng [1]", a.short  # the body of the column `Cơ quan chủ trì`, never the row's number
