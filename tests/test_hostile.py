"""Hostile input: fuzzed, truncated and malformed files never crash a loader or lose indexed data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import Index, IngestError, Settings
from ingest.load import LoadedDocument, load

from .conftest import MINERAL, need_shared

REAL_FILES = [
    "files/TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx",
    "files/CV-6791-SNNMT-17-7-2026-y-kien-tham-dinh-CCN-Bao-Dap.pdf",
    "files/CV-tu-choi-TKCS-da-hoa-MongSonV-nhomII.doc",
    "text/qd-2427-QD-TTg-2011.txt",
]
ZERO_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _load_or_refuse(path: Path, data: bytes) -> None:
    """A loader either returns a document or raises IngestError with a Vietnamese message; nothing else."""
    try:
        doc = load(path, data, max_bytes=20_000_000)
    except IngestError as exc:
        assert exc.user_message and exc.detail
        return
    assert isinstance(doc, LoadedDocument) and doc.blocks


@given(st.binary(max_size=4096), st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.doc", "x.html", "x.xlsx"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_never_crash_a_loader(data: bytes, name: str):
    _load_or_refuse(Path(name), data)


@pytest.mark.parametrize("rel", REAL_FILES)
def test_truncated_and_corrupted_real_files(rel: str):
    need_shared()
    data = (MINERAL / rel).read_bytes()
    name = Path(rel).name

    @given(st.floats(min_value=0.0, max_value=0.99), st.lists(st.integers(0, len(data) - 1), max_size=20))
    @settings(max_examples=25, deadline=None)
    def check(cut: float, flips: list[int]):
        broken = bytearray(data[: max(1, int(len(data) * cut))] if cut > 0.01 else data)
        for i in flips:
            if i < len(broken):
                broken[i] ^= 0xFF
        _load_or_refuse(Path(name), bytes(broken))

    check()


def test_zero_page_pdf_and_non_vietnamese_text(tmp_path: Path):
    with pytest.raises(IngestError, match="không có trang"):
        load(tmp_path / "trong.pdf", ZERO_PAGE_PDF)
    english = tmp_path / "english.txt"
    english.write_text("Annual report on mineral licensing. " * 30)
    doc = load(english)
    assert any("tiếng Việt" in w for w in doc.warnings)


def test_hostile_batch_keeps_everything_already_indexed(tmp_path: Path):
    need_shared()
    bad = tmp_path / "bad"
    bad.mkdir()
    good = bad / "qd-2427-QD-TTg-2011.txt"
    good.write_bytes((MINERAL / "text" / good.name).read_bytes())
    index = Index.open(
        Settings.from_env(index_dir=tmp_path / "idx", store_backend="edge", lock_wait_s=0, max_file_mb=1)
    )
    try:
        assert index.ingest([good])[0].status == "indexed"
        before = index.chunk_count()
        (bad / "rong.docx").write_bytes(b"")
        (bad / "cat-cut.pdf").write_bytes((MINERAL / REAL_FILES[1]).read_bytes()[:5000])
        (bad / "sai-duoi.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
        (bad / "lon.txt").write_bytes(b"a" * (2 * 1024 * 1024))
        (bad / "trong.pdf").write_bytes(ZERO_PAGE_PDF)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("word/document.xml", b"<w/>" + b" " * 60_000_000)
        (bad / "bom.docx").write_bytes(buf.getvalue())
        good.write_bytes(b"")  # a broken new version of an indexed file
        reports = {r.doc: r for r in index.ingest([bad])}
        assert all(r.status == "failed" and r.error for r in reports.values()), reports
        assert "quá lớn" in reports["lon.txt"].error
        assert index.chunk_count() == before, "nothing already indexed may be lost"
        rec = next(d for d in index.documents() if d.doc == good.name)
        assert rec.status == "indexed" and any("giữ bản đã nạp" in w for w in rec.warnings)
        assert index.search("Chiến lược khoáng sản đến năm 2020", k=3)[0].doc == good.name
    finally:
        index.close()
