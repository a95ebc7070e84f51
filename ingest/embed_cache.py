"""A persistent cache of passage embeddings keyed by model and exact text.

Re-indexing an edited document only embeds the chunks whose text changed; benchmarks that rebuild an
index with new sparse terms or metadata reuse every dense vector.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np

from ingest import database
from ingest.embed import Embedder


class EmbeddingCache:
    """SQLite table `key -> float32 vector`; safe to share between threads and processes."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn = database.connect(path)
        self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Vectors for `texts`, computing only the ones not cached yet."""
        keys = [self.key(embedder.model_name, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                batch = keys[i : i + 500]
                rows = self._conn.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(batch))})", batch
                ).fetchall()
                found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            fresh = embedder.embed_passages([texts[i] for i in missing]).astype(np.float32)
            with self._lock, self._conn:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                    [(keys[i], fresh[j].tobytes()) for j, i in enumerate(missing)],
                )
            found.update({keys[i]: fresh[j] for j, i in enumerate(missing)})
        return np.vstack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
