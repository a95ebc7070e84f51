"""The short answer: the asked value first, then its sentence (sentences and questions written for the test)."""

from __future__ import annotations

import pytest

from app.answer import answer
from app.answer.span import short_answer
from ingest.query import understand
from ingest.vn import vntext

LICENCES = "Giai đoạn 2016 - 2021, tỉnh đã cấp 27 giấy phép khai thác khoáng sản với tổng diện tích 1.250 ha."
SIGNED = "Quyết định số 502/QĐ-ĐCKS ngày 26 tháng 7 năm 2021 do Phó Tổng cục trưởng Nguyễn Văn An ký."
DEADLINE = "Các đơn vị hoàn thành báo cáo trước ngày 30/9/2021; tỷ lệ đơn vị đã gửi đạt 85,5%."
LEAD = "Bộ Tài nguyên và Môi trường chủ trì, phối hợp với Bộ Công Thương xây dựng chiến lược khoáng sản."
TERM = "Thời hạn của giấy phép thăm dò là 05 năm kể từ ngày ký."
FOUNDED = "Mỏ than đầu tiên của vùng được mở vào năm 1973 bởi một công ty địa phương."

CASES = [
    ("Giai đoạn 2016 - 2021 tỉnh đã cấp bao nhiêu giấy phép khai thác?", LICENCES, "27 giấy phép"),
    ("Tổng diện tích được cấp phép là bao nhiêu ha?", LICENCES, "1.250 ha"),
    ("Ai ký Quyết định số 502/QĐ-ĐCKS?", SIGNED, "Nguyễn Văn An"),
    ("Hạn hoàn thành báo cáo là ngày nào?", DEADLINE, "30/9/2021"),
    ("Tỷ lệ đơn vị đã gửi báo cáo đạt bao nhiêu phần trăm?", DEADLINE, "85,5%"),
    ("Thời hạn của giấy phép thăm dò là bao lâu?", TERM, "05 năm"),
    ("Bộ nào chủ trì xây dựng chiến lược khoáng sản?", LEAD, "Bộ Tài nguyên và Môi trường"),
    ("Mỏ than đầu tiên của vùng được mở khi nào?", FOUNDED, "vào năm 1973"),  # the year as written, nothing after
]


@pytest.mark.parametrize(("question", "text", "value"), CASES)
def test_the_asked_value_with_its_unit(question: str, text: str, value: str) -> None:
    assert short_answer(understand(question), text) == value


@pytest.mark.parametrize(("question", "text", "value"), CASES)
def test_the_same_value_without_tone_marks(question: str, text: str, value: str) -> None:
    assert short_answer(understand(vntext.strip_tones(question)), text) == value


def test_the_same_value_with_the_clause_moved_and_the_type_abbreviated() -> None:
    moved = "Tỉnh đã cấp bao nhiêu giấy phép khai thác trong giai đoạn 2016 - 2021?"
    assert short_answer(understand(moved), LICENCES) == "27 giấy phép"
    assert short_answer(understand("Ai ký QĐ 502/QĐ-ĐCKS?"), SIGNED) == "Nguyễn Văn An"


def test_a_value_the_question_states_is_not_the_answer() -> None:
    # the question names 2021: the answer is the day, not the year it already knows
    assert short_answer(understand("Năm 2021 hạn hoàn thành báo cáo là ngày nào?"), DEADLINE) == "30/9/2021"


def test_which_document_gets_its_type_and_number() -> None:
    text = "Tổ công tác được thành lập theo Quyết định số 502/QĐ-ĐCKS của Tổng cục Địa chất và Khoáng sản."
    assert short_answer(understand("Tổ công tác được thành lập theo văn bản nào?"), text) == "Quyết định số 502/QĐ-ĐCKS"


def test_no_short_answer_for_why_or_a_summary() -> None:
    assert short_answer(understand("Vì sao tỉnh cấp ít giấy phép?"), LICENCES) is None
    assert short_answer(understand("Tóm tắt kết quả cấp phép của tỉnh."), LICENCES) is None


def test_an_answer_over_the_samples_leads_with_its_cited_value(samples_index) -> None:
    a = answer(samples_index, "Các Bộ, ngành gửi báo cáo tổng kết trước ngày nào?", use_llm=False)
    assert not a.abstained and a.short, a
    value, cite = a.short.rsplit(" [", 1)
    assert value in a.answer and any(c.isdigit() for c in value) and cite.rstrip("]").isdigit()
    assert a.as_json()["short"] == a.short


def test_a_table_row_answers_from_the_column_the_question_names() -> None:
    header = ["Giai đoạn", "Giấy phép thăm dò", "Giấy phép khai thác", "Diện tích khai thác (ha)"]
    row = "2016 - 2021\t6\t19\t410,8"
    q = understand("Giai đoạn 2016 - 2021 tỉnh cấp bao nhiêu giấy phép thăm dò?")
    assert short_answer(q, row, header) == "6 giấy phép"  # not the 6 of 2016: a value is a whole token
    assert short_answer(understand("Tỉnh cấp bao nhiêu giấy phép khai thác?"), row, header) == "19 giấy phép"
    assert short_answer(understand("Diện tích khai thác là bao nhiêu ha?"), row, header) == "410,8 ha"


def _own_report(province: str, doc: str) -> bool:
    """The cited document is that province's report (its file name spells the province)."""
    return vntext.strip_tones(province).replace(" ", "-") in doc.lower()


def test_a_comparison_gives_one_cited_value_per_subject(samples_index) -> None:
    a = answer(samples_index, "Tỉnh Quảng Ninh và tỉnh Yên Bái cấp bao nhiêu giấy phép khai thác giai đoạn 2016 - 2021?",
               use_llm=False)  # fmt: skip
    assert a.short == "Quảng Ninh: 27 giấy phép [1]; Yên Bái: 19 giấy phép [2]", a.short
    # each value cited to its own province's report
    for part in a.short.split("; "):
        province, rest = part.split(": ")
        n = int(rest.rsplit("[", 1)[1].rstrip("]"))
        assert _own_report(province, a.citations[n - 1].doc), a.citations


@pytest.mark.parametrize(
    "question",
    [
        "So sánh số giấy phép khai thác khoáng sản của Quảng Ninh và Yên Bái.",
        "so sánh số giấy phép khai thác khoáng sản của quảng ninh và yên bái",  # names in lower case
        "so sanh so giay phep khai thac khoang san cua quang ninh va yen bai",  # and without tone marks
        "Yên Bái và Quảng Ninh: so sánh số giấy phép khai thác khoáng sản.",  # the clauses reordered
    ],
)
def test_a_comparison_of_a_count_compares_figures(samples_index, question: str) -> None:
    # `so sánh số ...` asks a figure per subject: a sentence leading to a table (`... như sau:`) states none
    a = answer(samples_index, question, use_llm=False)
    parts = dict(part.split(": ") for part in (a.short or "").split("; ") if ": " in part)
    assert set(parts) == {"Quảng Ninh", "Yên Bái"}, a.short
    assert all(v.split()[0].isdigit() and "giấy phép" in v for v in parts.values()), a.short


def test_a_comparison_names_the_subject_it_found_nothing_about(samples_index) -> None:
    a = answer(samples_index, "So sánh số giấy phép khai thác giai đoạn 2016 - 2021 của tỉnh Quảng Ninh và tỉnh Lào Cai.",
               use_llm=False)  # fmt: skip
    assert not a.abstained and "Quảng Ninh" in a.answer
    assert any("Lào Cai" in note for note in a.notes), a.notes


def test_a_row_with_an_empty_cell_keeps_its_values_under_their_columns() -> None:
    from app.answer.ask import compose
    from ingest import Heuristics
    from ingest.index_read import Passage
    from ingest.payload import ChunkPayload

    table = ("Giai đoạn\tGiấy phép thăm dò\tGiấy phép khai thác\tDiện tích khai thác (ha)\n"
             "2016 - 2021\t\t19\t410,8")  # fmt: skip
    passage = Passage("p", 0.3, ChunkPayload("bc.docx", "bc", "r", "open", table, kind="table"))
    q = understand("Giai đoạn 2016 - 2021 tỉnh cấp bao nhiêu giấy phép khai thác?")
    a = compose(q, [passage], Heuristics(), weights={})
    assert a.short == "19 giấy phép [1]", a


@pytest.mark.parametrize(
    "question",
    [
        "Tóm tắt những hạn chế trong thực hiện Nghị quyết 02 của tỉnh Quảng Ninh và tỉnh Yên Bái.",
        "tom tat nhung han che trong thuc hien nghi quyet 02 cua tinh quang ninh va tinh yen bai",
        "Tỉnh Yên Bái và tỉnh Quảng Ninh: tóm tắt những hạn chế trong thực hiện Nghị quyết 02.",
    ],
)
def test_a_summary_of_two_provinces_gives_each_its_own_section(samples_index, question: str) -> None:
    """Each province's section on the asked topic, under its name, cited to its own report."""
    a = answer(samples_index, question, use_llm=False)
    subjects = {s.text.split(": ")[0]: s.citations[0] for s in a.sentences}
    assert set(subjects) == {"Quảng Ninh", "Yên Bái"}, a.answer
    for province, n in subjects.items():
        assert _own_report(province, a.citations[n - 1].doc), a.citations


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        ("Sản lượng khai thác đạt bao nhiêu tấn?", "Sản lượng khai thác đạt 1,5 triệu tấn.", "1,5 triệu tấn"),
        ("Tổng thu là bao nhiêu tiền?", "Tổng thu đạt 20 tỷ đồng trong năm.", "20 tỷ đồng"),
        ("Diện tích khai thác là bao nhiêu ha?", "Diện tích khai thác là 860,2 ha trong giai đoạn.", "860,2 ha"),
        # a decimal counts no things: the noun after it opens the next clause
        ("Học phần có điểm dưới bao nhiêu thì phải học lại?",
         "Học phần có điểm dưới 5,0 sinh viên phải đăng ký học lại.", "5,0"),
        ("Tỉnh cấp bao nhiêu giấy phép?", "Tỉnh đã cấp 27 giấy phép khai thác.", "27 giấy phép"),
    ],
)  # fmt: skip
def test_a_figure_is_shown_with_its_unit_of_measure_and_scale_words(question: str, text: str, short: str) -> None:
    assert short_answer(understand(question), text) == short
