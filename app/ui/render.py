"""Rendering helpers: cited answers, passages with the answering sentence highlighted, sources opened in place."""

from __future__ import annotations

import html

import streamlit as st

from app.answer import Answer, Citation
from app.ui.engine import current_user, get_index
from ingest import source


def highlight(text: str, sentence: str | None) -> str:
    """HTML of a passage with `sentence` marked; everything else escaped."""
    body = html.escape(text.replace("\t", " | "))
    if sentence:
        target = html.escape(sentence)
        if target in body:
            body = body.replace(target, f"<mark>{target}</mark>", 1)
    return body.replace("\n", "<br>")


def where(section: str, page: int | None) -> str:
    return " · ".join(x for x in (section, f"trang {page}" if page else "") if x)


def citation_label(c: Citation) -> str:
    w = where(c.section, c.page)
    return f"[{c.n}] {c.doc}" + (f" — {w}" if w else "")


def show_source(doc: str, page: int | None, passage: str, sentence: str | None, key: str) -> None:
    """The passage in its document: the PDF page rendered with the passage highlighted, or the text around it."""
    user = current_user()
    path = get_index().source_path(doc, bool(user and user.sees_restricted))
    st.markdown(f"<div class='nq02-passage'>{highlight(passage, sentence)}</div>", unsafe_allow_html=True)
    if path is not None and page and source.is_pdf(path):
        # rendered only on request: a page image costs more than the whole answer
        if st.toggle(f"Xem trang {page} của bản gốc", key=f"pdf-{key}"):
            png = source.page_image(path, page, passage)
            if png:
                st.image(png, caption=f"{doc} — trang {page}")
            else:
                st.info("Không mở được tệp gốc (có thể đã bị di chuyển).")
        return
    if path is not None and st.toggle("Xem toàn văn", key=f"full-{key}"):
        text = source.full_text(path)
        if text is None:
            st.info("Không mở được tệp gốc (có thể đã bị di chuyển); đang hiển thị đoạn trích.")
        else:
            st.markdown(
                f"<div class='nq02-full'>{highlight(text, passage.split(chr(10))[0])}</div>", unsafe_allow_html=True
            )


def show_answer(result: Answer, key: str) -> None:
    if result.corrections:
        st.caption(result.correction_note())
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
            show_source(c.key, c.page, c.text, c.sentence, key=f"{key}-{c.n}")
