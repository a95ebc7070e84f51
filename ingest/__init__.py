"""Everything from files to the Qdrant index, plus the query-side pieces that must match index time."""

from ingest.errors import IndexBusyError, IndexVersionError, IngestError, Nq02Error, QueryError
from ingest.index import Index, Passage, parse_filters, visibility
from ingest.settings import FusionSettings, Settings

__all__ = [
    "FusionSettings",
    "Index",
    "IndexBusyError",
    "IndexVersionError",
    "IngestError",
    "Nq02Error",
    "Passage",
    "QueryError",
    "Settings",
    "parse_filters",
    "visibility",
]
