"""The store interface: one Qdrant collection with a dense and two sparse vectors per chunk.

`HybridStore` is a llama-index `BasePydanticVectorStore`; each backend (Qdrant Edge, qdrant-client)
implements the few primitives below, so callers never touch `qdrant_edge` or `qdrant_client` directly.
"""

from __future__ import annotations

import uuid
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.schema import BaseNode, TextNode
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
    VectorStoreQuery,
    VectorStoreQueryResult,
)
from pydantic import Field

from ingest.settings import FusionSettings
from ingest.terms import CHANNELS, SparseVector

DENSE = "dense"
KEYWORD_FIELDS = (
    "doc",
    "docs",
    "doc_id",
    "number_key",
    "access",
    "doc_type",
    "issuer",
    "province",
    "ministry",
    "number",
    "kind",
)
INTEGER_FIELDS = ("year",)
BOOL_FIELDS: tuple[str, ...] = ()
# Access is filtered on the keyword `access` ("open" | "restricted"): Qdrant Edge 0.9.0 never matches a boolean
# MatchValue(True) (seen here), so the boolean `restricted` stays in the payload for display only.
ACCESS_OPEN, ACCESS_RESTRICTED = "open", "restricted"
_NS = uuid.UUID("6f1c1f3e-0b1e-4b1a-9a7e-02a0b0c0d0e0")


def point_id(doc: str, doc_hash: str, index: int) -> str:
    """Deterministic point id of chunk `index` of one version of one document."""
    return str(uuid.uuid5(_NS, f"{doc}|{doc_hash}|{index}"))


@dataclass(frozen=True)
class Condition:
    """One filter condition: `key` equals any of `any_of`, or lies in [gte, lte]; `negate` inverts it."""

    key: str
    any_of: tuple[Any, ...] = ()
    gte: float | None = None
    lte: float | None = None
    negate: bool = False


@dataclass
class StoredPoint:
    id: str
    dense: list[float]
    sparse: dict[str, SparseVector]
    payload: dict[str, Any]


@dataclass
class HybridQuery:
    """A fused query: one prefetch per channel in `channels`, fused with weighted RRF inside Qdrant."""

    dense: list[float] | None
    sparse: dict[str, SparseVector]
    limit: int = 10
    fusion: FusionSettings = field(default_factory=FusionSettings)
    conditions: list[Condition] = field(default_factory=list)
    channels: tuple[str, ...] = (DENSE, *CHANNELS)
    boost: Condition | None = None  # e.g. the documents a question names: an extra prefetch per channel


@dataclass
class Hit:
    id: str
    score: float
    payload: dict[str, Any]


class ChunkNode(TextNode):
    """A llama-index node that also carries its sparse vectors."""

    sparse: dict[str, SparseVector] = Field(default_factory=dict)


def prefetch_plan(query: HybridQuery) -> list[tuple[str, list[Condition], float]]:
    """(channel, conditions, weight) of every prefetch: one per channel, plus boosted ones when asked."""
    weight_of = dict(zip((DENSE, *CHANNELS), query.fusion.weights, strict=True))
    usable = [c for c in query.channels if (c == DENSE and query.dense is not None) or (c != DENSE and _has(query, c))]
    plan = [(c, query.conditions, weight_of[c]) for c in usable]
    if query.boost is not None:
        plan += [(c, [*query.conditions, query.boost], weight_of[c] * query.fusion.boost_weight) for c in usable]
    return plan


def stored_point(pid: Any, vectors: dict[str, Any], payload: dict[str, Any] | None) -> StoredPoint:
    """A backend record (named dense + sparse vectors with `.indices`/`.values`) as a `StoredPoint`."""
    sparse = {
        name: SparseVector(list(v.indices), list(v.values)) for name, v in vectors.items() if hasattr(v, "indices")
    }
    return StoredPoint(str(pid), list(vectors.get(DENSE) or []), sparse, dict(payload or {}))


def _has(query: HybridQuery, channel: str) -> bool:
    vec = query.sparse.get(channel)
    return vec is not None and bool(vec.indices)


class HybridStore(BasePydanticVectorStore):
    """Backend-neutral hybrid store; subclasses implement the primitives."""

    stores_text: bool = True
    is_embedding_query: bool = True
    dim: int = 384

    # --- primitives each backend implements -------------------------------------------------------
    @abstractmethod
    def upsert(self, points: Sequence[StoredPoint]) -> None: ...

    @abstractmethod
    def delete_where(self, conditions: list[Condition]) -> None: ...

    @abstractmethod
    def search(self, query: HybridQuery) -> list[Hit]: ...

    @abstractmethod
    def records(
        self, conditions: list[Condition] | None, with_payload: Any = True, with_vectors: bool = False
    ) -> Iterable[Any]:
        """Raw backend records (each with `.id`, `.payload`, `.vector`), fetched page by page."""

    def scroll(self, conditions: list[Condition], fields: list[str] | None = None) -> Iterable[Hit]:
        for r in self.records(conditions, fields or True):
            yield Hit(id=str(r.id), score=0.0, payload=dict(r.payload or {}))

    def export_points(self, conditions: list[Condition] | None = None) -> Iterable[StoredPoint]:
        """Every stored point with its vectors (to copy an index to another backend, or to benchmark)."""
        for r in self.records(conditions, True, with_vectors=True):
            yield stored_point(r.id, dict(r.vector or {}), r.payload)

    @abstractmethod
    def count(self, conditions: list[Condition] | None = None) -> int: ...

    @abstractmethod
    def facet(self, key: str, conditions: list[Condition] | None = None, limit: int = 200) -> dict[Any, int]: ...

    @abstractmethod
    def set_payload(self, conditions: list[Condition], payload: dict[str, Any]) -> None: ...

    @abstractmethod
    def optimize(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    # --- llama-index VectorStore protocol ---------------------------------------------------------
    def add(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[str]:
        points = [
            StoredPoint(
                id=n.node_id,
                dense=list(n.embedding or []),
                sparse=getattr(n, "sparse", {}),
                payload={**n.metadata, "text": n.get_content(), "doc_id": n.ref_doc_id or n.metadata.get("doc_id")},
            )
            for n in nodes
        ]
        self.upsert(points)
        return [p.id for p in points]

    def delete(self, ref_doc_id: str, **delete_kwargs: Any) -> None:
        self.delete_where([Condition("doc_id", (ref_doc_id,))])

    def query(self, query: VectorStoreQuery, **kwargs: Any) -> VectorStoreQueryResult:
        from ingest.terms import query_vectors

        sparse = query_vectors(query.query_str) if query.query_str else {}
        channels = tuple(c for c in (DENSE, *CHANNELS) if (c == DENSE and query.query_embedding) or c in sparse)
        hits = self.search(
            HybridQuery(dense=query.query_embedding, sparse=sparse, limit=query.similarity_top_k, channels=channels)
        )
        nodes = [TextNode(id_=h.id, text=h.payload.get("text", ""), metadata=_metadata(h.payload)) for h in hits]
        return VectorStoreQueryResult(nodes=nodes, similarities=[h.score for h in hits], ids=[h.id for h in hits])

    @property
    def client(self) -> Any:
        return self


def _metadata(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "text"}
