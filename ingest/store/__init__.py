"""Open the configured Qdrant backend behind the `HybridStore` interface."""

from __future__ import annotations

from ingest.errors import Nq02Error
from ingest.settings import Settings
from ingest.store.base import ChunkNode, Condition, Hit, HybridQuery, HybridStore, StoredPoint, point_id

__all__ = ["ChunkNode", "Condition", "Hit", "HybridQuery", "HybridStore", "StoredPoint", "open_store", "point_id"]


def open_store(settings: Settings, dim: int) -> HybridStore:
    """Qdrant Edge under the index folder, or qdrant-client for a server (`QDRANT_URL`) or local mode."""
    backend = settings.backend
    if backend == "edge":
        from ingest.store.edge import EdgeStore

        return EdgeStore.open(settings.index_dir / "edge", dim=dim, wait_s=settings.lock_wait_s)
    if backend in ("qdrant", "qdrant-local"):
        from ingest.store.client import ClientStore

        if backend == "qdrant":
            return ClientStore.open(settings.collection, dim, url=settings.qdrant_url, api_key=settings.qdrant_api_key)
        return ClientStore.open(settings.collection, dim, path=str(settings.index_dir / "qdrant-local"))
    raise Nq02Error(f"Cấu hình kho chỉ mục không hợp lệ: '{backend}'.", f"unknown backend {backend!r}")
