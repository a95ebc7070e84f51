"""Scale benchmark: grow the index to N chunks and time hybrid queries on Qdrant Edge and qdrant-client local mode.

`python -m eval.scale [--n 100000] [--out eval/out]` (run `python -m eval.run` first: it builds the ALQAC and
mineral indexes whose real chunks are replicated here). Replicas perturb the dense vector (Gaussian noise,
re-normalised) and drop 10% of each sparse vector's terms, so the engine sees 100k distinct points with the
real term distribution. Each backend runs in its own process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil

from eval.metrics import percentile
from ingest import FusionSettings, Index, Settings, terms
from ingest.store import HybridQuery, StoredPoint
from ingest.terms import SparseVector

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def source_points(indexes: list[Path]) -> list[StoredPoint]:
    points: list[StoredPoint] = []
    for path in indexes:
        index = Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0), recover=False)
        points += list(index.export_points())
        index.close()
    return points


def queries(texts: list[str]) -> list[HybridQuery]:
    index_settings = Settings.from_env()
    from ingest.embed import make_embedder

    embedder = make_embedder(index_settings.embedder)
    dense = embedder.embed_queries(texts)
    return [
        HybridQuery(dense=d.tolist(), sparse=terms.query_vectors(t), limit=10, fusion=FusionSettings())
        for d, t in zip(dense, texts, strict=True)
    ]


def replicas(base: list[StoredPoint], n: int, seed: int = 7) -> list[StoredPoint]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    out = list(base)
    r = 0
    while len(out) < n:
        r += 1
        for p in base:
            if len(out) >= n:
                break
            vec = np.asarray(p.dense, dtype=np.float32) + nrng.normal(0, 0.03, len(p.dense)).astype(np.float32)
            vec /= np.linalg.norm(vec)
            sparse = {}
            for name, sv in p.sparse.items():
                keep = [i for i in range(len(sv.indices)) if rng.random() > 0.1] or [0]
                sparse[name] = SparseVector([sv.indices[i] for i in keep], [sv.values[i] for i in keep])
            payload = {**p.payload, "doc": f"{p.payload.get('doc')}#{r}", "doc_key": f"{p.payload.get('doc_key')}#{r}",
                       "rev": f"{p.payload.get('rev')}#{r}"}  # fmt: skip
            out.append(StoredPoint(f"{p.id[:-8]}{r:08x}", vec.tolist(), sparse, payload))
    return out


def _open(backend: str, workdir: Path, dim: int):
    if backend == "edge":
        from ingest.store.edge import EdgeStore

        return EdgeStore.open(workdir / "edge", dim=dim)
    from ingest.store.client import ClientStore

    return ClientStore.open("scale", dim=dim, path=str(workdir / "local"))


def build(backend: str, data: Path, workdir: Path) -> dict:
    """Phase 1 (own process): load the points into a fresh store, optimise, close."""
    points = pickle.loads(data.read_bytes())
    store = _open(backend, workdir, len(points[0].dense))
    t = time.perf_counter()
    store.upsert(points)
    upsert_s = time.perf_counter() - t
    t = time.perf_counter()
    store.optimize()
    optimize_s = time.perf_counter() - t
    count = store.count()
    store.close()
    return {"points": count, "upsert_s": upsert_s, "optimize_s": optimize_s}


def query(backend: str, data: Path, workdir: Path, n_queries: int = 100) -> dict:
    """Phase 2 (own process): open the stored index, time warm hybrid queries, report the process's memory."""
    qs = pickle.loads(data.with_name("queries.pkl").read_bytes())[:n_queries]
    store = _open(backend, workdir, len(qs[0].dense or []))
    for q in qs[: max(3, n_queries // 10)]:  # warm-up
        store.search(q)
    lat = []
    for q in qs:
        t = time.perf_counter()
        store.search(q)
        lat.append((time.perf_counter() - t) * 1000)
    import resource

    rss = psutil.Process().memory_info().rss / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    return {"p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "rss_loaded_mb": rss, "peak_rss_mb": peak}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("eval/out"))
    ap.add_argument("--backends", default="edge,qdrant-local")
    ap.add_argument("--queries", type=int, default=20, help="questions timed on qdrant-client local mode (slow)")
    ap.add_argument(
        "--source",
        type=Path,
        action="append",
        help="indexes whose chunks are replicated (default: eval/out/alqac-index and mineral-index)",
    )
    ap.add_argument("--questions", type=Path, help="questions, one per line (default: the ALQAC questions)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    work = args.out / "scale"
    if args.worker:
        phase, backend = args.worker.split(":")
        result = (
            build(backend, args.data, work / backend)
            if phase == "build"
            else query(backend, args.data, work / backend, args.queries if backend != "edge" else 100)
        )
        print(json.dumps(result))
        return 0
    sources = args.source or [args.out / "alqac-index", args.out / "mineral-index"]
    if not all((s / "catalog.sqlite").exists() for s in sources):
        print("Hãy tạo các kho chỉ mục trước: python -m eval.indexes alqac mineral", file=sys.stderr)
        return 2
    if args.questions:
        texts = [x.strip() for x in args.questions.read_text(encoding="utf-8").splitlines() if x.strip()]
    else:
        texts = [json.loads(x)["text"] for x in (SHARED / "corpus/alqac/queries.jsonl").read_text().splitlines() if x]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t = time.perf_counter()
    base = source_points(sources)
    points = replicas(base, args.n)
    data = work / "points.pkl"
    data.write_bytes(pickle.dumps(points))
    data.with_name("queries.pkl").write_bytes(pickle.dumps(queries(texts)))
    print(f"{len(base)} real chunks replicated to {len(points)} points in {time.perf_counter() - t:.0f} s")
    del points, base
    rows = []
    for backend in args.backends.split(","):
        row = {"backend": backend}
        for phase in ("build", "query"):
            res = subprocess.run(
                [sys.executable, "-m", "eval.scale", "--worker", f"{phase}:{backend}", "--data", str(data),
                 "--out", str(args.out), "--queries", str(args.queries)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            row.update(json.loads(res.stdout.strip().splitlines()[-1]))
        rows.append(row)
    from tabulate import tabulate

    print(f"\nHybrid query (3 prefetches + RRF, no filter), {args.n} points, questions timed: Edge up to 100, "
          f"local mode {args.queries}; warm, in-process (qdrant-client local mode is the baseline):")  # fmt: skip
    print(tabulate([[r["backend"], r["points"], r["upsert_s"], r["optimize_s"], r["p50_ms"], r["p95_ms"],
                     r["rss_loaded_mb"], r["peak_rss_mb"]] for r in rows],
                   headers=["backend", "points", "upsert s", "optimize s", "query p50 ms", "query p95 ms",
                            "RSS with index MB", "peak RSS MB"], tablefmt="github", floatfmt=".1f"))  # fmt: skip
    print("(RSS includes the Python process and, during loading, the benchmark's own copy of the points.)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
