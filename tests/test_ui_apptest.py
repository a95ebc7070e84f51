"""Streamlit AppTest: the Q&A page answers with citations from a real index."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "app" / "ui" / "main.py")


def run_app(index_dir: Path) -> AppTest:
    os.environ["NQ02_INDEX"] = str(index_dir)
    os.environ["NQ02_LOCK_WAIT_S"] = "10"
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    return at


def test_ask_page_answers_with_citations(small_index_dir: Path):
    at = run_app(small_index_dir)
    assert not at.exception
    at.chat_input[0].set_value("Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "502/QĐ-ĐCKS" in text
    assert any("tin-2021-07-29-tien-do-tong-ket-nq02.txt" in e.label for e in at.expander)
