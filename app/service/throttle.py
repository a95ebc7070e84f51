"""Login back-off that cannot be turned against an account (OWASP Authentication Cheat Sheet: "account lockout").

Failures are counted per (user name, client) and per client, never per user name alone: a client guessing one
account's password holds back only itself, and the right password from another client still gets in. After
`free_failures` wrong passwords each further one doubles the wait, capped at `backoff_max_s`; an attempt made
while a back-off runs is refused without being counted, so hammering does not extend it. An administrator
clears an account's back-off with `nq02 user unlock NAME`.

The client is the address a trusted reverse proxy put in the header named by `trusted_proxy_header` (nginx:
`X-Real-IP`), else the address of the connection, else `local` (Streamlit reports none for loopback).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from ingest import AuthSettings

SCHEMA = "CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, until TEXT);"
MAX_CLIENT_CHARS = 64


def client_of(headers: Mapping[str, str] | None, address: str | None, trusted_header: str | None) -> str:
    """Who is trying: the proxy's header (its first address), the connection's address, or `local`."""
    if trusted_header and headers:
        given = next((v for k, v in headers.items() if str(k).lower() == trusted_header.lower()), "")
        first = given.split(",")[0].strip() if type(given) is str else ""
        if first:
            return first[:MAX_CLIENT_CHARS]
    return (
        address[:MAX_CLIENT_CHARS] if type(address) is str and address else "local"
    )  # exact str: test doubles are not addresses


def _keys(name: str, client: str) -> list[str]:
    return [f"pair:{name.strip().lower()}|{client}", f"client:{client}"]


class LoginThrottle:
    """Failure counts and back-off deadlines in the users database (`failures` table)."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.Lock, settings: AuthSettings) -> None:
        self._conn, self._lock, self.settings = conn, lock, settings
        with self._lock, self._conn:
            # keys of the earlier per-name scheme (`user:`, `addr:`) are dropped: they held accounts back for everyone
            self._conn.execute("DELETE FROM failures WHERE substr(key, 1, 5) IN ('user:', 'addr:')")

    def wait(self, name: str, client: str) -> float:
        """Seconds this client must still wait before trying this account (0 when it may try now)."""
        keys = _keys(name, client)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT until FROM failures WHERE key IN ({','.join('?' * len(keys))}) AND until IS NOT NULL", keys
            ).fetchall()
        now = datetime.now(UTC)
        return max([(datetime.fromisoformat(u) - now).total_seconds() for (u,) in rows] + [0.0])

    def failed(self, name: str, client: str) -> None:
        """Count one wrong password (made outside a back-off) and start or double the wait."""
        s = self.settings
        with self._lock, self._conn:
            for key in _keys(name, client):
                free = s.free_failures if key.startswith("pair:") else s.free_failures * s.client_failure_factor
                row = self._conn.execute("SELECT count FROM failures WHERE key = ?", (key,)).fetchone()
                count = (row[0] if row else 0) + 1
                until = None
                if count > free:  # full precision: a 2 s back-off truncated to whole seconds could last under 1 s
                    wait = min(s.backoff_max_s, s.backoff_base_s * 2 ** min(count - free - 1, 30))
                    until = (datetime.now(UTC) + timedelta(seconds=wait)).isoformat()
                self._conn.execute("INSERT OR REPLACE INTO failures (key, count, until) VALUES (?, ?, ?)",
                                   (key, count, until))  # fmt: skip

    def succeeded(self, name: str, client: str) -> None:
        with self._lock, self._conn:
            self._conn.executemany("DELETE FROM failures WHERE key = ?", [(k,) for k in _keys(name, client)])

    def clear(self, name: str) -> int:
        """Lift every back-off of one account (from any client); returns how many were lifted."""
        prefix = f"pair:{name.strip().lower()}|"
        with self._lock, self._conn:
            return self._conn.execute(
                "DELETE FROM failures WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
            ).rowcount
