"""The public face of ingest/: open an index, add files, understand and search questions, list what it holds.

app/ and eval/ use only this facade (through the `ingest` package). Every read takes `sees_restricted`: for a
user without the right, restricted documents are excluded inside the Qdrant query (the filter requires the
`open` value), and nothing derived from them (typo repair vocabulary, facets, reports, named documents)
reaches that user either.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ingest import identifiers, stored_files, terms, vntext
from ingest.catalog import Catalog, DocRecord
from ingest.conditions import Condition
from ingest.embed import Embedder, make_embedder
from ingest.embed_cache import EmbeddingCache
from ingest.errors import IngestError, QueryError
from ingest.load import LoadedDocument
from ingest.payload import ACCESS_OPEN, ACCESS_RESTRICTED, DOCUMENT_FIELDS, ChunkPayload
from ingest.pipeline import FileReport, Ingestor, ProgressFn, Source, collect_sources
from ingest.query import Query, understand
from ingest.settings import FusionSettings, Settings
from ingest.spelling import Speller
from ingest.store import HybridQuery, HybridStore, open_store
from ingest.stored_files import SourceFile, digest
from ingest.uploads import check_name_length
from ingest.versions import pipeline_version

log = logging.getLogger(__name__)

QUERY_CACHE = 512
UPLOADS = "uploads"


@dataclass
class Passage:
    """A retrieved chunk with everything a citation needs."""

    id: str
    score: float
    payload: ChunkPayload
    also_in: list[str] = field(default_factory=list)  # other documents holding the very same passage

    @property
    def doc(self) -> str:
        return self.payload.doc

    @property
    def title(self) -> str | None:
        return self.payload.title

    @property
    def section(self) -> str:
        return self.payload.section

    @property
    def page(self) -> int | None:
        return self.payload.page

    @property
    def text(self) -> str:
        return self.payload.text


def visibility(sees_restricted: bool) -> list[Condition]:
    """The filter that keeps restricted documents away from users without the right (applied inside Qdrant).

    It requires the open value, so a chunk that does not say it is open is never shown to such a user.
    """
    return [] if sees_restricted else [Condition("access", (ACCESS_OPEN,))]


class Index:
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
        self._spellers: dict[bool, Speller] = {}
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

    # --- writing ----------------------------------------------------------------------------------
    def _ingestor(self) -> Ingestor:
        if self._cache is None:
            self._cache = EmbeddingCache(self.settings.embed_cache_path)
        if self._parser is None and self.settings.isolate_parsing:
            from ingest.isolated import ParserPool

            self._parser = ParserPool(self.settings.limits)
        return Ingestor(self.settings, self._catalog, self._store, self.embedder, self._cache, self._parser,
                        sparse_first=self.sparse_first)  # fmt: skip

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """One writer at a time; what is derived from the documents is forgotten once the write ends."""
        with self._write_lock:
            try:
                yield
            finally:
                self._numbers.clear()
                self._spellers.clear()
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

    # --- understanding and searching ---------------------------------------------------------------
    def understand(self, question: str, sees_restricted: bool = False, repair: bool = True) -> Query:
        """The question read once: limits checked first, typos repaired against what the user may read."""
        question = question or ""
        limit = self.settings.limits.max_question_chars
        if len(question) > limit:
            raise QueryError(f"Câu hỏi quá dài (tối đa {limit} ký tự).", f"question of {len(question)} chars")
        text = vntext.canonical(question).strip()
        if not text or not any(c.isalnum() for c in text):
            raise QueryError("Câu hỏi trống. Hãy nhập nội dung cần tra cứu.", "empty question")
        # the retriever reads at most `max_query_words` words: pasted paragraphs cost no more than a question
        text = " ".join(text.split()[: self.settings.limits.max_query_words])
        corrections: list[tuple[str, str]] = []
        if repair:
            text, corrections = self.speller(sees_restricted).repair(text)
        query = understand(question, text, corrections)
        query.named = self._named_documents(query, sees_restricted)
        return query

    def search(
        self,
        question: str | Query,
        k: int = 10,
        conditions: list[Condition] | None = None,
        sees_restricted: bool = False,
        channels: tuple[str, ...] | None = None,
        fusion: FusionSettings | None = None,
        expand: bool = True,
        boost: bool = True,
        repair: bool = True,
    ) -> list[Passage]:
        """Hybrid search: one prefetch per channel, fused in Qdrant, filters applied inside Qdrant.

        `expand` adds the full forms of abbreviations; `boost` adds prefetches restricted to the documents the
        question names by number; `repair` fixes syllables with typos. All are on in the product and
        switchable for ablations. Passages identical to a better-ranked one of another document are folded into
        it (`also_in`).
        """
        if not 1 <= k <= 200:
            raise QueryError("Số kết quả phải từ 1 đến 200.", f"bad k={k}")
        query = question if isinstance(question, Query) else self.understand(question, sees_restricted, repair)
        if channels is None:
            # Typed without tone marks, a question defeats the dense and word channels: use the tone-free one.
            channels = ("dense", *terms.CHANNELS) if query.toned else ("flat",)
        text = query.expanded if expand else query.text
        dense = self._query_vector(text) if "dense" in channels else None
        named = query.named if boost else set()
        hq = HybridQuery(
            dense=dense,
            sparse=terms.query_vectors(text),
            limit=min(200, k + 5),
            fusion=fusion or self.settings.fusion,
            conditions=[*visibility(sees_restricted), *(conditions or [])],
            channels=channels,
            boost=Condition("number_key", tuple(sorted(named))) if named else None,
        )
        out: list[Passage] = []
        by_text: dict[str, Passage] = {}
        # fused ranks tie often (RRF sums of ranks) and the store returns ties in no fixed order: break them by id,
        # so that one question gets one answer
        for h in sorted(self._store.search(hq), key=lambda h: (-round(h.score, 9), h.id)):
            p = Passage(h.id, h.score, ChunkPayload.from_dict(h.payload))
            twin = by_text.get(p.text)
            if twin is not None and twin.doc != p.doc:
                twin.also_in.append(p.doc)
                continue
            by_text[p.text] = p
            out.append(p)
        return out[:k]

    def retriever(self, sees_restricted: bool = False, k: int = 8, filters: Any = None) -> Any:
        """A llama-index retriever over this index's hybrid search (filters and access rule applied in Qdrant)."""
        from ingest.retriever import HybridRetriever

        return HybridRetriever(index=self, sees_restricted=sees_restricted, k=k, filters=filters)

    def _query_vector(self, text: str) -> list[float]:
        """Query embedding, remembered for repeated questions (the app re-runs pages; benchmarks sweep settings)."""
        with self._vector_lock:
            vec = self._vectors.get(text)
        if vec is None:
            vec = self.embedder.embed_queries([text])[0].tolist()
            with self._vector_lock:
                self._vectors[text] = vec
                while len(self._vectors) > QUERY_CACHE:
                    self._vectors.pop(next(iter(self._vectors)))
        return vec

    def similarities(self, question: str, texts: list[str]) -> list[float]:
        """Dense similarity of a question with short texts (candidate answers), with the index's embedder.

        The question's vector comes from the query cache: when abbreviation expansion leaves the question as it
        is, the search and this comparison share one embedding.
        """
        if not texts:
            return []
        import numpy as np

        q = np.asarray(self._query_vector(question), dtype=np.float32)
        return [float(v) for v in self.embedder.embed_passages(texts) @ q]

    def clear_query_cache(self) -> None:
        """Forget remembered query embeddings (benchmarks time the uncached path)."""
        with self._vector_lock:
            self._vectors.clear()

    def _named_documents(self, query: Query, sees_restricted: bool) -> set[str]:
        """Number keys of indexed documents that the question names (`502/QĐ-ĐCKS`, or loosely `QĐ 502`)."""
        numbers = self._numbers.get(sees_restricted)
        if numbers is None:
            full: dict[str, str] = {}
            typed: dict[str, set[str]] = {}
            for rec in self.documents(sees_restricted):
                number = rec.meta.get("number")
                found = identifiers.find_doc_numbers(number) if number else []
                if rec.status == "indexed" and found:
                    full[found[0].key] = found[0].key
                    if found[0].type_key:
                        typed.setdefault(found[0].type_key, set()).add(found[0].key)
            numbers = self._numbers[sees_restricted] = (full, typed)
        full, typed = numbers
        keys = {k for k in query.doc_keys if k in full}
        for term in identifiers.query_identifier_terms(query.text):
            if term.startswith("docnum:"):
                keys |= typed.get(term[len("docnum:") :], set())
        return keys

    def named_documents(self, question: str, sees_restricted: bool = True) -> set[str]:
        return self.understand(question, sees_restricted).named

    def repair_typos(self, question: str, sees_restricted: bool = False) -> tuple[str, list[tuple[str, str]]]:
        """The question with syllables the corpus and dictionary do not know repaired, and the repairs made."""
        return self.speller(sees_restricted).repair(vntext.canonical(question))

    def speller(self, sees_restricted: bool = False) -> Speller:
        """Typo repair against the text the user may read (built on first use, again after any change)."""
        speller = self._spellers.get(sees_restricted)
        if speller is None:
            limits = self.settings.limits
            speller = Speller(self._catalog.syllable_counts(sees_restricted), limits.max_repair_syllables,
                              limits.max_syllable_letters)  # fmt: skip
            self._spellers[sees_restricted] = speller
        return speller

    def term_weights(self, sees_restricted: bool = False) -> dict[str, float]:
        """Inverse document frequency of every tone-free syllable of the documents the user may read.

        What answering uses to tell a question's discriminating words from common ones, corpus-wide (the
        sparse channels' own IDF lives inside Qdrant). Unknown syllables weigh as much as the rarest.
        """
        weights = self._idf.get(sees_restricted)
        if weights is None:
            import math

            df, n = self._catalog.document_frequencies(sees_restricted)
            weights = {s: math.log(1 + (n + 1) / (c + 0.5)) for s, c in df.items()}
            weights[""] = math.log(1 + (n + 1) / 0.5)  # the weight of a syllable no document has
            self._idf[sees_restricted] = weights
        return weights

    # --- what the index holds ----------------------------------------------------------------------
    def documents(self, sees_restricted: bool = True) -> list[DocRecord]:
        return [d for d in self._catalog.all() if sees_restricted or not d.restricted]

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

    def load_draft(self, path: Path, max_mb: int = 20) -> LoadedDocument:
        """Read a draft to check (text layer only: a scan is refused at once), with the ingest limits."""
        from ingest.load import load

        return load(path, max_bytes=max_mb * 1024 * 1024, ocr=False, limits=self.settings.limits)

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
