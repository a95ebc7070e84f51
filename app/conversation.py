"""Conversations: follow-up questions resolved against earlier turns, and each user's history kept on disk.

A follow-up (`Còn tỉnh Yên Bái thì sao?`, `Ai ký văn bản đó?`) leans on the previous turn. With a model
endpoint the model rewrites it into a standalone question; without one (or when the rewrite fails) the
subject of the previous turn is carried over by rule: a new province, ministry, year or document replaces the
old one in the previous question, and a question that names none inherits the previous turn's.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest import Index, gazetteer, identifiers, vntext

log = logging.getLogger(__name__)

# Cue words of a question that leans on the previous one (tone-free, as whole phrases).
_FOLLOW_UP = re.compile(
    r"^(?:con|the con|vay con|vay|the|con ve)\b|\bthi sao\b|\bthe nao\b|\bnhu vay\b|\b(?:do|nay|tren|ay)\s*\??$"
    r"|\b(?:van ban|quyet dinh|nghi quyet|bao cao|tinh|bo|co quan|tai lieu|noi dung|chi tieu|so lieu) (?:do|nay|tren|ay)\b"
)
MAX_TURNS = 50


@dataclass
class Turn:
    """What a later turn needs from an earlier one."""

    question: str  # as asked
    resolved: str  # as understood (standalone)
    answer: str = ""


def _subjects(text: str) -> dict[str, list[str]]:
    return {
        "province": gazetteer.provinces_in(text),
        "ministry": gazetteer.ministries_in(text),
        "docnum": [n.text for n in identifiers.find_doc_numbers(text)],
        "year": re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text),
    }


def is_follow_up(question: str) -> bool:
    flat = " ".join(vntext.strip_tones(s) for s in vntext.syllables(question))
    return bool(_FOLLOW_UP.search(flat)) or len(flat.split()) <= 4


_CUE_START = re.compile(r"^\s*(?:thế còn|vậy còn|còn về|còn|vậy thì|vậy|thế)\s+", re.IGNORECASE)
_CUE_END = re.compile(r"\s*(?:thì sao|thế nào|ra sao)\s*\??\s*$", re.IGNORECASE)


def _content_words(text: str) -> list[str]:
    from ingest import STOP

    return [w for w in (vntext.strip_tones(s) for s in vntext.syllables(text)) if w not in STOP and not w.isdigit()]


def carry_over(question: str, previous: Turn) -> str:
    """The follow-up made standalone by rule (no model).

    `Còn tỉnh Yên Bái thì sao?` (only a new subject) is the previous question with that subject swapped in;
    a follow-up with a question of its own (`Ai ký văn bản đó?`) keeps it and inherits the previous turn's
    subject: its document, province, ministry or year, from its question or, failing that, its answer.
    """
    if not is_follow_up(question):
        return question
    new, old = _subjects(question), _subjects(previous.resolved)
    answered = _subjects(previous.answer)
    for kind in ("docnum", "province", "ministry"):
        old[kind] = old[kind] or answered[kind][:1]
    core = _CUE_END.sub("", _CUE_START.sub("", question)).strip(" ?")
    subject_only = len(_content_words(core)) <= 3 and any(new.values())
    if subject_only:
        replaced, swapped = previous.resolved, False
        for kind in ("province", "ministry", "docnum", "year"):
            if new[kind] and old[kind]:
                for o, n in zip(old[kind], new[kind], strict=False):
                    replaced = replaced.replace(o, n)
                swapped = True
        if swapped:
            return replaced
    inherited = [v for kind in ("docnum", "province", "ministry", "year") for v in old[kind] if not new[kind]]
    core = core[:1].upper() + core[1:]
    return f"{core} ({', '.join(dict.fromkeys(inherited))})?" if inherited else f"{core}?"


def resolve(index: Index, question: str, history: list[Any], use_llm: bool | None) -> str:
    """The standalone form of `question` given the earlier turns (most recent last)."""
    turns = [t if isinstance(t, Turn) else Turn(t.question, t.resolved or t.question, t.answer) for t in history]
    if not turns or not is_follow_up(question):
        return question
    if use_llm is not False and index.settings.llm.enabled:
        from app import generate

        rewritten = generate.rewrite_follow_up(index.settings.llm, question, turns[-3:])
        if rewritten:
            return rewritten
    return carry_over(question, turns[-1])


class ConversationStore:
    """Each user's conversations in SQLite beside the index (`conversations.sqlite`), kept across reloads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, user TEXT NOT NULL, title TEXT NOT NULL,
                                                      created TEXT NOT NULL, updated TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS turns (conversation TEXT NOT NULL, n INTEGER NOT NULL, asked TEXT NOT NULL,
                                              answer TEXT NOT NULL, created TEXT NOT NULL,
                                              PRIMARY KEY (conversation, n));
            CREATE INDEX IF NOT EXISTS conversations_user ON conversations(user, updated);
            """
        )

    def new(self, user: str, title: str) -> str:
        cid = uuid.uuid4().hex
        now = _now()
        with self._lock, self._conn:
            self._conn.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?)", (cid, user, title[:120], now, now))
        return cid

    def add(self, user: str, cid: str, answer_json: dict[str, Any]) -> None:
        """Append one answered turn (its JSON form) to a conversation the user owns."""
        with self._lock, self._conn:
            owner = self._conn.execute("SELECT user FROM conversations WHERE id = ?", (cid,)).fetchone()
            if not owner or owner[0] != user:
                raise PermissionError("conversation belongs to another user")
            n = self._conn.execute("SELECT COUNT(*) FROM turns WHERE conversation = ?", (cid,)).fetchone()[0]
            self._conn.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?)",
                (cid, n, answer_json["question"], json.dumps(answer_json, ensure_ascii=False), _now()),
            )
            self._conn.execute("UPDATE conversations SET updated = ? WHERE id = ?", (_now(), cid))

    def conversations(self, user: str, limit: int = 30) -> list[tuple[str, str, str]]:
        """(id, title, updated) of the user's conversations, most recent first."""
        with self._lock:
            return list(self._conn.execute(
                "SELECT id, title, updated FROM conversations WHERE user = ? ORDER BY updated DESC LIMIT ?",
                (user, limit),
            ))  # fmt: skip

    def turns(self, user: str, cid: str) -> list[dict[str, Any]]:
        with self._lock:
            owner = self._conn.execute("SELECT user FROM conversations WHERE id = ?", (cid,)).fetchone()
            if not owner or owner[0] != user:
                return []
            rows = self._conn.execute(
                "SELECT answer FROM turns WHERE conversation = ? ORDER BY n LIMIT ?", (cid, MAX_TURNS)
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def delete_user(self, user: str) -> None:
        with self._lock, self._conn:
            ids = [r[0] for r in self._conn.execute("SELECT id FROM conversations WHERE user = ?", (user,))]
            self._conn.executemany("DELETE FROM turns WHERE conversation = ?", [(i,) for i in ids])
            self._conn.execute("DELETE FROM conversations WHERE user = ?", (user,))

    def export(self, user: str, cid: str) -> str:
        """The conversation as Markdown text (questions, answers, sources) for the user to keep."""
        lines = []
        for t in self.turns(user, cid):
            lines += [f"### Hỏi: {t['question']}", "", t["answer"], ""]
            for c in t.get("citations", []):
                where = ", ".join(x for x in (c.get("section"), f"trang {c['page']}" if c.get("page") else "") if x)
                lines.append(f"- [{c['n']}] {c['doc']}" + (f" ({where})" if where else ""))
            lines.append("")
        return "\n".join(lines)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def store_path(index_dir: Path) -> Path:
    return index_dir / "conversations.sqlite"
