"""Quản trị: users and roles, and the audit log of logins, uploads and deletions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.auth import ROLE_VI, ROLES
from app.ui.engine import current_user, get_users
from ingest import Nq02Error


def page() -> None:
    st.title("Quản trị")
    me = current_user()
    users = get_users()
    st.subheader("Người dùng")
    st.dataframe(pd.DataFrame([{"Tên đăng nhập": u.name, "Vai trò": ROLE_VI[u.role]} for u in users.users()]),
                 hide_index=True, use_container_width=True)  # fmt: skip
    with st.form("add-user", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        name = c1.text_input("Tên đăng nhập")
        role = c2.selectbox("Vai trò", ROLES, format_func=ROLE_VI.get)
        password = c3.text_input("Mật khẩu", type="password")
        if st.form_submit_button("Thêm / đặt lại"):
            try:
                users.add(name, role, password)
                users.log(me.name, "user_add", f"{name} ({role})")
                st.success(f"Đã lưu người dùng {name}.")
            except Nq02Error as exc:
                st.error(exc.user_message)
    st.subheader("Nhật ký hoạt động")
    st.dataframe(pd.DataFrame(users.audit(), columns=["Thời điểm (UTC)", "Người dùng", "Hành động", "Chi tiết"]),
                 hide_index=True, use_container_width=True)  # fmt: skip
