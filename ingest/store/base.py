"""The store interface: one Qdrant collection with a dense and two sparse vectors per chunk.

`HybridStore` is a llama-index `BasePydanticVectorStore`; each backend (Qdrant Edge, qdrant-client)
implements the few primitives below, so callers never touch `qdrant_edge` or `qdrant_client` directly.
The llama-index methods (`add`, `delete`, `query`) are the ones the ingestion pipeline and the retriever use;
`query` honours `MetadataFilters` and, unless told the caller may read restricted documents, shows open
documents only.
"""

from __future__ import annotations

import uuid
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from llama_index.core.schema import BaseNode, TextNode
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
    VectorStoreQueryResult,
)
from pydantic import Field

from ingest.conditions import Condition
from ingest.errors import QueryError
from ingest.payload import ACCESS_OPEN, INTEGER_FIELDS, KEYWORD_FIELDS
from ingest.settings import FusionSettings
from ingest.terms import CHANNELS, SparseVector

DENSE = "dense"
__all__ = ["DENSE", "INTEGER_FIELDS", "KEYWORD_FIELDS", "ChunkNode", "Condition", "Hit", "HybridQuery",
           "HybridStore", "StoredPoint", "conditions_from_filters", "point_id"]  # fmt: skip
_NS = uuid.UUID("6f1c1f3e-0b1e-4b1a-9a7e-02a0b0c0d0e0")


def point_id(rev: str, index: int) -> str:
    """Deterministic point id of chunk `index` of one indexed version (`rev`) of one document."""
    return str(uuid.uuid5(_NS, f"{rev}|{index}"))


@dataclass
class StoredPoint:
    id: str
    dense: list[float] | None  # None: searchable through the sparse channels until the dense vector is added
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
    """A llama-index node that also carries its sparse vectors and the text its vectors were computed from."""

    sparse: dict[str, SparseVector] = Field(default_factory=dict)
    embed_text: str = ""


def prefetch_plan(query: HybridQuery) -> list[tuple[str, list[Condition], float]]:
    """(channel, conditions, weight) of every prefetch: one per channel, plus boosted ones when asked."""
    weight_of = dict(zip((DENSE, *CHANNELS), query.fusion.weights, strict=True))
    usable = [c for c in query.channels if (c == DENSE and query.dense is not None) or (c != DENSE and _has(query, c))]
    plan = [(c, query.conditions, weight_of[c]) for c in usable]
    if query.boost is not None:
        plan += [(c, [*query.conditions, query.boost], weight_of[c] * query.fusion.boost_weight) for c in usable]
    return plan


def rrf_score(position: int, k: int, weight: float) -> float:
    """Qdrant's weighted RRF term for a 0-based position (`segment/common/reciprocal_rank_fusion.rs`, and the same
    in qdrant-client's local mode): `1 / ((position + 1) / weight + k - 1)`."""
    return 0.0 if weight <= 0 else 1.0 / ((position + 1) / weight + k - 1)


def fused_ceiling(query: HybridQuery) -> float | None:
    """The fused score of a passage ranked first by every channel of the plan (boosted prefetches left out), so a
    hit's score over it says how far the channels agree on it; None when one prefetch is searched alone (its score
    is the channel's own, not a fusion)."""
    if len(prefetch_plan(query)) < 2:
        return None
    return sum(rrf_score(0, query.fusion.rrf_k, w) for _, _, w in prefetch_plan(replace(query, boost=None)))


def stored_point(pid: Any, vectors: dict[str, Any], payload: dict[str, Any] | None) -> StoredPoint:
    """A backend record (named dense + sparse vectors with `.indices`/`.values`) as a `StoredPoint`."""
    sparse = {
        name: SparseVector(list(v.indices), list(v.values)) for name, v in vectors.items() if hasattr(v, "indices")
    }
    dense = vectors.get(DENSE)
    return StoredPoint(str(pid), list(dense) if dense is not None else None, sparse, dict(payload or {}))


def _has(query: HybridQuery, channel: str) -> bool:
    vec = query.sparse.get(channel)
    return vec is not None and bool(vec.indices)


def _filter_condition(f: MetadataFilter) -> Condition:
    op, value = f.operator, f.value
    if op == FilterOperator.EQ:
        return Condition(f.key, (value,))
    if op == FilterOperator.NE:
        return Condition(f.key, (value,), negate=True)
    if op in (FilterOperator.IN, FilterOperator.ANY):
        return Condition(f.key, tuple(value))  # type: ignore[arg-type]
    if op == FilterOperator.NIN:
        return Condition(f.key, tuple(value), negate=True)  # type: ignore[arg-type]
    if op in (FilterOperator.GTE, FilterOperator.GT) and isinstance(value, int | float):
        return Condition(f.key, gte=float(value) + (1 if op == FilterOperator.GT and isinstance(value, int) else 0))
    if op in (FilterOperator.LTE, FilterOperator.LT) and isinstance(value, int | float):
        return Condition(f.key, lte=float(value) - (1 if op == FilterOperator.LT and isinstance(value, int) else 0))
    raise QueryError("Bộ lọc không được hỗ trợ.", f"unsupported metadata filter {f!r}")


def conditions_from_filters(filters: MetadataFilters | None) -> list[Condition]:
    """llama-index `MetadataFilters` (AND of simple filters) as our conditions; anything else is refused."""
    if filters is None:
        return []
    if filters.condition not in (None, FilterCondition.AND) and len(filters.filters) > 1:
        raise QueryError("Bộ lọc không được hỗ trợ.", f"unsupported filter condition {filters.condition}")
    out: list[Condition] = []
    for f in filters.filters:
        out.extend(conditions_from_filters(f) if isinstance(f, MetadataFilters) else [_filter_condition(f)])
    return out


def _node_point(node: BaseNode) -> StoredPoint:
    return StoredPoint(
        id=node.node_id,
        dense=list(node.embedding) if node.embedding is not None else None,
        sparse=getattr(node, "sparse", {}),
        payload={**node.metadata, "text": node.get_content()},
    )


class HybridStore(BasePydanticVectorStore):
    """Backend-neutral hybrid store; subclasses implement the primitives."""

    stores_text: bool = True
    is_embedding_query: bool = True
    dim: int = 384

    # --- primitives each backend implements -------------------------------------------------------
    @abstractmethod
    def upsert(self, points: Sequence[StoredPoint]) -> None: ...

    @abstractmethod
    def set_dense(self, vectors: Sequence[tuple[str, list[float]]]) -> None:
        """Add (or replace) the dense vector of existing points."""

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
        points = [_node_point(n) for n in nodes]
        self.upsert(points)
        return [p.id for p in points]

    def delete(self, ref_doc_id: str, **delete_kwargs: Any) -> None:
        """Delete every chunk of one document (`ref_doc_id` is its `doc_key`)."""
        self.delete_where([Condition("doc_key", (ref_doc_id,))])

    def query(self, query: VectorStoreQuery, **kwargs: Any) -> VectorStoreQueryResult:
        """Hybrid query honouring `query.filters`, `doc_ids` and `node_ids`.

        Restricted documents are left out unless `sees_restricted=True` is passed: a caller that forgets the
        access rule gets the safe answer.
        """
        from ingest.terms import query_vectors

        conditions = conditions_from_filters(query.filters)
        if query.doc_ids:
            conditions.append(Condition("doc_key", tuple(query.doc_ids)))
        if query.node_ids:
            raise QueryError("Bộ lọc không được hỗ trợ.", "node_ids filters are not supported")
        if not kwargs.get("sees_restricted"):
            conditions.append(Condition("access", (ACCESS_OPEN,)))
        sparse = query_vectors(query.query_str) if query.query_str else {}
        channels = tuple(c for c in (DENSE, *CHANNELS) if (c == DENSE and query.query_embedding) or c in sparse)
        hits = self.search(
            HybridQuery(
                dense=query.query_embedding,
                sparse=sparse,
                limit=query.similarity_top_k,
                channels=channels,
                conditions=conditions,
            )
        )
        nodes = [TextNode(id_=h.id, text=h.payload.get("text", ""), metadata=_metadata(h.payload)) for h in hits]
        return VectorStoreQueryResult(nodes=nodes, similarities=[h.score for h in hits], ids=[h.id for h in hits])

    @property
    def client(self) -> Any:
        return self


def _metadata(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "text"}
