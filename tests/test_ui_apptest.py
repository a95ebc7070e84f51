"""Streamlit AppTest on the committed samples: login gate, throttling, forced password change, roles, and the
Q&A page answering with clickable citations from a real index."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.service.auth import UserStore, users_path

from .conftest import ROOT

APP = str(ROOT / "app" / "web" / "ui" / "main.py")
EDITOR_PW = "matkhau-bientap-01"
VIEWER_PW = "matkhau-nguoixem-01"


@pytest.fixture()
def app_index(samples_index_dir: Path, tmp_path: Path):
    index_dir = tmp_path / "idx"
    shutil.copytree(samples_index_dir, index_dir)
    store = UserStore(users_path(index_dir))
    store.add("bientap", "editor", EDITOR_PW)
    store.add("xem", "viewer", VIEWER_PW)
    store.add("moi", "viewer", "matkhau-duoc-cap-01", must_change=True)
    store.close()
    old = os.environ.get("NQ02_INDEX")
    os.environ["NQ02_INDEX"] = str(index_dir)
    yield index_dir
    # AppTest runs the app in this process: release the app's index so other tests can open the shard.
    from app.service import engine

    engine.close()
    if old is None:
        os.environ.pop("NQ02_INDEX", None)
    else:
        os.environ["NQ02_INDEX"] = old


def login(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def _text(at: AppTest) -> str:
    """What the page says (entities decoded: the app writes document text as inert character references)."""
    return html.unescape(" ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption))


def test_wrong_password_is_refused_and_repeated_failures_back_off(app_index: Path):
    at = login("bientap", "sai-mat-khau")
    assert not at.exception
    assert any("không đúng" in e.value for e in at.error)
    assert "user" not in at.session_state
    assert not at.chat_input, "nothing but the login form before logging in"
    for _ in range(5):
        at = login("bientap", "sai-mat-khau")
    from app.service import engine

    users = engine.users()
    rows = users._conn.execute("SELECT key, count FROM failures WHERE key LIKE 'pair:bientap|%'").fetchall()
    # each wrong password made outside a back-off counts, for this account from this (loopback) client
    assert len(rows) == 1 and rows[0][0] == "pair:bientap|local" and rows[0][1] >= 5, rows
    for _ in range(4):  # failures made after earlier waits ran out: the back-off has doubled to a minute
        users.throttle.failed("bientap", "local")
    at = login("bientap", EDITOR_PW)  # the right password does not get through during the back-off
    assert any("thử lại sau" in e.value for e in at.error) and "user" not in at.session_state
    at = login("xem", VIEWER_PW)
    assert "user" in at.session_state, "another account from the same client is not held back"


def test_ask_page_answers_with_clickable_citations(app_index: Path):
    at = login("bientap", EDITOR_PW)
    assert not at.exception and not at.error
    at.chat_input[0].set_value("Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tậpp?").run()
    assert not at.exception
    text = _text(at)
    assert "502/QĐ-ĐCKS" in text
    assert 'class="nq02-cite" href="#nguon-' in text, "[n] is a link to its source"
    assert "QD-502-QD-DCKS-2021-mau.txt" in text
    assert 'Đã hiểu "tậpp" là "tập"' in text, "the typo repair is shown"


def test_a_new_account_must_change_its_password_first(app_index: Path):
    at = login("moi", "matkhau-duoc-cap-01")
    assert not at.exception
    assert at.title[0].value == "Đổi mật khẩu" and not at.chat_input
    at.text_input[0].input("matkhau-duoc-cap-01")
    at.text_input[1].input("mat-khau-cua-toi-2026")
    at.text_input[2].input("mat-khau-cua-toi-2026")
    at.button[0].click().run()
    assert not at.exception and not at.error
    at = login("moi", "mat-khau-cua-toi-2026")
    assert at.title[0].value == "Hỏi đáp"
