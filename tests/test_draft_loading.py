"""A draft is read as written, a paragraph pasted from a damaged PDF text layer repaired on its own (text written for
the test)."""

from __future__ import annotations

from pathlib import Path

from ingest import load_draft
from ingest.settings import Limits

CLEAN = [
    "Năm 2025, tỉnh Lào Cai cấp 12 giấy phép khai thác khoáng sản theo khoản 2 Điều 59 Luật Địa chất và khoáng sản.",
    "Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành liên quan.",
]
PASTED = "Căn c ứ Ngh ị quy ết s ố 02-NQ/TW c ủa B ộ Chính tr ị v ề định hướng chi ến lược khoáng s ản đến năm 2020."
REPAIRED = "Căn cứ Nghị quyết số 02-NQ/TW của Bộ Chính trị về định hướng chiến lược khoáng sản đến năm 2020."


def test_a_pasted_paragraph_is_repaired_and_the_rest_left_as_written(tmp_path: Path) -> None:
    # a long draft: its one damaged paragraph is far too little of the whole to mark the draft damaged
    clean = CLEAN * 40
    draft = tmp_path / "du-thao.txt"
    draft.write_text("\n\n".join([*clean, PASTED]), encoding="utf-8")
    texts = [b.text for b in load_draft(draft, Limits()).blocks]
    assert texts == [*clean, REPAIRED]
