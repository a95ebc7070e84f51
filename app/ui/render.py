"""Rendering helpers: citations with the answering sentence highlighted."""

from __future__ import annotations

import html

import streamlit as st

from app.answer import Answer, Citation


def highlight(text: str, sentence: str | None) -> str:
    """HTML of a passage with `sentence` marked; everything else escaped."""
    body = html.escape(text.replace("\t", " | "))
    if sentence:
        target = html.escape(sentence)
        if target in body:
            body = body.replace(target, f"<mark>{target}</mark>", 1)
    return body.replace("\n", "<br>")


def citation_label(c: Citation) -> str:
    where = " · ".join(x for x in (c.section, f"trang {c.page}" if c.page else "") if x)
    return f"[{c.n}] {c.doc}" + (f" — {where}" if where else "")


def show_answer(result: Answer) -> None:
    if result.abstained:
        st.warning(result.answer)
    else:
        st.markdown(result.answer)
    if result.citations:
        st.caption("Nguồn trích dẫn" if not result.abstained else "Các đoạn gần nhất")
    for c in result.citations:
        with st.expander(citation_label(c), expanded=False):
            if c.title:
                st.markdown(f"**{html.escape(c.title)}**")
            st.markdown(f"<div class='nq02-passage'>{highlight(c.text, c.sentence)}</div>", unsafe_allow_html=True)
