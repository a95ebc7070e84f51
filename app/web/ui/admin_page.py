"""Quản trị: users (add, role, delete: their sessions end at once), the model endpoint's status, and the
audit log in Vietnamese with local times, exportable."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from app.service import engine
from app.service.auth import ACTION_VI, ROLE_VI, ROLES
from app.web.ui import fmt, safe, session
from ingest import Nq02Error


def _users(me) -> None:
    users = engine.users()
    st.subheader("Người dùng")
    rows = users.users()
    st.dataframe(pd.DataFrame([{"Tên đăng nhập": u.name, "Vai trò": ROLE_VI[u.role],
                                "Phải đổi mật khẩu": "có" if u.must_change else ""} for u in rows]),
                 hide_index=True, width="stretch")  # fmt: skip
    with st.form("add-user", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        name = c1.text_input("Tên đăng nhập", max_chars=64)
        role = c2.selectbox("Vai trò", ROLES, format_func=ROLE_VI.get)
        password = c3.text_input("Mật khẩu cấp lần đầu (ít nhất 12 ký tự)", type="password")
        if st.form_submit_button("Thêm hoặc đặt lại"):
            try:
                users.add(name, role, password, must_change=True)
                users.log(me.name, "user_add", f"{name}, vai trò {ROLE_VI[role]}")
                st.success(f"Đã lưu người dùng {name}; người này phải đổi mật khẩu ở lần đăng nhập đầu.")
            except Nq02Error as exc:
                st.error(exc.user_message)
    others = [u.name for u in rows if u.name != me.name]
    if others:
        c1, c2, c3 = st.columns([2, 2, 1])
        who = c1.selectbox("Người dùng", others, index=None, placeholder="Chọn người dùng")
        new_role = c2.selectbox("Vai trò mới", ROLES, format_func=ROLE_VI.get, key="new-role")
        if who and c3.button("Đổi vai trò"):
            users.set_role(who, new_role)  # the history is re-checked against the new role each time it is read
            users.end_sessions(who)
            users.log(me.name, "user_role", f"{who}: {ROLE_VI[new_role]}")
            st.success(f"Đã đổi vai trò của {who}.")
        if who and c3.button("Xóa người dùng", type="secondary"):
            _confirm_delete(who)


@st.dialog("Xác nhận")
def _confirm_delete(name: str) -> None:
    st.markdown(safe.text(f"Xóa người dùng {name}? Mọi phiên đăng nhập của người này kết thúc ngay."),
                unsafe_allow_html=True)  # fmt: skip
    c1, c2 = st.columns(2)
    if c1.button("Đồng ý", type="primary"):
        removed = engine.users().remove(name)
        if removed is not None:
            engine.conversations().delete_user(removed.uid)  # their history goes with them
        engine.users().log(session.current().name, "user_remove", name)
        st.rerun()
    if c2.button("Hủy"):
        st.rerun()


def _model() -> None:
    st.subheader("Mô hình ngôn ngữ")
    status = engine.llm_status()
    if not status.configured:
        st.caption("Chưa cấu hình (đặt NQ02_LLM_URL); câu trả lời được trích nguyên văn từ tài liệu.")
        return
    text = f"Máy chủ: {status.url} · mô hình: {status.model} · " + (
        f"hoạt động, phản hồi {status.latency_ms:.0f} ms" if status.ok else f"không phản hồi ({status.error})"
    )
    (st.success if status.ok else st.error)(text)


def _audit() -> None:
    st.subheader("Nhật ký hoạt động")
    rows = [{"Thời điểm": fmt.local_time(ts), "Người dùng": user or "(dòng lệnh)",
             "Hành động": ACTION_VI.get(action, action), "Chi tiết": detail or ""}
            for ts, user, action, detail in engine.users().audit()]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["Thời điểm", "Người dùng", "Hành động", "Chi tiết"])
    st.caption("Giờ Việt Nam (UTC+7).")
    st.dataframe(frame, hide_index=True, width="stretch")
    buf = io.BytesIO()
    frame.to_excel(buf, index=False, sheet_name="Nhật ký")
    st.download_button("Tải nhật ký (XLSX)", buf.getvalue(), "nhat-ky-hoat-dong.xlsx", icon=":material/download:")


def page() -> None:
    st.title("Quản trị")
    me = session.current()
    _users(me)
    _model()
    _audit()
