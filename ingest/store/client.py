"""qdrant-client backend: a Qdrant server or cluster (`QDRANT_URL`), or local mode (`path=`) in tests."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import PrivateAttr
from qdrant_client import QdrantClient, models

from ingest.errors import IndexBusyError
from ingest.store.base import (
    BOOL_FIELDS,
    DENSE,
    INTEGER_FIELDS,
    KEYWORD_FIELDS,
    Condition,
    Hit,
    HybridQuery,
    HybridStore,
    StoredPoint,
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


class ClientStore(HybridStore):
    """Hybrid store in one collection of a Qdrant server (or qdrant-client local mode)."""

    collection: str = "nq02"
    _client: Any = PrivateAttr(default=None)

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
            **dict.fromkeys(BOOL_FIELDS, models.PayloadSchemaType.BOOL),
        }
        for name, kind in schema.items():
            c.create_payload_index(self.collection, name, field_schema=kind)

    def upsert(self, points: Sequence[StoredPoint]) -> None:
        for i in range(0, len(points), _BATCH):
            batch = [
                models.PointStruct(
                    id=p.id,
                    vector={
                        DENSE: list(map(float, p.dense)),
                        **{k: _sparse(v) for k, v in p.sparse.items() if v.indices},
                    },
                    payload=p.payload,
                )
                for p in points[i : i + _BATCH]
            ]
            self._client.upsert(self.collection, batch, wait=True)

    def delete_where(self, conditions: list[Condition]) -> None:
        self._client.delete(self.collection, points_selector=models.FilterSelector(filter=_filter(conditions)))

    def set_payload(self, conditions: list[Condition], payload: dict[str, Any]) -> None:
        self._client.set_payload(
            self.collection, payload=payload, points=models.FilterSelector(filter=_filter(conditions))
        )

    def search(self, query: HybridQuery) -> list[Hit]:
        flt = _filter(query.conditions)
        limit = max(query.limit, query.fusion.prefetch_limit)
        weight_of = dict(zip((DENSE, *CHANNELS), query.fusion.weights, strict=True))
        prefetches, weights = [], []
        for channel in query.channels:
            if channel == DENSE:
                if query.dense is None:
                    continue
                q: Any = list(map(float, query.dense))
            else:
                vec = query.sparse.get(channel)
                if vec is None or not vec.indices:
                    continue
                q = _sparse(vec)
            prefetches.append(models.Prefetch(query=q, using=channel, limit=limit, filter=flt))
            weights.append(weight_of[channel])
        if not prefetches:
            return []
        if len(prefetches) == 1:
            p = prefetches[0]
            res = self._client.query_points(
                self.collection, query=p.query, using=p.using, limit=query.limit, query_filter=flt, with_payload=True
            )
        else:
            res = self._client.query_points(
                self.collection,
                prefetch=prefetches,
                query=models.RrfQuery(rrf=models.Rrf(k=query.fusion.rrf_k, weights=weights)),
                limit=query.limit,
                with_payload=True,
            )
        return [Hit(id=str(p.id), score=float(p.score), payload=dict(p.payload or {})) for p in res.points]

    def scroll(self, conditions: list[Condition], fields: list[str] | None = None) -> Iterable[Hit]:
        offset = None
        while True:
            records, offset = self._client.scroll(
                self.collection,
                scroll_filter=_filter(conditions),
                limit=512,
                offset=offset,
                with_payload=fields if fields else True,
            )
            for r in records:
                yield Hit(id=str(r.id), score=0.0, payload=dict(r.payload or {}))
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
