"""Process-wide resources of the running app, shared by the Streamlit pages and the HTTP routes.

The index is opened once per process (Qdrant Edge allows a single owner); uploads are indexed by the
ingestion queue running in this same process, and the command line reaches this process through the local
API (`app.web.routes`) instead of opening the index itself.
"""

from __future__ import annotations

import threading
from typing import Any

from app.service.auth import UserStore, users_path
from ingest import Index, Settings

_lock = threading.RLock()
_things: dict[str, Any] = {}


def settings() -> Settings:
    with _lock:
        if "settings" not in _things:
            _things["settings"] = Settings.from_env()
        return _things["settings"]


def index() -> Index:
    with _lock:
        if "index" not in _things:
            idx = Index.open(settings())
            idx.sparse_first = True  # an upload is searchable before its embedding finishes
            _things["index"] = idx
            # the question reader's dictionary and cue counts take seconds to build: not on the first question
            threading.Thread(target=_warm_reader, name="warm-reader", daemon=True).start()
        return _things["index"]


def _warm_reader() -> None:
    from ingest.vn.tones import general_counts

    general_counts()


def users() -> UserStore:
    with _lock:
        if "users" not in _things:
            _things["users"] = UserStore(users_path(settings().index_dir), settings().auth)
        return _things["users"]


def conversations() -> Any:
    """Each user's stored conversations; at first use, those of users removed meanwhile are deleted."""
    from app.service.history import ConversationStore, store_path

    people = users()
    with _lock:
        if "conversations" not in _things:
            store = ConversationStore(store_path(settings().index_dir))
            store.adopt_owners({u.name: u.uid for u in people.users()})
            store.prune(people.uids())
            _things["conversations"] = store
        return _things["conversations"]


def rates() -> Any:
    """The per-user rate limiter of questions (`ask`) and searches (`search`)."""
    from app.service.ratelimit import Rate, RateLimiter

    limits = settings().limits
    with _lock:
        if "rates" not in _things:
            _things["rates"] = RateLimiter(
                {
                    "ask": Rate(limits.questions_per_minute, limits.question_burst),
                    "search": Rate(limits.searches_per_minute, limits.search_burst),
                }
            )
        return _things["rates"]


def jobs() -> Any:
    from app.service.jobs import IngestQueue

    with _lock:
        if "jobs" not in _things:
            _things["jobs"] = IngestQueue(index, users)
        return _things["jobs"]


def llm_status() -> Any:
    """The language model endpoint's last health check (cached for a minute)."""
    from app.answer.llm import status

    return status(settings().llm)


def close() -> None:
    """Release everything (tests; the server's shutdown)."""
    with _lock:
        for name in ("jobs", "index", "users", "conversations"):
            thing = _things.pop(name, None)
            if thing is not None:
                thing.close()
        _things.clear()
