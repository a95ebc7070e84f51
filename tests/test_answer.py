"""Extractive answers with citations, and abstention when the corpus does not say."""

from __future__ import annotations

import pytest

from app.answer import answer
from ingest import Heuristics
from ingest.query import understand as analyse


def test_intent_detection():
    assert analyse("Đến năm 2030 đạt bao nhiêu phần trăm?").wants == "number"
    assert analyse("Tổ biên tập họp vào ngày nào?").wants == "date"
    assert analyse("Ai ký Nghị định 21/2026/NĐ-CP?").wants == "signer"
    assert analyse("Ai giữ chức Trưởng Ban chỉ đạo?").wants == "person"
    assert analyse("Quyết định 2427/QĐ-TTg đặt mục tiêu gì?").doc_keys == {"2427-qd-ttg"}


def test_answer_cites_the_sentence_that_answers(small_index):
    a = answer(small_index, "Tổ biên tập tổ chức cuộc họp trực tuyến góp ý Phân công nhiệm vụ vào ngày nào?")
    assert not a.abstained
    assert "28/7/2021" in a.answer and "[1]" in a.answer
    first = a.citations[0]
    assert first.doc == "tin-2021-07-29-tien-do-tong-ket-nq02.txt"
    assert first.sentence and first.sentence in first.text


def test_abstains_when_the_named_document_does_not_say(small_index):
    a = answer(
        small_index,
        "Quyết định 2427/QĐ-TTg đặt giá vé máy bay nội địa năm 2020 là bao nhiêu đồng?",
    )
    assert a.abstained
    assert a.citations, "the closest passages are still shown"


def test_abstains_on_an_unrelated_question(small_index):
    a = answer(small_index, "Giá vé tàu hỏa Hà Nội - Sài Gòn dịp Tết là bao nhiêu?")
    assert a.abstained


LAW = """QUỐC HỘI
Luật số: 60/2010/QH12
LUẬT KHOÁNG SẢN
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 2. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Khoáng sản là khoáng vật, khoáng chất có ích được tích tụ tự nhiên ở thể rắn, thể lỏng, thể khí tồn tại trên mặt đất, dưới lòng đất, bao gồm cả khoáng vật, khoáng chất ở bãi thải của mỏ.
2. Thăm dò khoáng sản là hoạt động nhằm đánh giá trữ lượng, chất lượng khoáng sản và các thông tin khác phục vụ khai thác khoáng sản.
3. Khai thác khoáng sản là hoạt động nhằm thu hồi khoáng sản, bao gồm xây dựng cơ bản mỏ, khai đào, phân loại, làm giàu và các hoạt động khác có liên quan.
Điều 4. Nguyên tắc hoạt động khoáng sản
1. Hoạt động thăm dò khoáng sản, khai thác khoáng sản phải phù hợp với chiến lược, quy hoạch khoáng sản; gắn với bảo vệ môi trường, cảnh quan thiên nhiên, di tích lịch sử - văn hóa, danh lam thắng cảnh và các tài nguyên thiên nhiên khác; bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội.
"""


def test_a_definition_question_is_answered_by_the_clause_that_defines_the_term(tmp_path):
    """`X là gì` / `X được hiểu như thế nào`: legal texts define a term in a clause that opens with it."""
    from ingest import Index, Settings

    assert analyse("Thăm dò khoáng sản là gì?").wants == "definition"
    assert analyse("Theo Luật Khoáng sản, khai thác khoáng sản được hiểu như thế nào?").wants == "definition"
    assert analyse("Những hạn chế chính là gì?").wants == "summary", "a plural `những ... là gì` asks for a summary"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "luat-khoang-san-2010.txt").write_text(LAW, encoding="utf-8")
    index = Index.open(Settings.from_env(index_dir=tmp_path / "idx", store_backend="edge", lock_wait_s=0))
    try:
        index.ingest([tmp_path / "docs"])
        a = answer(index, "Theo Luật Khoáng sản, khai thác khoáng sản được hiểu như thế nào?", use_llm=False)
        assert not a.abstained and "thu hồi khoáng sản" in a.answer, a.answer
        a = answer(index, "Thăm dò khoáng sản là gì?", use_llm=False)
        assert "đánh giá trữ lượng" in a.answer and "quy hoạch" not in a.answer, a.answer
    finally:
        index.close()


CLASSES = """QUỐC HỘI
Luật số: 99/2030/QH15
LUẬT VỀ PHÂN LOẠI KHOÁNG SẢN
Điều 3. Phân loại khoáng sản
1. Khu vực dự trữ cát trắng là khu vực được khoanh định để xếp vào nhóm khoáng sản dự trữ theo Luật phân loại khoáng sản.
2. Cát trắng là khoáng sản làm nguyên liệu công nghiệp thuộc nhóm II.
3. Than bùn là khoáng sản năng lượng thuộc nhóm I.
"""


@pytest.mark.parametrize("question", [
    "Luật phân loại khoáng sản xếp cát trắng vào 'nhóm' khoáng sản nào?",
    "Luat phan loai khoang san xep cat trang vao nhom khoang san nao?",
    "Cát trắng thuộc loại khoáng sản gì theo Luật phân loại khoáng sản?",
])  # fmt: skip
def test_a_class_question_is_answered_by_the_clause_whose_subject_is_asked(tmp_path, question):
    """`X thuộc loại ... nào`: the clause `X là ...` answers, not a clause about something else that names X."""
    from ingest import Index, Settings

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "luat-phan-loai.txt").write_text(CLASSES, encoding="utf-8")
    index = Index.open(Settings.from_env(index_dir=tmp_path / "idx", store_backend="edge", lock_wait_s=0))
    try:
        index.ingest([tmp_path / "docs"])
        a = answer(index, question, use_llm=False)
        assert not a.abstained and "nguyên liệu công nghiệp" in a.answer and "khoanh định" not in a.answer, a.answer
    finally:
        index.close()


def test_a_long_answer_keeps_the_condition_that_holds_the_asked_duration():
    """`Sau 06 tháng ... thì X`: for `sau bao lâu ... thì X?` the part before `thì` is the answer, not a repeat."""
    from app.answer.trim import trim
    from ingest.units import Unit

    sentence = (  # written for the test, in the form of a civil-code provision
        "Sau 03 tháng, kể từ ngày niêm yết công khai hoặc sau 06 tháng đối với tài sản bị chôn giấu thì quyền sở hữu "
        "đối với tài sản đó và hoa lợi phát sinh trong thời gian giữ tài sản thuộc về người phát hiện tài sản."
    )
    query = analyse(
        "Sau bao lâu kể từ ngày niêm yết công khai đối với tài sản bị chôn giấu thì quyền sở hữu đối với tài sản "
        "thuộc về người phát hiện tài sản?"
    )
    assert query.wants == "duration"
    assert "06 tháng" in trim(query, Unit(0, sentence, sentence, "sentence"), Heuristics(span_max_words=30))


def test_a_named_position_wants_the_person_holding_it(samples_index):
    """`Ai giữ chức X` / `X là ai`: a name somewhere in the sentence is not the holder of X."""
    from app.answer.fit import fits

    query = analyse("Ai giữ chức Phó Trưởng Ban chỉ đạo sơ kết 5 năm thực hiện Nghị quyết 02-NQ/TW?")
    news = (
        "Sáng 29/7, Tổng cục Địa chất và Khoáng sản Việt Nam báo cáo Thứ trưởng Bộ TN&MT Trần Quý Kiên về tiến độ "
        "triển khai nhiệm vụ sơ kết 5 năm thực hiện Nghị quyết số 02/NQ-TW ngày 25/4/2011 của Bộ Chính trị."
    )
    assert not fits(query, news)
    assert fits(query, "Thứ trưởng Trần Quý Kiên, Phó Trưởng Ban chỉ đạo sơ kết, chủ trì phiên họp.")
    assert fits(analyse("Ai tổ chức phiên họp?"), news), "an act (not a position) is answered by any agent named"
    a = answer(samples_index, "Tổ trưởng Tổ công tác là ai?")
    assert not a.abstained and "Chánh Văn phòng Tổng cục" in a.answer


def test_a_question_for_a_documents_number_is_answered_with_its_header(samples_index):
    """`Quyết định ... có số hiệu ... thế nào?` asks the number of the Quyết định it describes: the answer names
    that document from its header, whatever other documents its sentences cite."""
    q = analyse("Quyết định thành lập Tổ công tác giúp việc Tổ biên tập có số hiệu và ngày ban hành thế nào?")
    assert (q.wants, q.asked_type) == ("docref", "Quyết định")
    assert analyse("Nghị quyết 02 được cụ thể hóa bằng Quyết định có số hiệu gì?").asked_type == "Quyết định"
    a = answer(samples_index, q.asked)
    assert a.answer.startswith("Quyết định số 502/QĐ-ĐCKS ngày 26/07/2021"), a.answer


def test_a_row_that_only_adds_the_asked_figure_is_new():
    """`V  Đất hiếm  2` (Phụ lục III, Nghị định 193/2025) repeats the question's words but for its figure: for a
    `bao nhiêu` question that figure is what is new; the annex's `(Kèm theo ...)` line is a heading."""
    from app.answer.score import Scorer
    from ingest.vn.layout import is_heading

    asked = analyse("Tỷ lệ thu tiền cấp quyền khai thác khoáng sản (R) áp dụng cho đất hiếm là bao nhiêu?")
    assert Scorer(asked, {}).novelty("V\tĐất hiếm\t2") > 0.2
    assert Scorer(analyse("Đất hiếm thuộc nhóm nào?"), {}).novelty("V\tĐất hiếm\t2") == 0.0
    assert is_heading("(Kèm theo Nghị định số 193/2025/NĐ-CP ngày 02 tháng 7 năm 2025 của Chính phủ)")


def test_the_part_a_question_names_is_where_it_points():
    """`Theo Phụ lục III Nghị định 193/2025/NĐ-CP, ...`: passages of that annex of that decree come first (a row
    of the annex ranked 9th was out of reach); Phụ lục II, or Phụ lục III of another document, is not it."""
    from app.answer.score import in_named_part
    from ingest.index_read import Passage
    from ingest.payload import ChunkPayload
    from ingest.vn import identifiers

    decree = identifiers.find_doc_numbers("Nghị định số 193/2025/NĐ-CP")[0].key
    q = analyse("Theo Phụ lục III Nghị định 193/2025/NĐ-CP, mức thu áp dụng cho quặng vàng là bao nhiêu?")

    def passage(section: str, number_key: str) -> Passage:
        return Passage("p", 0.1, ChunkPayload("nd.docx", "nd", "r", "open", "V\tĐất hiếm\t2", section=section,
                                              number_key=number_key))  # fmt: skip

    assert in_named_part(q, passage("NGHỊ ĐỊNH > PHỤ LỤC III", decree))
    assert not in_named_part(q, passage("NGHỊ ĐỊNH > PHỤ LỤC II", decree))
    assert not in_named_part(q, passage("THÔNG TƯ > PHỤ LỤC III", "36-2025-tt-bnnmt"))


def test_tied_passages_come_in_one_order(samples_index):
    """Fused ranks tie often; ties are broken by id, so the same question always gets the same passages."""
    hits = samples_index.search("Tổ công tác giúp việc Tổ biên tập", k=10)
    assert [(round(h.score, 9), h.id) for h in hits] == sorted(
        ((round(h.score, 9), h.id) for h in hits), key=lambda t: (-t[0], t[1])
    )


def test_ingest_keeps_each_passages_words_and_answering_reads_them_as_segmenting_would(samples_index):
    """The words kept at ingest are what segmenting the passage at answer time gives: coverage is the same."""
    from dataclasses import replace

    from app.answer.score import Scorer
    from ingest.index_read import Passage
    from ingest.vn.words import segmented_words

    hits = samples_index.search("Tổ trưởng Tổ công tác là ai?", k=5, sees_restricted=True)
    assert hits and all(h.payload.words for h in hits)
    query = analyse("Tổ trưởng Tổ công tác là ai?")
    for h in hits:
        s, before = Scorer(query, {}), Scorer(query, {})  # a scorer remembers a passage's words by its id
        assert set(h.payload.words) == segmented_words(h.payload.context())
        fresh = Passage(h.id, h.score, replace(h.payload, words=None))  # as an index written before
        assert before.passage_words(fresh) == s.passage_words(h)
        assert s.coverage(h.payload.context(), s.passage_words(h)) == s.coverage(h.payload.context())


@pytest.mark.parametrize(
    "question",
    [
        "Bộ nào hướng dẫn thực hiện quy chuẩn kỹ thuật về an toàn trong khai thác mỏ?",
        "bo nao huong dan thuc hien quy chuan ky thuat ve an toan trong khai thac mo?",
        "Cơ quan nào có trách nhiệm hướng dẫn quy chuẩn an toàn khai thác mỏ?",
    ],
)
def test_an_item_answering_who_is_shown_with_the_lead_in_that_names_the_body(question: str) -> None:
    """An enumeration names its doer once, in its lead-in (text written for the test)."""
    from app.answer.trim import trim
    from ingest.units import Unit

    item = "1. Hướng dẫn thực hiện quy chuẩn kỹ thuật về an toàn trong khai thác mỏ;"
    unit = Unit(0, item, item, "item", "Bộ Công Thương có trách nhiệm sau đây:")
    assert trim(analyse(question), unit, Heuristics()).startswith("Bộ Công Thương có trách nhiệm")
    # no lead-in: the heading of its article names the doer
    bare = Unit(0, item, item, "item", heading="Điều 12. Trách nhiệm của Bộ Công Thương")
    assert trim(analyse(question), bare, Heuristics()).startswith("Điều 12. Trách nhiệm của Bộ Công Thương: 1.")
    # a question asking what, not who, is answered by the item itself
    assert trim(analyse("Quy chuẩn an toàn trong khai thác mỏ được hướng dẫn như thế nào?"), unit, Heuristics()) == item


@pytest.mark.parametrize(
    "question",
    [
        "Đến năm 2030, diện tích đất liền được lập bản đồ địa chất tỷ lệ 1:50.000 phải đạt bao nhiêu phần trăm?",
        "den nam 2030, dien tich dat lien duoc lap ban do dia chat ty le 1:50.000 phai dat bao nhieu phan tram?",
        "Diện tích đất liền được lập bản đồ địa chất tỷ lệ 1:50.000 phải đạt bao nhiêu phần trăm đến năm 2030?",
    ],
)
def test_a_figure_asked_for_one_period_is_not_answered_by_another_period_s(question: str) -> None:
    """Text written for the test: a sentence's leading adverbial frames its figures."""
    from app.answer.fit import fits

    query = analyse(question)
    assert not fits(query, "Đến năm 2025, lập bản đồ địa chất tỷ lệ 1:50.000 đạt 80% diện tích đất liền.")
    assert fits(query, "Hoàn thành 85% diện tích lập bản đồ địa chất tỷ lệ 1:50.000 phần đất liền.")
    assert fits(query, "Đến năm 2030, hoàn thành 85% diện tích lập bản đồ địa chất tỷ lệ 1:50.000 phần đất liền.")


def test_a_letters_subject_line_is_its_title_not_a_statement() -> None:
    """`V/v ...` under a letter's number says what the letter is about (text written for the test)."""
    from ingest.units import _line_units

    assert _line_units(0, "V/v tăng cường quản lý khoáng sản chưa khai thác trên địa bàn tỉnh")[0].kind == "heading"
    assert (
        _line_units(0, "Về việc cấp phép, tỉnh đã cấp 27 giấy phép khai thác cho các doanh nghiệp.")[0].kind
        == "sentence"
    )
