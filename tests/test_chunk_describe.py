"""Structure-aware chunking and metadata on real documents."""

from __future__ import annotations

import json

from ingest.chunk import chunk_blocks
from ingest.describe import describe
from ingest.load import load
from ingest.vn.layout import marker_level
from ingest.vn.vntext import match_form

from .conftest import MINERAL, SHARED


def test_marker_levels():
    assert marker_level("Chương II") == 2
    assert marker_level("Điều 5. Thẩm quyền") == 4
    assert marker_level("II. MỤC TIÊU") == 5
    assert marker_level("1. Mục tiêu tổng quát") == 6
    assert marker_level("1.2. Công tác tuyên truyền") == 7
    assert marker_level("a) Khoanh định khu vực") == 9
    assert marker_level("Trong năm 2025, tỉnh đã") is None


def test_chunks_follow_structure_and_carry_breadcrumbs(shared):
    doc = load(MINERAL / "text" / "qd-334-QD-TTg-2023.txt")
    chunks = chunk_blocks(doc.blocks, 220, 60)
    assert all(c.words <= 300 for c in chunks)
    goal = next(c for c in chunks if "Hoàn thành 85% diện tích lập bản đồ" in c.text)
    assert goal.section.startswith("Điều 1") and "MỤC TIÊU" in goal.section


def test_table_rows_are_never_split(shared):
    doc = load(MINERAL / "files" / "ND-193-2025-ND-CP-trich-quan-trong.docx")
    rows = [b.text for b in doc.blocks if b.kind == "table_row" and len(b.text.split()) < 400]
    chunks = chunk_blocks(doc.blocks, 220, 60)
    assert any(c.kind == "table" and c.table_header for c in chunks)
    for row in rows:
        assert any(row in c.text.split("\n") for c in chunks), row


def test_gold_evidence_mostly_within_one_chunk(shared):
    items = [json.loads(x) for x in (SHARED / "eval/qa_dev.jsonl").read_text().splitlines() if x.strip()]
    cache: dict[str, list[str]] = {}
    inside = 0
    answerable = [q for q in items if q["doc"]]
    for q in answerable:
        if q["doc"] not in cache:
            blocks = load(next(MINERAL.rglob(q["doc"]))).blocks
            cache[q["doc"]] = [match_form(c.text) for c in chunk_blocks(blocks, 220, 60)]
        inside += any(match_form(q["evidence"]) in t for t in cache[q["doc"]])
    assert inside >= len(answerable) - 2


def test_metadata_from_headers(shared):
    m = describe(load(MINERAL / "files" / "ND-21-2026-ND-CP-sua-ND-193-2025.docx"))
    assert (m.doc_type, m.number, m.issuer) == ("Nghị định", "21/2026/NĐ-CP", "Chính phủ")
    m = describe(load(MINERAL / "text" / "qd-334-QD-TTg-2023.txt"))
    assert (m.doc_type, m.number, m.issued) == ("Quyết định", "334/QĐ-TTg", "2023-04-01")
    assert m.label() == "Quyết định 334/QĐ-TTg ngày 01/04/2023"
    draft = describe(load(MINERAL / "files" / "BC-UBND-QLNN-khoang-san-nam-2025.docx"))
    assert draft.number is None and draft.issued is None, "blank number/date in a draft must stay null"
    assert draft.doc_type == "Báo cáo" and draft.province == "Lào Cai"
