"""Who did what: a document credited to a body, and a body named anywhere in a sentence, read and checked
(sentences written for this test; the checker runs on the committed samples)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from app.check import check_draft
from app.check.export import comment_text, findings_xlsx
from ingest import Index
from ingest.vn import attribution, gazetteer, identifiers


@pytest.mark.parametrize(("number", "codes"), [
    ("12/2025/TT-BCT", ("BCT",)), ("7/2024/TTLT-BTC-BTNMT", ("BTC", "BTNMT")), ("845/BNNMT-ĐCKS", ("BNNMT",)),
    ("02-NQ/TW", ("TW",)), ("66/2026/NĐ-CP", ("CP",)),
])  # fmt: skip
def test_the_issuer_code_is_the_part_after_the_type(number: str, codes: tuple[str, ...]):
    assert identifiers.issuer_codes(number) == codes


def test_every_ministry_has_one_issuer_code():
    codes = [gazetteer.ministry_of_code(r[3]) for r in gazetteer.vocab.rows("ministries")]
    assert codes == list(gazetteer.MINISTRIES)
    assert gazetteer.ministry_of_code("BNNMT") == gazetteer.ministry_of_code("bnnmt") == "Bộ Nông nghiệp và Môi trường"


@pytest.mark.parametrize("sentence", [
    "Thông tư số 12/2025/TT-BCT của Bộ Tư pháp hướng dẫn việc khai thác cát.",
    "Thông tư số 12/2025/TT-BCT ngày 3/4/2025 của Bộ trưởng Bộ Tư pháp hướng dẫn việc khai thác cát.",
    "Thông tư số 12/2025/TT-BCT ngày 3 tháng 4 năm 2025, của Bộ Tư pháp hướng dẫn việc khai thác cát.",
    "Việc khai thác cát được hướng dẫn tại Thông tư số 12/2025/TT-BCT do Bộ Tư pháp ban hành.",
    "Năm 2025, Bộ Tư pháp đã ban hành Thông tư số 12/2025/TT-BCT hướng dẫn việc khai thác cát.",
])  # fmt: skip
def test_a_credit_is_read_wherever_it_stands(sentence: str):
    (credit,) = attribution.credits(sentence)
    assert (credit.number.key, credit.key) == ("12-2025-tt-bct", "Bộ Tư pháp")


@pytest.mark.parametrize("body", ["Ban Bí thư", "Ban Thường vụ Tỉnh ủy Lào Cai", "Tỉnh ủy Yên Bái",
                                  "Ban Dân vận Trung ương", "Văn phòng Ủy ban nhân dân tỉnh Quảng Ninh",
                                  "Hội đồng nhân dân tỉnh Lào Cai", "Ủy ban Thường vụ Quốc hội", "Ủy ban Dân tộc",
                                  "Cục Địa chất Việt Nam", "Kiểm toán nhà nước"])  # fmt: skip
def test_the_party_bodies_and_bodies_named_inside_others_are_credited_whole(body: str):
    # Quy định 66-QĐ/TW and Luật 80/2015/QH13: the Party's bodies, the councils and the courts issue documents too;
    # a body may be named inside another's name; a name capitalises only the first syllable of each of its words
    (credit,) = attribution.credits(f"Theo Quyết định số 12/2025/QĐ-TTg của {body}, việc khai thác cát được hướng dẫn.")
    assert credit.key == gazetteer.body_key(body)
    assert [b[2] for b in gazetteer.bodies_in(f"Ngày 3/4/2025, {body} đã chỉ đạo.")] == [body]


def test_a_body_is_one_body_however_written():
    full, short = gazetteer.bodies_in("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu và UBND tỉnh Bà Rịa - Vũng Tàu họp.")
    assert full[2] == "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert gazetteer.body_key(full[2]) == gazetteer.body_key(short[2])
    assert gazetteer.body_key("Bộ TN&MT") == gazetteer.body_key("Bộ Tài nguyên và Môi trường")
    (sở,) = gazetteer.bodies_in("Sở Nông nghiệp và Môi trường tỉnh Quảng Ninh đã thẩm định hồ sơ.")
    assert sở[2] == "Sở Nông nghiệp và Môi trường tỉnh Quảng Ninh"
    assert gazetteer.bodies_in("Bộ trưởng quy định chi tiết điều này.") == [], "a bare head names no body"
    # a local body with or without its province's kind (`tỉnh`, `thành phố`, `TP.`), never another province's
    for a, b in (("UBND Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"), ("Cục Thuế Quảng Ninh", "Cục Thuế tỉnh Quảng Ninh"),
                 ("UBND TP. Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh")):  # fmt: skip
        assert gazetteer.body_key(a) == gazetteer.body_key(b), (a, b)
    assert not gazetteer.same_body(gazetteer.body_key("UBND Lào Cai"), gazetteer.body_key("UBND tỉnh Yên Bái"))
    # the words of a name are read whole: `Cục Địa chất` is not `Cục Địa chính`, `Bộ trưởng` names no body
    assert not gazetteer.same_body(gazetteer.body_key("Cục Địa chất"), gazetteer.body_key("Cục Địa chính"))
    assert [b[2] for b in gazetteer.bodies_in("Bộ trưởng Bộ Tư pháp ký.")] == ["Bộ Tư pháp"]


DRAFT = """BÁO CÁO (DỰ THẢO)
1. Quyết định số 502/QĐ-ĐCKS ngày 26/7/2021 của {issuer} thành lập Tổ công tác giúp việc Tổ biên tập.
2. Thông tư số 12/2025/TT-BCT của Bộ Tư pháp hướng dẫn việc khai thác cát trên địa bàn.
"""


def test_a_document_credited_to_another_body_is_contradicted(samples_index: Index, tmp_path: Path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT.format(issuer="Bộ trưởng Bộ Tài chính"), encoding="utf-8")
    report = check_draft(samples_index, draft)
    by_doc = {("502" if "502/" in f.claim else "12"): f for f in report.findings}
    wrong = by_doc["502"]
    assert (wrong.status, wrong.error_type, wrong.draft_value) == ("contradicted", "wrong_issuer", "Bộ Tài chính")
    assert "Địa chất và Khoáng sản" in wrong.source_value and wrong.evidence
    coded = by_doc["12"]  # not indexed: its number's issuer code says who issued it
    assert (coded.status, coded.error_type, coded.source_value) == ("contradicted", "wrong_issuer", "Bộ Công Thương")
    # the kind of error is told in the reports too
    assert comment_text(wrong).startswith("Mâu thuẫn với nguồn: sai cơ quan hoặc người")
    sheet = openpyxl.load_workbook(io.BytesIO(findings_xlsx(report))).active
    kinds = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet.cell(1, 5).value == "Loại lỗi" and "sai cơ quan hoặc người" in kinds


def test_the_right_issuer_however_abbreviated_is_no_finding(samples_index: Index, tmp_path: Path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT.format(issuer="Tổng cục ĐCKS"), encoding="utf-8")
    right = next(f for f in check_draft(samples_index, draft).findings if "502/" in f.claim)
    assert right.error_type != "wrong_issuer", right


def test_a_body_named_in_place_of_another_is_contradicted_by_the_statement(samples_index: Index, tmp_path: Path):
    draft = tmp_path / "du-thao.txt"
    draft.write_text("BÁO CÁO (DỰ THẢO)\nCác Bộ, ngành và Ủy ban nhân dân các tỉnh gửi báo cáo tổng kết về Bộ Tài "
                     "chính trước ngày 30/9/2021.\n", encoding="utf-8")  # fmt: skip
    (finding,) = check_draft(samples_index, draft).findings
    assert (finding.status, finding.error_type, finding.draft_value) == ("contradicted", "wrong_issuer", "Bộ Tài chính")
    assert "Địa chất và Khoáng sản" in finding.source_value


@pytest.mark.parametrize("form", [
    "Theo {doc}, {content}", "Tại {doc}, {content}", "Căn cứ {doc}, {content}", "Như {doc} đã nêu, {content}",
    "{Content}, theo {doc}.", "{Content} ({doc}).", "Cũng theo {doc}, {content}",
])  # fmt: skip
@pytest.mark.parametrize("doc", ["Nghị định số 66/2026/NĐ-CP", "NĐ 66/2026/NĐ-CP", "NĐ số 66/2026/NĐ-CP"])
def test_content_is_credited_in_any_form_and_position(form: str, doc: str):
    content = "tỉnh đã cấp 27 giấy phép khai thác cát năm 2024"
    sentence = form.format(doc=doc, content=content, Content=content.capitalize())
    assert attribution.attribution(sentence), sentence
    left = attribution.without_attribution(sentence)
    assert "66/2026" not in left and "27 giấy phép khai thác cát" in left


@pytest.mark.parametrize("sentence", ["Như đã nêu ở trên, tỉnh đã cấp 27 giấy phép.",
                                      "Theo kế hoạch, Tổ biên tập thực hiện 9 chuyên đề."])  # fmt: skip
def test_words_that_credit_no_document_credit_nothing(sentence: str):
    assert attribution.attribution(sentence) is None
