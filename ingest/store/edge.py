"""Qdrant Edge backend: the Qdrant engine in-process (`qdrant_edge.EdgeShard`), stored under the index folder.

The shard is held exclusively by one process; a second opener gets `IndexBusyError` with a clear message.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import qdrant_edge as qe
from pydantic import PrivateAttr

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


def _condition(c: Condition) -> Any:
    if c.gte is not None or c.lte is not None:
        return qe.FieldCondition(key=c.key, range=qe.RangeFloat(gte=c.gte, lte=c.lte))
    if len(c.any_of) == 1:
        return qe.FieldCondition(key=c.key, match=qe.MatchValue(c.any_of[0]))
    return qe.FieldCondition(key=c.key, match=qe.MatchAny(list(c.any_of)))


def _filter(conditions: list[Condition] | None) -> qe.Filter | None:
    if not conditions:
        return None
    must = [_condition(c) for c in conditions if not c.negate]
    must_not = [_condition(c) for c in conditions if c.negate]
    return qe.Filter(must=must or None, must_not=must_not or None)


def _sparse(v: Any) -> qe.SparseVector:
    return qe.SparseVector(list(v.indices), list(v.values))


def _vectors(p: StoredPoint) -> dict[str, Any]:
    out: dict[str, Any] = {k: _sparse(v) for k, v in p.sparse.items() if v.indices}
    if p.dense is not None:
        out[DENSE] = list(map(float, p.dense))
    return out


class EdgeStore(HybridStore):
    """Hybrid store on a Qdrant Edge shard in `path`."""

    path: str = ""
    _shard: Any = PrivateAttr(default=None)
    _lock: threading.RLock = PrivateAttr(default_factory=threading.RLock)

    @classmethod
    def open(cls, path: Path, dim: int, wait_s: float = 0.0) -> EdgeStore:
        """Open (or create) the shard; wait up to `wait_s` seconds while another process holds it."""
        store = cls(path=str(path), dim=dim)
        deadline = time.monotonic() + wait_s
        while True:
            try:
                store._shard = store._load_or_create()
                return store
            except IndexBusyError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.5)

    def _config(self) -> qe.EdgeConfig:
        return qe.EdgeConfig(
            vectors={DENSE: qe.EdgeVectorParams(size=self.dim, distance=qe.Distance.Cosine)},
            sparse_vectors={name: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf) for name in CHANNELS},
        )

    def _load_or_create(self) -> Any:
        path = Path(self.path)
        try:
            if (path / "wal").exists() or any(path.glob("segments*")):
                return qe.EdgeShard.load(str(path))
            path.mkdir(parents=True, exist_ok=True)
            shard = qe.EdgeShard.create(str(path), self._config())
        except Exception as exc:
            if "WouldBlock" in str(exc) or "lock" in str(exc).lower():
                raise IndexBusyError(
                    "Kho chỉ mục đang được một tiến trình khác sử dụng (ví dụ ứng dụng web đang chạy). "
                    "Hãy tải tệp lên qua ứng dụng, hoặc dừng ứng dụng rồi chạy lại lệnh.",
                    f"edge shard {path} is locked by another process: {exc}",
                ) from exc
            raise
        for name in KEYWORD_FIELDS:
            shard.update(qe.UpdateOperation.create_field_index(name, qe.PayloadSchemaType.Keyword))
        for name in INTEGER_FIELDS:
            shard.update(qe.UpdateOperation.create_field_index(name, qe.PayloadSchemaType.Integer))
        return shard

    def upsert(self, points: Sequence[StoredPoint]) -> None:
        with self._lock:
            for i in range(0, len(points), _BATCH):
                batch = [qe.Point(p.id, _vectors(p), p.payload) for p in points[i : i + _BATCH]]
                self._shard.update(qe.UpdateOperation.upsert_points(batch))

    def set_dense(self, vectors: Sequence[tuple[str, list[float]]]) -> None:
        with self._lock:
            for i in range(0, len(vectors), _BATCH):
                batch = [qe.PointVectors(pid, {DENSE: list(map(float, v))}) for pid, v in vectors[i : i + _BATCH]]
                self._shard.update(qe.UpdateOperation.update_vectors(batch))

    def delete_where(self, conditions: list[Condition]) -> None:
        with self._lock:
            self._shard.update(qe.UpdateOperation.delete_points_by_filter(_filter(conditions)))

    def set_payload(self, conditions: list[Condition], payload: dict[str, Any]) -> None:
        with self._lock:
            self._shard.update(qe.UpdateOperation.set_payload_by_filter(_filter(conditions), payload))

    def _nearest(self, query: HybridQuery, channel: str) -> Any:
        if channel == DENSE:
            return qe.Query.Nearest(list(map(float, query.dense or [])), using=DENSE)
        return qe.Query.Nearest(_sparse(query.sparse[channel]), using=channel)

    def search(self, query: HybridQuery) -> list[Hit]:
        plan = prefetch_plan(query)
        if not plan:
            return []
        if len(plan) == 1:
            channel, conditions, _ = plan[0]
            req = qe.QueryRequest(
                limit=query.limit, query=self._nearest(query, channel), filter=_filter(conditions), with_payload=True
            )
        else:
            limit = max(query.limit, query.fusion.prefetch_limit)
            req = qe.QueryRequest(
                limit=query.limit,
                prefetches=[
                    qe.Prefetch(limit=limit, query=self._nearest(query, c), filter=_filter(f)) for c, f, _ in plan
                ],
                query=qe.Fusion.Rrf(k=query.fusion.rrf_k, weights=[w for _, _, w in plan]),
                with_payload=True,
            )
        points = self._shard.query(req)
        return [Hit(id=str(p.id), score=float(p.score), payload=dict(p.payload or {})) for p in points]

    def records(
        self, conditions: list[Condition] | None, with_payload: Any = True, with_vectors: bool = False
    ) -> Iterable[Any]:
        offset = None
        while True:
            records, offset = self._shard.scroll(
                qe.ScrollRequest(
                    offset=offset,
                    limit=256,
                    filter=_filter(conditions),
                    with_payload=with_payload,
                    with_vector=with_vectors,
                )
            )
            yield from records
            if offset is None or not records:
                return

    def count(self, conditions: list[Condition] | None = None) -> int:
        return int(self._shard.count(qe.CountRequest(filter=_filter(conditions), exact=True)))

    def facet(self, key: str, conditions: list[Condition] | None = None, limit: int = 200) -> dict[Any, int]:
        resp = self._shard.facet(qe.FacetRequest(key=key, limit=limit, exact=True, filter=_filter(conditions)))
        return {h.value: h.count for h in resp.hits if h.count > 0}  # Edge also lists values whose points are deleted

    def optimize(self) -> None:
        with self._lock:
            self._shard.optimize()

    def close(self) -> None:
        with self._lock:
            if self._shard is not None:
                self._shard.flush()
                self._shard.close()
                self._shard = None
