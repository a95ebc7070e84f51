"""Everything from files to the Qdrant index, plus the query-side pieces that must match index time.

This package is the facade app/ and eval/ use: `Index` (open, ingest, search, documents, facets, ...), the
typed `Query` and `ChunkPayload` it hands out, the errors, the settings, and the Vietnamese text modules
(`vntext`, `identifiers`, `gazetteer`). Names are imported on first use, so importing a leaf module such as
`ingest.vn.vntext` never loads llama-index, Qdrant or a model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Index": "ingest.index",
    "Passage": "ingest.index_read",
    "parse_filters": "ingest.conditions",
    "visibility": "ingest.index_read",
    "Condition": "ingest.conditions",
    "Query": "ingest.query",
    "flat_syllables": "ingest.vn.words",
    "STOP": "ingest.vn.words",
    "content_bigrams": "ingest.vn.words",
    "ChunkPayload": "ingest.payload",
    "DocRecord": "ingest.catalog",
    "Block": "ingest.load.blocks",
    "load_draft": "ingest.load",
    "FileReport": "ingest.intake",
    "marker_level": "ingest.vn.layout",
    "Nq02Error": "ingest.errors",
    "IngestError": "ingest.errors",
    "IndexBusyError": "ingest.errors",
    "IndexVersionError": "ingest.errors",
    "QueryError": "ingest.errors",
    "Settings": "ingest.settings",
    "AuthSettings": "ingest.settings",
    "LlmSettings": "ingest.settings",
    "Limits": "ingest.settings",
    "accept_upload": "ingest.uploads",
    "safe_name": "ingest.uploads",
    "Progress": "ingest.intake",
    "FusionSettings": "ingest.settings",
    "Heuristics": "ingest.settings",
}
_MODULES = ("vntext", "identifiers", "gazetteer", "glossary")

__all__ = [
    "STOP",
    "AuthSettings",
    "Block",
    "ChunkPayload",
    "Condition",
    "DocRecord",
    "FileReport",
    "FusionSettings",
    "Heuristics",
    "Index",
    "IndexBusyError",
    "IndexVersionError",
    "IngestError",
    "Limits",
    "LlmSettings",
    "Nq02Error",
    "Passage",
    "Progress",
    "Query",
    "QueryError",
    "Settings",
    "accept_upload",
    "content_bigrams",
    "flat_syllables",
    "gazetteer",
    "glossary",
    "identifiers",
    "load_draft",
    "marker_level",
    "parse_filters",
    "safe_name",
    "visibility",
    "vntext",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time names load lazily
    from ingest.catalog import DocRecord
    from ingest.conditions import Condition, parse_filters
    from ingest.errors import IndexBusyError, IndexVersionError, IngestError, Nq02Error, QueryError
    from ingest.index import Index
    from ingest.index_read import Passage, visibility
    from ingest.intake import FileReport, Progress
    from ingest.load import load_draft
    from ingest.load.blocks import Block
    from ingest.payload import ChunkPayload
    from ingest.query import Query
    from ingest.settings import AuthSettings, FusionSettings, Heuristics, Limits, LlmSettings, Settings
    from ingest.uploads import accept_upload, safe_name
    from ingest.vn import gazetteer, glossary, identifiers, vntext
    from ingest.vn.layout import marker_level
    from ingest.vn.words import STOP, content_bigrams, flat_syllables


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return import_module(f"ingest.vn.{name}")
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
