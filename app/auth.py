"""Users, roles and the audit log (SQLite beside the index). Passwords are stored as scrypt hashes.

Roles: `viewer` reads and asks; `editor` also uploads, corrects metadata and checks drafts, and may read
restricted documents; `admin` also manages users and deletes documents.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest import Nq02Error

ROLES = ("viewer", "editor", "admin")
ROLE_VI = {"viewer": "Người xem", "editor": "Biên tập viên", "admin": "Quản trị"}
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (ts TEXT NOT NULL, user TEXT, action TEXT NOT NULL, detail TEXT);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_restricted(self) -> bool:
        return self.can_edit


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)


class UserStore:
    """Thread-safe access to users and the audit log."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    def add(self, name: str, role: str, password: str) -> User:
        name = name.strip()
        if not name or len(name) > 64 or not all(c.isalnum() or c in "._-@" for c in name):
            raise Nq02Error("Tên đăng nhập chỉ gồm chữ, số và . _ - @ (tối đa 64 ký tự).", f"bad user name {name!r}")
        if role not in ROLES:
            raise Nq02Error(f"Vai trò phải là một trong: {', '.join(ROLES)}.", f"bad role {role!r}")
        if len(password) < 5:
            raise Nq02Error("Mật khẩu phải có ít nhất 5 ký tự.", "password too short")
        salt = secrets.token_bytes(16)
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO users (name, role, salt, hash, created) VALUES (?, ?, ?, ?, ?)",
                (name, role, salt, _hash(password, salt), _now()),
            )
        return User(name, role)

    def verify(self, name: str, password: str) -> User | None:
        with self._lock:
            row = self._conn.execute("SELECT role, salt, hash FROM users WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            _hash(password, b"0" * 16)  # same work either way: no timing hint that the user exists
            return None
        role, salt, stored = row
        return User(name.strip(), role) if hmac.compare_digest(_hash(password, salt), stored) else None

    def users(self) -> list[User]:
        with self._lock:
            return [User(n, r) for n, r in self._conn.execute("SELECT name, role FROM users ORDER BY name")]

    def set_role(self, name: str, role: str) -> None:
        if role not in ROLES:
            raise Nq02Error(f"Vai trò phải là một trong: {', '.join(ROLES)}.", f"bad role {role!r}")
        with self._lock, self._conn:
            self._conn.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))

    def remove(self, name: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM users WHERE name = ?", (name,))

    def log(self, user: str | None, action: str, detail: str = "") -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO audit (ts, user, action, detail) VALUES (?, ?, ?, ?)", (_now(), user, action, detail)
            )

    def audit(self, limit: int = 500) -> list[tuple[str, str | None, str, str]]:
        with self._lock:
            return list(
                self._conn.execute("SELECT ts, user, action, detail FROM audit ORDER BY rowid DESC LIMIT ?", (limit,))
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def users_path(index_dir: Path) -> Path:
    return index_dir / "users.sqlite"
