"""qdrant-client backend: a Qdrant server or cluster (`QDRANT_URL`), or local mode (`path=`) in tests."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import PrivateAttr
from qdrant_client import QdrantClient, models

from ingest.errors import IndexBusyError
from ingest.store.base import (
    DENSE,
    INTEGER_FIELDS,
    KEYWORD_FIELDS,
    Condition,
    Hit,
    HybridQuery,
    HybridStore,
    StoredPoint,
    prefetch_plan,
)
from ingest.terms import CHANNELS

log = logging.getLogger(__name__)
_BATCH = 256


def _condition(c: Condition) -> models.FieldCondition:
    if c.gte is not None or c.lte is not None:
        return models.FieldCondition(key=c.key, range=models.Range(gte=c.gte, lte=c.lte))
    if len(c.any_of) == 1:
        return models.FieldCondition(key=c.key, match=models.MatchValue(value=c.any_of[0]))
    return models.FieldCondition(key=c.key, match=models.MatchAny(any=list(c.any_of)))


def _filter(conditions: list[Condition] | None) -> models.Filter | None:
    if not conditions:
        return None
    must = [_condition(c) for c in conditions if not c.negate]
    must_not = [_condition(c) for c in conditions if c.negate]
    return models.Filter(must=must or None, must_not=must_not or None)


def _sparse(v: Any) -> models.SparseVector:
    return models.SparseVector(indices=list(v.indices), values=list(v.values))


def _vectors(p: StoredPoint) -> dict[str, Any]:
    out: dict[str, Any] = {k: _sparse(v) for k, v in p.sparse.items() if v.indices}
    if p.dense is not None:
        out[DENSE] = list(map(float, p.dense))
    return out


class ClientStore(HybridStore):
    """Hybrid store in one collection of a Qdrant server (or qdrant-client local mode)."""

    collection: str = "nq02"
    _client: Any = PrivateAttr(default=None)
    _server: bool = PrivateAttr(default=False)

    @classmethod
    def open(
        cls,
        collection: str,
        dim: int,
        url: str | None = None,
        api_key: str | None = None,
        path: str | None = None,
    ) -> ClientStore:
        store = cls(collection=collection, dim=dim)
        store._server = bool(url)
        try:
            store._client = QdrantClient(url=url, api_key=api_key) if url else QdrantClient(path=path)
        except RuntimeError as exc:
            raise IndexBusyError(
                "Kho chỉ mục cục bộ đang được một tiến trình khác sử dụng.", f"qdrant local {path}: {exc}"
            ) from exc
        store._ensure_collection()
        return store

    def _ensure_collection(self) -> None:
        c = self._client
        if c.collection_exists(self.collection):
            return
        c.create_collection(
            self.collection,
            vectors_config={DENSE: models.VectorParams(size=self.dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={name: models.SparseVectorParams(modifier=models.Modifier.IDF) for name in CHANNELS},
        )
        schema = {
            **dict.fromkeys(KEYWORD_FIELDS, models.PayloadSchemaType.KEYWORD),
            **dict.fromkeys(INTEGER_FIELDS, models.PayloadSchemaType.INTEGER),
        }
        if self._server:  # local mode ignores payload indexes (and warns about them)
            for name, kind in schema.items():
                c.create_payload_index(self.collection, name, field_schema=kind)

    def upsert(self, points: Sequence[StoredPoint]) -> None:
        for i in range(0, len(points), _BATCH):
            batch = [models.PointStruct(id=p.id, vector=_vectors(p), payload=p.payload) for p in points[i : i + _BATCH]]
            self._client.upsert(self.collection, batch, wait=True)

    def set_dense(self, vectors: Sequence[tuple[str, list[float]]]) -> None:
        for i in range(0, len(vectors), _BATCH):
            batch = [
                models.PointVectors(id=pid, vector={DENSE: list(map(float, v))}) for pid, v in vectors[i : i + _BATCH]
            ]
            self._client.update_vectors(self.collection, points=batch, wait=True)

    def delete_where(self, conditions: list[Condition]) -> None:
        self._client.delete(self.collection, points_selector=models.FilterSelector(filter=_filter(conditions)))

    def set_payload(self, conditions: list[Condition], payload: dict[str, Any]) -> None:
        self._client.set_payload(
            self.collection, payload=payload, points=models.FilterSelector(filter=_filter(conditions))
        )

    def search(self, query: HybridQuery) -> list[Hit]:
        plan = prefetch_plan(query)
        if not plan:
            return []

        def vector(channel: str) -> Any:
            return list(map(float, query.dense or [])) if channel == DENSE else _sparse(query.sparse[channel])

        if len(plan) == 1:
            channel, conditions, _ = plan[0]
            res = self._client.query_points(
                self.collection,
                query=vector(channel),
                using=channel,
                limit=query.limit,
                query_filter=_filter(conditions),
                with_payload=True,
            )
        else:
            limit = max(query.limit, query.fusion.prefetch_limit)
            res = self._client.query_points(
                self.collection,
                prefetch=[
                    models.Prefetch(query=vector(c), using=c, limit=limit, filter=_filter(f)) for c, f, _ in plan
                ],
                query=models.RrfQuery(rrf=models.Rrf(k=query.fusion.rrf_k, weights=[w for _, _, w in plan])),
                limit=query.limit,
                with_payload=True,
            )
        return [Hit(id=str(p.id), score=float(p.score), payload=dict(p.payload or {})) for p in res.points]

    def records(
        self, conditions: list[Condition] | None, with_payload: Any = True, with_vectors: bool = False
    ) -> Iterable[Any]:
        offset = None
        while True:
            records, offset = self._client.scroll(
                self.collection,
                scroll_filter=_filter(conditions),
                limit=256,
                offset=offset,
                with_payload=with_payload,
                with_vectors=with_vectors,
            )
            yield from records
            if offset is None or not records:
                return

    def count(self, conditions: list[Condition] | None = None) -> int:
        return int(self._client.count(self.collection, count_filter=_filter(conditions), exact=True).count)

    def facet(self, key: str, conditions: list[Condition] | None = None, limit: int = 200) -> dict[Any, int]:
        resp = self._client.facet(self.collection, key=key, facet_filter=_filter(conditions), limit=limit, exact=True)
        return {h.value: h.count for h in resp.hits}

    def optimize(self) -> None:
        """The server optimises in the background; nothing to do here."""

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
