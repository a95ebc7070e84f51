"""Tra cứu: search with filters and facets (document type, issuer, province, year), applied inside Qdrant."""

from __future__ import annotations

import streamlit as st

from app.ui.engine import current_user, get_index
from app.ui.render import show_source, where
from ingest import Nq02Error, visibility
from ingest.store import Condition

FACETS = {"doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành", "province": "Tỉnh", "year": "Năm"}


def page() -> None:
    st.title("Tra cứu")
    user = current_user()
    index = get_index()
    base = visibility(user.sees_restricted)
    query = st.text_input("Nội dung cần tìm", placeholder="ví dụ: tien do tong ket nghi quyet 02, QĐ 502, 26/7/2021")
    cols = st.columns(len(FACETS))
    conditions = list(base)
    for col, (key, label) in zip(cols, FACETS.items(), strict=True):
        counts = index.store.facet(key, base)
        options = sorted(counts, key=lambda v: (-counts[v], str(v)))
        chosen = col.multiselect(label, options, format_func=lambda v, c=counts: f"{v} ({c[v]})", key=f"f-{key}")
        if chosen:
            conditions.append(Condition(key, tuple(chosen)))
    k = st.slider("Số kết quả", 5, 50, 10)
    if not query:
        st.info("Nhập nội dung để tìm; có thể chọn bộ lọc trước hoặc sau.")
        return
    try:
        hits = index.search(query, k=k, conditions=conditions)
    except Nq02Error as exc:
        st.error(exc.user_message)
        return
    st.caption(f"{len(hits)} kết quả")
    for i, p in enumerate(hits):
        meta = p.payload
        ident = " ".join(x for x in (meta.get("doc_type"), meta.get("number"), meta.get("issued")) if x)
        with st.expander(f"{i + 1}. {p.doc} — {ident or p.title or ''}  ·  {where(p.section, p.page)}"):
            show_source(p.doc, p.page, p.text, None, key=f"s{i}")
