"""Everything from files to the Qdrant index, plus the query-side pieces that must match index time.

This package is the facade app/ and eval/ use: `Index` (open, ingest, search, documents, facets, ...), the
typed `Query` and `ChunkPayload` it hands out, the errors, the settings, and the Vietnamese text modules
(`vntext`, `identifiers`, `gazetteer`). Names are imported on first use, so importing a leaf module such as
`ingest.vntext` never loads llama-index, Qdrant or a model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Index": "ingest.index",
    "Passage": "ingest.index",
    "parse_filters": "ingest.conditions",
    "visibility": "ingest.index",
    "Condition": "ingest.conditions",
    "Query": "ingest.query",
    "flat_syllables": "ingest.query",
    "STOP": "ingest.query",
    "content_bigrams": "ingest.query",
    "ChunkPayload": "ingest.payload",
    "DocRecord": "ingest.catalog",
    "Block": "ingest.load.blocks",
    "FileReport": "ingest.pipeline",
    "heading_level": "ingest.chunk",
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
    "Progress": "ingest.pipeline",
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
    "heading_level",
    "identifiers",
    "parse_filters",
    "safe_name",
    "visibility",
    "vntext",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time names load lazily
    from ingest import gazetteer, glossary, identifiers, vntext
    from ingest.catalog import DocRecord
    from ingest.chunk import heading_level
    from ingest.conditions import Condition, parse_filters
    from ingest.errors import IndexBusyError, IndexVersionError, IngestError, Nq02Error, QueryError
    from ingest.index import Index, Passage, visibility
    from ingest.load.blocks import Block
    from ingest.payload import ChunkPayload
    from ingest.pipeline import FileReport, Progress
    from ingest.query import STOP, Query, content_bigrams, flat_syllables
    from ingest.settings import AuthSettings, FusionSettings, Heuristics, Limits, LlmSettings, Settings
    from ingest.uploads import accept_upload, safe_name


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return import_module(f"ingest.{name}")
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
