"""The smaller holes around the index, each replayed: conversations owned by user ids and re-checked against the
role, per-line encoding fallback, bounded filters, terminal-safe output, Secure cookies behind TLS, long names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.service.auth import UserStore, users_path
from app.service.history import ConversationStore, drew_on_restricted, store_path, visibility_for
from ingest import Index, IngestError, QueryError, Settings, accept_upload, parse_filters

from .conftest import ROOT

SECRET = "Zorvatex"
SECRET_TEXT = ("BÁO CÁO MẬT\nVề dự án khai thác quặng Zorvatex tại mỏ Khe Rồng\n"
               "Dự án khai thác quặng Zorvatex tại mỏ Khe Rồng dự kiến đạt 48.000 tấn mỗi năm.\n")  # fmt: skip
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "NQ02_LOCK_WAIT_S": "1"}


def nq02(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, capture_output=True, text=True,
                          env=ENV, cwd=ROOT, timeout=600)  # fmt: skip


@pytest.fixture()
def index_dir(samples_index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(samples_index_dir, target)
    return target


def test_a_removed_users_history_is_gone_and_a_demoted_editor_sees_no_restricted_answer(index_dir: Path):
    from app.answer import answer

    index = Index.open(Settings.from_env(index_dir=index_dir, store_backend="edge", lock_wait_s=10))
    users = UserStore(users_path(index_dir))
    talks = ConversationStore(store_path(index_dir))
    try:
        index.add_upload("mat.txt", SECRET_TEXT.encode(), restricted=True)
        editor = users.add("minh", "editor", "mat-khau-bien-tap-01")
        turn = answer(index, f"Dự án quặng {SECRET} dự kiến đạt bao nhiêu tấn mỗi năm?", sees_restricted=True,
                      use_llm=False).as_json()  # fmt: skip
        assert SECRET in str(turn) and drew_on_restricted(index, turn)
        cid = talks.new(editor.uid, turn["question"])
        talks.add(editor.uid, cid, turn, drew_on_restricted(index, turn))
        assert SECRET in str(talks.turns(editor.uid, cid, visibility_for(index, True)))
        users.set_role("minh", "viewer")  # demoted: the same history, read with the new role
        shown = talks.turns(editor.uid, cid, visibility_for(index, False))
        assert len(shown) == 1 and SECRET not in str(shown) and "48.000" not in str(shown)
        assert SECRET not in talks.export(editor.uid, cid, visibility_for(index, False))
        assert SECRET not in str(talks.conversations(editor.uid, visibility_for(index, False))), "nor the title"
    finally:
        talks.close()
        users.close()
        index.close()
    removed = nq02("user", "remove", "minh", "--index", str(index_dir))
    assert removed.returncode == 0, removed.stderr
    again = nq02("user", "add", "minh", "--role", "viewer", "--index", str(index_dir), stdin="mat-khau-nguoi-moi-02\n")
    assert again.returncode == 0, again.stderr
    users, talks = UserStore(users_path(index_dir)), ConversationStore(store_path(index_dir))
    try:
        new = users.get("minh")
        assert new.uid != editor.uid
        assert talks.conversations(new.uid) == [] and talks.turns(new.uid, cid, lambda _t: True) == []
        assert talks.conversations(editor.uid) == [], "the removed user's history was deleted, not orphaned"
    finally:
        talks.close()
        users.close()


def test_one_bad_byte_does_not_turn_a_utf8_text_into_a_legacy_code():
    from ingest.load.txt import decode

    good = "Báo cáo kết quả cấp giấy phép khai thác khoáng sản năm 2024.\n".encode()
    text, legacy = decode(good * 20 + b"M\xf4t d\xf2ng h\xf4ng\n" + good * 20, "x.txt")
    assert legacy is None and text.count("giấy phép khai thác khoáng sản") == 40
    tcvn3 = "B¸o c¸o kÕt qu¶ cÊp giÊy phÐp khai th¸c kho¸ng s¶n\n".encode("latin-1") * 10
    assert decode(tcvn3, "y.txt")[1] == "tcvn3", "a whole legacy file is still read as its code"


@pytest.mark.parametrize("item", ["year=99999999999999999999999", "year=20x1", "year=1..", "year=..1e9",
                                  "year=٢٠٢١", "doc_type=" + "x" * 400])  # fmt: skip
def test_filters_are_bounded(item: str):
    with pytest.raises(QueryError):
        parse_filters([item])
    assert parse_filters(["year=2020..2023"])[0].gte == 2020


def test_the_command_line_refuses_an_absurd_year_with_a_message(index_dir: Path):
    done = nq02("ask", "khoáng sản", "--filter", "year=99999999999999999999999", "--index", str(index_dir))
    assert done.returncode == 2 and "Năm" in done.stderr and "Traceback" not in done.stderr


def test_nothing_printed_can_steer_the_terminal(tmp_path: Path):
    from app.cli.terminal import printable

    assert printable("a\x1b]0;pwned\x07b\x1b[2Jc\u202ed\x9be\n\tf") == "a]0;pwnedb[2Jcde\n\tf"
    folder = tmp_path / "tep"
    folder.mkdir()
    (folder / "bao-cao-\x1b[31mDO\x1b[0m.txt").write_text("BÁO CÁO\nKhai thác cát năm 2024.\n", "utf-8")
    done = nq02("ingest", str(folder), "--index", str(tmp_path / "idx"))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "bao-cao-" in done.stdout


def test_the_session_cookie_is_secure_behind_a_tls_proxy():
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from app.service import engine
    from app.web import routes
    from app.web.ui.session import issue_code

    client = TestClient(Starlette(routes=routes.routes()))
    try:
        behind = client.post("/auth/adopt", json={"code": issue_code("t1")}, headers={"X-Forwarded-Proto": "https"})
        direct = client.post("/auth/adopt", json={"code": issue_code("t2")})
    finally:
        engine.close()  # the routes read the process's settings: later tests set their own index
    assert behind.status_code == direct.status_code == 200
    assert "secure" in behind.headers["set-cookie"].lower() and "secure" not in direct.headers["set-cookie"].lower()
    readme = (ROOT / "README.md").read_text()
    assert "X-Forwarded-Proto $scheme" in readme, "the README's nginx block sets the header"


def test_an_over_long_upload_name_gets_a_clear_message():
    name = "ệ" * 130 + ".docx"  # cut to 120 characters, still 365 bytes: over the file system's 255
    with pytest.raises(IngestError, match="Tên tệp quá dài"):
        accept_upload(name, b"PK\x03\x04" + b"x" * 100, 50)
