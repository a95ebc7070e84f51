"""Typo repair against the real corpus's syllables: slips fixed, correct words and abbreviations left alone."""

from __future__ import annotations

import pytest

from ingest.vn import vntext
from ingest.vn.spelling import Speller

from .conftest import MINERAL, need_shared


@pytest.fixture(scope="module")
def speller() -> Speller:
    need_shared()
    return Speller.from_texts(p.read_text(encoding="utf-8") for p in sorted((MINERAL / "text").glob("*.txt")))


@pytest.mark.parametrize(
    ("typed", "repaired"),
    [
        ("Nehị quyết 02", "Nghị quyết 02"),  # dropped letter, tone marks kept
        ("tổng kết nghị quyếtt", "tổng kết nghị quyết"),  # doubled letter
        ("khoáng sản trnog nước", "khoáng sản trong nước"),  # swapped letters
        ("tien do tong ket nghi quyte", "tien do tong ket nghi quyet"),  # tone-free stays tone-free
    ],
)
def test_common_slips_are_repaired(speller, typed, repaired):
    assert speller.repair(typed)[0] == repaired


def test_correct_text_abbreviations_and_names_are_left_alone(speller):
    for text in (
        "Quyết định 502/QĐ-ĐCKS thành lập Tổ công tác giúp việc Tổ biên tập",
        "tien do bao cao tong ket nghi quyet 02 cua UBND tinh Lao Cai",
        "Bộ TN&MT, TNMT, BCĐ, xyz, khủng long",  # upper-case abbreviations, short tokens, dictionary words
    ):
        assert speller.repair(vntext.canonical(text)) == (vntext.canonical(text), [])


def test_search_survives_a_slip(small_index):
    clean = small_index.search("tiến độ tổng kết Nghị quyết 02", k=3)
    slipped = small_index.search("tiến độ tổngg kết Nghịi quyết 02", k=3)
    unrepaired = small_index.search("tiến độ tổngg kết Nghịi quyết 02", k=3, repair=False)
    assert slipped[0].doc == clean[0].doc == "tin-2021-07-29-tien-do-tong-ket-nq02.txt"
    assert [h.id for h in slipped] == [h.id for h in clean]
    assert [h.id for h in unrepaired] != [h.id for h in clean]


def test_ingest_records_syllable_counts_per_document(small_index):
    counts = small_index._catalog.syllable_counts(include_restricted=True)
    assert counts["nghị"] > 10 and counts["quyết"] > 10 and "nghi" not in counts


# --- in context: the syllable pairs tone restoration reads decide (text written for the test) -------------------
CORPUS = [
    "Ủy ban nhân dân tỉnh cấp giấy phép khai thác khoáng sản cho mỏ vàng gốc và mỏ đá vôi.",
    "UBND tỉnh kiểm tra việc khai thác khoáng sản; UBND tỉnh xử lý khai thác khoáng sản trái phép.",
    "Giấy phép khai thác khoáng sản và giấy phép thăm dò khoáng sản do UBND tỉnh cấp.",
    "Trữ lượng khoáng sản của mỏ vàng gốc được phê duyệt; thuế tài nguyên khoáng sản được nộp đủ.",
]


@pytest.fixture(scope="module")
def in_context():
    from ingest.vn import spelling
    from ingest.vn.tones import ToneRestorer, syllable_pairs

    return Speller(spelling.syllable_counts(CORPUS)), ToneRestorer(
        spelling.syllable_counts(CORPUS), syllable_pairs(CORPUS)
    )


@pytest.mark.parametrize(
    ("typed", "repaired"),
    [
        ("trữ lượng mỏ vng gốc", "trữ lượng mỏ vàng gốc"),  # the vowel lost, with its tone mark
        ("tru luong mo vng goc", "tru luong mo vang goc"),  # typed without tone marks: stays so
        ("UBDN tỉnh cấp giấy phép", "UBND tỉnh cấp giấy phép"),  # an abbreviation one swap away
        ("giấy phép khai thác kháng sản", "giấy phép khai thác khoáng sản"),  # a real word the context rejects
        ("giấy phép khai thác khoáng sảnn", "giấy phép khai thác khoáng sản"),  # a doubled letter, as without context
    ],
)
def test_slips_read_in_context(in_context, typed: str, repaired: str) -> None:
    speller, context = in_context
    assert speller.repair(typed, context)[0] == repaired


@pytest.mark.parametrize(
    "text",
    [
        "UBND tỉnh cấp giấy phép khai thác khoáng sản",
        "thuốc kháng sinh và mỏ đá vôi",  # dictionary words in pairs the corpus never writes: no slip
        "Bộ TNMT, BNNMT, ĐCKS và VLXD; đơn vị tính vnd",  # codes, and a lower-case one no context asks to change
        "Quyết định 502/QĐ-ĐCKS và Thông tư 05/2025/TT-BTP",
    ],
)
def test_correct_text_is_left_alone_in_context(in_context, text: str) -> None:
    speller, context = in_context
    assert speller.repair(vntext.canonical(text), context) == (vntext.canonical(text), [])


def test_a_word_the_corpus_writes_often_is_not_a_slip_beside_new_neighbours() -> None:
    # `cho` is written often, never before `bao`; `có bao` is common: the question's `cho bao nhiêu` stays
    from ingest.vn import spelling
    from ingest.vn.tones import ToneRestorer, syllable_pairs

    corpus = ["Tỉnh có bao nhiêu mỏ đá vôi?"] * 6 + ["UBND tỉnh cấp giấy phép cho doanh nghiệp."] * 10
    speller = Speller(spelling.syllable_counts(corpus))
    context = ToneRestorer(spelling.syllable_counts(corpus), syllable_pairs(corpus))
    for text in ("Số lượng cho bao nhiêu mỏ đá vôi?", "Đá vôi cho bao nhiêu mỏ?"):
        assert speller.repair(text, context) == (text, [])
