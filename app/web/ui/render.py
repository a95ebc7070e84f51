"""Rendering of answers and sources: `[n]` links that jump to the source, the answer sentence highlighted in it,
the full text scrolled to the passage, PDFs in a pdf.js viewer at the cited page with the sentence marked."""

from __future__ import annotations

import html
import re

import streamlit as st

from app.answer import Answer, Citation
from app.answer.cited import place
from app.service import engine
from app.web.ui import fmt, safe
from ingest import source

_CITE = re.compile(r"\[(\d{1,2})\]")


def anchor(key: str, n: int) -> str:
    return f"nguon-{key}-{n}"


def highlight(text: str, sentence: str | None, mark_id: str = "") -> str:
    """Inert HTML of a passage with `sentence` marked (`id` on the mark, for scrolling); the rest escaped."""
    body = text.replace("\t", " | ")
    if sentence:
        s = sentence.replace("\t", " | ")
        i = body.find(s)
        if i < 0:  # sentence splitting may have moved spaces: find it loosely
            m = re.search(r"\s+".join(map(re.escape, s.split())), body)
            i, s = (m.start(), m.group(0)) if m else (-1, s)
        if i >= 0:
            ident = f' id="{html.escape(mark_id)}"' if mark_id else ""
            return f"{safe.text(body[:i])}<mark{ident}>{safe.text(s)}</mark>{safe.text(body[i + len(s) :])}"
    return safe.text(body)


def answer_html(result: Answer, key: str) -> str:
    """The answer text with each `[n]` a link to its source below; unverified sentences visibly marked."""
    parts = []
    if result.sentences:
        for s in result.sentences:
            body = safe.text(s.text)
            cites = " ".join(f'<a class="nq02-cite" href="#{anchor(key, n)}">[{n}]</a>' for n in s.citations)
            flag = (
                "" if s.verified else ' <span class="nq02-unverified" title="Chưa kiểm chứng">(chưa kiểm chứng)</span>'
            )
            parts.append(f"{body} {cites}{flag}")
        return " ".join(parts)
    return _linked(result.answer, key)


def _linked(text: str, key: str) -> str:
    """Escaped text with each `[n]` a link to citation n below."""
    return _CITE.sub(lambda m: f'<a class="nq02-cite" href="#{anchor(key, int(m.group(1)))}">[{m.group(1)}]</a>',
                     safe.text(text))  # fmt: skip


def show_answer(result: Answer, key: str) -> None:
    if result.corrections:
        st.caption(safe.text(result.correction_note()), unsafe_allow_html=True)
    if result.resolved:
        st.caption(f"Hiểu câu hỏi là: “{safe.text(result.resolved)}”", unsafe_allow_html=True)
    if result.abstained:
        st.warning(result.answer)
    else:
        if result.short:  # the asked value first, then the sentence it stands in
            short = _linked(result.short, key)
            st.markdown(f"<div class='nq02-short'><b>Trả lời ngắn:</b> {short}</div>", unsafe_allow_html=True)
        st.markdown(f"<div class='nq02-answer'>{answer_html(result, key)}</div>", unsafe_allow_html=True)
    badge = "Câu trả lời do mô hình ngôn ngữ viết, từng câu đã đối chiếu với nguồn." if result.mode == "generated" \
        else "Câu trả lời trích nguyên văn từ tài liệu."  # fmt: skip
    st.caption(badge)
    for note in result.notes:
        st.caption(safe.text(note), unsafe_allow_html=True)
    if result.citations:
        st.caption("Nguồn trích dẫn" if not result.abstained else "Các đoạn gần nhất")
    for c in result.citations:
        show_citation(c, key)


def show_citation(c: Citation, key: str) -> None:
    with st.container(border=True):
        head = f"<span id='{anchor(key, c.n)}'></span><b>[{c.n}] {safe.text(c.doc)}</b>"
        w = place(c.section, c.page, c.ocr)
        if w:
            head += f" — {safe.text(w)}"
        if c.also_in:
            head += f"<br><small>Cùng đoạn này trong: {safe.text(', '.join(c.also_in))}</small>"
        st.markdown(head, unsafe_allow_html=True)
        if c.title:
            st.caption(safe.text(c.title), unsafe_allow_html=True)
        st.markdown(f"<div class='nq02-passage'>{highlight(c.text, c.sentence)}</div>", unsafe_allow_html=True)
        open_source_buttons(c.key, c.page, c.text, c.sentence, f"{key}-{c.n}", c.ocr)


def open_source_buttons(doc_key: str, page: int | None, passage: str, sentence: str | None, key: str,
                        ocr: bool = False) -> None:  # fmt: skip
    user = st.session_state.get("user")
    kind = engine.index().source_format(doc_key, bool(user and user.sees_restricted))  # first bytes only
    if kind is None:
        return
    cols = st.columns([1, 1, 4])
    if kind == "pdf":
        if cols[0].button("Xem bản gốc", key=f"pdf-{key}", icon=":material/picture_as_pdf:"):
            pdf_dialog(doc_key, page or 1, sentence or passage, ocr)
    elif cols[0].button("Xem toàn văn", key=f"full-{key}", icon=":material/article:"):
        full_text_dialog(doc_key, passage, sentence)
    cols[1].link_button("Tải tệp gốc", f"/files/{doc_key}?download=1", icon=":material/download:")


@st.dialog("Toàn văn tài liệu", width="large")
def full_text_dialog(doc_key: str, passage: str, sentence: str | None) -> None:
    user = st.session_state.get("user")
    file = engine.index().source_file(doc_key, bool(user and user.sees_restricted))
    text = source.full_text(file) if file else None
    if text is None:
        st.info("Không mở được tệp gốc (có thể đã bị di chuyển).")
        return
    st.caption(safe.text(doc_key), unsafe_allow_html=True)
    target = sentence if sentence and sentence in text else passage.split("\n")[0]
    st.markdown(f"<div class='nq02-full'>{highlight(text, target, 'nq02-here')}</div>", unsafe_allow_html=True)
    st.html("<script>setTimeout(()=>{const m=document.getElementById('nq02-here');"
            "if(m){m.scrollIntoView({block:'center'});}},300);</script>", unsafe_allow_javascript=True)  # fmt: skip


@st.dialog("Bản gốc (PDF)", width="large")
def pdf_dialog(doc_key: str, page: int, sentence: str, ocr: bool = False) -> None:
    from streamlit_pdf_viewer import pdf_viewer

    user = st.session_state.get("user")
    file = engine.index().source_file(doc_key, bool(user and user.sees_restricted))
    if file is None:
        st.info("Không mở được tệp gốc (có thể đã bị di chuyển).")
        return
    boxes = source.highlight_boxes(file, page, sentence)
    st.caption(f"{safe.text(file.name)} — {place('', page, ocr)}", unsafe_allow_html=True)
    # the viewer takes one scroll target: the first highlighted box (on the cited page), else the page itself
    scroll = {"scroll_to_annotation": 1} if boxes else {"scroll_to_page": page}
    pdf_viewer(file.data, height=720, annotations=boxes, render_text=True, key=f"viewer-{doc_key}-{page}", **scroll)


def dmy(iso: str | None) -> str:
    return fmt.dmy(iso)
