"""Streamlit script of `nq02 app`: the session check on every run, then the pages the user's role allows.

Any known page address works as a deep link: logged out, it shows the login form and, after login, the page.
An error in a page is shown as a Vietnamese message (the details go to the log), never as a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from app.service.auth import ROLE_VI
from app.web.ui import (
    account_page,
    admin_page,
    ask_page,
    check_page,
    coverage_page,
    library_page,
    login_page,
    safe,
    search_page,
    session,
    style,
)
from ingest import Nq02Error

log = logging.getLogger("nq02.ui")

st.set_page_config(page_title="Tổng kết Nghị quyết 02-NQ/TW", page_icon=":material/library_books:", layout="wide")
style.inject()

PAGES = [  # (function, title, icon, url path, who may see it)
    (ask_page.page, "Hỏi đáp", ":material/forum:", "hoi-dap", "viewer"),
    (search_page.page, "Tra cứu", ":material/search:", "tra-cuu", "viewer"),
    (library_page.page, "Kho tài liệu", ":material/folder_open:", "kho-tai-lieu", "viewer"),
    (check_page.page, "Kiểm tra dự thảo", ":material/fact_check:", "kiem-tra", "editor"),
    (coverage_page.page, "Tiến độ báo cáo", ":material/map:", "tien-do", "viewer"),
    (account_page.page, "Tài khoản", ":material/person:", "tai-khoan", "viewer"),
    (admin_page.page, "Quản trị", ":material/admin_panel_settings:", "quan-tri", "admin"),
]
RANK = {"viewer": 0, "editor": 1, "admin": 2}
ALIAS = "trang-chu"  # the address the first page is registered under: Streamlit serves a default page at `/` only


def guarded(fn):
    """Run a page; an unexpected error becomes a Vietnamese message and a log line."""

    def run() -> None:
        try:
            fn()
        except Nq02Error as exc:
            log.warning("page %s: %s", fn.__module__, exc.detail)
            st.error(exc.user_message)
        except Exception:
            log.exception("page %s failed", fn.__module__)
            st.error(
                "Đã xảy ra lỗi khi hiển thị trang này. Hãy thử lại; nếu vẫn lỗi, báo quản trị (chi tiết ở nhật ký)."
            )

    run.__name__ = fn.__module__.rsplit(".", 1)[-1]
    return run


def _as(fn, name: str):
    def page() -> None:
        fn()

    page.__name__ = name
    return page


def everywhere(fn, title: str, icon: str) -> None:
    """One page under every known address (login, forced password change): deep links keep their target."""
    paths = [ALIAS] + [p[3] for p in PAGES]
    pages = [st.Page(_as(guarded(fn), f"{fn.__name__}_{path.replace('-', '_')}"), title=title, icon=icon,
                     url_path=path, default=i == 0) for i, path in enumerate(paths)]  # fmt: skip
    st.navigation(pages, position="hidden").run()


def _no_permission(title: str, role: str):
    def page() -> None:
        st.title(title)
        st.warning(f"Tài khoản của bạn không có quyền mở trang “{title}” (dành cho {ROLE_VI[role].lower()} trở lên). "
                   "Hãy chọn trang khác ở thanh bên hoặc liên hệ quản trị để được cấp quyền.")  # fmt: skip

    return page


def pages_for(role: str) -> list:
    """The pages a role may open, the first at `/` and again under its own address (a deep link to it works), and
    every other page as a hidden "no permission" page at its address."""
    nav, hidden = [], []
    for fn, title, icon, path, need in PAGES:
        if RANK[role] >= RANK[need]:
            nav.append(st.Page(guarded(fn), title=title, icon=icon, url_path=path if nav else ALIAS, default=not nav))
            if len(nav) == 1:
                hidden.append(st.Page(_as(guarded(fn), f"{fn.__name__}_link"), title=title, icon=icon,
                                      url_path=path, visibility="hidden"))  # fmt: skip
        else:
            hidden.append(st.Page(_as(_no_permission(title, need), f"no_{path.replace('-', '_')}"), title=title,
                                  icon=icon, url_path=path, visibility="hidden"))  # fmt: skip
    return nav + hidden


user = session.current()
session.browser_steps()
if user is None:
    everywhere(login_page.page, "Đăng nhập", ":material/login:")
elif user.must_change:
    everywhere(account_page.forced_change, "Đổi mật khẩu", ":material/key:")
else:
    with st.sidebar:
        st.markdown(f"**{safe.text(user.name)}** · {ROLE_VI[user.role]}", unsafe_allow_html=True)
        if st.button("Đăng xuất", icon=":material/logout:"):
            session.log_out(user)
            st.rerun()
    st.navigation(pages_for(user.role)).run()
