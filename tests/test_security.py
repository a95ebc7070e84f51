"""Security cases, each replayed on real files and a real index (committed samples, no ../shared needed).

Restricted content never reaches a viewer (during and after an upload, however it is interrupted, nor through
typo repair, reports, twins or unlabelled chunks); no input makes the server do unbounded work; no file silently
replaces another; an interrupted write is repaired on the next open; authentication has the usual bars.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from app.service.auth import UserStore, users_path
from eval.security import KILL
from ingest import Index, IngestError, QueryError, Settings

from .conftest import ROOT

SECRET = "Zorvatex"
SECRET_TEXT = (
    "BÁO CÁO MẬT\nVề dự án khai thác quặng Zorvatex tại mỏ Khe Rồng\n"
    "Dự án khai thác quặng Zorvatex tại mỏ Khe Rồng dự kiến đạt sản lượng 48.000 tấn mỗi năm từ năm 2027.\n"
)


def _open(path: Path, **kw) -> Index:
    return Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=10, **kw))


@pytest.fixture()
def index_dir(samples_index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(samples_index_dir, target)
    return target


def _viewer_sees(index: Index, text: str = SECRET) -> int:
    hits = index.search(f"dự án khai thác quặng {text} mỏ Khe Rồng", k=20, sees_restricted=False)
    return sum(text in h.text for h in hits)


# --- restriction ---------------------------------------------------------------------------------
def test_a_viewer_never_sees_a_restricted_upload_while_it_is_indexed(index_dir: Path):
    index = _open(index_dir)
    index.sparse_first = True
    seen, searches, stop = [], [0], threading.Event()

    def viewer() -> None:
        while not stop.is_set():
            seen.append(_viewer_sees(index))
            searches[0] += 1
            time.sleep(0.002)  # yield the GIL to the upload: the searches still land all through it

    t = threading.Thread(target=viewer)
    t.start()
    try:
        report = index.add_upload("bao-cao-mat.txt", SECRET_TEXT.encode() * 16, restricted=True)
    finally:
        stop.set()
        t.join()
    try:
        assert report.status == "indexed" and report.restricted
        assert searches[0] >= 3 and sum(seen) == 0, (searches, sum(seen))
        assert _viewer_sees(index) == 0
        editor = index.search(f"dự án khai thác quặng {SECRET}", k=5, sees_restricted=True)
        assert editor and SECRET in editor[0].text
    finally:
        index.close()


@pytest.mark.parametrize(
    "point",  # a kill at each point of a restricted write: full tier (a subprocess with its own models each)
    [pytest.param("before_commit", marks=pytest.mark.slow), pytest.param("after_commit", marks=pytest.mark.slow),
     pytest.param("while_embedding", marks=pytest.mark.slow)],
)  # fmt: skip
def test_an_interrupted_restricted_upload_stays_hidden_and_is_repaired(index_dir: Path, tmp_path: Path, point: str):
    script = tmp_path / "kill.py"
    script.write_text(KILL)  # the benchmark's kill points: one script for both
    secret = tmp_path / "bao-cao-mat.txt"
    secret.write_text(SECRET_TEXT * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, str(script), str(index_dir), point, str(secret)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 137, done.stderr[-2000:]
    index = _open(index_dir)  # opening repairs what the killed write left
    try:
        assert _viewer_sees(index) == 0
        docs = {d.key: d for d in index.documents()}
        if point == "before_commit":
            assert "uploads/bao-cao-mat.txt" not in docs
            assert index.search(f"quặng {SECRET} mỏ Khe Rồng", k=5, sees_restricted=True)[0].doc != "bao-cao-mat.txt"
        else:
            rec = docs["uploads/bao-cao-mat.txt"]
            assert rec.restricted and rec.dense, "committed: restricted, and the dense vectors were completed"
        revs = {h.payload["rev"] for h in index._store.scroll([])}
        assert revs <= set(index._catalog.live_revisions()), "no chunk of an unfinished write is left"
    finally:
        index.close()


def test_typo_repair_reports_and_twins_leak_nothing(index_dir: Path, tmp_path: Path):
    index = _open(index_dir)
    try:
        index.add_upload("bao-cao-mat.txt", SECRET_TEXT.encode(), restricted=True)
        assert index.understand("quặng Xorvatex", sees_restricted=False).corrections == []
        assert index.understand("quặng Xorvatex", sees_restricted=True).corrections == [("Xorvatex", "Zorvatex")]
        assert all("bao-cao-mat" not in (r["key"] or "") for r in index.last_report(False))
        assert any("bao-cao-mat" in (r["key"] or "") for r in index.last_report(True))
        # the same content under another name: opening one does not open the other
        index.add_upload("ban-sao.txt", SECRET_TEXT.encode(), restricted=True)
        index.set_restricted("uploads/ban-sao.txt", False)
        visible = {h.doc for h in index.search(f"quặng {SECRET} mỏ Khe Rồng", k=10, sees_restricted=False)}
        assert "ban-sao.txt" in visible and "bao-cao-mat.txt" not in visible
        assert index.document("uploads/bao-cao-mat.txt").restricted
    finally:
        index.close()


def test_a_chunk_that_does_not_say_it_is_open_is_hidden(index_dir: Path):
    index = _open(index_dir)
    try:
        from ingest import terms
        from ingest.store import StoredPoint

        text = f"Ghi chú nội bộ về quặng {SECRET} tại mỏ Khe Rồng."
        vec = index.embedder.embed_passages([text])[0].tolist()
        index._store.upsert([StoredPoint("0f3c2b1a-1111-4222-8333-444455556666", vec, terms.document_vectors(text),
                                         {"doc": "x.txt", "doc_key": "x/x.txt", "rev": "r", "text": text})])  # fmt: skip
        assert _viewer_sees(index) == 0
    finally:
        index.close()


# --- bounded work ---------------------------------------------------------------------------------
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_no_question_can_exhaust_the_server(samples_index: Index, monkeypatch: pytest.MonkeyPatch):
    from app.answer import answer

    embedded: list[int] = []
    embedder = type(samples_index.embedder)
    embed = embedder.embed_queries
    monkeypatch.setattr(
        embedder, "embed_queries", lambda self, texts: embedded.append(len(texts)) or embed(self, texts)
    )
    for size in (100_000, 2_500):
        with pytest.raises(QueryError, match="quá dài"):
            answer(samples_index, "khoảng sản " + "x" * size)
    assert embedded == [], "an over-long question is refused before any work"
    before = _peak_mb()
    words = " ".join(f"tưrnog{i}ngheịxyz" for i in range(200))[:2000]  # every syllable unknown
    query = samples_index.understand(words)
    limits = samples_index.settings.limits
    assert len(query.text.split()) <= limits.max_query_words, "the retriever reads a bounded question"
    assert len(query.corrections) <= limits.max_repair_syllables, "typo repair looks at a bounded number"
    samples_index.search(words, k=10)
    assert _peak_mb() - before < 200, "the largest accepted question stays small"


@pytest.mark.slow  # builds 200 MB of hostile input; the fast tier's bombs are in test_loaders and test_hostile
def test_hostile_files_are_refused_before_unbounded_work(tmp_path: Path):
    bomb = tmp_path / "bom.docx"  # passes the ratio check (about 1:60), unpacks to 150 MB of XML
    buf = io.BytesIO()
    paras = b"".join(
        b"<w:p><w:r><w:t>Khoan %d muc %d</w:t></w:r></w:p>" % (i, i * 7919 % 10007) for i in range(3_300_000)
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document><w:body>" + paras + b"</w:body></w:document>")
    bomb.write_bytes(buf.getvalue())
    assert len(paras) / len(buf.getvalue()) < 200
    line = tmp_path / "mot-dong.txt"
    line.write_bytes(("khoáng sản " * 4_500_000).encode())  # 49 MB on one line
    big = tmp_path / "dai.txt"  # short enough in characters, but 3,100 articles make 3,100 chunks
    article = "Tổ chức, cá nhân khai thác khoáng sản có trách nhiệm " * 6
    big.write_text("".join(f"Điều {i}. Quy định số {i}\n{article}\n" for i in range(1, 3101)), encoding="utf-8")
    index = Index.open(Settings.from_env(index_dir=tmp_path / "idx", store_backend="edge", lock_wait_s=0))
    try:
        reports = {r.doc: r for r in index.ingest([bomb, line, big])}
        assert "bom nén" in reports["bom.docx"].error
        assert "quá dài" in reports["mot-dong.txt"].error or "quá lớn" in reports["mot-dong.txt"].error
        assert reports["dai.txt"].status == "failed" and "đoạn" in reports["dai.txt"].error
        assert index.chunk_count() == 0
    finally:
        index.close()


# --- identity and replacement ---------------------------------------------------------------------
def test_an_upload_never_replaces_a_document_silently(index_dir: Path):
    index = _open(index_dir)
    try:
        first = index.add_upload("bao-cao.txt", "BÁO CÁO\nNội dung thứ nhất về mỏ đá vôi Hang Nước.\n".encode(), False)
        assert first.status == "indexed"
        with pytest.raises(IngestError, match="đã có tài liệu"):
            index.add_upload("bao-cao.txt", b"BAO CAO\nNoi dung khac hoan toan.\n", False)
        assert "Hang Nước" in index.search("mỏ đá vôi Hang Nước", k=1)[0].text
        with pytest.raises(IngestError, match="không hợp lệ"):
            index.add_upload("../thoat.txt", b"x" * 100, False)
    finally:
        index.close()


# --- partial writes, full disk --------------------------------------------------------------------
def test_a_full_disk_is_refused_with_a_message_and_loses_nothing(index_dir: Path):
    index = Index.open(Settings.from_env(index_dir=index_dir, lock_wait_s=10, min_free_disk_mb=10**9))
    try:
        before = index.chunk_count()
        report = index.add_upload("moi.txt", "BÁO CÁO\nMột báo cáo mới về khoáng sản.\n".encode(), False)
        assert report.status == "failed" and "Ổ đĩa" in report.error
        assert index.chunk_count() == before
    finally:
        index.close()


# --- authentication -------------------------------------------------------------------------------
def test_authentication_bars(tmp_path: Path):
    store = UserStore(users_path(tmp_path))
    try:
        with pytest.raises(Exception, match="ít nhất 12"):
            store.add("ngan", "viewer", "12345")
        store.add("an", "viewer", "mat-khau-du-dai-01")
        token = store.new_session("an")
        assert store.session_user(token).name == "an"
        store.remove("an")
        assert store.session_user(token) is None, "deleting a user ends their live session"
        store.add("binh", "editor", "mat-khau-du-dai-02")
        token = store.new_session("binh")
        store.change_password("binh", "mat-khau-du-dai-02", "mat-khau-moi-du-dai")
        assert store.session_user(token) is None, "changing the password ends every session"
        row = store._conn.execute("SELECT hash FROM users WHERE name = 'binh'").fetchone()[0]
        assert row.startswith("$argon2id$") and "m=65536" in row
    finally:
        store.close()


def test_an_old_scrypt_hash_is_upgraded_at_login(tmp_path: Path):
    import hashlib
    import sqlite3

    path = users_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT, salt BLOB, hash BLOB, created TEXT)")
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"mat-khau-cu", salt=salt, n=2**14, r=8, p=1, dklen=32)
    conn.execute("INSERT INTO users VALUES ('cu', 'viewer', ?, ?, '2026-01-01T00:00:00+00:00')", (salt, digest))
    conn.commit()
    conn.close()
    store = UserStore(path)
    try:
        assert store.verify("cu", "mat-khau-cu") is not None
        assert store._conn.execute("SELECT hash FROM users").fetchone()[0].startswith("$argon2id$")
        assert store.verify("cu", "mat-khau-cu") is not None
    finally:
        store.close()


def test_the_server_listens_locally_and_shows_no_tracebacks():
    from app.web.server import streamlit_command

    cmd = streamlit_command(Settings.from_env(), 8501, Settings.from_env().host)
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--client.showErrorDetails") + 1] == "none"


def test_document_text_is_shown_as_text():
    from app.web.ui import safe

    planted = "Xem [đăng nhập lại](https://evil.example/login) ![x](https://evil.example/a.png) <img src=x>"
    shown = safe.text(planted)
    assert "](" not in shown and "<img" not in shown and "https://" not in shown


def test_a_title_with_markdown_renders_inert_on_the_page(index_dir: Path):
    """A planted link in a document title reaches the page as characters, not as a link (AppTest)."""
    from streamlit.testing.v1 import AppTest

    index = _open(index_dir)
    try:
        data = docx.Document()
        data.add_paragraph("BÁO CÁO")
        data.add_paragraph("Về mỏ đá [đăng nhập lại](https://evil.example/login) Khe Rồng")
        data.add_paragraph("Mỏ đá Khe Rồng khai thác 12.000 m3 đá vôi trong năm 2024.")
        buf = io.BytesIO()
        data.save(buf)
        index.add_upload("bay.docx", buf.getvalue(), False)
    finally:
        index.close()
    store = UserStore(users_path(index_dir))
    store.add("xem", "viewer", "matkhau-nguoixem-01")
    store.close()
    os.environ["NQ02_INDEX"] = str(index_dir)
    try:
        at = AppTest.from_file(str(ROOT / "app/web/ui/main.py"), default_timeout=180)
        at.run()
        at.text_input[0].input("xem")
        at.text_input[1].input("matkhau-nguoixem-01")
        at.button[0].click().run()
        at.chat_input[0].set_value("Mỏ đá Khe Rồng khai thác bao nhiêu m3 đá vôi?").run()
        shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
        assert "Khe Rồng" in shown and "](https" not in shown and "evil&#46;example" in shown
    finally:
        from app.service import engine

        engine.close()
        os.environ.pop("NQ02_INDEX", None)
