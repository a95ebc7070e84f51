"""The one way this project opens its SQLite files (catalog, users, conversations, embedding cache).

Each file is created readable and writable by its owner only (0600) before SQLite opens it, so its WAL and
shared-memory companions, which SQLite creates with the database's permissions, are private too; a file left
world-readable by an earlier version is tightened when it is opened. WAL journaling lets readers work while
one writer writes; the connection is shared between threads by its owner, which serialises access with a lock.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

FILE_MODE = 0o600
BUSY_TIMEOUT_S = 30


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) a private SQLite database in WAL mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if p.exists():
            os.chmod(p, FILE_MODE)
    conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn
