"""A document named by what it is rather than by its number (documents and questions written for the test): the
same document whatever the tone marks, abbreviations or order of the question; none when several fit alike."""

from __future__ import annotations

import pytest

from ingest.vn import vntext
from ingest.vn.described import DocFacets, described

DOCS = [
    DocFacets.of("qd-2031", {"doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ", "year": 2031,
                             "title": "Quyết định phê duyệt Chiến lược phát triển ngành đá quý đến năm 2040"}),
    DocFacets.of("qd-2019", {"doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ", "year": 2019,
                             "title": "Quyết định phê duyệt Chiến lược phát triển ngành đá quý đến năm 2030"}),
    DocFacets.of("nq-2030", {"doc_type": "Nghị quyết", "issuer": "Bộ Chính trị", "year": 2030,
                             "title": "Nghị quyết về phát triển công nghiệp chế biến đá quý"}),
    DocFacets.of("tt-a", {"doc_type": "Thông tư", "issuer": "Bộ Công Thương", "year": 2032,
                          "title": "Quy định về an toàn hầm lò trong khai thác đá quý"}),
    DocFacets.of("tt-b", {"doc_type": "Thông tư", "issuer": "Bộ Công Thương", "year": 2032,
                          "title": "Quy định về đấu giá quyền khai thác đá quý"}),
    DocFacets.of("cv-lai-chau", {"doc_type": "Công văn", "issuer": "Ủy ban nhân dân tỉnh Lai Châu", "year": None,
                                 "title": "tăng cường bảo vệ mỏ đá quý chưa khai thác trên địa bàn"}),
    DocFacets.of("cv-lai-chau-2", {"doc_type": "Công văn", "issuer": "Ủy ban nhân dân tỉnh Lai Châu", "year": 2033,
                                   "title": "báo cáo sản lượng đá quý"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Chiến lược do Thủ tướng phê duyệt năm 2031 đặt mục tiêu gì?", "qd-2031"),
        ("Chiến lược do Thủ tướng phê duyệt năm 2019 đặt mục tiêu gì?", "qd-2019"),
        ("Nghị quyết của Bộ Chính trị năm 2030 giao nhiệm vụ gì?", "nq-2030"),
        ("Thông tư năm 2032 của Bộ Công Thương về đấu giá quyền khai thác quy định gì?", "tt-b"),
        # a copy whose date line is left blank may be the one the question describes
        ("Theo chỉ đạo của UBND tỉnh Lai Châu năm 2033 về bảo vệ mỏ đá quý chưa khai thác, xã phải làm gì?",
         "cv-lai-chau"),
    ],
)  # fmt: skip
def test_a_document_is_found_by_its_year_and_its_type_or_issuer(question: str, key: str) -> None:
    assert described(question, DOCS) == {key}
    assert described(vntext.strip_tones(question), DOCS) == {key}  # typed without tone marks or capitals


def test_abbreviations_and_clause_order_describe_the_same_document() -> None:
    for question in ("NQ của Bộ Chính trị năm 2030 giao nhiệm vụ gì?",
                     "Nhiệm vụ nào được giao theo Nghị quyết năm 2030 của Bộ Chính trị?"):  # fmt: skip
        assert described(question, DOCS) == {"nq-2030"}


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2032 Bộ Công Thương ban hành Thông tư nào?",  # two fit alike: the question is about both
        "Chiến lược do Thủ tướng phê duyệt đặt mục tiêu gì?",  # no year: which one is not said
        "Chiến lược do Thủ tướng phê duyệt năm 2025 đặt mục tiêu gì?",  # no document of that year
        "Năm 2031 tỉnh Lai Châu khai thác bao nhiêu tấn đá quý?",  # a province is not its people's committee
        "Theo chỉ đạo của UBND tỉnh Điện Biên năm 2033, xã phải làm gì?",  # another province's committee
    ],
)
def test_no_document_when_the_question_does_not_single_one_out(question: str) -> None:
    assert described(question, DOCS) == set()


def test_the_index_boosts_and_answers_from_the_document_a_question_describes(samples_index) -> None:
    """Over the committed samples: the Quyết định of 2021 asked about without its number."""
    from app.answer import answer

    question = "Quyết định năm 2021 của Tổng cục Địa chất và Khoáng sản Việt Nam do ai ký?"
    query = samples_index.understand(question, True)
    assert query.named == set() and len(query.described) == 1
    assert samples_index.understand(vntext.strip_tones(question).lower(), True).described == query.described
    (key,) = query.described
    doc = samples_index.document(key)
    assert doc is not None and doc.meta.get("number", "").startswith("502")
    found = answer(samples_index, query.asked, sees_restricted=True)
    assert not found.abstained and doc.meta["signer"] in found.answer
