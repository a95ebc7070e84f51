"""Errors that carry a Vietnamese message for the user and an English detail for the log."""

from __future__ import annotations


class Nq02Error(Exception):
    """Base error: `user_message` is shown to users (Vietnamese), `detail` goes to the log (English)."""

    def __init__(self, user_message: str, detail: str = "") -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.detail = detail or user_message


class IngestError(Nq02Error):
    """A single file could not be read or indexed; the batch goes on."""


class IndexBusyError(Nq02Error):
    """Another process holds the embedded index."""


class IndexVersionError(Nq02Error):
    """The index on disk was built by an incompatible version or embedder."""


class QueryError(Nq02Error):
    """A malformed question or filter."""
