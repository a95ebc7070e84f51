"""Extractive answers with citations, and abstention when the corpus does not say."""

from __future__ import annotations

from app.answer import answer
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
        "Quyết định 2427/QĐ-TTg đặt mục tiêu sản lượng khai thác quặng bauxit đến năm 2020 là bao nhiêu triệu tấn?",
    )
    assert a.abstained
    assert a.citations, "the closest passages are still shown"


def test_abstains_on_an_unrelated_question(small_index):
    a = answer(small_index, "Giá vé tàu hỏa Hà Nội - Sài Gòn dịp Tết là bao nhiêu?")
    assert a.abstained
