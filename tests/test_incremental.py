"""Incremental ingestion: unchanged files skipped, edited files replaced, pruning, duplicate content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest import Index, Settings, parse_filters

from .conftest import MINERAL, need_shared

FILES = ["text/tin-2021-07-29-tien-do-tong-ket-nq02.txt", "text/qd-2427-QD-TTg-2011.txt"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    need_shared()
    d = tmp_path / "docs"
    d.mkdir()
    for rel in FILES:
        shutil.copy(MINERAL / rel, d)
    return d


def open_index(path: Path) -> Index:
    return Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0))


def test_edit_prune_and_duplicates(folder: Path, tmp_path: Path):
    index = open_index(tmp_path / "idx")
    try:
        first = {r.doc: r for r in index.ingest([folder])}
        assert {r.status for r in first.values()} == {"indexed"}
        total = index.store.count()

        again = index.ingest([folder])
        assert {r.status for r in again} == {"unchanged"} and index.store.count() == total

        tin = folder / "tin-2021-07-29-tien-do-tong-ket-nq02.txt"
        tin.write_text(
            tin.read_text(encoding="utf-8") + "\nNgày 30/7/2021, Tổ công tác họp lần thứ hai.\n", encoding="utf-8"
        )
        edited = {r.doc: r.status for r in index.ingest([folder])}
        assert edited == {tin.name: "indexed", "qd-2427-QD-TTg-2011.txt": "unchanged"}
        hits = index.search("Tổ công tác họp lần thứ hai ngày 30/7/2021", k=3)
        assert hits[0].doc == tin.name and "lần thứ hai" in hits[0].text
        assert len({h.payload["doc_id"] for h in index.store.scroll(parse_filters([f"doc={tin.name}"]))}) == 1

        copy = folder / "ban-sao-quyet-dinh-2427.txt"
        shutil.copy(folder / "qd-2427-QD-TTg-2011.txt", copy)
        before = index.store.count()
        dup = {r.doc: r for r in index.ingest([folder])}
        assert dup[copy.name].status == "indexed" and index.store.count() == before, "same content is stored once"
        hit = index.search("Chiến lược khoáng sản đến năm 2020", k=1, conditions=parse_filters([f"doc={copy.name}"]))[0]
        assert set(hit.payload["docs"]) == {copy.name, "qd-2427-QD-TTg-2011.txt"}
        listing = {d.doc: d for d in index.documents()}
        assert listing[copy.name].chunks == listing["qd-2427-QD-TTg-2011.txt"].chunks > 0

        (folder / "qd-2427-QD-TTg-2011.txt").unlink()
        pruned = {r.doc: r.status for r in index.ingest([folder], prune=True)}
        assert pruned["qd-2427-QD-TTg-2011.txt"] == "removed"
        assert index.store.count() == before, "the content lives on under its remaining name"
        assert index.search("Chiến lược khoáng sản đến năm 2020", k=1)[0].doc == copy.name
        assert [r["doc"] for r in index.catalog.last_report() if r["status"] == "removed"] == [
            "qd-2427-QD-TTg-2011.txt"
        ]
    finally:
        index.close()
