"""Each user's conversations, kept in SQLite beside the index (`conversations.sqlite`) across reloads.

A conversation belongs to a user id (`User.uid`, never reused), not a name: removing a user deletes their
history, and an account created later with the same name sees none of it. What a stored turn may show is
decided again each time it is read: for a user who may not read restricted documents, a turn that drew on one
(when it was answered, or now) is shown without its answer and sources, so a demoted editor or a document
restricted later leaks nothing through the history.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest import database

log = logging.getLogger(__name__)
MAX_TURNS = 50
HIDDEN_ANSWER = "Câu trả lời này dựa trên tài liệu hạn chế mà tài khoản của bạn hiện không được xem, nên đã được ẩn."
HIDDEN_QUESTION = "(câu hỏi về tài liệu hạn chế, đã ẩn)"
HIDDEN_TITLE = "(cuộc hỏi đáp về tài liệu hạn chế)"

Visible = Callable[[dict[str, Any]], bool]  # may this stored turn be shown as it was answered?


def drew_on_restricted(index: Any, turn: dict[str, Any]) -> bool:
    """Whether an answered turn cites a document that is restricted now (recorded with the turn when saved)."""
    for c in turn.get("citations", []):
        rec = index.document(c.get("key") or c.get("doc", ""), sees_restricted=True)
        if rec is None or rec.restricted:
            return True
    return False


def visibility_for(index: Any, sees_restricted: bool) -> Visible:
    """What a user may see of stored turns: everything with the right; without it, only turns that drew on
    no restricted document then and cite only documents the user may read now."""
    if sees_restricted:
        return lambda _turn: True

    return lambda turn: not turn.get("restricted") and not drew_on_restricted(index, turn)


def _hidden(_turn: dict[str, Any]) -> dict[str, Any]:
    """A turn the reader may no longer see: neither the question (it may name what the answer said) nor the
    answer, its sources or the question as resolved from earlier answers."""
    return {"question": HIDDEN_QUESTION, "answer": HIDDEN_ANSWER, "abstained": True, "citations": [],
            "sentences": [], "notes": [], "resolved": None}  # fmt: skip


class ConversationStore:
    """Conversations and their turns, owned by user ids."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn = database.connect(path)
        self._conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, user TEXT NOT NULL, title TEXT NOT NULL,
                                                      created TEXT NOT NULL, updated TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS turns (conversation TEXT NOT NULL, n INTEGER NOT NULL, asked TEXT NOT NULL,
                                              answer TEXT NOT NULL, created TEXT NOT NULL,
                                              PRIMARY KEY (conversation, n));
            CREATE INDEX IF NOT EXISTS conversations_user ON conversations(user, updated);
            CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
        )

    def adopt_owners(self, uid_of: dict[str, str]) -> None:
        """Once, for a store of an earlier version (owned by names): give each conversation its owner's id, and
        delete those whose owner no longer exists."""
        with self._lock, self._conn:
            if self._conn.execute("SELECT 1 FROM info WHERE key = 'owner' AND value = 'uid'").fetchone():
                return
            for cid, name in self._conn.execute("SELECT id, user FROM conversations").fetchall():
                if name in uid_of:
                    self._conn.execute("UPDATE conversations SET user = ? WHERE id = ?", (uid_of[name], cid))
                else:
                    self._delete(cid)
            self._conn.execute("INSERT OR REPLACE INTO info VALUES ('owner', 'uid')")

    def new(self, uid: str, title: str) -> str:
        cid = uuid.uuid4().hex
        now = _now()
        with self._lock, self._conn:
            self._conn.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?)", (cid, uid, title[:120], now, now))
        return cid

    def add(self, uid: str, cid: str, answer_json: dict[str, Any], restricted: bool) -> None:
        """Append one answered turn (its JSON form, marked when it drew on a restricted document)."""
        turn = {**answer_json, "restricted": bool(restricted)}
        with self._lock, self._conn:
            if not self._owns(uid, cid):
                raise PermissionError("conversation belongs to another user")
            n = self._conn.execute("SELECT COUNT(*) FROM turns WHERE conversation = ?", (cid,)).fetchone()[0]
            self._conn.execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?)",
                               (cid, n, turn["question"], json.dumps(turn, ensure_ascii=False), _now()))  # fmt: skip
            self._conn.execute("UPDATE conversations SET updated = ? WHERE id = ?", (_now(), cid))

    def conversations(self, uid: str, visible: Visible | None = None, limit: int = 30) -> list[tuple[str, str, str]]:
        """(id, title, updated) of the user's conversations, most recent first; a title (the first question) is
        masked when `visible` does not allow its turn to be shown."""
        with self._lock:
            rows = list(self._conn.execute(
                "SELECT c.id, c.title, c.updated, t.answer FROM conversations c LEFT JOIN turns t "
                "ON t.conversation = c.id AND t.n = 0 WHERE c.user = ? ORDER BY c.updated DESC LIMIT ?",
                (uid, limit),
            ))  # fmt: skip
        if visible is None:
            return [(cid, title, updated) for cid, title, updated, _ in rows]
        return [(cid, title if first is None or visible(json.loads(first)) else HIDDEN_TITLE, updated)
                for cid, title, updated, first in rows]  # fmt: skip

    def turns(self, uid: str, cid: str, visible: Visible) -> list[dict[str, Any]]:
        """The turns of one of the user's conversations, each as `visible` allows it to be shown."""
        with self._lock:
            if not self._owns(uid, cid):
                return []
            rows = self._conn.execute(
                "SELECT answer FROM turns WHERE conversation = ? ORDER BY n LIMIT ?", (cid, MAX_TURNS)
            ).fetchall()
        turns = [json.loads(r[0]) for r in rows]
        return [t if visible(t) else _hidden(t) for t in turns]

    def delete_user(self, uid: str) -> int:
        """Delete every conversation of a user; returns how many."""
        with self._lock, self._conn:
            ids = [r[0] for r in self._conn.execute("SELECT id FROM conversations WHERE user = ?", (uid,))]
            for cid in ids:
                self._delete(cid)
        return len(ids)

    def prune(self, uids: set[str]) -> int:
        """Delete the conversations of users that no longer exist (removed from the command line meanwhile)."""
        with self._lock:
            owners = {u for (u,) in self._conn.execute("SELECT DISTINCT user FROM conversations")}
        gone = owners - uids
        n = sum(self.delete_user(u) for u in gone)
        if n:
            log.info("deleted %d conversations of %d removed users", n, len(gone))
        return n

    def export(self, uid: str, cid: str, visible: Visible) -> str:
        """The conversation as Markdown text (questions, answers, sources) for the user to keep."""
        lines = []
        for t in self.turns(uid, cid, visible):
            lines += [f"### Hỏi: {t['question']}", "", t["answer"], ""]
            for c in t.get("citations", []):
                where = ", ".join(x for x in (c.get("section"), f"trang {c['page']}" if c.get("page") else "") if x)
                lines.append(f"- [{c['n']}] {c['doc']}" + (f" ({where})" if where else ""))
            lines.append("")
        return "\n".join(lines)

    def _owns(self, uid: str, cid: str) -> bool:
        owner = self._conn.execute("SELECT user FROM conversations WHERE id = ?", (cid,)).fetchone()
        return bool(owner and uid and owner[0] == uid)

    def _delete(self, cid: str) -> None:
        self._conn.execute("DELETE FROM turns WHERE conversation = ?", (cid,))
        self._conn.execute("DELETE FROM conversations WHERE id = ?", (cid,))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def store_path(index_dir: Path) -> Path:
    return index_dir / "conversations.sqlite"
