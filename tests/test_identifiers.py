"""Document numbers, dates and percentages reduce to one key however they are written."""

from datetime import date

from ingest.vn import dates
from ingest.vn import identifiers as ids


def test_doc_number_spellings_share_a_key():
    keys = {ids.find_doc_numbers(t)[0].key for t in ("02-NQ/TW", "Nghị quyết số 02/NQ-TW", "số 2-NQ-TW")}
    assert keys == {"2-nq-tw"}
    n = ids.find_doc_numbers("Quyết định số 502/QĐ-ĐCKS ngày 26/7/2021")[0]
    assert (n.text, n.key, n.type_code, n.type_key) == ("502/QĐ-ĐCKS", "502-qd-dcks", "QĐ", "502-qd")
    assert ids.find_doc_numbers("193/2025/NĐ-CP")[0].key == "193-2025-nd-cp"
    assert ids.find_doc_numbers("Luật số: 60/2010/QH12")[0].type_code == "QH"


def test_dates_in_any_common_form():
    for text in ("26/7/2021", "26-07-2021", "26.7.2021", "ngày 26 tháng 7 năm 2021", "ngay 26 thang 7 nam 2021"):
        assert [d for _, d in dates.find_dates(text)] == [date(2021, 7, 26)], text
    assert dates.find_dates("31/02/2021") == []


def test_identifier_terms_for_queries_naming_a_document_loosely():
    assert "docnum:502-qd" in ids.query_identifier_terms("QĐ 502 quy định gì?")
    assert "docnum:502-qd" in ids.query_identifier_terms("quyet dinh 502 thanh lap to cong tac")
    assert "docno:2-nq-tw" in ids.identifier_terms("Nghị quyết 02-NQ/TW")
    assert ids.find_percents("đạt 85% và 2,5 %") == ["85", "2.5"]


def test_numbers_of_one_series_differ_in_their_number_only_however_written():
    def key(written: str) -> str:
        (number,) = ids.find_doc_numbers(f"theo {written} của Chính phủ")
        return number.key.lower()

    series = [("146/2025/QH15", "147/2025/QH15"), ("66.4/2025/NQ-CP", "66.11/2025/NQ-CP"), ("02-NQ/TW", "10-NQ/TW")]
    for one, other in series:
        assert ids.same_series(key(one), key(other)), (one, other)
        assert not ids.same_series(key(one), key(one))
    assert not ids.same_series(key("66.4/2025/NQ-CP"), key("66.4/2026/NQ-CP"))  # another year: another series
    assert not ids.same_series(key("05-NQ/BCSĐTNMT"), key("02-NQ/TW"))  # another issuer
