"""The document catalog (SQLite beside the vectors): one row per file with hash, status, metadata, report.

It is what makes ingestion incremental, what `nq02 docs` lists, and where the index format version lives.
SQLite lets the CLI and the app read it at the same time.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.errors import IndexVersionError

FORMAT_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY,
    path TEXT,
    sha256 TEXT,
    size INTEGER,
    fmt TEXT,
    status TEXT NOT NULL,
    error TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    pages INTEGER,
    chunks INTEGER NOT NULL DEFAULT 0,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    restricted INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    alias_of TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS syllables (sha256 TEXT PRIMARY KEY, counts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    run_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    status TEXT NOT NULL,
    chunks INTEGER,
    pages INTEGER,
    ocr_pages INTEGER,
    warnings TEXT,
    error TEXT,
    seconds REAL
);
"""


@dataclass
class DocRecord:
    """One catalog row."""

    doc: str
    status: str
    path: str | None = None
    sha256: str | None = None
    size: int | None = None
    fmt: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    pages: int | None = None
    chunks: int = 0
    ocr_pages: int = 0
    restricted: bool = False
    updated_at: str = ""
    alias_of: str | None = None

    def listing(self) -> dict[str, Any]:
        """The `nq02 docs --json` shape."""
        m = self.meta
        return {
            "doc": self.doc,
            "title": m.get("title"),
            "doc_type": m.get("doc_type"),
            "number": m.get("number"),
            "issued": m.get("issued"),
            "issuer": m.get("issuer"),
            "signer": m.get("signer"),
            "province": m.get("province"),
            "ministry": m.get("ministry"),
            "pages": self.pages,
            "chunks": self.chunks,
            "status": self.status,
            "warnings": self.warnings + ([self.error] if self.error else []),
            "restricted": self.restricted,
            "alias_of": self.alias_of,
        }


class Catalog:
    """Thread-safe access to the catalog database."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._conn:
            yield self._conn

    def check_format(self, embedder: str, dim: int) -> None:
        """Record the format on first use; refuse an index built by another format or embedder."""
        with self._tx() as c:
            info = dict(c.execute("SELECT key, value FROM info").fetchall())
            want = {"format": str(FORMAT_VERSION), "embedder": embedder, "dim": str(dim)}
            if not info:
                c.executemany("INSERT INTO info(key, value) VALUES (?, ?)", list(want.items()))
                return
        if info.get("format") != want["format"]:
            raise IndexVersionError(
                "Kho chỉ mục được tạo bởi phiên bản khác của phần mềm, không mở được. "
                "Hãy tạo lại kho (xóa thư mục chỉ mục rồi chạy lại lệnh nạp tài liệu).",
                f"index format {info.get('format')} != {FORMAT_VERSION} in {self.path}",
            )
        if info.get("embedder") != embedder or info.get("dim") != str(dim):
            raise IndexVersionError(
                f"Kho chỉ mục được tạo với mô hình nhúng '{info.get('embedder')}', khác mô hình đang cấu hình "
                f"'{embedder}'. Hãy dùng đúng mô hình hoặc tạo lại kho.",
                f"embedder mismatch: index {info.get('embedder')}/{info.get('dim')} vs {embedder}/{dim}",
            )

    def get(self, doc: str) -> DocRecord | None:
        with self._tx() as c:
            row = c.execute("SELECT * FROM documents WHERE doc = ?", (doc,)).fetchone()
            cols = [d[0] for d in c.execute("SELECT * FROM documents LIMIT 0").description]
        return _record(dict(zip(cols, row, strict=True))) if row else None

    def all(self) -> list[DocRecord]:
        with self._tx() as c:
            cur = c.execute("SELECT * FROM documents ORDER BY doc")
            cols = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [_record(dict(zip(cols, r, strict=True))) for r in rows]

    def put(self, rec: DocRecord) -> None:
        rec.updated_at = datetime.now(UTC).isoformat(timespec="seconds")
        row = asdict(rec)
        row["warnings"] = json.dumps(rec.warnings, ensure_ascii=False)
        row["meta"] = json.dumps(rec.meta, ensure_ascii=False)
        row["restricted"] = int(rec.restricted)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._tx() as c:
            c.execute(f"INSERT OR REPLACE INTO documents ({cols}) VALUES ({marks})", list(row.values()))

    def twin(self, sha: str, other_than: str) -> DocRecord | None:
        """The indexed document (not an alias) whose content has this hash, under another name."""
        with self._tx() as c:
            row = c.execute(
                "SELECT doc FROM documents WHERE sha256 = ? AND doc != ? AND status = 'indexed' AND alias_of IS NULL",
                (sha, other_than),
            ).fetchone()
        return self.get(row[0]) if row else None

    def aliases(self, doc: str) -> list[str]:
        with self._tx() as c:
            return [r[0] for r in c.execute("SELECT doc FROM documents WHERE alias_of = ? ORDER BY doc", (doc,))]

    def add_report(self, run_id: str, rows: list[dict[str, Any]]) -> None:
        """Keep one ingestion run's per-file report (for the app's library page)."""
        cols = ("run_id", "doc", "status", "chunks", "pages", "ocr_pages", "warnings", "error", "seconds")
        with self._tx() as c:
            c.executemany(
                f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [
                    (run_id, *(json.dumps(r[k], ensure_ascii=False) if k == "warnings" else r[k] for k in cols[1:]))
                    for r in rows
                ],
            )

    def last_report(self) -> list[dict[str, Any]]:
        with self._tx() as c:
            row = c.execute("SELECT run_id FROM reports ORDER BY rowid DESC LIMIT 1").fetchone()
            if not row:
                return []
            cur = c.execute("SELECT * FROM reports WHERE run_id = ? ORDER BY rowid", (row[0],))
            cols = [d[0] for d in cur.description]
            out = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        for r in out:
            r["warnings"] = json.loads(r["warnings"] or "[]")
        return out

    def put_syllables(self, sha: str, counts: dict[str, int]) -> None:
        """Remember a document's syllable counts (what typo repair compares questions with)."""
        with self._tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO syllables (sha256, counts) VALUES (?, ?)",
                (sha, json.dumps(counts, ensure_ascii=False)),
            )

    def syllable_counts(self) -> tuple[Counter[str], set[str]]:
        """Summed syllable counts of the indexed documents, and the indexed hashes that have none recorded.

        Rows of content no longer indexed are dropped on the way.
        """
        with self._tx() as c:
            live = {
                r[0] for r in c.execute("SELECT sha256 FROM documents WHERE status = 'indexed' AND sha256 IS NOT NULL")
            }
            rows = c.execute("SELECT sha256, counts FROM syllables").fetchall()
            stale = [(sha,) for sha, _ in rows if sha not in live]
            c.executemany("DELETE FROM syllables WHERE sha256 = ?", stale)
        total: Counter[str] = Counter()
        for sha, counts in rows:
            if sha in live:
                total.update(json.loads(counts))
        return total, live - {sha for sha, _ in rows}

    def delete(self, doc: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM documents WHERE doc = ?", (doc,))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _record(row: dict[str, Any]) -> DocRecord:
    row["warnings"] = json.loads(row["warnings"] or "[]")
    row["meta"] = json.loads(row["meta"] or "{}")
    row["restricted"] = bool(row["restricted"])
    return DocRecord(**row)
