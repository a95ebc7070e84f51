"""The public face of ingest/: open an index, and list what it holds; writing (`index_write`) and reading
(`index_read`) are its two halves.

app/ and eval/ use only this facade (through the `ingest` package). Every read takes `sees_restricted`: for a
user without the right, restricted documents are excluded inside the Qdrant query (the filter requires the
`open` value), and nothing derived from them (typo repair vocabulary, facets, reports, named documents)
reaches that user either.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest import stored_files
from ingest.catalog import Catalog, DocRecord
from ingest.embed import Embedder, make_embedder
from ingest.embed_cache import EmbeddingCache
from ingest.errors import QueryError
from ingest.index_read import IndexReader, visibility
from ingest.index_write import IndexWriter
from ingest.settings import Settings
from ingest.store import HybridStore, open_store
from ingest.stored_files import SourceFile
from ingest.versions import pipeline_version
from ingest.vn.described import DocFacets
from ingest.vn.spelling import Speller
from ingest.vn.tones import ToneRestorer

log = logging.getLogger(__name__)


class Index(IndexWriter, IndexReader):
    """An opened index: catalog + store + embedder, safe to share between threads."""

    def __init__(self, settings: Settings, catalog: Catalog, store: HybridStore, embedder: Embedder) -> None:
        self.settings = settings
        self._catalog = catalog
        self._store = store
        self.embedder = embedder
        self.version = pipeline_version(embedder.model_name)
        self._write_lock = threading.RLock()
        self._cache: EmbeddingCache | None = None
        self._parser: Any = None
        self._numbers: dict[bool, tuple[dict[str, str], dict[str, set[str]]]] = {}
        self._described: dict[bool, list[DocFacets]] = {}
        self._spellers: dict[bool, Speller] = {}
        self._restorers: dict[bool, ToneRestorer] = {}
        self._idf: dict[bool, dict[str, float]] = {}
        self._vectors: dict[str, list[float]] = {}
        self._vector_lock = threading.Lock()
        self.sparse_first = False

    @classmethod
    def open(cls, settings: Settings | None = None, recover: bool = True) -> Index:
        """Open (or create) the index; by default first repair what an interrupted write left behind."""
        settings = settings or Settings.from_env()
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        embedder = make_embedder(settings.embedder)
        catalog = Catalog(settings.index_dir / "catalog.sqlite")
        catalog.check_format(embedder.model_name, embedder.dim)
        store = open_store(settings, embedder.dim)
        index = cls(settings, catalog, store, embedder)
        if recover:
            index.recover()
        return index

    def document(self, ref: str, sees_restricted: bool = True) -> DocRecord | None:
        try:
            rec = self._resolve(ref)
        except QueryError:
            return None
        return rec if sees_restricted or not rec.restricted else None

    def facets(self, key: str, sees_restricted: bool = False, where: dict[str, set] | None = None) -> Counter:
        """How many indexed documents (not chunks) have each value of `key`, among those matching `where`."""
        out: Counter = Counter()
        for rec in self.documents(sees_restricted):
            if rec.status != "indexed":
                continue
            meta = {**rec.meta, "doc": rec.doc}
            others = all(meta.get(k) in values for k, values in (where or {}).items() if k != key and values)
            if others and meta.get(key) is not None:
                out[meta[key]] += 1
        return out

    def last_report(self, sees_restricted: bool = False) -> list[dict[str, Any]]:
        """The latest ingestion run's per-file report, without the rows the user may not see."""
        rows = self._catalog.last_report()
        if sees_restricted:
            return rows
        hidden = {d.key for d in self._catalog.all() if d.restricted}
        return [r for r in rows if not r.get("restricted") and r.get("key") not in hidden]

    def stale_documents(self) -> list[DocRecord]:
        """Indexed documents produced by an older version of some pipeline stage."""
        return [d for d in self._catalog.all() if d.status == "indexed" and d.version != self.version]

    def source_file(self, ref: str, sees_restricted: bool = False) -> SourceFile | None:
        """A document's source file, if the user may read the document and the file's bytes are the ones its
        catalog row describes (a file changed or replaced on disk is never served under an older row)."""
        rec = self.document(ref, sees_restricted)
        if rec is None or not rec.path:
            return None
        data = stored_files.read_verified(Path(rec.path), rec.sha256)
        return None if data is None else SourceFile(Path(rec.path).name, data)

    def source_format(self, ref: str, sees_restricted: bool = False) -> str | None:
        """The format of a document's source file (`pdf`, `docx`, ...) if the user may read the document and the
        file is there: read from its first bytes, so a page can offer it cheaply; `source_file` verifies it."""
        rec = self.document(ref, sees_restricted)
        return stored_files.head_format(Path(rec.path)) if rec is not None and rec.path else None

    def export_points(self) -> Iterator[Any]:
        """Every stored chunk with its vectors (to copy the index to a Qdrant server, or to benchmark)."""
        yield from self._store.export_points()

    def chunk_count(self, sees_restricted: bool = True) -> int:
        return self._store.count(visibility(sees_restricted) or None)

    def close(self) -> None:
        if self._parser is not None:
            self._parser.close()
        self._store.close()
        self._catalog.close()
        if self._cache is not None:
            self._cache.close()
