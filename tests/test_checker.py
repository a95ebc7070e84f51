"""Draft checker on the real planted-error draft (../shared/eval/drafts) against the documents it cites."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest

from app.check import check_draft
from app.check.claims import MAX_CLAIMS
from app.check.export import annotated_docx, findings_xlsx
from eval.check_eval import match
from ingest import Index, IngestError, Settings
from ingest.vn.fact_match import same_subject
from ingest.vn.facts import extract

from .conftest import MINERAL, SHARED, need_shared

SOURCES = [
    "tin-2021-07-29-tien-do-tong-ket-nq02.txt",
    "nq-10-NQ-TW-2022.txt",
    "nq-88-NQ-CP-2022.txt",
    "qd-334-QD-TTg-2023.txt",
]


@pytest.fixture(scope="module")
def source_index(tmp_path_factory: pytest.TempPathFactory):
    need_shared()
    path = tmp_path_factory.mktemp("draft-sources")
    index = Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0))
    index.ingest([MINERAL / "text" / name for name in SOURCES])
    yield index
    index.close()


def test_facts_line_up_by_context():
    claim = extract("Đề cương được ban hành kèm theo Thông báo số 01/TB-BCĐ ngày 21/7/2021.")
    source = extract(
        "Kế hoạch thực hiện trình Trưởng Ban chỉ đạo ban hành kèm theo Thông báo số 01/TB-BCĐ ngày 19/7/2021."
    )
    date_c = next(f for f in claim if f.kind == "date")
    date_s = next(f for f in source if f.kind == "date")
    assert date_c.anchor == date_s.anchor == "1-tb-bcd" and same_subject(date_c, date_s)
    pct_2025 = next(
        f for f in extract("lập bản đồ địa chất 1:50.000 đạt 80% diện tích vào năm 2025") if f.kind == "number"
    )
    pct_2030 = next(
        f for f in extract("lập bản đồ địa chất 1:50.000 đạt 85% diện tích vào năm 2030") if f.kind == "number"
    )
    assert not same_subject(pct_2025, pct_2030), "targets for different years are different facts"


def test_a_lead_in_frames_the_years_of_its_list():
    """`- Năm 2025, Thanh tra tỉnh tổ chức 04 cuộc thanh tra, trong đó:` and its `+` items (a real provincial
    report): the items' counts are 2025's, so a claim about 2016 - 2020 is not about them; the text after the
    list is not framed by it."""
    need_shared()
    listed = _paragraphs("BC-UBND-QLNN-khoang-san-nam-2025.docx", 34, 37)
    assert listed.startswith("- Năm 2025") and listed.count("\n+ ") == 2
    facts = extract(listed + "\nCông tác tuyên truyền được tổ chức 12 cuộc.")
    counts = {f.value: f.years for f in facts if f.kind == "number"}
    assert counts["4"] == counts["3"] == counts["1"] == {"2025"}
    assert counts["12"] == frozenset()
    (claim,) = [f for f in extract("Trong giai đoạn 2016 - 2020, tỉnh Lào Cai đã tổ chức 03 cuộc thanh tra.")
                if f.kind == "number"]  # fmt: skip
    item = next(f for f in facts if f.kind == "number" and f.value == "3")
    assert not same_subject(claim, item)


def test_the_ends_of_a_range_are_told_apart():
    """`từ ngày 01 tháng 01 năm 2014 đến ngày 30 tháng 6 năm 2025` (Nghị định 193): the end date has no words of
    its own next to it; it is described by the range's words and lines up with the source's end, not its start."""
    need_shared()
    source = extract(_paragraphs("ND-193-2025-ND-CP-trich-quan-trong.docx", 1785, 1786))
    start, end = (next(f for f in source if f.kind == "date" and f.value == v) for v in ("2014-01-01", "2025-06-30"))
    claim = extract("Sản lượng đã khai thác trong giai đoạn từ ngày 01 tháng 01 năm 2014 đến ngày 28 tháng 6 năm 2025.")
    changed = next(f for f in claim if f.value == "2025-06-28")
    assert same_subject(changed, end) and not same_subject(changed, start)


def test_a_multiplier_counts_only_before_the_unit():
    """`tỷ` is a thousand million right after a number, not in `100% tỷ lệ` (a provincial report's sentence)."""
    facts = extract("Năm 2025, đã đôn đốc thu hồi về tài khoản tạm giữ của Thanh tra tỉnh với số tiền 5.373,4/5.373,4 "
                    "triệu đồng, đạt 100% tỷ lệ thu hồi sau thanh tra.")  # fmt: skip
    values = {(f.value, f.unit) for f in facts if f.kind == "number"}
    assert ("100", "%") in values
    assert {(f.value, f.unit) for f in extract("Tổng thu 5,5 tỷ đồng.") if f.kind == "number"} == {("5.5e+09", "đồng")}


def test_planted_errors_are_flagged(source_index):
    key = json.loads((SHARED / "eval/drafts/draft_dev_key.json").read_text(encoding="utf-8"))
    report = check_draft(source_index, SHARED / "eval/drafts/draft_dev.docx")
    found = match(key["claims"], report.findings)
    rows = [(c, found[c["id"]]) for c in key["claims"]]
    planted = [(c, f) for c, f in rows if c["label"] != "supported"]
    flagged = [c["id"] for c, f in planted if f and f.status != "supported"]
    false_alarms = [c["id"] for c, f in rows if c["label"] == "supported" and f and f.status != "supported"]
    assert len(flagged) >= 0.8 * len(planted), flagged
    assert len(false_alarms) <= 2, false_alarms
    # every contradiction shows a source value and the passage it comes from (which values: tests written for
    # the purpose, test_check_samples.py; the dev draft's own items are measured by eval.check_eval, not pinned)
    assert all(f.source_value and f.evidence for f in report.findings if f.status == "contradicted")

    commented = docx.Document(io.BytesIO(annotated_docx(report, SHARED / "eval/drafts/draft_dev.docx")))
    assert len(list(commented.comments)) == sum(f.status != "supported" for f in report.findings)
    sheet = openpyxl.load_workbook(io.BytesIO(findings_xlsx(report))).active
    assert sheet.max_row == len(report.findings) + 1


def test_a_draft_that_is_not_a_draft(source_index, tmp_path: Path):
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="Không đọc được dự thảo"):
        check_draft(source_index, empty)
    nothing = tmp_path / "khong-co-du-kien.txt"
    nothing.write_text("Báo cáo này trình bày các nội dung chung.\nĐề nghị các đơn vị quan tâm.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="Không tìm thấy nhận định"):
        check_draft(source_index, nothing)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes((MINERAL / "files" / "CV-813-CucHoaChat.pdf").read_bytes())
    with pytest.raises(IngestError, match="bản scan"):
        check_draft(source_index, scan)
    long = tmp_path / "dai.txt"
    long.write_text(
        "\n".join(f"Ngày {d % 28 + 1}/7/2021, Tổ biên tập họp lần thứ {d}." for d in range(2000)), encoding="utf-8"
    )
    report = check_draft(source_index, long)
    assert report.truncated and len(report.findings) == MAX_CLAIMS


def _paragraphs(name: str, start: int, stop: int) -> str:
    """Paragraphs `start:stop` of a real corpus DOCX, as plain text (a small index of real legal text)."""
    paras = [p.text for p in docx.Document(str(MINERAL / "files" / name)).paragraphs if p.text.strip()]
    return "\n".join(paras[start:stop])


@pytest.fixture(scope="module")
def decree_index(tmp_path_factory: pytest.TempPathFactory):
    """Procedures of Nghị định 193/2025 (all `Trong thời hạn N ngày ...`), its shares of refunded costs
    (`a) 5% ... b) 15% ...`), articles of Thông tư 26/2026 amending Thông tư 38/2025 and 40/2025, a report clause of Thông tư
    36/2025, and the whole of Thông tư 67/2025 (which says nothing of reports)."""
    need_shared()
    folder = tmp_path_factory.mktemp("decree-docs")
    (folder / "nd-193-trich.txt").write_text(
        _paragraphs("ND-193-2025-ND-CP-trich-quan-trong.docx", 520, 545), encoding="utf-8"
    )
    nd193 = "ND-193-2025-ND-CP-trich-quan-trong.docx"
    (folder / "nd-193-lay-y-kien.txt").write_text(
        "\n".join(_paragraphs(nd193, a, b) for a, b in ((1036, 1050), (1066, 1080), (1105, 1120))), encoding="utf-8"
    )
    (folder / "nd-193-hoan-tra.txt").write_text(
        _paragraphs("ND-193-2025-ND-CP-trich-quan-trong.docx", 1600, 1612), encoding="utf-8"
    )
    tt26 = "TT-26-2026-TT-BCT-phan-cap-cat-giam-TTHC-BCT.docx"
    (folder / "tt-26-trich.txt").write_text(
        _paragraphs(tt26, 36, 42) + "\n" + _paragraphs(tt26, 218, 232), encoding="utf-8"
    )
    (folder / "tt-36-trich.txt").write_text(
        _paragraphs("TT-36-2025-TT-BNNMT-khai-thac-tan-thu-thu-hoi.docx", 160, 175), encoding="utf-8"
    )
    index = Index.open(Settings.from_env(index_dir=folder / "index", store_backend="edge", lock_wait_s=0))
    index.ingest([*sorted(folder.glob("*.txt")), MINERAL / "files" / "TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx"])
    yield index, folder
    index.close()


def _check(decree_index, lines: list[str]):
    index, folder = decree_index
    draft = folder / "du-thao.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    return check_draft(index, draft).findings


def test_the_closest_statement_decides_a_number(decree_index):
    """`30 ngày` stated of another procedure of the same decree does not support a changed `20 ngày`."""
    source = (
        "Trong thời hạn 20 ngày (kể từ ngày văn bản xin ý kiến của cơ quan thẩm định hồ sơ được ban hành) cơ quan "
        "được lấy ý kiến có trách nhiệm trả lời bằng văn bản về các vấn đề có liên quan."
    )
    (changed,) = _check(decree_index, [source.replace("20 ngày", "30 ngày")])
    assert (changed.status, changed.draft_value, changed.source_value) == ("contradicted", "30", "20")
    assert "20 ngày" in changed.evidence[0].text
    (same,) = _check(decree_index, [source])
    assert same.status == "supported"


def test_content_attributed_to_the_wrong_circular(decree_index):
    """The cited circular shares the field's vocabulary, another document says it word for word."""
    (finding,) = _check(
        decree_index,
        [
            "Theo Thông tư số 67/2025/TT-BCT, Bộ Nông nghiệp và Môi trường báo cáo tình hình quản lý nhà nước về "
            "địa chất, khoáng sản trong phạm vi cả nước gửi Thủ tướng Chính phủ trước ngày 01 tháng 6 hàng năm."
        ],
    )
    assert (finding.status, finding.error_type) == ("contradicted", "wrong_document")
    assert "tt-36" in finding.evidence[0].doc.lower()


def test_the_list_item_that_says_the_claim_gives_the_source_value(decree_index):
    """`a) 5% ... Bộ ...; b) 15% ... Chủ tịch Ủy ban ...`: the words next to both figures are the same, the item's
    own words tell which figure the claim changed."""
    (finding,) = _check(
        decree_index,
        [
            "b) 22% số tiền phải hoàn trả thực thu đối với giấy phép thuộc thẩm quyền cấp phép của Chủ tịch Ủy ban "
            "nhân dân cấp tỉnh."
        ],
    )
    assert (finding.status, finding.draft_value, finding.source_value) == ("contradicted", "22%", "15%")


def test_a_reference_changed_to_another_real_circular_is_contradicted(decree_index):
    """Both numbers exist in the corpus; the words around the reference say which circular the article amends."""
    article = _paragraphs("TT-26-2026-TT-BCT-phan-cap-cat-giam-TTHC-BCT.docx", 38, 39).removeprefix("Điều 2. ")
    assert "38/2025/TT-BCT" in article
    (changed,) = _check(decree_index, [article.replace("38/2025/TT-BCT", "40/2025/TT-BCT")])
    assert (changed.status, changed.error_type, changed.source_value) == (
        "contradicted",
        "wrong_doc_number",
        "38/2025/TT-BCT",
    )
    (same,) = _check(decree_index, [article])
    assert same.status == "supported"


def test_a_value_of_a_like_worded_procedure_does_not_support_the_claim(decree_index):
    """`d) Trong thời hạn 10 ngày, kể từ ngày hoàn thành …` changed to the `30 ngày` of the step before it in the
    same article (`c) Trong thời hạn 30 ngày, kể từ ngày nhận được báo cáo …`): contradicted, with this step's 10."""
    item = _paragraphs("ND-193-2025-ND-CP-trich-quan-trong.docx", 534, 535)
    assert item.startswith("d) Trong thời hạn 10 ngày")
    (changed,) = _check(decree_index, [item.replace("10 ngày", "30 ngày", 1)])
    assert (changed.status, changed.draft_value, changed.source_value) == ("contradicted", "30", "10")


def test_the_statement_saying_least_besides_the_claim_gives_the_value(decree_index):
    """Two steps of Nghị định 193 read alike: `05 ngày ..., kể từ ngày ... có văn bản lấy ý kiến quy định tại điểm a
    khoản này, ...` and `03 ngày ..., kể từ ngày ... có văn bản lấy ý kiến, ...`. A changed `03` is shown with 03,
    from the step worded as the claim is, not with the 05 of the step that says more."""
    step = _paragraphs("ND-193-2025-ND-CP-trich-quan-trong.docx", 1117, 1118).split(". Sau thời hạn")[0] + "."
    assert step.startswith("b) Trong thời hạn không quá 03 ngày làm việc")
    (changed,) = _check(decree_index, [step.replace("03 ngày", "04 ngày")])
    assert (changed.status, changed.draft_value, changed.source_value) == ("contradicted", "04", "03")
    assert "có văn bản lấy ý kiến, cơ quan" in changed.evidence[0].text


def test_the_fact_settings_reach_the_facts(decree_index):
    """`fact_window` and `fact_max_ratio` in `Heuristics` are what the checker reads facts with (a sweep of them
    through `eval.check_eval --set` measures the code that runs)."""
    from dataclasses import replace

    from app.check import Checker

    index, _ = decree_index
    passage = index.search("Trong thời hạn 20 ngày cơ quan được lấy ý kiến có trách nhiệm trả lời", k=1)[0]
    twenty, thirty = (f for f in extract("trong thời hạn 20 ngày; trong thời hạn 30 ngày") if f.kind == "number")
    default = Checker(index)
    wide = max(len(f.context) for f in default.facts_of(passage))
    assert default.aligner._same_subject(twenty, thirty)
    saved = index.settings
    try:
        index.settings = saved.with_(heuristics=replace(saved.heuristics, fact_window=1, fact_max_ratio=1.2))
        narrow = Checker(index)
        assert max(len(f.context) for f in narrow.facts_of(passage)) < wide
        assert not narrow.aligner._same_subject(twenty, thirty)
    finally:
        index.settings = saved
