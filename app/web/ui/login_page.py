"""Đăng nhập: the login form (every page address shows it while logged out)."""

from __future__ import annotations

import streamlit as st

from app.service import engine
from app.service.auth import LoginThrottled
from app.service.throttle import client_of
from app.web.ui import session


def page() -> None:
    st.title("Đăng nhập")
    st.caption("Hệ thống tra cứu, hỏi đáp và kiểm tra dự thảo phục vụ Tổ biên tập tổng kết Nghị quyết 02-NQ/TW.")
    users = engine.users()
    with st.form("login"):
        name = st.text_input("Tên đăng nhập", max_chars=64)
        password = st.text_input("Mật khẩu", type="password", max_chars=256)
        if st.form_submit_button("Đăng nhập", type="primary"):
            client = client_of(dict(st.context.headers), st.context.ip_address, users.settings.trusted_proxy_header)
            try:
                user = users.verify(name, password, client)
            except LoginThrottled as exc:
                users.log(name[:64], "login_blocked", f"còn {int(exc.seconds) + 1} giây, nguồn {client}")
                st.error(exc.user_message)
                return
            users.log(name[:64], "login" if user else "login_failed", f"nguồn {client}")
            if user is None:
                st.error("Tên đăng nhập hoặc mật khẩu không đúng.")
                return
            session.log_in(user)
            st.success("Đăng nhập thành công, đang mở trang…")
            st.rerun()
    if not users.users():
        st.info("Chưa có tài khoản nào. Quản trị tạo tài khoản bằng lệnh: nq02 user add TÊN --role admin --must-change")
