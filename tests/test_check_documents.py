"""Whose value it is (text written for the test): a date in a clause naming a law is that law's, two laws of a list
keep their own effective dates, a sentence of several statements is checked statement by statement, a sentence's
leading year is a fact, a bound in a table is a figure, a letter only cited is its citing sources' body's, the signer is read past the recipients' column, and
`Chính phủ` does not issue what `Thủ tướng Chính phủ` issued."""

from __future__ import annotations

import pytest

from app.check.claims import Claim
from app.check.conflicts import internal_conflicts
from app.check.report import EvidenceRef, Finding
from app.check.topic import statement_around
from ingest import ChunkPayload, Heuristics, Passage
from ingest.vn import facts, gazetteer, layout

from .draft_support import check_text, indexed

LAWS = (  # wrapped at the page width, as a PDF's text copy is
    "DANH MỤC LUẬT ĐƯỢC THÔNG QUA\n"
    "1. Luật Thử nghiệm số 81/2031/QH16 ngày 12 tháng 6 năm 2031 của\nQuốc hội, có hiệu lực kể từ ngày 01 tháng 01 "
    "năm 2032;\n2. Luật Mẫu vật số 82/2031/QH16 ngày 12 tháng 6 năm 2031 của Quốc hội, có\nhiệu lực kể từ ngày 01 "
    "tháng 7 năm 2032.\n"
)
REPORT = (
    "BÁO CÁO\nTình hình quản lý khoáng sản tỉnh Điện Biên\n\n"
    "Trong năm 2031, Ủy ban nhân dân tỉnh Điện Biên đã giao Sở Xây dựng rà soát quy hoạch các mỏ đá làm vật liệu "
    "xây dựng thông thường.\n"
    "Năm 2032, tỉnh Điện Biên đã cấp 14 giấy phép thăm dò đá vôi cho các doanh nghiệp trên địa bàn.\n"
    "Tỉnh đã tổ chức 6 đoàn kiểm tra liên ngành về bảo vệ môi trường tại các mỏ cát lòng sông.\n"
    "Thực hiện Văn bản số 77/UBND-KT ngày 02/3/2032 của UBND tỉnh Điện Biên về tăng cường quản lý cát, sỏi lòng "
    "sông, Sở Xây dựng đã kiểm tra các bến bãi tập kết.\n"
    "Sở Tài chính yêu cầu các doanh nghiệp khai thác đá vôi nộp đủ tiền cấp quyền khai thác\nkhoáng sản đúng hạn "
    "theo thông báo của cơ quan thuế.\n"  # a line wrapped mid-sentence
    "Các mỏ hầm lò áp dụng Thông tư số 05/2031/TT-BCT của Bộ Xây dựng về kỹ thuật an toàn khi nổ mìn.\n"  # a slip
)


@pytest.fixture(scope="module")
def laws_index(tmp_path_factory: pytest.TempPathFactory):
    yield from indexed(tmp_path_factory.mktemp("law-list"), {"danh-muc-luat.txt": LAWS, "bao-cao.txt": REPORT})


def test_a_date_belongs_to_the_document_its_clause_names() -> None:
    found = [f for f in facts.extract(LAWS) if f.kind == "date"]
    assert [(f.value, f.about) for f in found] == [
        ("2031-06-12", "81-2031-qh16"), ("2032-01-01", "81-2031-qh16"),
        ("2031-06-12", "82-2031-qh16"), ("2032-07-01", "82-2031-qh16"),
    ]  # fmt: skip
    first, _, again, _ = found
    assert again.start > first.start  # a date written twice is found at each of its places


def test_each_law_keeps_its_own_effective_date(laws_index) -> None:
    said = "Luật Mẫu vật số 82/2031/QH16 ngày 12 tháng 6 năm 2031 của Quốc hội, có hiệu lực kể từ ngày {} năm 2032."
    (right,) = check_text(laws_index, said.format("01 tháng 7"), "d1.txt")
    (wrong,) = check_text(laws_index, said.format("01 tháng 01"), "d2.txt")
    assert right.status == "supported", right
    assert wrong.status == "contradicted" and wrong.source_value == "1/7/2032", wrong
    (issued,) = check_text(laws_index, said.format("01 tháng 7").replace("12 tháng 6", "15 tháng 6"), "d3.txt")
    assert issued.status == "contradicted" and issued.source_value == "12/6/2031", issued  # its own date, not 1/7


def _dated_again(first: str, again: str) -> Finding:
    """The second place's finding after the draft's internal conflicts are read: the first supported by a list
    citing the law, the second contradicted by the law's header (two passages)."""
    claims = [Claim(f"c{n}", t, "", facts.extract(t)) for n, t in enumerate((first, again), start=1)]
    header, listed = (EvidenceRef("luat.txt", "", None, text) for text in ("QUỐC HỘI ... ngày 12/6/2031", LAWS))
    findings = [Finding("c1", first, "", "supported", evidence=[listed]),
                Finding("c2", again, "", "contradicted", "date", source_value="12/6/2031", evidence=[header])]  # fmt: skip
    internal_conflicts(claims, findings, Heuristics())
    return findings[1]


def test_a_documents_date_given_twice_otherwise_is_an_internal_conflict() -> None:
    """One document's date stated twice is one fact, whichever passages the two verdicts rest on."""
    first = "Luật Mẫu vật số 82/2031/QH16 ngày 12 tháng 6 năm 2031 của Quốc hội đã được các bộ triển khai thực hiện."
    again = "Các địa phương đã quán triệt Luật Mẫu vật số 82/2031/QH16 ngày 15 tháng 6 năm 2031 đến cán bộ cơ sở."
    found = _dated_again(first, again)
    assert (found.status, found.draft_value, found.source_value) == ("internal_conflict", "15/6/2031", "12/6/2031")


@pytest.mark.parametrize(
    ("again", "conflict"),
    [
        ("Như đã nêu, căn cứ Luật Mẫu vật ngày 15 tháng 6 năm 2031, các bộ đã ban hành kế hoạch.", True),
        ("Như đã nêu, căn cứ luật mẫu vat ngày 15 tháng 6 năm 2031, các bộ đã ban hành kế hoạch.", False),
        ("Như đã nêu, căn cứ Luật Thử nghiệm ngày 15 tháng 6 năm 2031, các bộ đã ban hành kế hoạch.", False),
    ],
)
def test_a_law_named_by_its_title_without_a_number_has_one_date(again: str, conflict: bool) -> None:
    """`Luật Mẫu vật ngày ...` twice with two dates is one law's date stated two ways (a law is named by its
    type and capitalised name); another law, or words that name none, are other facts."""
    found = _dated_again("Căn cứ Luật Mẫu vật ngày 12 tháng 6 năm 2031, các bộ đã ban hành kế hoạch triển khai.", again)
    assert (found.status == "internal_conflict") == conflict, found


def test_a_line_wrapped_mid_sentence_is_joined_and_a_new_item_is_not() -> None:
    text = (
        "1. Luật số 81/2031/QH16 ngày 12 tháng 6 năm 2031 của Quốc hội, có hiệu lực\nkể từ ngày 01 tháng 01 năm 2032;"
    )
    assert layout.unwrapped(text) == text.replace("\n", " ")
    kept = ["DANH MỤC\nLuật", "có hiệu lực;\n2. Luật", "Điều 5. Phạm vi\na) Tổ chức", "Căn cứ:\nLuật"]
    assert [layout.unwrapped(t) for t in kept] == kept


@pytest.mark.parametrize(("doc", "opens"), [("bao-cao.docx", "Trong năm 2031"), ("bao-cao.doc", "Trong năm 2031"),
                                             ("bao-cao.pdf", "2. Công tác"), ("bao-cao.txt", "2. Công tác")])  # fmt: skip
def test_a_passage_is_read_as_its_format_writes_lines(doc: str, opens: str) -> None:
    """A Word report's long numbered heading stays its own line; a PDF or text copy's long line is a wrapped one."""
    text = ("2. Công tác lập, phê duyệt, điều chỉnh phương án quản lý địa chất, khoáng sản trong quy hoạch tỉnh mới\n"
            "Trong năm 2031, tỉnh đã giao các cơ quan chuyên môn rà soát phương án quản lý khoáng sản.")  # fmt: skip
    passage = Passage("p", 0.1, ChunkPayload(doc, "bc", "r", "open", text))
    assert len(passage.reading) == len(text)
    assert statement_around(passage.reading, text.index("2031")).startswith(opens)


def test_a_leading_year_is_a_fact_of_its_sentence(laws_index) -> None:
    (year,) = facts.extract("Trong năm 2031, Ủy ban nhân dân tỉnh giao Sở Xây dựng rà soát quy hoạch.")
    assert (year.kind, year.value, year.text) == ("year", "2031", "năm 2031")
    said = ("{}, Ủy ban nhân dân tỉnh Điện Biên đã giao Sở Xây dựng rà soát quy hoạch các mỏ đá làm vật liệu xây dựng "
            "thông thường.")  # fmt: skip
    (right,) = check_text(laws_index, said.format("Trong năm 2031"), "y1.txt")
    (moved,) = check_text(laws_index, said.format("Trong năm 2033"), "y2.txt")
    assert right.status == "supported" and moved.status == "contradicted" and moved.source_value == "năm 2031"
    # the same period written at the sentence's end, as editors move it
    at_end = "Ủy ban nhân dân tỉnh Điện Biên đã giao Sở Xây dựng rà soát quy hoạch các mỏ đá làm vật liệu xây dựng {}."
    (right,) = check_text(laws_index, at_end.format("trong năm 2031"), "y3.txt")
    (moved,) = check_text(laws_index, at_end.format("trong năm 2033"), "y4.txt")
    assert right.status == "supported" and moved.status == "contradicted" and moved.source_value == "năm 2031"
    assert facts.time_frame("Tỉnh đã cấp 27 giấy phép trong năm 2025.") == facts.time_frame("Năm 2025, tỉnh đã cấp.")
    # a topic label before the statement: the statement's own leading adverbial frames it, and `Trong đó` after it
    labelled = ("- Về thu tiền cấp quyền khai thác: Trong năm 2025, tổng số thu đạt 291 tỷ đồng. Trong đó: tiền cấp "
                "quyền khai thác khoáng sản: 162 tỷ đồng.\n- Về thanh tra: đã tổ chức 4 cuộc thanh tra.")  # fmt: skip
    assert [(f.text, sorted(f.years)) for f in facts.extract(labelled) if f.kind == "number"] == [
        ("291", ["2025"]), ("162", ["2025"]), ("4", [])]  # fmt: skip


def test_a_sentence_of_two_statements_is_checked_statement_by_statement(laws_index) -> None:
    first = "Năm 2032, tỉnh Điện Biên đã cấp 14 giấy phép thăm dò đá vôi cho các doanh nghiệp trên địa bàn"
    second = "tỉnh đã tổ chức {} đoàn kiểm tra liên ngành về bảo vệ môi trường tại các mỏ cát lòng sông."
    (both,) = check_text(laws_index, f"{first}; đồng thời, {second.format(6)}", "m1.txt")
    (one_wrong,) = check_text(laws_index, f"{first}; đồng thời, {second.format(9)}", "m2.txt")
    assert both.status == "supported", both
    assert one_wrong.status == "contradicted" and one_wrong.source_value == "6", one_wrong
    assert one_wrong.claim.startswith("Năm 2032")  # the finding names the whole sentence


def test_a_letter_the_sources_only_cite_is_credited_to_the_body_they_name(laws_index) -> None:
    said = "Thực hiện Văn bản số 77/UBND-KT ngày 02/3/2032 của UBND tỉnh {} về tăng cường quản lý cát, sỏi lòng sông."
    (right,) = check_text(laws_index, said.format("Điện Biên"), "c1.txt")
    (other,) = check_text(laws_index, said.format("Lai Châu"), "c2.txt")
    assert right.status == "supported", right
    assert (other.status, other.kind, other.source_value) == ("contradicted", "body", "UBND tỉnh Điện Biên"), other


def test_who_does_it_is_read_in_a_sentence_wrapped_over_lines(laws_index) -> None:
    said = ("{} yêu cầu các doanh nghiệp khai thác đá vôi nộp đủ tiền cấp quyền khai thác khoáng sản đúng hạn theo "
            "thông báo của cơ quan thuế.")  # fmt: skip
    (right,) = check_text(laws_index, said.format("Sở Tài chính"), "b1.txt")
    (other,) = check_text(laws_index, said.format("Sở Công Thương"), "b2.txt")
    assert right.status == "supported", right
    assert (other.status, other.source_value) == ("contradicted", "Sở Tài chính"), other


def test_a_credit_the_sources_make_too_is_the_drafts_copy_not_its_error(laws_index) -> None:
    said = "Các mỏ hầm lò áp dụng Thông tư số 05/2031/TT-BCT của {} về kỹ thuật an toàn khi nổ mìn."
    (copied,) = check_text(laws_index, said.format("Bộ Xây dựng"), "s1.txt")
    (other,) = check_text(laws_index, said.format("Bộ Tài chính"), "s2.txt")
    assert copied.status == "supported", copied
    assert (other.status, other.source_value) == ("contradicted", "Bộ Công Thương"), other  # the issuer code says


def test_the_number_after_a_document_type_counts_documents_of_that_type() -> None:
    said = "Tổng kết 10 năm thực hiện Nghị quyết số 02; đồng thời, triển khai Chỉ thị 11 và cấp 12 giấy phép."
    found = [(f.value, f.unit.split()[0]) for f in facts.extract(said)]
    assert found == [("10", "năm"), ("2", "nghị"), ("11", "chỉ"), ("12", "giấy")]  # never `02 đồng thời`


def test_a_bound_in_a_table_cell_is_a_figure() -> None:
    header = ["TT", "Loại khoáng sản", "Đơn vị tính", "Trữ lượng tối thiểu"]
    for cell, value in ((">50", "50"), ("< 1.000", "1000"), ("≥ 2,5", "2.5")):
        (fact,) = facts.row_facts(["3", "Cao lanh", "Ngàn tấn", cell], header)
        assert (fact.kind, fact.value) == ("number", value)


def test_the_government_and_the_prime_minister_are_two_issuers() -> None:
    assert not gazetteer.same_body("chinh phu", "thu tuong chinh phu")
    assert gazetteer.same_body("cuc dia chat va khoang san", "cuc dia chat va khoang san viet nam")


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        ("Trong thời hạn 04 (ba) ngày làm việc, Sở Xây dựng gửi văn bản lấy ý kiến các cơ quan liên quan.", True),
        ("Trong thời hạn 03 (ba) ngày làm việc, Sở Xây dựng gửi văn bản lấy ý kiến các cơ quan liên quan.", False),
        ("Trong thời hạn 25 (hai mươi lăm) ngày, Sở Xây dựng gửi văn bản lấy ý kiến các cơ quan liên quan.", False),
        ("Trong thời hạn 25 (hai mươi tư) ngày, Sở Xây dựng gửi văn bản lấy ý kiến các cơ quan liên quan.", True),
        ("Trong thời hạn 04 (bốn) ngày, Sở Xây dựng gửi văn bản (bản chính) lấy ý kiến các cơ quan liên quan.", False),
    ],
)  # fmt: skip
def test_a_figure_unlike_its_numeral_in_words_is_an_internal_conflict(text: str, conflict: bool) -> None:
    claim = Claim("c1", text, "", facts.extract(text))
    finding = Finding("c1", text, "", "supported", evidence=[EvidenceRef("quy-che.txt", "", None, "quy chế")])
    internal_conflicts([claim], [finding], Heuristics())
    assert (finding.status == "internal_conflict") is conflict, finding
    assert (finding.draft_value or "").startswith(text[15:17]) is conflict  # the figure, then its words


CITED = (  # a resolution citing two circulars of one ministry and one year in like words, each with its date
    "NGHỊ QUYẾT\nVề phân cấp thủ tục kiểm định giống vật nuôi\n\n"
    "1. Cơ sở chăn nuôi gửi hồ sơ đăng ký kiểm định giống theo mẫu tại Phụ lục II ban hành kèm theo Thông tư số "
    "01/2031/TT-BNNMT ngày 05/01/2031 đến cơ quan kiểm định cấp tỉnh.\n"
    "2. Cơ sở chăn nuôi gửi hồ sơ đề nghị cấp lại chứng chỉ kiểm định giống theo mẫu tại Phụ lục III ban hành kèm "
    "theo Thông tư số 03/2031/TT-BNNMT ngày 20/01/2031 đến cơ quan kiểm định cấp tỉnh.\n"
)


def test_a_reference_whose_date_is_another_numbers_has_the_wrong_number(tmp_path) -> None:
    """`Thông tư số 03/... ngày 05/01/2031` where the source cites 01/... ngày 05/01/2031 for the same words: the
    number is what is wrong (its date is right); with the right number and another's date, the date is."""
    said = ("Cơ sở chăn nuôi gửi hồ sơ đăng ký kiểm định giống theo mẫu tại Phụ lục II ban hành kèm theo Thông tư "
            "số {} ngày {} đến cơ quan kiểm định cấp tỉnh.")  # fmt: skip
    for built in indexed(tmp_path, {"nghi-quyet.txt": CITED}):
        (right,) = check_text(built, said.format("01/2031/TT-BNNMT", "05/01/2031"), "d1.txt")
        (number,) = check_text(built, said.format("03/2031/TT-BNNMT", "05/01/2031"), "d2.txt")
        (date,) = check_text(built, said.format("01/2031/TT-BNNMT", "20/01/2031"), "d3.txt")
        assert right.status == "supported", right
        assert number.status == "contradicted" and number.source_value == "01/2031/TT-BNNMT", number
        assert date.status == "contradicted" and date.source_value == "5/1/2031", date
