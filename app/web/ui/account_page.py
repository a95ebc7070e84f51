"""Tài khoản: change one's own password (forced at the first login of a new account), export conversations."""

from __future__ import annotations

import streamlit as st

from app.service import engine, history
from app.web.ui import safe, session
from ingest import Nq02Error


def _change_form() -> None:
    user = session.current()
    with st.form("password", clear_on_submit=True):
        old = st.text_input("Mật khẩu hiện tại", type="password")
        new = st.text_input("Mật khẩu mới (ít nhất 12 ký tự)", type="password")
        again = st.text_input("Nhập lại mật khẩu mới", type="password")
        if st.form_submit_button("Đổi mật khẩu", type="primary"):
            if new != again:
                st.error("Hai lần nhập mật khẩu mới không khớp.")
                return
            try:
                engine.users().change_password(user.name, old, new)
            except Nq02Error as exc:
                st.error(exc.user_message)
                return
            engine.users().log(user.name, "password_change", "mọi phiên đăng nhập cũ đã kết thúc")
            session.log_in(engine.users().get(user.name))
            st.session_state["flash"] = "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."
            st.rerun()


def _flash() -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


def forced_change() -> None:
    st.title("Đổi mật khẩu")
    st.warning("Đây là lần đăng nhập đầu tiên với mật khẩu được cấp: hãy đặt mật khẩu của riêng bạn để tiếp tục.")
    _change_form()


def page() -> None:
    st.title("Tài khoản")
    user = session.current()
    st.markdown(f"Tên đăng nhập: **{safe.text(user.name)}**", unsafe_allow_html=True)
    st.subheader("Đổi mật khẩu")
    _flash()
    _change_form()
    st.subheader("Lịch sử hỏi đáp")
    store = engine.conversations()
    visible = history.visibility_for(engine.index(), user.sees_restricted)
    convs = store.conversations(user.uid, visible)
    if not convs:
        st.caption("Chưa có cuộc hỏi đáp nào.")
        return
    for cid, title, updated in convs:
        from app.web.ui import fmt

        c1, c2 = st.columns([4, 1])
        c1.markdown(f"{safe.text(title)} <small>({fmt.local_time(updated)})</small>", unsafe_allow_html=True)
        c2.download_button("Tải về", store.export(user.uid, cid, visible), f"hoi-dap-{cid}.md", mime="text/markdown",
                           key=f"exp-{cid}", icon=":material/download:")  # fmt: skip
