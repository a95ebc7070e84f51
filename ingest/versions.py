"""The pipeline version of an indexed document: a hash of the versions of the stages that produced it.

A document indexed by an older loader, metadata reader, chunker, term extractor, passage builder, embedder or
Vietnamese layer (its code version and vocabularies) is
stale: the next ingest indexes it again even though its file did not change, and benchmarks refuse to run on it.
"""

from __future__ import annotations

import hashlib


def stage_versions(embedder: str) -> dict[str, str]:
    from ingest import chunk, describe, load, nodes, terms
    from ingest.vn import vocab

    return {
        "load": load.VERSION,
        "describe": describe.VERSION,
        "chunk": chunk.VERSION,
        "nodes": nodes.VERSION,
        "terms": terms.VERSION,
        "vn": vocab.fingerprint(),
        "embed": embedder,
    }


def pipeline_version(embedder: str) -> str:
    """`a1b2c3d4e5f6`: changes when any stage version changes."""
    spec = ";".join(f"{k}={v}" for k, v in sorted(stage_versions(embedder).items()))
    return hashlib.sha1(spec.encode()).hexdigest()[:12]


def revision(key: str, sha256: str, version: str) -> str:
    """The id of one indexed version of one document (its chunks carry it as `rev`)."""
    return hashlib.sha1(f"{key}\x00{sha256}\x00{version}".encode()).hexdigest()[:20]
