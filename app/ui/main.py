"""Streamlit entry point: `nq02 app` runs `streamlit run app/ui/main.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.ui import ask_page

st.set_page_config(page_title="Tổng kết Nghị quyết 02-NQ/TW", page_icon="📚", layout="wide")
st.markdown(
    "<style>.nq02-passage{line-height:1.6} .nq02-passage mark{background:#fff3a3;padding:0 2px}</style>",
    unsafe_allow_html=True,
)
pages = [st.Page(ask_page.page, title="Hỏi đáp", icon="💬", url_path="hoi-dap", default=True)]
st.navigation(pages).run()
