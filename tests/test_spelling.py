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
