"""Users, roles, sessions, login throttling and the audit log (SQLite beside the index).

- Passwords: Argon2id (argon2-cffi defaults: 64 MiB, t=3, p=4, above OWASP's minimum), at least
  `AuthSettings.min_password_chars` characters; a hash made with older parameters (or the scrypt of earlier
  versions) is replaced by a current one at the next successful login.
- Throttling (`app.service.throttle`): per (user name, client) and per client, never per name alone, so no one can
  lock an account out for others; capped, and not extended by attempts made while it runs.
- Sessions: a random token (only its SHA-256 is stored) that expires after `session_idle_h` without use or
  `session_max_h` in all; deleting a user or changing a password ends every session of that user.

Roles: `viewer` reads and asks; `editor` also uploads, corrects metadata and checks drafts, and may read
restricted documents; `admin` also manages users and deletes or restricts documents.

Each user has a random `uid` that is never reused: what belongs to a user (conversations) is kept under it, so
an account created later with the same name owns nothing of the removed one's.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.service import throttle
from ingest import AuthSettings, Nq02Error, database

ROLES = ("viewer", "editor", "admin")
ROLE_VI = {"viewer": "Người xem", "editor": "Biên tập viên", "admin": "Quản trị"}
ACTION_VI = {
    "login": "Đăng nhập", "login_failed": "Đăng nhập sai", "login_blocked": "Đăng nhập bị tạm chặn",
    "logout": "Đăng xuất", "password_change": "Đổi mật khẩu", "user_add": "Thêm người dùng",
    "user_remove": "Xóa người dùng", "user_unlock": "Gỡ tạm chặn đăng nhập", "user_role": "Đổi vai trò", "upload": "Tải tài liệu lên",
    "upload_refused": "Tải lên bị từ chối", "delete": "Xóa tài liệu", "restrict": "Đặt hạn chế",
    "unrestrict": "Bỏ hạn chế", "metadata": "Sửa thông tin văn bản", "check": "Kiểm tra dự thảo",
}  # fmt: skip
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("mật khẩu giả để tốn cùng thời gian")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 0, changed TEXT NOT NULL, uid TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY, user TEXT NOT NULL, created TEXT NOT NULL, seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (ts TEXT NOT NULL, user TEXT, action TEXT NOT NULL, detail TEXT);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    must_change: bool = False
    uid: str = ""

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_restricted(self) -> bool:
        return self.can_edit


class LoginThrottled(Nq02Error):
    """Too many wrong passwords: the caller must wait `seconds`."""

    def __init__(self, seconds: float, detail: str) -> None:
        super().__init__(f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {int(seconds) + 1} giây.", detail)
        self.seconds = seconds


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="seconds")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserStore:
    """Thread-safe access to users, sessions and the audit log."""

    def __init__(self, path: Path, settings: AuthSettings | None = None) -> None:
        self.settings = settings or AuthSettings()
        self._lock = threading.Lock()
        self._conn = database.connect(path)
        self._migrate()
        self._conn.executescript(_SCHEMA + throttle.SCHEMA)
        self._give_ids()
        self.throttle = throttle.LoginThrottle(self._conn, self._lock, self.settings)

    def _give_ids(self) -> None:
        """Users of earlier versions get their never-reused id."""
        cols = {r[1] for r in self._conn.execute("PRAGMA table_info(users)")}
        with self._lock, self._conn:
            if "uid" not in cols:
                self._conn.execute("ALTER TABLE users ADD COLUMN uid TEXT")
            for (name,) in self._conn.execute("SELECT name FROM users WHERE uid IS NULL").fetchall():
                self._conn.execute("UPDATE users SET uid = ? WHERE name = ?", (_new_uid(), name))

    def _migrate(self) -> None:
        """Users of the earlier scrypt schema keep their passwords; the hash is upgraded at their next login."""
        cols = {r[1] for r in self._conn.execute("PRAGMA table_info(users)")}
        if "salt" not in cols:
            return
        rows = self._conn.execute("SELECT name, role, salt, hash, created FROM users").fetchall()
        with self._conn:
            self._conn.execute("DROP TABLE users")
            self._conn.executescript(_SCHEMA)
            self._conn.executemany(
                "INSERT INTO users (name, role, hash, created, must_change, changed) VALUES (?, ?, ?, ?, 0, ?)",
                [(n, r, f"scrypt${bytes(s).hex()}${bytes(h).hex()}", c, c) for n, r, s, h, c in rows],
            )

    # --- users -----------------------------------------------------------------------------------
    def check_password(self, name: str, password: str) -> None:
        n = self.settings.min_password_chars
        if len(password) < n:
            raise Nq02Error(f"Mật khẩu phải có ít nhất {n} ký tự (có thể dùng một câu dễ nhớ).", "password too short")
        if password.strip().lower() == name.strip().lower() or len(set(password)) < 4:
            raise Nq02Error("Mật khẩu quá dễ đoán; hãy chọn mật khẩu khác.", "password too weak")

    def add(self, name: str, role: str, password: str, must_change: bool = False) -> User:
        name = name.strip()
        if not name or len(name) > 64 or not all(c.isalnum() or c in "._-@" for c in name):
            raise Nq02Error("Tên đăng nhập chỉ gồm chữ, số và . _ - @ (tối đa 64 ký tự).", f"bad user name {name!r}")
        if role not in ROLES:
            raise Nq02Error(f"Vai trò phải là một trong: {', '.join(ROLES)}.", f"bad role {role!r}")
        self.check_password(name, password)
        now = _iso(_now())
        with self._lock, self._conn:
            row = self._conn.execute("SELECT uid FROM users WHERE name = ?", (name,)).fetchone()
            uid = row[0] if row and row[0] else _new_uid()  # adding an existing name resets it: same account
            self._conn.execute(
                "INSERT OR REPLACE INTO users (name, role, hash, created, must_change, changed, uid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, role, _HASHER.hash(password), now, int(must_change), now, uid),
            )
            self._conn.execute("DELETE FROM sessions WHERE user = ?", (name,))
        return User(name, role, must_change, uid)

    def get(self, name: str) -> User | None:
        with self._lock:
            row = self._conn.execute("SELECT role, must_change, uid FROM users WHERE name = ?", (name,)).fetchone()
        return User(name, row[0], bool(row[1]), row[2]) if row else None

    def users(self) -> list[User]:
        with self._lock:
            rows = self._conn.execute("SELECT name, role, must_change, uid FROM users ORDER BY name").fetchall()
        return [User(n, r, bool(m), u) for n, r, m, u in rows]

    def uids(self) -> set[str]:
        """The ids of every current user (what may own conversations)."""
        with self._lock:
            return {u for (u,) in self._conn.execute("SELECT uid FROM users WHERE uid IS NOT NULL")}

    def set_role(self, name: str, role: str) -> None:
        if role not in ROLES:
            raise Nq02Error(f"Vai trò phải là một trong: {', '.join(ROLES)}.", f"bad role {role!r}")
        with self._lock, self._conn:
            self._conn.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))

    def remove(self, name: str) -> User | None:
        """Delete a user and end every session of theirs; returns who was removed (their uid owns their data)."""
        user = self.get(name)
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM users WHERE name = ?", (name,))
            self._conn.execute("DELETE FROM sessions WHERE user = ?", (name,))
        return user

    def change_password(self, name: str, old: str, new: str) -> None:
        """A user's own change: the old password must be right; every session ends (a new one is made)."""
        if not self._password_ok(name, old):
            raise Nq02Error("Mật khẩu hiện tại không đúng.", f"password change for {name}: wrong old password")
        if old == new:
            raise Nq02Error("Mật khẩu mới phải khác mật khẩu cũ.", "password unchanged")
        self.check_password(name, new)
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE users SET hash = ?, must_change = 0, changed = ? WHERE name = ?",
                (_HASHER.hash(new), _iso(_now()), name),
            )
            self._conn.execute("DELETE FROM sessions WHERE user = ?", (name,))

    # --- passwords and throttling ----------------------------------------------------------------
    def _password_ok(self, name: str, password: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            with contextlib.suppress(VerificationError):  # the same work either way: no hint the user exists
                _HASHER.verify(_DUMMY, password + "x")
            return False
        stored = row[0]
        if stored.startswith("scrypt$"):
            _, salt, digest = stored.split("$")
            ok = hmac.compare_digest(
                hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=2**14, r=8, p=1, dklen=32),
                bytes.fromhex(digest),
            )
            needs = ok
        else:
            try:
                ok = _HASHER.verify(stored, password)
            except (VerificationError, InvalidHashError):
                ok = False
            needs = ok and _HASHER.check_needs_rehash(stored)
        if needs:
            with self._lock, self._conn:
                self._conn.execute("UPDATE users SET hash = ? WHERE name = ?", (_HASHER.hash(password), name))
        return ok

    def verify(self, name: str, password: str, client: str = "local") -> User | None:
        """The user if the password is right; None if not; `LoginThrottled` while this client's back-off runs.

        `client` is `throttle.client_of(...)`: a back-off holds back this client for this account, nobody else.
        """
        name = name.strip()
        wait = self.throttle.wait(name, client)
        if wait > 0:  # refused without counting: hammering during a back-off does not extend it
            raise LoginThrottled(wait, f"login for {name!r} from {client}: {wait:.0f} s of back-off left")
        if not self._password_ok(name, password):
            self.throttle.failed(name, client)
            return None
        self.throttle.succeeded(name, client)
        return self.get(name)

    # --- sessions --------------------------------------------------------------------------------
    def new_session(self, name: str) -> str:
        token = secrets.token_urlsafe(32)
        now = _iso(_now())
        with self._lock, self._conn:
            self._conn.execute("INSERT INTO sessions (token, user, created, seen) VALUES (?, ?, ?, ?)",
                               (_token_hash(token), name, now, now))  # fmt: skip
        return token

    def session_user(self, token: str | None) -> User | None:
        """The user of a live session (and the session's idle clock restarted), or None."""
        if not token:
            return None
        h = _token_hash(token)
        with self._lock:
            row = self._conn.execute("SELECT user, created, seen FROM sessions WHERE token = ?", (h,)).fetchone()
        if row is None:
            return None
        name, created, seen = row
        now = _now()
        s = self.settings
        if now - datetime.fromisoformat(seen) > timedelta(hours=s.session_idle_h) or now - datetime.fromisoformat(
            created
        ) > timedelta(hours=s.session_max_h):
            self.end_session(token)
            return None
        user = self.get(name)
        if user is None:
            self.end_session(token)
            return None
        with self._lock, self._conn:
            self._conn.execute("UPDATE sessions SET seen = ? WHERE token = ?", (_iso(now), h))
        return user

    def end_session(self, token: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM sessions WHERE token = ?", (_token_hash(token),))

    def end_sessions(self, name: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM sessions WHERE user = ?", (name,))

    # --- audit -----------------------------------------------------------------------------------
    def log(self, user: str | None, action: str, detail: str = "") -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO audit (ts, user, action, detail) VALUES (?, ?, ?, ?)", (_iso(_now()), user, action, detail)
            )

    def audit(self, limit: int = 500) -> list[tuple[str, str | None, str, str]]:
        with self._lock:
            return list(
                self._conn.execute("SELECT ts, user, action, detail FROM audit ORDER BY rowid DESC LIMIT ?", (limit,))
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def users_path(index_dir: Path) -> Path:
    return index_dir / "users.sqlite"


def _new_uid() -> str:
    return secrets.token_hex(16)
