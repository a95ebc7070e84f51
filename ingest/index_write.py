"""Writing to an index: adding files and uploads, correcting metadata, restricting, removing, recovering.

`IndexWriter` is half of `ingest.index.Index`: one writer at a time (`_changing`), and what is derived from the
documents (named numbers, speller, term weights) is forgotten once a write ends.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ingest import stored_files
from ingest.catalog import Catalog, DocRecord
from ingest.conditions import Condition
from ingest.embed import Embedder
from ingest.embed_cache import EmbeddingCache
from ingest.embed_pool import ingest_embedder
from ingest.errors import IngestError, QueryError
from ingest.intake import FileReport, ProgressFn, Source, collect_sources
from ingest.load import LoadedDocument
from ingest.payload import ACCESS_OPEN, ACCESS_RESTRICTED, DOCUMENT_FIELDS
from ingest.pipeline import Ingestor
from ingest.settings import Settings
from ingest.store import HybridStore
from ingest.stored_files import digest
from ingest.uploads import check_name_length
from ingest.vn import identifiers

log = logging.getLogger(__name__)

UPLOADS = "uploads"


class IndexWriter:
    """The writing half of an index (state set up by `Index.__init__`)."""

    settings: Settings
    version: str
    sparse_first: bool
    _catalog: Catalog
    _store: HybridStore
    _cache: EmbeddingCache | None
    _parser: Any
    _write_lock: threading.RLock
    _numbers: dict
    _described: dict
    _spellers: dict
    _restorers: dict
    _idf: dict

    embedder: Embedder

    def _resolve(self, ref: str) -> DocRecord:
        """A document by its key, or by its base name when that is unambiguous."""
        rec = self._catalog.get(ref)
        if rec is not None:
            return rec
        named = self._catalog.named(ref)
        if len(named) == 1:
            return named[0]
        if not named:
            raise QueryError(f"Không có tài liệu '{ref}' trong kho.", f"unknown doc {ref!r}")
        raise QueryError(
            f"Có {len(named)} tài liệu cùng tên '{ref}'; hãy chỉ rõ: " + ", ".join(r.key for r in named) + ".",
            f"ambiguous doc name {ref!r}",
        )

    # --- what the index holds ----------------------------------------------------------------------

    def _ingestor(self) -> Ingestor:
        cache = self.embedding_cache()
        if self._parser is None and self.settings.isolate_parsing:
            from ingest.isolated import ParserPool

            self._parser = ParserPool(self.settings.limits)
        embedder = ingest_embedder(self.settings.embedder, self.embedder, self.settings.embed_workers)
        return Ingestor(self.settings, self._catalog, self._store, embedder, cache, self._parser,
                        sparse_first=self.sparse_first)  # fmt: skip

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """One writer at a time; what is derived from the documents is forgotten once the write ends."""
        with self._write_lock:
            try:
                yield
            finally:
                self._numbers.clear()
                self._described.clear()
                self._spellers.clear()
                self._restorers.clear()
                self._idf.clear()

    def ingest(
        self,
        paths: Iterable[Path],
        prune: bool = False,
        progress: ProgressFn | None = None,
        restricted: bool | None = None,
    ) -> list[FileReport]:
        """Index files and folders. `restricted` decides the restriction of every file before it is written
        (None keeps what an already indexed document has, and opens new ones)."""
        paths = list(paths)
        with self._changing():
            sources = collect_sources(paths)
            return self._ingestor().run(sources, paths if prune else None, progress, restricted)

    def ingest_loaded(self, docs: Iterable[LoadedDocument], restricted: bool = False) -> list[FileReport]:
        """Index already-parsed documents (benchmarks over JSONL corpora), keyed `loaded/<name>`."""
        reports = []
        with self._changing():
            ingestor = self._ingestor()
            for doc in docs:
                key = f"loaded/{doc.name}"
                sha = digest(doc.text.encode("utf-8"))
                prev = self._catalog.get(key)
                if prev and prev.sha256 == sha and prev.version == self.version and prev.status == "indexed":
                    reports.append(FileReport(doc.name, "unchanged", prev.chunks, key=key))
                    continue
                reports.append(ingestor.index_loaded(doc, key, sha, restricted))
            if any(r.status == "indexed" for r in reports):
                self._store.optimize()
        return reports

    def upload_key(self, name: str) -> str:
        return f"{UPLOADS}/{name}"

    def add_upload(
        self,
        name: str,
        data: bytes,
        restricted: bool | None = None,
        replace: bool = False,
        progress: ProgressFn | None = None,
    ) -> FileReport:
        """Store an upload (already checked by the caller) as a new version under `uploads/` and index it.

        `restricted` None keeps the restriction the document has (a new one is open); only True or False changes
        it. The version is written beside the one it replaces and governs nothing until the catalog row that
        describes it is committed; the replaced version's file goes after that. An upload whose name is taken is
        refused unless `replace` (which needs the right to delete documents: the caller checks it).
        """
        folder = self.settings.index_dir / UPLOADS
        if "/" in name or "\\" in name or name.startswith(".") or not name:
            raise IngestError("Tên tệp không hợp lệ.", f"upload name escapes the folder: {name!r}")
        check_name_length(name)
        key = self.upload_key(name)
        with self._changing():
            prev = self._catalog.get(key)
            if prev and not replace:
                raise IngestError(
                    f"Trong kho đã có tài liệu tên {name}. Hãy xác nhận thay thế (cần quyền xóa tài liệu) hoặc đổi tên tệp.",
                    f"upload {name!r} would replace an indexed document",
                )
            staged = stored_files.stage(folder, name, data)
            report = self._ingestor().run([Source(staged, key, None)], None, progress, restricted)[0]
            now = self._catalog.get(key)
            governing = Path(now.path).resolve() if now and now.path else None
            for old in {str(staged), prev.path if prev else None} - {None}:
                if Path(old).resolve() != governing:
                    stored_files.discard(folder, old)  # a failed version, or the version just replaced
            return report

    def update_metadata(self, ref: str, changes: dict[str, Any]) -> None:
        """Correct a document's metadata (catalog and every chunk's payload); `issued` as YYYY-MM-DD or None."""
        bad = set(changes) - set(DOCUMENT_FIELDS)
        if bad:
            raise QueryError(f"Không sửa được trường: {', '.join(sorted(bad))}.", f"bad metadata fields {bad}")
        changes = {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in changes.items()}
        if changes.get("issued"):
            try:
                date.fromisoformat(changes["issued"])
            except ValueError as exc:
                raise QueryError("Ngày ban hành phải có dạng YYYY-MM-DD.", f"bad date {changes['issued']!r}") from exc
        with self._changing():
            rec = self._resolve(ref)
            rec.meta.update(changes)
            rec.meta["year"] = int(rec.meta["issued"][:4]) if rec.meta.get("issued") else None
            number = rec.meta.get("number")
            payload = {**changes, "year": rec.meta["year"]}
            payload["number_key"] = identifiers.doc_number_key(number) if number else None
            self._store.set_payload([Condition("doc_key", (rec.key,))], payload)
            self._catalog.update(rec.key, meta=rec.meta)

    def set_restricted(self, ref: str, restricted: bool) -> DocRecord:
        """Restrict (or open) one document: enforced in every Qdrant query for users without the right."""
        with self._changing():
            rec = self._resolve(ref)
            self._ingestor().restrict(rec, restricted)
            return self._resolve(rec.key)

    def remove(self, ref: str) -> DocRecord:
        with self._changing():
            rec = self._resolve(ref)
            self._ingestor().remove(rec.key)
            return rec

    def recover(self) -> dict[str, int]:
        """Bring the store back in line with the catalog after an interrupted write.

        Chunks whose revision the catalog does not list as current (an unfinished or superseded write) are
        deleted; chunks whose access differs from their document's are corrected; dense vectors that were
        never written are computed. Returns what was repaired.
        """
        with self._changing():
            live = self._catalog.live_revisions()
            stored = self._store.facet("rev", limit=1_000_000)
            orphans = [r for r in stored if r not in live]
            if orphans:
                self._store.delete_where([Condition("rev", tuple(orphans))])
                log.warning("recovery: removed %d chunks of %d unfinished or superseded writes",
                            sum(stored[r] for r in orphans), len(orphans))  # fmt: skip
            fixed = 0
            for access, flag in ((ACCESS_RESTRICTED, True), (ACCESS_OPEN, False)):
                revs = tuple(r for r, rec in live.items() if rec.restricted == flag)
                if revs:
                    wrong = [Condition("rev", revs), Condition("access", (access,), negate=True)]
                    n = self._store.count(wrong)
                    if n:
                        self._store.set_payload([Condition("rev", revs)], {"access": access})
                        fixed += n
            if fixed:
                log.warning("recovery: corrected the access of %d chunks", fixed)
            incomplete = [rec for rec in live.values() if not rec.dense]
            for rec in incomplete:
                self._ingestor().complete_dense(rec)
            named = {r.path: r.sha256 for r in self._catalog.all() if r.path}
            files = stored_files.sweep(self.settings.index_dir / UPLOADS, named)
            return {"orphan_chunks": sum(stored[r] for r in orphans), "access_fixed": fixed,
                    "dense_completed": len(incomplete), **files}  # fmt: skip
