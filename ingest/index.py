"""The public face of ingest/: open an index, add files, search it, list what it holds.

app/ and eval/ use only this module (and the dataclasses it returns).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ingest import glossary, identifiers, terms, vntext
from ingest.catalog import Catalog, DocRecord
from ingest.embed import Embedder, make_embedder
from ingest.embed_cache import EmbeddingCache
from ingest.errors import QueryError
from ingest.load import LoadedDocument
from ingest.pipeline import FileReport, Ingestor, ProgressFn
from ingest.settings import FusionSettings, Settings
from ingest.spelling import Speller, syllable_counts
from ingest.store import Condition, HybridQuery, HybridStore, open_store
from ingest.store.base import ACCESS_OPEN, ACCESS_RESTRICTED

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
QUERY_CACHE = 512
FILTER_KEYS = {"doc", "doc_type", "issuer", "province", "ministry", "number", "year", "kind"}


@dataclass
class Passage:
    """A retrieved chunk with everything a citation needs."""

    id: str
    doc: str
    title: str | None
    section: str
    page: int | None
    text: str
    score: float
    payload: dict[str, Any]

    @classmethod
    def from_payload(cls, pid: str, score: float, payload: dict[str, Any]) -> Passage:
        return cls(
            id=pid,
            doc=payload.get("doc", ""),
            title=payload.get("title"),
            section=payload.get("section") or "",
            page=payload.get("page"),
            text=payload.get("text", ""),
            score=score,
            payload=payload,
        )


def visibility(sees_restricted: bool) -> list[Condition]:
    """The filter that keeps restricted documents away from users without the right (applied inside Qdrant)."""
    return [] if sees_restricted else [Condition("access", (ACCESS_RESTRICTED,), negate=True)]


def parse_filters(items: Iterable[str]) -> list[Condition]:
    """`KEY=VALUE` strings to conditions; `year=2020..2023` is a range; `a|b` means either value."""
    conditions = []
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in FILTER_KEYS or not value:
            raise QueryError(
                f"Bộ lọc '{item}' không hợp lệ. Dùng dạng KHÓA=GIÁ_TRỊ với khóa là một trong: "
                + ", ".join(sorted(FILTER_KEYS)),
                f"bad filter {item!r}",
            )
        if key == "year":
            lo, dots, hi = value.partition("..")
            try:
                if dots:
                    conditions.append(Condition(key, gte=float(lo) if lo else None, lte=float(hi) if hi else None))
                else:
                    conditions.append(Condition(key, tuple(int(v) for v in value.split("|"))))
            except ValueError as exc:
                raise QueryError(f"Năm '{value}' không hợp lệ.", f"bad year filter {item!r}") from exc
        else:
            field = "docs" if key == "doc" else key  # a document is found under any of its file names
            conditions.append(Condition(field, tuple(v.strip() for v in value.split("|"))))
    return conditions


class Index:
    """An opened index: catalog + store + embedder, safe to share between threads."""

    def __init__(self, settings: Settings, catalog: Catalog, store: HybridStore, embedder: Embedder) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.embedder = embedder
        self._write_lock = threading.Lock()
        self._cache: EmbeddingCache | None = None
        self._numbers: tuple[dict[str, str], dict[str, set[str]]] | None = None
        self._speller: Speller | None = None
        self._vectors: dict[str, list[float]] = {}
        self._vector_lock = threading.Lock()

    def _ingestor(self) -> Ingestor:
        if self._cache is None:
            self._cache = EmbeddingCache(self.settings.embed_cache_path)
        return Ingestor(self.settings, self.catalog, self.store, self.embedder, self._cache)

    @classmethod
    def open(cls, settings: Settings | None = None) -> Index:
        settings = settings or Settings.from_env()
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        embedder = make_embedder(settings.embedder)
        catalog = Catalog(settings.index_dir / "catalog.sqlite")
        catalog.check_format(embedder.model_name, embedder.dim)
        store = open_store(settings, embedder.dim)
        return cls(settings, catalog, store, embedder)

    # --- writing ----------------------------------------------------------------------------------
    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Forget what is derived from the indexed documents once a write ends (a search running meanwhile may
        have rebuilt it from a half-written index)."""
        try:
            yield
        finally:
            self._numbers = self._speller = None

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: ProgressFn | None = None
    ) -> list[FileReport]:
        with self._write_lock, self._changing():
            return self._ingestor().run(paths, prune, progress)

    def ingest_loaded(self, docs: Iterable[LoadedDocument]) -> list[FileReport]:
        """Index already-parsed documents (used by benchmarks over JSONL corpora)."""
        with self._write_lock, self._changing():
            return self._ingestor().run_loaded(docs)

    def update_metadata(self, doc: str, changes: dict[str, Any]) -> None:
        """Correct a document's metadata (catalog and every chunk's payload); `issued` as YYYY-MM-DD or None."""
        allowed = {"doc_type", "number", "issued", "issuer", "signer", "signer_title", "province", "ministry", "title"}
        bad = set(changes) - allowed
        if bad:
            raise QueryError(f"Không sửa được trường: {', '.join(sorted(bad))}.", f"bad metadata fields {bad}")
        changes = {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in changes.items()}
        if changes.get("issued"):
            try:
                date.fromisoformat(changes["issued"])
            except ValueError as exc:
                raise QueryError("Ngày ban hành phải có dạng YYYY-MM-DD.", f"bad date {changes['issued']!r}") from exc
        with self._write_lock:
            rec = self.catalog.get(doc)
            if rec is None:
                raise QueryError(f"Không có tài liệu '{doc}' trong kho.", f"unknown doc {doc!r}")
            rec.meta.update(changes)
            rec.meta["year"] = int(rec.meta["issued"][:4]) if rec.meta.get("issued") else None
            number = rec.meta.get("number")
            payload = {**changes, "year": rec.meta["year"]}
            payload["number_key"] = identifiers.doc_number_key(number) if number else None
            self.store.set_payload([Condition("doc_id", (rec.sha256,))], payload)
            self.catalog.put(rec)
            self._numbers = None

    def set_restricted(self, doc: str, restricted: bool) -> None:
        """Mark a document restricted (or not): enforced in every Qdrant query filter for users without the right."""
        with self._write_lock:
            rec = self.catalog.get(doc)
            if rec is None:
                raise QueryError(f"Không có tài liệu '{doc}' trong kho.", f"unknown doc {doc!r}")
            access = ACCESS_RESTRICTED if restricted else ACCESS_OPEN
            self.store.set_payload([Condition("doc_id", (rec.sha256,))], {"restricted": restricted, "access": access})
            for name in [rec.alias_of or rec.doc, *self.catalog.aliases(rec.alias_of or rec.doc)]:
                r = self.catalog.get(name)
                if r:
                    r.restricted = restricted
                    self.catalog.put(r)

    def remove(self, doc: str) -> None:
        with self._write_lock, self._changing():
            self._ingestor().remove(doc)

    # --- reading ----------------------------------------------------------------------------------
    def search(
        self,
        question: str,
        k: int = 10,
        conditions: list[Condition] | None = None,
        channels: tuple[str, ...] | None = None,
        fusion: FusionSettings | None = None,
        expand: bool = True,
        boost: bool = True,
        repair: bool = True,
    ) -> list[Passage]:
        """Hybrid search: one prefetch per channel, fused in Qdrant, filters applied inside Qdrant.

        `expand` adds the full forms of abbreviations; `boost` adds prefetches restricted to the documents the
        question names by number; `repair` fixes syllables with typos. All are on in the product and
        switchable for ablations.
        """
        question = vntext.canonical(question or "").strip()
        if not question:
            raise QueryError("Câu hỏi trống. Hãy nhập nội dung cần tra cứu.", "empty question")
        if len(question) > MAX_QUESTION_CHARS:
            raise QueryError(
                f"Câu hỏi quá dài (tối đa {MAX_QUESTION_CHARS} ký tự).", f"question of {len(question)} chars"
            )
        if not 1 <= k <= 200:
            raise QueryError("Số kết quả phải từ 1 đến 200.", f"bad k={k}")
        if repair:
            question = self.speller().repair(question)[0]
        if channels is None:
            # Typed without tone marks, a question defeats the dense and word channels: use the tone-free one.
            channels = ("dense", *terms.CHANNELS) if vntext.has_tone_marks(question) else ("flat",)
        text = glossary.expand_query(question) if expand else question
        dense = self._query_vector(text) if "dense" in channels else None
        named = self.named_documents(question) if boost else set()
        query = HybridQuery(
            dense=dense,
            sparse=terms.query_vectors(text),
            limit=k,
            fusion=fusion or self.settings.fusion,
            conditions=list(conditions or []),
            channels=channels,
            boost=Condition("number_key", tuple(sorted(named))) if named else None,
        )
        return [Passage.from_payload(h.id, h.score, h.payload) for h in self.store.search(query)]

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

    def clear_query_cache(self) -> None:
        """Forget remembered query embeddings (benchmarks time the uncached path)."""
        with self._vector_lock:
            self._vectors.clear()

    def named_documents(self, question: str) -> set[str]:
        """Number keys of indexed documents that the question names (`502/QĐ-ĐCKS`, or loosely `QĐ 502`)."""
        if self._numbers is None:
            full: dict[str, str] = {}
            typed: dict[str, set[str]] = {}
            for rec in self.catalog.all():
                number = rec.meta.get("number")
                found = identifiers.find_doc_numbers(number) if number else []
                if rec.status == "indexed" and found:
                    full[found[0].key] = found[0].key
                    if found[0].type_key:
                        typed.setdefault(found[0].type_key, set()).add(found[0].key)
            self._numbers = (full, typed)
        full, typed = self._numbers
        keys = {n.key for n in identifiers.find_doc_numbers(question) if n.key in full}
        for term in identifiers.query_identifier_terms(question):
            if term.startswith("docnum:"):
                keys |= typed.get(term[len("docnum:") :], set())
        return keys

    def repair_typos(self, question: str) -> tuple[str, list[tuple[str, str]]]:
        """The question with syllables the corpus and dictionary do not know repaired, and the repairs made."""
        return self.speller().repair(vntext.canonical(question))

    def speller(self) -> Speller:
        """Typo repair against the indexed text (built on first use, again after any change to the index)."""
        speller = self._speller
        if speller is None:
            counts, missing = self.catalog.syllable_counts()
            for sha in missing:  # indexed before counts were recorded: count the stored chunks once
                found = syllable_counts(
                    h.payload.get("text", "") for h in self.store.scroll([Condition("doc_id", (sha,))], ["text"])
                )
                self.catalog.put_syllables(sha, found)
                counts.update(found)
            speller = self._speller = Speller(counts)
        return speller

    def documents(self) -> list[DocRecord]:
        return self.catalog.all()

    def chunk_count(self) -> int:
        return self.store.count()

    def close(self) -> None:
        self.store.close()
        self.catalog.close()
        if self._cache is not None:
            self._cache.close()
