"""When a named document was issued and who signed it, answered from its header (questions written for the test over
the committed samples)."""

from __future__ import annotations

import pytest

from app.answer import answer
from app.answer.header import _said
from ingest.vn import vntext
from ingest.vn.questions import asks_issue

ISSUED = [
    "Quyết định 502/QĐ-ĐCKS được ký ngày nào?",
    "Quyết định số 502/QĐ-ĐCKS ban hành năm nào?",
    "QĐ 502/QĐ-ĐCKS ký khi nào?",
]


@pytest.mark.parametrize("question", [*ISSUED, *(vntext.strip_tones(q) for q in ISSUED)])
def test_the_issue_date_comes_from_the_header_however_asked(samples_index, question: str) -> None:
    a = answer(samples_index, question, use_llm=False)
    assert a.short == "26/7/2021 [1]", a
    cited = a.citations[0]
    assert cited.doc == "QD-502-QD-DCKS-2021-mau.txt"
    assert cited.sentence and "26 tháng 7 năm 2021" in cited.sentence and cited.sentence in cited.text


def test_the_signer_comes_from_the_header(samples_index) -> None:
    a = answer(samples_index, "Ai ký Quyết định 502/QĐ-ĐCKS?", use_llm=False)
    assert a.short is not None and a.short.endswith(" [1]")
    signer = a.short.removesuffix(" [1]")
    assert signer in a.answer and signer in a.citations[0].text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Quyết định 502/QĐ-ĐCKS do ai ký?", "(KT. TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Nguyễn Văn Mẫu)"),
        ("quyet dinh 502/qd-dcks do ai ky", "(KT. TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Nguyễn Văn Mẫu)"),
        ("QĐ 502/QĐ-ĐCKS ban hành ngày nào?", "(Hà Nội, ngày 26 tháng 7 năm 2021)"),
    ],
)
def test_the_answer_shows_how_the_header_says_it(samples_index, question: str, said: str) -> None:
    # the short answer first, then the signature block's authority lines or the place-and-date line as written
    a = answer(samples_index, question, use_llm=False)
    assert said in a.answer, a.answer
    assert a.answer.index(a.short.removesuffix(" [1]")) < a.answer.index(said[1:])


def test_the_signature_block_shown_stops_at_the_recipients_and_the_last_article() -> None:
    lines = ["Điều 4. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi "
             "hành Quyết định này./.", "Nơi nhận:- Các bộ, cơ quan ngang bộ;- Thủ tướng, các Phó Thủ tướng;- Lưu: VT.",
             "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Lê Văn Mẫu"]  # fmt: skip
    assert _said(lines, 4, False) == "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Lê Văn Mẫu"
    glued = [*lines[:2], "KT. THỦ TƯỚNGPHÓ THỦ TƯỚNGLê Văn Mẫu"]  # a text copy that lost the block's line breaks
    assert _said(glued, 2, False) is None


def test_a_date_the_document_sets_is_not_its_issue_date(samples_index) -> None:
    a = answer(samples_index, "Theo Thông báo 01/TB-BCĐ, các Bộ, ngành gửi báo cáo tổng kết trước ngày nào?",
               use_llm=False)  # fmt: skip
    assert "ký ban hành" not in a.answer and "19/7/2021" not in (a.short or "")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Nghị quyết 02 ban hành ngày nào?", True),
        ("nghi quyet 02 ban hanh ngay nao", True),
        ("Nghị định có hiệu lực thi hành từ ngày nào?", False),
        ("Kỳ báo cáo là năm nào?", False),  # kỳ (a period), not ký (to sign)
        ("Các Bộ gửi báo cáo trước ngày nào?", False),
    ],
)
def test_what_asks_about_a_document_s_issue(question: str, asks: bool) -> None:
    assert asks_issue(question) is asks


@pytest.mark.parametrize(
    "question",
    [
        "Quyết định 502/QĐ-ĐCKS thực hiện Thông báo 01/TB-BCĐ được ký ngày nào?",
        "Theo Thông báo 01/TB-BCĐ, Quyết định 502/QĐ-ĐCKS được ký ngày nào?",
        "quyet dinh 502/qd-dcks thuc hien thong bao 01/tb-bcd duoc ky ngay nao?",
    ],
)
def test_of_two_documents_named_the_head_of_the_phrase_is_asked_about(samples_index, question: str) -> None:
    # a noun phrase puts its head first (`Quyết định 502 thực hiện Thông báo 01`); a fronted `Theo ...,` names a source
    a = answer(samples_index, question, use_llm=False)
    assert a.short == "26/7/2021 [1]", a
    assert a.citations[0].doc == "QD-502-QD-DCKS-2021-mau.txt"
