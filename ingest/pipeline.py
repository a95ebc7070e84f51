"""The ingestion flow, in order: load -> describe -> chunk -> terms -> embed -> store.

- What comes in (files found, read within limits, reported per file) is `ingest.intake`.
- Incremental: a file whose content hash and pipeline version are unchanged is skipped before parsing.
- Parsing runs in a separate worker process with time and memory limits, one file ahead of the embedder.
- Restriction is decided before the first chunk is written and stored with it (payload) and in the same
  catalog row; a replaced document's old chunks go only after the new ones are committed, so a failure or a
  kill never loses what was indexed (`Index.recover` removes whatever an interrupted write left behind).
- `sparse_first`: chunks are written and committed with their sparse vectors (searchable at once), then the
  dense vectors are added; the app uses it so an upload can be found while it is still being embedded.

The chunking and vector steps are llama-index transformations (`ingest.nodes`) run by `IngestionPipeline`.
Its docstore is not used: the catalog keeps, per document, what a docstore cannot (status, failures,
restriction, pipeline version, edited metadata, the report of every run), in the same SQLite file as the rest.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core.ingestion import IngestionPipeline

from ingest.catalog import Catalog, DocRecord, now_iso
from ingest.conditions import Condition
from ingest.describe import describe
from ingest.embed import Embedder
from ingest.embed_cache import EmbeddingCache
from ingest.errors import IngestError
from ingest.intake import (
    FileReport,
    Progress,
    ProgressFn,
    Source,
    check_room,
    read_source,
    store_failure,
    unknown_failure,
)
from ingest.isolated import ParserPool
from ingest.load import LoadedDocument, load
from ingest.nodes import DenseEmbedding, SourceDocument, SparseTerms, StructuralNodeParser, passage_text, unit_texts
from ingest.payload import ACCESS_OPEN, ACCESS_RESTRICTED, ChunkPayload
from ingest.settings import Settings
from ingest.store import HybridStore
from ingest.stored_files import digest
from ingest.versions import pipeline_version, revision
from ingest.vn import identifiers, spelling, tones

log = logging.getLogger(__name__)
EMBED_BATCH = 8


@dataclass
class _Prepared:
    source: Source
    doc: LoadedDocument
    sha: str
    size: int
    restricted: bool
    started: float


class Ingestor:
    """Runs the flow for a batch of files against one catalog and one store."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        store: HybridStore,
        embedder: Embedder,
        cache: EmbeddingCache,
        parser: ParserPool | None = None,
        sparse_first: bool = False,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.embedder = embedder
        self.cache = cache
        self.parser = parser
        self.sparse_first = sparse_first
        self.version = pipeline_version(embedder.model_name)
        parser_step = StructuralNodeParser(
            max_words=settings.chunk_max_words, min_words=settings.chunk_min_words,
            embed_max_words=settings.embed_max_words,
        )  # fmt: skip
        self._chunking = IngestionPipeline(transformations=[parser_step, SparseTerms()], disable_cache=True)
        self._dense = DenseEmbedding(embedder=embedder, cache=cache, unit_words=settings.heuristics.rerank_words)

    # --- a batch ---------------------------------------------------------------------------------
    def run(
        self,
        sources: list[Source],
        prune: list[Path] | None = None,
        progress: ProgressFn | None = None,
        restricted: bool | None = None,
    ) -> list[FileReport]:
        """Ingest `sources` (the next file is parsed while the current one is embedded); prune if asked."""
        reports: list[FileReport] = []
        total = len(sources)

        def tell(n: int, name: str) -> Callable[[str, int, int], None]:
            def report(stage: str, done: int, all_: int) -> None:
                if progress is None:
                    return
                try:
                    progress(Progress(n, total, name, stage, done, all_))
                except Exception:  # a progress display must never fail an ingestion
                    log.warning("progress callback failed for %s", name, exc_info=True)

            return report

        with ThreadPoolExecutor(1, thread_name_prefix="parse") as ahead:
            pending: Future | None = None
            for n, source in enumerate(sources, start=1):
                if pending is None:
                    pending = ahead.submit(self.prepare, source, restricted, tell(n, source.path.name))
                prepared = pending.result()
                pending = None
                if n < total:
                    nxt = sources[n]
                    pending = ahead.submit(self.prepare, nxt, restricted, tell(n + 1, nxt.path.name))
                report = (
                    prepared
                    if isinstance(prepared, FileReport)
                    else self.index_prepared(prepared, tell(n, source.path.name))
                )
                reports.append(report)
                tell(n, source.path.name)("done", 0, 0)
        if prune:
            reports.extend(self.prune(prune, {s.key for s in sources}))
        if any(r.status in ("indexed", "removed") for r in reports):
            self.store.optimize()
        self.catalog.add_report(uuid.uuid4().hex, [r.__dict__ for r in reports])
        return reports

    def prepare(self, source: Source, restricted: bool | None, progress: Callable | None = None) -> Any:
        """Read, hash and parse one file: a `_Prepared`, or the final report (unchanged, refused, failed)."""
        started = time.perf_counter()
        prev = self.catalog.get(source.key)
        # the restriction asked for (None: keep the document's own) governs the file even when it fails to parse
        keep = restricted if restricted is not None else bool(prev and prev.restricted)
        sha = None
        try:
            if source.problem:
                raise IngestError(source.problem, f"{source.path}: refused before reading ({source.problem})")
            data = read_source(self.settings.limits, source.path)
            sha = digest(data)
            if prev and prev.status == "indexed" and prev.sha256 == sha and prev.version == self.version:
                return self._unchanged(prev, restricted, started)
            if progress:
                progress("read", 0, 0)
            doc = self._parse(source.path, data, progress)
            return _Prepared(source, doc, sha, len(data), keep, started)
        except IngestError as exc:
            return self._failed(source, prev, exc, started, keep, sha)
        except Exception as exc:  # a parser bug must not stop the batch
            log.exception("ingest crashed on %s", source.path)
            return self._failed(source, prev, unknown_failure(exc), started, keep, sha)

    def index_prepared(self, p: _Prepared, progress: Callable | None = None) -> FileReport:
        prev = self.catalog.get(p.source.key)
        try:
            report = self.index_loaded(p.doc, p.source.key, p.sha, p.restricted, str(p.source.path), p.size, progress)
        except IngestError as exc:
            return self._failed(p.source, prev, exc, p.started, p.restricted, p.sha)
        except sqlite3.OperationalError as exc:
            return self._failed(p.source, prev, store_failure(exc), p.started, p.restricted, p.sha)
        except Exception as exc:
            log.exception("indexing crashed on %s", p.source.path)
            return self._failed(p.source, prev, unknown_failure(exc), p.started, p.restricted, p.sha)
        report.seconds = time.perf_counter() - p.started
        return report

    def _unchanged(self, prev: DocRecord, restricted: bool | None, started: float) -> FileReport:
        notes = []
        if restricted is not None and restricted != prev.restricted:
            self.restrict(prev, restricted)
            notes.append("Đã đặt chế độ hạn chế." if restricted else "Đã bỏ chế độ hạn chế.")
        if not prev.dense:
            self.complete_dense(prev)
        return FileReport(prev.doc, "unchanged", prev.chunks, prev.pages, prev.ocr_pages, prev.warnings + notes,
                          seconds=time.perf_counter() - started, key=prev.key,
                          restricted=restricted if restricted is not None else prev.restricted)  # fmt: skip

    def _failed(self, source: Source, prev: DocRecord | None, exc: IngestError, started: float, restricted: bool,
                sha: str | None = None) -> FileReport:  # fmt: skip
        log.error("ingest failed: %s: %s", source.path, exc.detail)
        kept = self._record_failure(source, prev, exc.user_message, restricted, sha)
        return FileReport(source.path.name, "failed", error=exc.user_message, seconds=time.perf_counter() - started,
                          key=source.key, restricted=kept)  # fmt: skip

    def _parse(self, path: Path, data: bytes, progress: Callable | None) -> LoadedDocument:
        if self.parser is not None:  # the bytes already read and hashed are what the worker parses
            return self.parser.parse(path, data, progress=progress)
        limits = self.settings.limits
        return load(path, data, max_bytes=limits.max_file_mb * 1024 * 1024, limits=limits, progress=progress)

    # --- one document ----------------------------------------------------------------------------
    def index_loaded(
        self,
        doc: LoadedDocument,
        key: str,
        sha: str,
        restricted: bool = False,
        path: str | None = None,
        size: int | None = None,
        progress: Callable | None = None,
    ) -> FileReport:
        """describe -> chunk -> terms -> (embed) -> store -> commit for an already loaded document."""
        meta = describe(doc)
        rev = revision(key, sha, self.version)
        base = {
            **{k: v for k, v in meta.as_payload().items() if k in ChunkPayload.__dataclass_fields__},
            "doc": doc.name, "doc_key": key, "rev": rev,
            "access": ACCESS_RESTRICTED if restricted else ACCESS_OPEN,
            "number_key": identifiers.doc_number_key(meta.number) if meta.number else None,
        }  # fmt: skip
        if progress:
            progress("chunk", 0, 0)
        source = SourceDocument(text=doc.text, id_=rev, blocks=doc.blocks, base=base)
        nodes = self._chunking.run(documents=[source])
        check_room(doc.name, nodes, self.settings, self.embedder.dim)
        if not self.sparse_first:
            self._dense(nodes, progress=progress)
        self.store.add(nodes)
        prev = self.catalog.get(key)
        warnings = doc.warnings + meta.warnings
        rec = DocRecord(
            key=key, doc=doc.name, status="indexed", path=path, sha256=sha, size=size, fmt=doc.fmt,
            warnings=warnings, meta=meta.as_payload(), pages=doc.pages, chunks=len(nodes), ocr_pages=doc.ocr_pages,
            restricted=restricted, rev=rev, version=self.version, dense=not self.sparse_first,
            received=prev.received if prev and prev.received else now_iso(),
        )  # fmt: skip
        texts = [n.get_content() for n in nodes]
        self.catalog.put(rec, spelling.syllable_counts(texts), tones.syllable_pairs(texts))
        self.store.delete_where([Condition("doc_key", (key,)), Condition("rev", (rev,), negate=True)])
        if self.sparse_first:
            self._add_dense(rec, nodes, progress)
        log.info("indexed %s as %s: %d chunks (%s)", doc.name, key, len(nodes), doc.fmt)
        return FileReport(doc.name, "indexed", len(nodes), doc.pages, doc.ocr_pages, warnings, key=key,
                          restricted=restricted)  # fmt: skip

    def _add_dense(self, rec: DocRecord, nodes: list[Any], progress: Callable | None) -> None:
        """Phase two of a sparse-first write: embed, add the dense vectors, mark the document complete."""
        self._dense(nodes, progress=progress)
        self.store.set_dense([(n.node_id, n.embedding) for n in nodes])
        self.store.set_payload([Condition("rev", (rec.rev,))], {"dense": True})
        self.catalog.update(rec.key, dense=True)

    def complete_dense(self, rec: DocRecord) -> None:
        """Finish a document whose dense vectors were never written (the process stopped while embedding)."""
        hits = list(self.store.scroll([Condition("rev", (rec.rev,))]))
        todo = [h for h in hits if not h.payload.get("dense")]
        if todo:
            payloads = [ChunkPayload.from_dict(h.payload) for h in todo]
            texts = [passage_text(p, self.settings.embed_max_words) for p in payloads]
            vectors = self.cache.embed(self.embedder, texts)
            self.cache.embed(self.embedder, unit_texts(payloads, self.settings.heuristics.rerank_words))
            self.store.set_dense([(h.id, v.tolist()) for h, v in zip(todo, vectors, strict=True)])
            self.store.set_payload([Condition("rev", (rec.rev,))], {"dense": True})
        self.catalog.update(rec.key, dense=True)
        log.info("completed the dense vectors of %s (%d chunks)", rec.key, len(todo))

    # --- restriction, removal --------------------------------------------------------------------
    def restrict(self, rec: DocRecord, restricted: bool) -> None:
        """Restrict or open one document: chunks and catalog row; tightening writes the chunks first."""
        access = ACCESS_RESTRICTED if restricted else ACCESS_OPEN
        if restricted:
            self.store.set_payload([Condition("doc_key", (rec.key,))], {"access": access})
            self.catalog.update(rec.key, restricted=True)
        else:
            self.catalog.update(rec.key, restricted=False)
            self.store.set_payload([Condition("doc_key", (rec.key,))], {"access": access})

    def _record_failure(self, source: Source, prev: DocRecord | None, message: str, restricted: bool,
                        sha: str | None) -> bool:  # fmt: skip
        """Note a failure in the catalog; returns the restriction that now governs the document and its file.

        An indexed document keeps its row (and its file); a new one gets a failed row with the restriction it
        was asked for and the hash of the bytes read, so its file is served only to those who may read it.
        """
        if prev and prev.status == "indexed":
            prev.warnings = [w for w in prev.warnings if not w.startswith("Lần nạp gần nhất lỗi")]
            prev.warnings.append(f"Lần nạp gần nhất lỗi: {message} Đang giữ bản đã nạp trước đó.")
            self.catalog.update(prev.key, warnings=prev.warnings)
            return prev.restricted
        self.catalog.put(DocRecord(key=source.key, doc=source.path.name, status="failed", path=str(source.path),
                                   sha256=sha, error=message, restricted=restricted))  # fmt: skip
        return restricted

    def prune(self, roots: list[Path], present: set[str]) -> list[FileReport]:
        """Remove documents whose files under `roots` (compared as absolute paths) no longer exist."""
        bases = [Path(os.path.abspath(r)) for r in roots if Path(r).is_dir()]
        removed = []
        for rec in self.catalog.all():
            if not rec.path or rec.key in present or not os.path.isabs(rec.path):
                continue
            p = Path(rec.path)
            if any(p.is_relative_to(b) for b in bases) and not os.path.lexists(p):
                self.remove(rec.key)
                removed.append(FileReport(rec.doc, "removed", key=rec.key, restricted=rec.restricted))
        return removed

    def remove(self, key: str) -> None:
        """Delete one document: its catalog row first (so it is listed nowhere), then its chunks."""
        self.catalog.delete(key)
        self.store.delete_where([Condition("doc_key", (key,))])
        log.info("removed %s", key)
