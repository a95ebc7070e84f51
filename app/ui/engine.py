"""Process-wide resources of the app: the one shared `Index` (Qdrant Edge allows a single owner) and users."""

from __future__ import annotations

import streamlit as st

from app.auth import User, UserStore, users_path
from ingest import Index, Settings


@st.cache_resource(show_spinner="Đang mở kho tài liệu…")
def get_index() -> Index:
    index = Index.open(Settings.from_env())
    index.sparse_first = True  # an upload is searchable before its embedding finishes
    return index


@st.cache_resource
def get_users() -> UserStore:
    settings = Settings.from_env()
    return UserStore(users_path(settings.index_dir), settings.auth)


def current_user() -> User | None:
    return st.session_state.get("user")
