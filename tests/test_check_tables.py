"""A task table's rows are claims: who leads, who assists and by when, each checked against the same row of the
source table, in the column of the same role (tables written for the test, in DOCX as ministries send them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from app.check import check_draft

from .draft_support import indexed

HEADER = ["TT", "Nội dung công việc", "Sản phẩm", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp", "Thời gian trình"]
TASKS = [
    ["1", "Xây dựng Đề án điều tra, đánh giá tiềm năng khoáng sản đất hiếm", "Quyết định của Thủ tướng Chính phủ",
     "Bộ Tài nguyên và Môi trường", "Bộ Công Thương, Bộ Khoa học và Công nghệ", "Quý III, năm 2026"],
    ["2", "Xây dựng Đề án điều tra, đánh giá tiềm năng khoáng sản làm vật liệu xây dựng", "Quyết định của Bộ trưởng",
     "Bộ Xây dựng", "Bộ Tài nguyên và Môi trường", "Quý IV, năm 2026"],
    ["3", "Rà soát, sửa đổi quy định về đấu giá quyền khai thác khoáng sản", "Nghị định của Chính phủ",
     "Bộ Tài nguyên và Môi trường", "Bộ Tài chính, Bộ Tư pháp", "Tháng 12, năm 2026"],
    ["4", "Hoàn thiện cơ sở dữ liệu quốc gia về địa chất, khoáng sản", "Cơ sở dữ liệu",
     "Bộ Tài nguyên và Môi trường", "Ủy ban nhân dân các tỉnh, thành phố", "Quý II, năm 2027"],
]  # fmt: skip


def _docx(path: Path, lead: str, header: list[str], rows: list[list[str]]) -> Path:
    doc = Document()
    doc.add_paragraph(lead)
    table = doc.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.save(path)
    return path


def _table_index(factory: pytest.TempPathFactory, name: str, lead: str, header: list[str], rows: list[list[str]]):
    """A small index over one Word document holding `lead` and a table: a module fixture's body."""
    folder = factory.mktemp(name.split(".")[0])
    yield from indexed(folder, [_docx(folder / name, lead, header, rows)])


@pytest.fixture(scope="module")
def plan_index(tmp_path_factory: pytest.TempPathFactory):
    yield from _table_index(
        tmp_path_factory, "ke-hoach.docx", "DANH MỤC NHIỆM VỤ THỰC HIỆN CHIẾN LƯỢC KHOÁNG SẢN", HEADER, TASKS
    )


DRAFT_HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian trình"]


def _check(
    indexed_folder, name: str, rows: list[list[str]], header: list[str] = DRAFT_HEADER,
    lead: str = "Tình hình thực hiện các nhiệm vụ được giao.",
) -> list:  # fmt: skip
    """The findings for the table rows of a DOCX draft (`lead`, then a table of `rows` under `header`)."""
    index, folder = indexed_folder
    draft = _docx(folder / name, lead, header, rows)
    return [f for f in check_draft(index, draft).findings if f.in_table]


def test_each_row_against_the_same_row_of_the_source(plan_index) -> None:
    rows = [
        TASKS[0],  # as in the source
        [*TASKS[1][:3], "Bộ Công Thương", *TASKS[1][4:]],  # another body leads
        [*TASKS[2][:5], "Tháng 11, năm 2026"],  # another month
        [*TASKS[3][:3], "Bộ TN&MT", TASKS[3][4], "quý II/2027"],  # abbreviated and respelt
    ]
    findings = _check(plan_index, "du-thao.docx", rows)
    assert [f.status for f in findings] == ["supported", "contradicted", "contradicted", "supported"], findings
    assert (findings[1].draft_value, findings[1].source_value) == ("Bộ Công Thương", "Bộ Xây dựng")
    assert (findings[2].draft_value, findings[2].source_value) == ("Tháng 11, năm 2026", "Tháng 12, năm 2026")


def test_a_row_given_twice_with_two_deadlines_is_an_internal_conflict(plan_index) -> None:
    first, again = _check(plan_index, "du-thao-2.docx", [TASKS[0], [*TASKS[0][:5], "Quý IV, năm 2026"]])
    assert first.status == "supported" and again.status == "internal_conflict", (first, again)


SIZES = [
    ["1", "Than", "Ngàn tấn", "< 500"],
    ["2", "Đá vôi", "Ngàn tấn", "< 120"],
    ["3", "Cao lanh", "Ngàn tấn", "> 50"],
]
SIZE_HEADER = ["TT", "Loại khoáng sản", "Đơn vị tính", "Tổng trữ lượng"]


@pytest.fixture(scope="module")
def sizes_index(tmp_path_factory: pytest.TempPathFactory):
    yield from _table_index(tmp_path_factory, "phu-luc.docx", "PHỤ LỤC QUY MÔ TRỮ LƯỢNG KHOÁNG SẢN", SIZE_HEADER, SIZES)


def test_a_rows_figure_is_compared_with_the_same_item_only(sizes_index) -> None:
    """Rows differ by their item alone (`Than`, `Đá vôi`): another row's bound never answers for this one."""
    rows = [SIZES[0], [*SIZES[1][:3], "< 150"], [*SIZES[2][:3], "> 50"]]
    found = _check(sizes_index, "du-thao.docx", rows, SIZE_HEADER, "Quy mô trữ lượng các loại khoáng sản.")
    assert [f.status for f in found] == ["supported", "contradicted", "supported"], found
    assert (found[1].draft_value, found[1].source_value) == ("150", "120")


# documents to amend, each named with its issuer, and the ministry that drafts the amendment
LAW_HEADER = ["STT", "Văn bản cần sửa đổi, bổ sung", "Điều, khoản cần sửa đổi", "Cơ quan chủ trì soạn thảo"]
LAWS = [
    ["1", "Nghị định số 51/2019/NĐ-CP ngày 13/6/2019 của Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực "
     "thủy sản", "Điều 4, Điều 7", "Bộ Nông nghiệp và Môi trường"],
    ["2", "Nghị định số 62/2019/NĐ-CP ngày 11/7/2019 của Chính phủ quy định về quản lý, sử dụng đất trồng lúa",
     "Điều 5; Khoản 3 Điều 9", "Bộ Tài chính"],
]  # fmt: skip


@pytest.fixture(scope="module")
def laws_index(tmp_path_factory: pytest.TempPathFactory):
    yield from _table_index(
        tmp_path_factory, "danh-muc.docx", "DANH MỤC VĂN BẢN CẦN SỬA ĐỔI, BỔ SUNG", LAW_HEADER, LAWS
    )


def test_the_body_of_a_role_column_is_compared_with_that_column_not_with_an_issuer(laws_index) -> None:
    """The decree's issuer in the document cell (`của Chính phủ`) plays another role than the drafting ministry."""
    rows = [LAWS[0], [*LAWS[1][:3], "Bộ Tư pháp"]]
    found = _check(laws_index, "du-thao.docx", rows, LAW_HEADER, "Danh mục văn bản cần sửa đổi.")
    assert [f.status for f in found] == ["supported", "contradicted"], found
    assert (found[1].draft_value, found[1].source_value) == ("Bộ Tư pháp", "Bộ Tài chính")


@pytest.mark.parametrize(("cell", "status", "source_value"), [
    ("Điều 5; Khoản 3 Điều 9", "supported", None),
    ("Khoản 3 Điều 9; Điều 5", "supported", None),  # the same references in another order
    ("Điều 5; Khoản 4 Điều 9", "contradicted", "Khoản 3 Điều 9"),  # against the same article, not `Điều 5`
])  # fmt: skip
def test_a_reference_in_a_cell_is_compared_with_the_same_article_of_the_row(laws_index, cell, status, source_value):
    (finding,) = _check(laws_index, "du-thao.docx", [[*LAWS[1][:2], cell, LAWS[1][3]]], LAW_HEADER,
                        "Danh mục văn bản cần sửa đổi.")  # fmt: skip
    assert finding.status == status, finding
    assert finding.source_value == source_value or status == "supported", finding


def test_a_row_under_a_group_row_is_read_whole_under_the_header() -> None:
    # a group row (`I  LUẬT`) spans the columns; a cell's full stops and `;` (`1.`, `Khoản 2 Điều 8; Điều 9.`) end
    # neither the row nor the statement the row's values are judged in
    from app.check.topic import statement_around
    from ingest.vn import facts

    text = (
        "STT\tVăn bản cần sửa đổi\tĐiều, khoản cần sửa đổi\tCơ quan chủ trì soạn thảo\n"
        "I\tLUẬT\n"
        "1.\tLuật Khoáng sản số 60/2010/QH12\tKhoản 2 Điều 8; Điều 9.\tBộ Tài nguyên và Môi trường\n"
        "II\tNGHỊ ĐỊNH\n"
        "2.\tNghị định số 15/2012/NĐ-CP\tĐiều 4; khoản 1 Điều 7.\tBộ Công Thương\n"
    )
    roles = [f for f in facts.extract(text) if f.kind == "role"]
    assert [(r.value, r.unit) for r in roles] == [
        ("bo tai nguyen va moi truong", "co quan chu tri soan thao"),
        ("bo cong thuong", "co quan chu tri soan thao"),
    ]
    row = statement_around(text, roles[0].start)
    assert row.startswith("1.\tLuật Khoáng sản") and row.endswith("Bộ Tài nguyên và Môi trường")


@pytest.mark.parametrize("group", ["I\tNhóm khoáng sản than\t", "I\tNhóm khoáng sản than\tNhóm khoáng sản than"])
def test_a_group_row_with_an_empty_or_merged_cell_keeps_the_header(group: str) -> None:
    # a merged cell comes out empty or repeated: the row names a group, the header still reads the rows below it
    from ingest.vn import facts

    text = f"Số TT\tNhóm, loại khoáng sản\tR (%)\n{group}\n1\tThan bùn\t1\n2\tThan các loại\t2\n"
    rows = [(f.value, f.unit, sorted(f.item)) for f in facts.extract(text) if f.kind == "number"]
    assert rows == [("1", "%", ["bun", "than"]), ("2", "%", ["loai", "than"])]


STRATEGY = (
    "CHIẾN LƯỢC\nĐịa chất, khoáng sản tỉnh Yên Bái\n\nMục tiêu cụ thể:\n"
    "- Đến năm 2025, điều tra địa chất tỷ lệ 1:25.000 đạt 60% diện tích tỉnh Yên Bái.\n"
    "- Đến năm 2030, điều tra địa chất tỷ lệ 1:25.000 đạt 75% diện tích tỉnh Yên Bái.\n"
)
TARGETS = [
    ["Điều tra địa chất tỷ lệ 1:25.000", "Đạt 60% diện tích tỉnh Yên Bái vào năm 2025", "Chiến lược của tỉnh"],
    ["Điều tra địa chất tỷ lệ 1:25.000", "Đạt 95% diện tích tỉnh Yên Bái vào năm 2030", "Chiến lược của tỉnh"],
]
SAID = "Đến hết năm 2020, diện tích tỉnh Yên Bái được điều tra địa chất tỷ lệ 1:25.000 đạt khoảng 40%."


@pytest.fixture(scope="module")
def strategy_index(tmp_path_factory: pytest.TempPathFactory):
    yield from indexed(tmp_path_factory.mktemp("strategy-docs"), {"chien-luoc-yen-bai.txt": STRATEGY})


def test_a_draft_gets_the_same_findings_as_a_word_table_or_as_text(strategy_index) -> None:
    # a figure written in a text cell is a claim of its row; a target's year frames its own figure, so a sentence
    # about another year and figure is no restatement of it
    index, folder = strategy_index
    header = ["Nội dung", "Mục tiêu", "Văn bản"]
    as_docx = _docx(folder / "du-thao.docx", SAID, header, TARGETS)
    as_text = folder / "du-thao.txt"
    as_text.write_text("\n".join([SAID, " | ".join(header), *(" | ".join(r) for r in TARGETS)]) + "\n", "utf-8")
    found = {p.suffix: {f.claim.strip(): f.status for f in check_draft(index, p).findings} for p in (as_docx, as_text)}
    assert found[".docx"] == found[".txt"], found
    statuses = found[".docx"]
    assert statuses[" | ".join(TARGETS[0])] == "supported" and statuses[" | ".join(TARGETS[1])] == "contradicted"
    assert statuses[SAID] != "internal_conflict"
