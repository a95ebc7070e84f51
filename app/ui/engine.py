"""The one shared `Index` of the app process (Qdrant Edge allows a single owner per index folder)."""

from __future__ import annotations

import streamlit as st

from ingest import Index, Settings


@st.cache_resource(show_spinner="Đang mở kho tài liệu…")
def get_index() -> Index:
    return Index.open(Settings.from_env())
