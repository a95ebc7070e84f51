"""Tra cứu: search with filters and facets (document type, issuer, province, year), applied inside Qdrant."""

from __future__ import annotations

import streamlit as st

from app.ui.engine import current_user, get_index
from app.ui.render import show_source, where
from ingest import Condition, Nq02Error

FACETS = {"doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành", "province": "Tỉnh", "year": "Năm"}


def page() -> None:
    st.title("Tra cứu")
    user = current_user()
    index = get_index()
    query = st.text_input("Nội dung cần tìm", placeholder="ví dụ: tien do tong ket nghi quyet 02, QĐ 502, 26/7/2021")
    cols = st.columns(len(FACETS))
    conditions = []
    for col, (key, label) in zip(cols, FACETS.items(), strict=True):
        counts = index.facets(key, user.sees_restricted)
        options = sorted(counts, key=lambda v: (-counts[v], str(v)))
        chosen = col.multiselect(label, options, format_func=lambda v, c=counts: f"{v} ({c[v]})", key=f"f-{key}")
        if chosen:
            conditions.append(Condition(key, tuple(chosen)))
    k = st.slider("Số kết quả", 5, 50, 10)
    if not query:
        st.info("Nhập nội dung để tìm; có thể chọn bộ lọc trước hoặc sau.")
        return
    try:
        hits = index.search(query, k=k, conditions=conditions, sees_restricted=user.sees_restricted)
    except Nq02Error as exc:
        st.error(exc.user_message)
        return
    st.caption(f"{len(hits)} kết quả")
    for i, p in enumerate(hits):
        meta = p.payload
        ident = " ".join(x for x in (meta.doc_type, meta.number, meta.issued) if x)
        with st.expander(f"{i + 1}. {p.doc} — {ident or p.title or ''}  ·  {where(p.section, p.page)}"):
            show_source(p.payload.doc_key, p.page, p.text, None, key=f"s{i}")
