"""Incremental ingestion on the committed samples: unchanged files skipped, edited files replaced, document
identity by path, pruning by absolute path, duplicate content, stage versions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest import Index, Settings, parse_filters

from .conftest import SAMPLES

FILES = ["QD-502-QD-DCKS-2021-mau.txt", "TB-01-TB-BCD-2021-mau.txt"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for name in FILES:
        shutil.copy(SAMPLES / name, d)
    return d


_EMBEDDINGS: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def shared_embeddings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One embedding cache for the module: these tests are about which documents are (re)indexed, and the
    same passages need not be embedded again for every fresh index."""
    _EMBEDDINGS[:] = [tmp_path_factory.mktemp("embeddings") / "embeddings.sqlite"]


def open_index(path: Path) -> Index:
    return Index.open(
        Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0, embed_cache=_EMBEDDINGS[0])
    )


def test_edit_prune_and_duplicates(folder: Path, tmp_path: Path):
    index = open_index(tmp_path / "idx")
    try:
        first = {r.key: r for r in index.ingest([folder])}
        assert set(first) == {f"docs/{n}" for n in FILES} and {r.status for r in first.values()} == {"indexed"}
        total = index.chunk_count()

        again = index.ingest([folder])
        assert {r.status for r in again} == {"unchanged"} and index.chunk_count() == total

        qd = folder / FILES[0]
        qd.write_text(qd.read_text(encoding="utf-8") + "\nNgày 30/7/2021, Tổ công tác họp lần thứ hai.\n", "utf-8")
        edited = {r.key: r.status for r in index.ingest([folder])}
        assert edited == {f"docs/{FILES[0]}": "indexed", f"docs/{FILES[1]}": "unchanged"}
        hits = index.search("Tổ công tác họp lần thứ hai ngày 30/7/2021", k=3)
        assert hits[0].doc == qd.name and "lần thứ hai" in hits[0].text
        revs = {h.payload["rev"] for h in index._store.scroll(parse_filters([f"doc={qd.name}"]))}
        assert len(revs) == 1, "the old version's chunks are gone"

        copy = folder / "ban-sao-thong-bao.txt"
        shutil.copy(folder / FILES[1], copy)
        dup = {r.key: r for r in index.ingest([folder])}
        assert dup["docs/ban-sao-thong-bao.txt"].status == "indexed"
        hits = index.search("Kế hoạch tổng kết Nghị quyết 02 Thông báo 01/TB-BCĐ", k=5)
        same = [h for h in hits if h.doc in (copy.name, FILES[1])]
        assert len(same) == len({h.text for h in same}), "an identical passage is shown once ..."
        assert any(set(h.also_in) | {h.doc} == {copy.name, FILES[1]} for h in same), "... citing both documents"

        (folder / FILES[1]).unlink()
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        cwd = os.getcwd()
        os.chdir(elsewhere)  # prune compares absolute paths, whatever the current directory
        try:
            pruned = {r.key: r.status for r in index.ingest([folder], prune=True)}
        finally:
            os.chdir(cwd)
        assert pruned[f"docs/{FILES[1]}"] == "removed"
        assert sum(s == "removed" for s in pruned.values()) == 1
        assert {d.key for d in index.documents()} == {f"docs/{FILES[0]}", "docs/ban-sao-thong-bao.txt"}
        assert [r["key"] for r in index.last_report(True) if r["status"] == "removed"] == [f"docs/{FILES[1]}"]
    finally:
        index.close()


def test_same_name_in_two_folders_are_two_documents(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d, extra in ((a, "Tỉnh A báo cáo 12 giấy phép."), (b, "Tỉnh B báo cáo 34 giấy phép.")):
        d.mkdir()
        (d / "bao-cao.txt").write_text(f"BÁO CÁO\nKết quả cấp phép khoáng sản năm 2024.\n{extra}\n", "utf-8")
    index = open_index(tmp_path / "idx")
    try:
        assert {r.status for r in index.ingest([a, b])} == {"indexed"}
        assert {r.status for r in index.ingest([a, b])} == {"unchanged"}, "neither replaces the other"
        assert {d.key for d in index.documents()} == {"a/bao-cao.txt", "b/bao-cao.txt"}
        texts = " ".join(h.text for h in index.search("báo cáo giấy phép", k=5))
        assert "12 giấy phép" in texts and "34 giấy phép" in texts
    finally:
        index.close()


def test_a_changed_stage_version_reindexes(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    index = open_index(tmp_path / "idx")
    try:
        index.ingest([folder])
        assert not index.stale_documents()
        from ingest import chunk

        monkeypatch.setattr(chunk, "VERSION", chunk.VERSION + "-next")
        index.close()
        index = open_index(tmp_path / "idx")
        assert len(index.stale_documents()) == len(FILES)
        assert {r.status for r in index.ingest([folder])} == {"indexed"}, "unchanged files, new chunker: re-indexed"
        assert not index.stale_documents()
    finally:
        index.close()


def test_symlinks_and_special_files_are_refused(tmp_path: Path):
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copy(SAMPLES / FILES[0], d)
    (d / "x.txt").symlink_to("/etc/passwd")
    os.mkfifo(d / "ong.txt")
    index = open_index(tmp_path / "idx")
    try:
        reports = {r.key: r for r in index.ingest([d, d / "x.txt"])}
        assert reports["docs/x.txt"].status == "failed" and "liên kết" in reports["docs/x.txt"].error
        assert reports["docs/ong.txt"].status == "failed"
        assert reports[f"docs/{FILES[0]}"].status == "indexed"
        assert all("root:" not in h.text for h in index.search("root bin bash nologin", k=10, sees_restricted=True))
    finally:
        index.close()
