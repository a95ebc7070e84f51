"""Hỏi đáp: chat-style questions with cited, extractive answers."""

from __future__ import annotations

import logging

import streamlit as st

from app.answer import answer
from app.ui.engine import current_user, get_index
from app.ui.render import show_answer
from ingest import Nq02Error

log = logging.getLogger(__name__)


def page() -> None:
    st.title("Hỏi đáp")
    st.caption("Đặt câu hỏi bằng tiếng Việt (có hoặc không dấu). Mỗi ý trả lời đều kèm nguồn để mở và đối chiếu.")
    user = current_user()
    history = st.session_state.setdefault("chat", [])
    for n, turn in enumerate(history):
        with st.chat_message("user"):
            st.markdown(turn.question)
        with st.chat_message("assistant"):
            show_answer(turn, key=f"h{n}")
    question = st.chat_input("Ví dụ: Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?")
    if not question:
        return
    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        try:
            with st.spinner("Đang tìm trong kho tài liệu…"):
                result = answer(get_index(), question, k=5, sees_restricted=user.sees_restricted)
        except Nq02Error as exc:
            log.warning("question failed: %s", exc.detail)
            st.error(exc.user_message)
            return
        show_answer(result, key=f"h{len(history)}")
    history.append(result)
