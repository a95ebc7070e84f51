"""Streamlit entry point (`nq02 app`): login for every page, then the pages the user's role allows."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.auth import ROLE_VI
from app.ui import admin_page, ask_page, check_page, coverage_page, library_page, search_page
from app.ui.engine import current_user, get_users
from ingest import Nq02Error

st.set_page_config(page_title="Tổng kết Nghị quyết 02-NQ/TW", page_icon=":material/library_books:", layout="wide")
st.markdown(
    "<style>.nq02-passage,.nq02-full{line-height:1.6} .nq02-passage mark,.nq02-full mark{background:#fff3a3;padding:0 2px}"
    " .nq02-full{max-height:420px;overflow-y:auto;border:1px solid #ddd;padding:8px}</style>",
    unsafe_allow_html=True,
)


def login() -> None:
    st.title("Đăng nhập")
    st.caption("Hệ thống tra cứu, hỏi đáp và kiểm tra dự thảo phục vụ Tổ biên tập tổng kết Nghị quyết 02-NQ/TW.")
    with st.form("login"):
        name = st.text_input("Tên đăng nhập")
        password = st.text_input("Mật khẩu", type="password")
        if st.form_submit_button("Đăng nhập", type="primary"):
            try:
                user = get_users().verify(name, password, st.context.ip_address)
            except Nq02Error as exc:
                get_users().log(name, "login_blocked", exc.detail)
                st.error(exc.user_message)
                return
            get_users().log(name, "login" if user else "login_failed")
            if user is None:
                st.error("Tên đăng nhập hoặc mật khẩu không đúng.")
            else:
                st.session_state["user"] = user
                st.rerun()
    if not get_users().users():
        st.info(
            "Chưa có tài khoản nào. Tạo tài khoản quản trị bằng lệnh: echo MẬT_KHẨU | nq02 user add admin --role admin"
        )


user = current_user()
if user is None:
    st.navigation([st.Page(login, title="Đăng nhập", icon=":material/login:", url_path="dang-nhap")]).run()
else:
    with st.sidebar:
        st.markdown(f"**{user.name}** · {ROLE_VI[user.role]}")
        if st.button("Đăng xuất"):
            get_users().log(user.name, "logout")
            st.session_state.clear()
            st.rerun()
    pages = [
        st.Page(ask_page.page, title="Hỏi đáp", icon=":material/forum:", url_path="hoi-dap", default=True),
        st.Page(search_page.page, title="Tra cứu", icon=":material/search:", url_path="tra-cuu"),
        st.Page(library_page.page, title="Kho tài liệu", icon=":material/folder_open:", url_path="kho-tai-lieu"),
        st.Page(coverage_page.page, title="Tiến độ báo cáo", icon=":material/map:", url_path="tien-do"),
    ]
    if user.can_edit:
        pages.insert(
            3, st.Page(check_page.page, title="Kiểm tra dự thảo", icon=":material/fact_check:", url_path="kiem-tra")
        )
    if user.is_admin:
        pages.append(
            st.Page(admin_page.page, title="Quản trị", icon=":material/admin_panel_settings:", url_path="quan-tri")
        )
    st.navigation(pages).run()
