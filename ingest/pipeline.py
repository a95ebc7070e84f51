"""The ingestion flow, in order: load -> describe -> chunk -> terms -> embed -> store.

Incremental: a file whose content hash is unchanged is skipped before parsing; a changed file's new
chunks are written first and its old chunks deleted after, so a failure never loses what was indexed.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest import identifiers, spelling, terms, vntext
from ingest.catalog import Catalog, DocRecord
from ingest.chunk import Chunk, chunk_blocks
from ingest.describe import DocMeta, describe
from ingest.embed import Embedder
from ingest.embed_cache import EmbeddingCache
from ingest.errors import IngestError
from ingest.isolated import load_isolated
from ingest.load import SUPPORTED_SUFFIXES, LoadedDocument, load
from ingest.settings import Settings
from ingest.store import ChunkNode, Condition, HybridStore, StoredPoint, point_id
from ingest.store.base import ACCESS_OPEN, ACCESS_RESTRICTED

log = logging.getLogger(__name__)


@dataclass
class FileReport:
    """What happened to one file in one ingestion run."""

    doc: str
    status: str  # indexed | unchanged | failed | removed
    chunks: int = 0
    pages: int | None = None
    ocr_pages: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


ProgressFn = Callable[[int, int, str], None]
TITLE_WORDS = 24
CRUMB_WORDS = 10


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found (recursively) in named folders."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith((".", "~$"))
            )
        else:
            out.append(p)
    return out


def embed_text(meta: DocMeta, chunk: Chunk, max_words: int) -> str:
    """What the embedder and the sparse channels see: document identity, heading path, then the passage.

    The title and breadcrumb are shortened: they repeat in every chunk and the embedder's cost grows with length.
    """
    title = " ".join((meta.title or "").split()[:TITLE_WORDS])
    crumbs = [" ".join(c.split()[:CRUMB_WORDS]) for c in chunk.section.split(" > ")[-2:] if c]
    lines = [" – ".join(h for h in (meta.label(), title) if h), " > ".join(crumbs)]
    if chunk.table_header:
        lines.append(" | ".join(c.replace("\n", " ") for c in chunk.table_header))
    if meta.signer and meta.signer in chunk.text:
        lines.append(f"Người ký văn bản: {meta.signer_title or ''} {meta.signer}".replace("  ", " "))
    lines.append(chunk.text.replace("\t", " | "))
    words = vntext.canonical("\n".join(line for line in lines if line)).split(" ")
    return " ".join(words[:max_words])


def build_nodes(doc: LoadedDocument, meta: DocMeta, chunks: list[Chunk], sha: str, restricted: bool) -> list[ChunkNode]:
    """One llama-index node per chunk, its payload carrying citation fields and filterable metadata."""
    number_key = identifiers.doc_number_key(meta.number) if meta.number else None
    base = {
        **meta.as_payload(),
        "doc": doc.name,
        "docs": [doc.name],
        "doc_id": sha,
        "restricted": restricted,
        "access": ACCESS_RESTRICTED if restricted else ACCESS_OPEN,
        "number_key": number_key,
    }
    nodes = []
    for i, ch in enumerate(chunks):
        payload = {
            **base,
            "section": ch.section,
            "page": ch.page,
            "page_end": ch.page_end,
            "kind": ch.kind,
            "chunk": i,
            "table_header": ch.table_header,
        }
        nodes.append(ChunkNode(id_=point_id(doc.name, sha, i), text=ch.text, metadata=payload))
    return nodes


class Ingestor:
    """Runs the flow for a batch of files against one catalog and one store."""

    def __init__(
        self, settings: Settings, catalog: Catalog, store: HybridStore, embedder: Embedder, cache: EmbeddingCache
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.embedder = embedder
        self.cache = cache

    def run(self, paths: Iterable[Path], prune: bool = False, progress: ProgressFn | None = None) -> list[FileReport]:
        paths = list(paths)
        files = collect_files(paths)
        reports: list[FileReport] = []
        changed = False
        for n, path in enumerate(files, start=1):
            if progress:
                progress(n - 1, len(files), path.name)
            report = self.ingest_file(path)
            changed |= report.status == "indexed"
            reports.append(report)
        if prune:
            removed = self.prune(paths, {f.name for f in files})
            reports.extend(removed)
            changed |= bool(removed)
        if changed:
            self.store.optimize()
        if progress:
            progress(len(files), len(files), "")
        self.catalog.add_report(uuid.uuid4().hex, [r.__dict__ for r in reports])
        return reports

    def run_loaded(self, docs: Iterable[LoadedDocument]) -> list[FileReport]:
        """Index documents that are already parsed (benchmarks, generated text); unchanged ones skipped."""
        reports = []
        for doc in docs:
            sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:32]
            prev = self.catalog.get(doc.name)
            if prev and prev.sha256 == sha and prev.status == "indexed":
                reports.append(FileReport(doc.name, "unchanged", prev.chunks))
                continue
            reports.append(self.index_loaded(doc, sha))
        if any(r.status == "indexed" for r in reports):
            self.store.optimize()
        return reports

    def ingest_file(self, path: Path, restricted: bool | None = None) -> FileReport:
        started = time.perf_counter()
        name = path.name
        prev = self.catalog.get(name)
        try:
            data = self._read(path)
            sha = hashlib.sha256(data).hexdigest()[:32]
            if prev and prev.sha256 == sha and prev.status == "indexed" and restricted in (None, prev.restricted):
                return FileReport(name, "unchanged", prev.chunks, prev.pages, prev.ocr_pages, prev.warnings)
            keep_restricted = prev.restricted if (prev and restricted is None) else bool(restricted)
            twin = self.catalog.twin(sha, other_than=name)
            if twin and twin.restricted == keep_restricted:
                report = self._alias(path, prev, twin)
            else:
                report = self._index(path, data, sha, keep_restricted)
        except IngestError as exc:
            log.error("ingest failed: %s: %s", path, exc.detail)
            report = FileReport(name, "failed", error=exc.user_message)
            self._record_failure(path, prev, exc.user_message)
        except Exception as exc:  # a parser bug must not stop the batch
            log.exception("ingest crashed on %s", path)
            msg = "Lỗi không xác định khi đọc tệp; tệp đã được bỏ qua, dữ liệu cũ được giữ nguyên."
            report = FileReport(name, "failed", error=msg)
            self._record_failure(path, prev, f"{msg} ({type(exc).__name__})")
        report.seconds = time.perf_counter() - started
        return report

    def _alias(self, path: Path, prev: DocRecord | None, twin: DocRecord) -> FileReport:
        """Identical content under a second name: stored once, cited under both names."""
        if prev and prev.status == "indexed":
            self._forget(prev)
        names = [twin.doc, *self.catalog.aliases(twin.doc), path.name]
        self.store.set_payload([Condition("doc_id", (twin.sha256,))], {"docs": sorted(set(names))})
        rec = DocRecord(**{**twin.__dict__, "doc": path.name, "path": str(path), "alias_of": twin.doc})
        rec.warnings = [
            *twin.warnings,
            f"Nội dung trùng hoàn toàn với tệp {twin.doc}; lưu một lần, trích dẫn dưới cả hai tên.",
        ]
        self.catalog.put(rec)
        log.info("%s has the same content as %s: stored once", path.name, twin.doc)
        return FileReport(path.name, "indexed", twin.chunks, twin.pages, twin.ocr_pages, rec.warnings)

    def _read(self, path: Path) -> bytes:
        limit = self.settings.max_file_mb * 1024 * 1024
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise IngestError("Không tìm thấy hoặc không mở được tệp.", f"{path}: {exc}") from exc
        if size > limit:
            raise IngestError(
                f"Tệp quá lớn ({size / 1048576:.1f} MB), vượt giới hạn {self.settings.max_file_mb} MB.",
                f"{path}: {size} bytes > {limit}",
            )
        return path.read_bytes()

    def _index(self, path: Path, data: bytes, sha: str, restricted: bool) -> FileReport:
        max_bytes = self.settings.max_file_mb * 1024 * 1024
        doc = load_isolated(path, max_bytes) if self.settings.isolate_parsing else load(path, data, max_bytes=max_bytes)
        return self.index_loaded(doc, sha, restricted, path=str(path), size=len(data))

    def index_loaded(
        self, doc: LoadedDocument, sha: str, restricted: bool = False, path: str | None = None, size: int | None = None
    ) -> FileReport:
        """describe -> chunk -> terms -> embed -> store for an already loaded document."""
        meta = describe(doc)
        chunks = chunk_blocks(doc.blocks, self.settings.chunk_max_words, self.settings.chunk_min_words)
        nodes = build_nodes(doc, meta, chunks, sha, restricted)
        texts = [embed_text(meta, ch, self.settings.embed_max_words) for ch in chunks]
        for node, text in zip(nodes, texts, strict=True):
            node.sparse = terms.document_vectors(text)
        vectors = self.cache.embed(self.embedder, texts)
        for node, vec in zip(nodes, vectors, strict=True):
            node.embedding = vec.tolist()
        self.store.upsert(
            [StoredPoint(n.node_id, n.embedding, n.sparse, {**n.metadata, "text": n.text}) for n in nodes]
        )
        self.store.delete_where([Condition("doc", (doc.name,)), Condition("doc_id", (sha,), negate=True)])
        self.catalog.put_syllables(sha, spelling.syllable_counts(n.text for n in nodes))
        warnings = doc.warnings + meta.warnings
        self.catalog.put(
            DocRecord(
                doc=doc.name,
                status="indexed",
                path=path,
                sha256=sha,
                size=size,
                fmt=doc.fmt,
                warnings=warnings,
                meta=meta.as_payload(),
                pages=doc.pages,
                chunks=len(nodes),
                ocr_pages=doc.ocr_pages,
                restricted=restricted,
            )
        )
        log.info("indexed %s: %d chunks (%s)", doc.name, len(nodes), doc.fmt)
        return FileReport(doc.name, "indexed", len(nodes), doc.pages, doc.ocr_pages, warnings)

    def _record_failure(self, path: Path, prev: DocRecord | None, message: str) -> None:
        if prev and prev.status == "indexed":
            prev.warnings = [w for w in prev.warnings if not w.startswith("Lần nạp gần nhất lỗi")]
            prev.warnings.append(f"Lần nạp gần nhất lỗi: {message} Đang giữ bản đã nạp trước đó.")
            self.catalog.put(prev)
        else:
            self.catalog.put(DocRecord(doc=path.name, status="failed", path=str(path), error=message))

    def prune(self, roots: list[Path], present: set[str]) -> list[FileReport]:
        """Remove documents whose files under `roots` no longer exist."""
        roots = [r.resolve() for r in roots if r.is_dir()]
        removed = []
        for rec in self.catalog.all():
            if not rec.path or rec.doc in present:
                continue
            p = Path(rec.path).resolve()
            if any(p.is_relative_to(r) for r in roots) and not p.exists():
                self.remove(rec.doc)
                removed.append(FileReport(rec.doc, "removed"))
        return removed

    def remove(self, doc: str) -> None:
        """Delete a document (its chunks, unless another name still holds the same content) and its catalog row."""
        rec = self.catalog.get(doc)
        if rec:
            self._forget(rec)
        else:
            self.store.delete_where([Condition("doc", (doc,))])
        self.catalog.delete(doc)
        log.info("removed %s", doc)

    def _forget(self, rec: DocRecord) -> None:
        """Detach one name from its content; the content goes only with its last name."""
        if rec.alias_of:
            names = [n for n in [rec.alias_of, *self.catalog.aliases(rec.alias_of)] if n != rec.doc]
            self.store.set_payload([Condition("doc_id", (rec.sha256,))], {"docs": names})
            return
        aliases = self.catalog.aliases(rec.doc)
        if not aliases:
            self.store.delete_where([Condition("doc", (rec.doc,))])
            return
        heir = self.catalog.get(aliases[0])
        self.store.set_payload([Condition("doc_id", (rec.sha256,))], {"doc": heir.doc, "docs": aliases})
        heir.alias_of = None
        self.catalog.put(heir)
        for other in aliases[1:]:
            o = self.catalog.get(other)
            o.alias_of = heir.doc
            self.catalog.put(o)
