"""Streamlit AppTest: login gate, roles, and the Q&A page answering with citations from a real index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.auth import UserStore, users_path

from .conftest import ROOT

APP = str(ROOT / "app" / "ui" / "main.py")


@pytest.fixture()
def app_index(small_index_dir: Path):
    store = UserStore(users_path(small_index_dir))
    store.add("bientap", "editor", "matkhau-bientap-01")
    store.add("xem", "viewer", "matkhau-nguoixem-01")
    store.close()
    os.environ["NQ02_INDEX"] = str(small_index_dir)
    os.environ["NQ02_LOCK_WAIT_S"] = "20"
    yield small_index_dir
    # AppTest runs the app in this process: release the app's cached index so other tests can open the shard.
    import streamlit as st

    from app.ui import engine

    engine.get_index().close()
    engine.get_users().close()
    st.cache_resource.clear()


def login(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def test_wrong_password_is_refused(app_index: Path):
    at = login("bientap", "sai-mat-khau")
    assert not at.exception
    assert any("không đúng" in e.value for e in at.error)
    assert "user" not in at.session_state
    assert not at.chat_input, "nothing but the login form before logging in"


def test_ask_page_answers_with_citations(app_index: Path):
    at = login("bientap", "matkhau-bientap-01")
    assert not at.exception and not at.error
    at.chat_input[0].set_value("Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tậpp?").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "502/QĐ-ĐCKS" in text
    assert any("tin-2021-07-29-tien-do-tong-ket-nq02.txt" in e.label for e in at.expander)
    assert any('Đã hiểu "tậpp" là "tập"' in c.value for c in at.caption), "the typo repair is shown"


def test_restricted_documents_never_reach_a_viewer(small_index):
    """The restriction is a Qdrant filter: a viewer's search cannot return the document's text at all."""
    doc = "tin-2021-07-29-tien-do-tong-ket-nq02.txt"
    question = "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?"
    small_index.set_restricted(doc, True)
    try:
        viewer = small_index.search(question, k=20, sees_restricted=False)
        editor = small_index.search(question, k=20, sees_restricted=True)
        assert doc not in {p.doc for p in viewer} and all("502/QĐ-ĐCKS" not in p.text for p in viewer)
        assert editor[0].doc == doc
    finally:
        small_index.set_restricted(doc, False)
