"""A stored file is governed by the same access decision as its chunks, at every moment: a failed restricted
upload, a restricted replacement (also killed half-way), an unticked replace, and a file changed on disk."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from eval.security import KILL
from ingest import Index, Settings

from .conftest import ROOT

OPEN_TEXT = "BÁO CÁO\nVề mỏ đá vôi Hang Nước\nMỏ đá vôi Hang Nước khai thác 12.000 m3 trong năm 2024.\n"
SECRET = "Zorvatex"
SECRET_TEXT = ("BÁO CÁO MẬT\nVề dự án khai thác quặng Zorvatex tại mỏ Khe Rồng\n"
               "Dự án khai thác quặng Zorvatex tại mỏ Khe Rồng dự kiến đạt 48.000 tấn mỗi năm.\n")  # fmt: skip
KEY = "uploads/bao-cao.txt"


def _open(path: Path) -> Index:
    return Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=10))


@pytest.fixture()
def index_dir(samples_index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(samples_index_dir, target)
    return target


def _broken_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph(f"Quặng {SECRET} tại mỏ Khe Rồng.")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, data + b"<trailing garbage" if item.filename == "word/document.xml" else data)
    return out.getvalue()


@pytest.mark.parametrize("name,data", [
    ("hong.docx", _broken_docx()),
    pytest.param("hong.txt", b"\xff\xfe" + f"Quặng {SECRET} tại mỏ Khe Rồng.".encode("utf-16-le") + b"\x00",
                 marks=pytest.mark.slow),  # an odd byte; the same path as the DOCX, so in the full tier only
])  # fmt: skip
def test_a_restricted_upload_that_fails_to_parse_stays_restricted(index_dir: Path, name: str, data: bytes):
    index = _open(index_dir)
    try:
        report = index.add_upload(name, data, restricted=True)
        assert report.status == "failed" and report.restricted
        key = f"uploads/{name}"
        assert key not in {d.key for d in index.documents(sees_restricted=False)}, "not in a viewer's library"
        assert index.source_file(key, sees_restricted=False) is None, "a viewer cannot download it"
        assert index.source_file(key, sees_restricted=True).data == data, "an editor can, to see what failed"
    finally:
        index.close()


def test_a_viewer_never_gets_the_restricted_version_during_a_replace(index_dir: Path):
    index = _open(index_dir)
    index.sparse_first = True
    try:
        index.add_upload("bao-cao.txt", OPEN_TEXT.encode(), restricted=False)
        got: list[bytes | None] = []
        stop = threading.Event()

        def viewer() -> None:
            while not stop.is_set() or len(got) < 100:
                f = index.source_file(KEY, sees_restricted=False)
                got.append(f.data if f else None)
                time.sleep(0.001)  # yield the GIL to the upload: hundreds of reads still land inside it

        t = threading.Thread(target=viewer)
        t.start()
        try:
            report = index.add_upload("bao-cao.txt", (SECRET_TEXT * 12).encode(), restricted=True, replace=True)
        finally:
            stop.set()
            t.join()
        assert report.status == "indexed" and report.restricted
        assert len(got) >= 100 and not any(g and SECRET.encode() in g for g in got), "0 restricted bytes served"
        assert index.source_file(KEY, sees_restricted=False) is None
        assert SECRET.encode() in index.source_file(KEY, sees_restricted=True).data
        files = [p for p in (index_dir / "uploads").rglob("*") if p.is_file()]
        assert len(files) == 1, f"the replaced version's file is gone: {files}"
    finally:
        index.close()


# the full tier only (at both points): the fast tier's kill is test_security's, mid-embedding of a new upload
@pytest.mark.slow
@pytest.mark.parametrize("point", ["before_commit", "after_commit"])
def test_a_replace_killed_half_way_never_serves_the_new_version_to_a_viewer(index_dir: Path, tmp_path: Path,
                                                                          point: str):  # fmt: skip
    index = _open(index_dir)
    index.add_upload("bao-cao-mat.txt", OPEN_TEXT.encode(), restricted=False)
    index.close()
    script, secret = tmp_path / "kill.py", tmp_path / "bao-cao-mat.txt"
    script.write_text(KILL)
    secret.write_text(SECRET_TEXT * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, str(script), str(index_dir), point, str(secret)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 137, done.stderr[-2000:]
    index = _open(index_dir)  # opening compares every stored file with its row
    try:
        served = index.source_file("uploads/bao-cao-mat.txt", sees_restricted=False)
        assert served is None or SECRET.encode() not in served.data
        if point == "before_commit":
            assert served is not None and served.data == OPEN_TEXT.encode(), "the open version is still served"
        else:
            assert served is None and index.document("uploads/bao-cao-mat.txt").restricted
        for p in (index_dir / "uploads").rglob("*"):
            if p.is_file():
                assert any(r.path and Path(r.path).resolve() == p.resolve() for r in index.documents()), p
    finally:
        index.close()


def test_a_stored_file_changed_on_disk_is_quarantined_and_never_served(index_dir: Path):
    index = _open(index_dir)
    index.add_upload("bao-cao.txt", OPEN_TEXT.encode(), restricted=False)
    path = Path(index.document(KEY).path)
    index.close()
    path.write_bytes(SECRET_TEXT.encode())  # what an interrupted write of an earlier version could leave
    index = _open(index_dir)
    try:
        assert index.source_file(KEY, sees_restricted=False) is None
        assert index.source_file(KEY, sees_restricted=True) is None
        assert not path.exists() and list((index_dir / "quarantine").rglob("bao-cao.txt"))
    finally:
        index.close()


def test_an_unticked_replace_or_reupload_keeps_a_document_restricted(index_dir: Path):
    index = _open(index_dir)
    try:
        index.add_upload("bao-cao.txt", SECRET_TEXT.encode(), restricted=True)
        same = index.add_upload("bao-cao.txt", SECRET_TEXT.encode(), restricted=None, replace=True)
        assert same.status == "unchanged" and index.document(KEY).restricted
        new = index.add_upload("bao-cao.txt", (SECRET_TEXT + "Bổ sung năm 2025.\n").encode(), None, replace=True)
        assert new.status == "indexed" and new.restricted and index.document(KEY).restricted
        hits = index.search(f"dự án khai thác quặng {SECRET} mỏ Khe Rồng", k=20, sees_restricted=False)
        assert not any(SECRET in h.text for h in hits)
        opened = index.add_upload("bao-cao.txt", SECRET_TEXT.encode(), restricted=False, replace=True)
        assert not opened.restricted, "an explicit False still opens it (an admin's choice)"
    finally:
        index.close()


def test_stored_files_and_databases_are_private(index_dir: Path):
    index = _open(index_dir)
    try:
        index.add_upload("bao-cao.txt", OPEN_TEXT.encode(), restricted=False)
        stored = Path(index.document(KEY).path)
        assert stored.stat().st_mode & 0o077 == 0
        assert (index_dir / "catalog.sqlite").stat().st_mode & 0o077 == 0
    finally:
        index.close()
