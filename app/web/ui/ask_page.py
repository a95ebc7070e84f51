"""Hỏi đáp: a conversation per topic, kept per user (it survives a reload: the open conversation is in the
address), follow-ups resolved against earlier turns, sources shown before a written answer streams in."""

from __future__ import annotations

import logging

import streamlit as st

from app.answer import Answer, answer
from app.answer.conversation import Turn
from app.service import engine, history, ratelimit
from app.web.ui import fmt, render, safe, session
from ingest import Nq02Error

log = logging.getLogger(__name__)
OPEN = "open_conversation"  # session key: the open conversation, also when a rerun came before the address had it


def _conversation_picker(user) -> str | None:
    store = engine.conversations()
    convs = store.conversations(user.uid, history.visibility_for(engine.index(), user.sees_restricted))
    current = st.query_params.get("c") or st.session_state.get(OPEN)
    if current and current not in {c[0] for c in convs}:
        current = None  # not this user's
    if current and st.query_params.get("c") != current:
        st.query_params["c"] = current  # the address shows the open conversation (a reload reopens it)
    with st.sidebar:
        st.markdown("**Cuộc hỏi đáp**")
        if st.button("Cuộc hỏi đáp mới", icon=":material/add_comment:"):
            st.session_state.pop(OPEN, None)
            st.query_params.pop("c", None)
            st.rerun()
        if convs:
            ids = [c[0] for c in convs]
            labels = {c[0]: f"{c[1][:48]} · {fmt.local_time(c[2])}" for c in convs}
            chosen = st.selectbox("Mở lại", ids, index=ids.index(current) if current in ids else None,
                                  format_func=labels.get, placeholder="Chọn cuộc hỏi đáp đã có")  # fmt: skip
            if chosen and chosen != current:
                st.session_state[OPEN] = chosen
                st.query_params["c"] = chosen
                st.rerun()
    return current


def page() -> None:
    st.title("Hỏi đáp")
    st.caption("Đặt câu hỏi bằng tiếng Việt (có hoặc không dấu), hỏi tiếp như trò chuyện. Mỗi ý trả lời đều kèm "
               "nguồn: bấm [n] để tới đoạn văn gốc.")  # fmt: skip
    user = session.current()
    store = engine.conversations()
    cid = _conversation_picker(user)
    visible = history.visibility_for(engine.index(), user.sees_restricted)
    turns = [Answer.from_json(t) for t in store.turns(user.uid, cid, visible)] if cid else []
    for n, turn in enumerate(turns):
        with st.chat_message("user"):
            st.markdown(safe.text(turn.question), unsafe_allow_html=True)
        with st.chat_message("assistant"):
            render.show_answer(turn, key=f"{cid}-{n}")
    question = st.chat_input("Ví dụ: Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?",
                             max_chars=engine.settings().limits.max_question_chars)  # fmt: skip
    if not question:
        return
    wait = engine.rates().take(user.uid, "ask")
    if wait:
        st.warning(ratelimit.refusal(wait))
        return
    with st.chat_message("user"):
        st.markdown(safe.text(question), unsafe_allow_html=True)
    with st.chat_message("assistant"):
        live = st.empty()
        try:
            with st.spinner("Đang tìm trong kho tài liệu…"):
                earlier = [Turn(t.question, t.resolved or t.question, t.answer) for t in turns]
                result = answer(engine.index(), question, k=5, sees_restricted=user.sees_restricted,
                                history=earlier, on_text=lambda text: live.markdown(safe.text(text), unsafe_allow_html=True))  # fmt: skip
        except Nq02Error as exc:
            log.warning("question failed: %s", exc.detail)
            live.error(exc.user_message)
            return
        # The turn is kept before anything more is drawn: a question sent the moment this answer shows reruns the
        # page at the next st call, and a turn saved after it would be lost from the conversation.
        if cid is None:
            cid = store.new(user.uid, question)
        turn = result.as_json()
        store.add(user.uid, cid, turn, history.drew_on_restricted(engine.index(), turn))
        st.session_state[OPEN] = cid
        st.query_params["c"] = cid
        live.empty()
        render.show_answer(result, key=f"{cid}-{len(turns)}")
