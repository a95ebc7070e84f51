"""Tra cứu: search with filters counted in documents, results grouped by document, snippets with the matched
words marked, a relevance cut-off (an honest "không tìm thấy"), sorting by relevance or date."""

from __future__ import annotations

import streamlit as st

from app.answer.cited import place
from app.answer.snippets import results
from app.service import engine, ratelimit
from app.web.ui import fmt, render, safe, session
from ingest import Condition, Nq02Error

FACETS = {"doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành", "province": "Tỉnh", "year": "Năm"}
PER_DOC = 3
RESULTS = 40  # passages asked of the search: a cap, not a count
LAST_SEARCH = "last_search"  # session key: the search last counted against the rate limit


def _facets(user) -> tuple[list[Condition], dict[str, set]]:
    index = engine.index()
    chosen: dict[str, set] = {k: set(st.session_state.get(f"f-{k}") or []) for k in FACETS}
    conditions = []
    cols = st.columns(len(FACETS))
    for col, (key, label) in zip(cols, FACETS.items(), strict=True):
        counts = index.facets(key, user.sees_restricted, where=chosen)
        options = sorted(set(counts) | chosen[key], key=lambda v: (-counts.get(v, 0), str(v)))
        picked = col.multiselect(label, options, format_func=lambda v, c=counts: f"{v} ({c.get(v, 0)} văn bản)",
                                 key=f"f-{key}", placeholder="Tất cả", select_all=False)  # fmt: skip
        if picked:
            conditions.append(Condition(key, tuple(picked)))
    return conditions, chosen


def _show_snippet(pieces: list[tuple[str, bool]]) -> str:
    return "".join(f"<mark>{safe.text(t)}</mark>" if hit else safe.text(t) for t, hit in pieces)


def _count_line(docs: int, found: int, capped: bool) -> str:
    """What was found; when the search stopped at its cap, what is shown, not a total nobody counted."""
    if not capped:
        return f"{docs} văn bản, {found} đoạn liên quan"
    return f"{found} đoạn liên quan nhất trong {docs} văn bản (có thể còn đoạn khác; chọn bộ lọc để thu hẹp)"


def page() -> None:
    st.title("Tra cứu")
    user = session.current()
    index = engine.index()
    query_text = st.text_input("Nội dung cần tìm", placeholder="ví dụ: tien do tong ket nghi quyet 02, QĐ 502, 26/7/2021",
                               max_chars=engine.settings().limits.max_question_chars)  # fmt: skip
    conditions, _ = _facets(user)
    order = st.radio("Sắp xếp", ["Liên quan nhất", "Mới nhất"], horizontal=True)
    if not query_text:
        st.info("Nhập nội dung để tìm; có thể chọn bộ lọc trước hoặc sau.")
        return
    asked = (query_text, repr(conditions))
    if st.session_state.get(LAST_SEARCH) != asked:  # a new search counts; redrawing the last one does not
        wait = engine.rates().take(user.uid, "search")
        if wait:
            st.warning(ratelimit.refusal(wait))
            return
        st.session_state[LAST_SEARCH] = asked
    try:
        query = index.understand(query_text, user.sees_restricted)
        passages = index.search(query, k=RESULTS, conditions=conditions, sees_restricted=user.sees_restricted)
    except Nq02Error as exc:
        st.error(exc.user_message)
        return
    if query.corrections:
        st.caption(safe.text(query.correction_note()), unsafe_allow_html=True)
    found = results(query, passages, index.term_weights(user.sees_restricted))
    if not found:
        st.warning("Không tìm thấy đoạn văn nào đủ liên quan. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.")
        return
    groups: dict[str, list] = {}
    for r in found:
        groups.setdefault(r.passage.payload.doc_key, []).append(r)
    ordered = list(groups.values())
    if order == "Mới nhất":
        ordered.sort(key=lambda g: g[0].passage.payload.issued or "", reverse=True)
    st.caption(_count_line(len(ordered), len(found), capped=len(passages) >= RESULTS))
    for g, rs in enumerate(ordered):
        meta = rs[0].passage.payload
        ident = " ".join(x for x in (meta.doc_type, meta.number, fmt.dmy(meta.issued)) if x)
        with st.container(border=True):
            st.markdown(f"**{safe.text(meta.doc)}** — {safe.text(ident or meta.title or '')}", unsafe_allow_html=True)
            if meta.title and ident:
                st.caption(safe.text(meta.title), unsafe_allow_html=True)
            for i, r in enumerate(rs[:PER_DOC]):
                st.markdown(f"<div class='nq02-snippet'>{_show_snippet(r.snippet)}"
                            f"<br><small>{safe.text(place(r.passage.section, r.passage.page, r.passage.payload.ocr))}</small></div>",
                            unsafe_allow_html=True)  # fmt: skip
                render.open_source_buttons(
                    meta.doc_key, r.passage.page, r.passage.text, None, f"s{g}-{i}", r.passage.payload.ocr
                )
