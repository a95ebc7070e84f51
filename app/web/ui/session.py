"""Who is using this browser tab: the session token in an HttpOnly cookie, checked against the database each run.

Login runs in a Streamlit form; on success the server makes a session and a one-time code, and a small script
posts the code to `/auth/adopt`, which answers with the cookie (the token never reaches page scripts) and the
page reloads logged in. Every run re-checks the session, so deleting a user, changing a password or logging
out ends it at once, in every tab.
"""

from __future__ import annotations

import json
import secrets
import threading
import time

import streamlit as st

from app.service import engine
from app.service.auth import User

COOKIE = "nq02_session"
CODE_TTL_S = 60
_codes: dict[str, tuple[str, float]] = {}
_codes_lock = threading.Lock()


def issue_code(token: str) -> str:
    """A one-time code the browser exchanges for the session cookie within a minute."""
    code = secrets.token_urlsafe(24)
    with _codes_lock:
        now = time.monotonic()
        for c, (_, exp) in list(_codes.items()):
            if exp < now:
                _codes.pop(c, None)
        _codes[code] = (token, now + CODE_TTL_S)
    return code


def redeem_code(code: str) -> str | None:
    with _codes_lock:
        token, exp = _codes.pop(code, ("", 0.0))
    return token if token and exp >= time.monotonic() else None


def current() -> User | None:
    """The logged-in user of this tab, or None; the session is validated against the database every run."""
    token = st.session_state.get("token") or _cookie()
    user = engine.users().session_user(token) if token else None
    if user is None:
        st.session_state.pop("token", None)
        st.session_state.pop("user", None)
        return None
    st.session_state["token"], st.session_state["user"] = token, user
    return user


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser request behind this run (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def log_in(user: User) -> None:
    """Make the session and keep it for this tab; the next run hands it to the browser as a cookie."""
    token = engine.users().new_session(user.name)
    st.session_state["token"], st.session_state["user"] = token, user
    st.session_state["adopt"] = issue_code(token)


def log_out(user: User) -> None:
    """End every session of the user (all tabs, all browsers); the next run drops the cookie."""
    engine.users().end_sessions(user.name)
    engine.users().log(user.name, "logout")
    st.session_state.clear()
    st.session_state["drop_cookie"] = True


def browser_steps() -> None:
    """Cookie work left by the previous run (run after a rerun, so the script is not discarded)."""
    code = st.session_state.pop("adopt", None)
    if code:
        st.html(
            "<script>fetch('/auth/adopt',{method:'POST',headers:{'Content-Type':'application/json'},"
            f"body:JSON.stringify({{code:{json.dumps(code)}}}),credentials:'same-origin'}});</script>",
            unsafe_allow_javascript=True,
        )
    if st.session_state.pop("drop_cookie", None):
        st.html("<script>fetch('/auth/logout',{method:'POST',credentials:'same-origin'});</script>",
                unsafe_allow_javascript=True)  # fmt: skip
