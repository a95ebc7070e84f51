"""The document catalog (SQLite beside the vectors): one row per document with hash, version, status, metadata.

A document is identified by `key`, its path under the folder it was ingested from (`mineral/files/x.docx`), or
`uploads/x.docx` for an upload; `doc` is the file's base name as citations show it. The catalog is what makes
ingestion incremental, what `nq02 docs` lists, where the restriction of each document is decided, and where
the index format version lives. The store holds only chunks whose `rev` the catalog lists as current: anything
else is left over from an interrupted write and is removed when the index is opened (`Index.recover`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest import database
from ingest.errors import IndexVersionError

FORMAT_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    status TEXT NOT NULL,
    path TEXT,
    sha256 TEXT,
    size INTEGER,
    fmt TEXT,
    error TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    pages INTEGER,
    chunks INTEGER NOT NULL DEFAULT 0,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    restricted INTEGER NOT NULL DEFAULT 0,
    rev TEXT,
    version TEXT,
    dense INTEGER NOT NULL DEFAULT 1,
    received TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc ON documents(doc);
CREATE TABLE IF NOT EXISTS syllables (key TEXT PRIMARY KEY, counts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS syllable_pairs (key TEXT PRIMARY KEY, counts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    run_id TEXT NOT NULL,
    key TEXT,
    doc TEXT NOT NULL,
    status TEXT NOT NULL,
    chunks INTEGER,
    pages INTEGER,
    ocr_pages INTEGER,
    warnings TEXT,
    error TEXT,
    seconds REAL,
    restricted INTEGER NOT NULL DEFAULT 0
);
"""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class DocRecord:
    """One catalog row."""

    key: str
    doc: str
    status: str  # indexed | failed
    path: str | None = None  # absolute path of the source file when it was read
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
    rev: str | None = None
    version: str | None = None
    dense: bool = True  # every chunk has its dense vector (False while embedding runs in the background)
    received: str | None = None  # when this document was first indexed (UTC, ISO)
    updated_at: str = ""

    def listing(self) -> dict[str, Any]:
        """The `nq02 docs --json` shape."""
        m = self.meta
        return {
            "doc": self.doc,
            "key": self.key,
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
            "received": self.received,
        }


class Catalog:
    """Thread-safe access to the catalog database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = database.connect(path)
        self._check_schema()
        self._conn.executescript(_SCHEMA)

    def _check_schema(self) -> None:
        cols = {r[1] for r in self._conn.execute("PRAGMA table_info(documents)")}
        if cols and "key" not in cols:
            raise IndexVersionError(
                "Kho chỉ mục được tạo bởi phiên bản cũ của phần mềm, không mở được. "
                "Hãy tạo lại kho (xóa thư mục chỉ mục rồi chạy lại lệnh nạp tài liệu).",
                f"catalog {self.path} has the format-1 schema",
            )

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

    # --- documents -------------------------------------------------------------------------------
    def get(self, key: str) -> DocRecord | None:
        rows = self._select("SELECT * FROM documents WHERE key = ?", (key,))
        return rows[0] if rows else None

    def named(self, doc: str) -> list[DocRecord]:
        """Every document whose file base name is `doc`."""
        return self._select("SELECT * FROM documents WHERE doc = ? ORDER BY key", (doc,))

    def all(self) -> list[DocRecord]:
        return self._select("SELECT * FROM documents ORDER BY doc, key", ())

    def _select(self, sql: str, args: tuple) -> list[DocRecord]:
        with self._tx() as c:
            cur = c.execute(sql, args)
            cols = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [_record(dict(zip(cols, r, strict=True))) for r in rows]

    def put(
        self, rec: DocRecord, syllables: Counter[str] | dict[str, int] | None = None, pairs: Counter[str] | None = None
    ) -> None:
        """Write one row (and, in the same transaction, the document's syllable and syllable-pair counts)."""
        rec.updated_at = now_iso()
        row = asdict(rec)
        row["warnings"] = json.dumps(rec.warnings, ensure_ascii=False)
        row["meta"] = json.dumps(rec.meta, ensure_ascii=False)
        row["restricted"] = int(rec.restricted)
        row["dense"] = int(rec.dense)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._tx() as c:
            c.execute(f"INSERT OR REPLACE INTO documents ({cols}) VALUES ({marks})", list(row.values()))
            if syllables is not None:
                c.execute(
                    "INSERT OR REPLACE INTO syllables (key, counts) VALUES (?, ?)",
                    (rec.key, json.dumps(dict(syllables), ensure_ascii=False)),
                )
            if pairs is not None:
                self._put_pairs(c, rec.key, pairs)

    @staticmethod
    def _put_pairs(c: sqlite3.Connection, key: str, pairs: Counter[str]) -> None:
        c.execute("INSERT OR REPLACE INTO syllable_pairs (key, counts) VALUES (?, ?)",
                  (key, json.dumps(dict(pairs), ensure_ascii=False)))  # fmt: skip

    def update(self, key: str, **values: Any) -> None:
        """Change a few columns of one row (`restricted=True`, `dense=True`, `meta=...`)."""
        encode = {"meta": lambda v: json.dumps(v, ensure_ascii=False), "restricted": int, "dense": int,
                  "warnings": lambda v: json.dumps(v, ensure_ascii=False)}  # fmt: skip
        sets = ", ".join(f"{k} = ?" for k in values)
        args = [encode.get(k, lambda v: v)(v) for k, v in values.items()]
        with self._tx() as c:
            c.execute(f"UPDATE documents SET {sets}, updated_at = ? WHERE key = ?", [*args, now_iso(), key])

    def delete(self, key: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM documents WHERE key = ?", (key,))
            c.execute("DELETE FROM syllables WHERE key = ?", (key,))
            c.execute("DELETE FROM syllable_pairs WHERE key = ?", (key,))

    def live_revisions(self) -> dict[str, DocRecord]:
        """rev -> record of every indexed document: the only chunks the store may hold."""
        return {r.rev: r for r in self._select("SELECT * FROM documents WHERE status = 'indexed'", ()) if r.rev}

    # --- ingestion reports -----------------------------------------------------------------------
    def add_report(self, run_id: str, rows: Iterable[dict[str, Any]]) -> None:
        """Keep one ingestion run's per-file report (for the app's library page)."""
        cols = ("run_id", "key", "doc", "status", "chunks", "pages", "ocr_pages", "warnings", "error", "seconds",
                "restricted")  # fmt: skip
        values = []
        for r in rows:
            row = {**r, "run_id": run_id, "warnings": json.dumps(r.get("warnings") or [], ensure_ascii=False)}
            row["restricted"] = int(bool(r.get("restricted")))
            values.append(tuple(row.get(k) for k in cols))
        with self._tx() as c:
            c.executemany(f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", values)

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
            r["restricted"] = bool(r["restricted"])
        return out

    # --- vocabulary ------------------------------------------------------------------------------
    def _syllable_rows(self, include_restricted: bool) -> list[dict[str, int]]:
        """The syllable counts of each indexed document a user may read."""
        sql = "SELECT s.counts FROM syllables s JOIN documents d ON d.key = s.key WHERE d.status = 'indexed'" + (
            "" if include_restricted else " AND d.restricted = 0"
        )
        with self._tx() as c:
            return [json.loads(counts) for (counts,) in c.execute(sql).fetchall()]

    def pair_counts(self, include_restricted: bool) -> tuple[Counter[str], list[str]]:
        """Summed syllable-pair counts of the indexed documents a user may read, and the keys of those
        indexed before pairs were recorded (to be filled in from their stored chunks)."""
        sql = ("SELECT d.key, p.counts FROM documents d LEFT JOIN syllable_pairs p ON p.key = d.key "
               "WHERE d.status = 'indexed'" + ("" if include_restricted else " AND d.restricted = 0"))  # fmt: skip
        total: Counter[str] = Counter()
        missing = []
        with self._tx() as c:
            rows = c.execute(sql).fetchall()
        for key, counts in rows:
            if counts is None:
                missing.append(key)
            else:
                total.update(json.loads(counts))
        return total, missing

    def put_pairs(self, key: str, pairs: Counter[str]) -> None:
        with self._tx() as c:
            self._put_pairs(c, key, pairs)

    def syllable_counts(self, include_restricted: bool) -> Counter[str]:
        """Summed syllable counts of the indexed documents a user may read (what typo repair compares with)."""
        total: Counter[str] = Counter()
        for counts in self._syllable_rows(include_restricted):
            total.update(counts)
        return total

    def document_frequencies(self, include_restricted: bool) -> tuple[Counter[str], int]:
        """In how many indexed documents each (tone-free) syllable occurs, and the number of documents."""
        from ingest.vn.vntext import strip_tones

        rows = self._syllable_rows(include_restricted)
        df: Counter[str] = Counter()
        for counts in rows:
            df.update({strip_tones(s) for s in counts})
        return df, len(rows)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _record(row: dict[str, Any]) -> DocRecord:
    row["warnings"] = json.loads(row["warnings"] or "[]")
    row["meta"] = json.loads(row["meta"] or "{}")
    row["restricted"] = bool(row["restricted"])
    row["dense"] = bool(row["dense"])
    return DocRecord(**row)
