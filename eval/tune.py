"""Fusion tuning and ablation: `python -m eval.tune [--out eval/out]` (after `python -m eval.run` built the indexes).

Prints the ablation table (a naive-window BM25 baseline measured in the same run, each channel alone, equal-
weight fusion, then each query-side feature switched on), the typo-tolerance table, and a grid over channel
weights, RRF k and prefetch size, scored on qa_dev (Hit@5, MRR@10) and ALQAC (MRR@10). The chosen setting goes into `FusionSettings`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from eval.indexes import SHARED, build_corpus, open_built
from eval.metrics import hit_at, mrr_at
from eval.run import distinct_docs as doc_ranks
from eval.run import qa_rank
from eval.sets import read_jsonl as _read
from ingest import FusionSettings, Index
from ingest.vn import vntext


def alqac_questions(root: Path) -> list[tuple[str, str]]:
    texts = {
        json.loads(x)["_id"]: json.loads(x)["text"] for x in (root / "queries.jsonl").read_text().splitlines() if x
    }
    return [
        (texts[qid], cid)
        for qid, cid, _ in (ln.split("\t") for ln in (root / "qrels.tsv").read_text().splitlines()[1:])
    ]


def load_qa(path: Path) -> list[dict]:
    return _read(path)


ALL = ("dense", "words", "flat")


@dataclass
class Score:
    qa_hit5: float
    qa_mrr: float
    alqac_mrr: float

    @property
    def objective(self) -> float:
        return (self.qa_mrr + self.alqac_mrr) / 2 + self.qa_hit5 / 10


def score(mineral: Index, alqac: Index | None, qa: list[dict], alqac_q: list[tuple[str, str]], **kw) -> Score:
    ranks = [qa_rank(q, mineral.search(q["question"], k=10, **kw)) for q in qa]
    aranks = []
    for text, gold in alqac_q if alqac else []:
        docs = doc_ranks(alqac.search(text, k=40, **kw))[:10]
        aranks.append(docs.index(gold) + 1 if gold in docs else None)
    return Score(hit_at(ranks, 5), mrr_at(ranks), mrr_at(aranks))


def naive_bm25_baseline(qa: list[dict], corpus: Path = SHARED / "corpus/mineral") -> float:
    """bm25s over 150-word windows (50 overlap) of the corpus text, no titles or structure (DESIGN.md baseline)."""
    import bm25s

    from ingest.load import load

    windows: list[tuple[str, str]] = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            words = load(path).text.split()
            for i in range(0, max(1, len(words) - 50), 100):
                windows.append((path.name, " ".join(words[i : i + 150])))
    retriever = bm25s.BM25()
    retriever.index([vntext.syllables(t) for _, t in windows], show_progress=False)
    from types import SimpleNamespace

    ranks = []
    for q in qa:
        res, _ = retriever.retrieve([vntext.syllables(q["question"])], k=10, show_progress=False)
        passages = [SimpleNamespace(doc=windows[i][0], text=windows[i][1]) for i in res[0]]
        ranks.append(qa_rank(q, passages))
    return hit_at(ranks, 5)


def with_slip(question: str, rng: random.Random) -> str:
    """The question with one typing slip (a letter dropped, doubled, swapped or mistyped) in one word."""
    m = rng.choice(list(re.finditer(r"[^\W\d_]{4,}", question)))
    w, i = m.group(0), rng.randrange(len(m.group(0)) - 1)
    dropped, doubled = w[:i] + w[i + 1 :], w[:i] + w[i] + w[i:]
    swapped = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    mistyped = w[:i] + rng.choice("qwertyuiopasdfghjklzxcvbnm") + w[i + 1 :]
    slipped = rng.choice([dropped, doubled, swapped, mistyped])
    return question[: m.start()] + slipped + question[m.end() :]


def typo_table(mineral: Index, qa: list[dict]) -> None:
    """qa_dev with one injected slip per question (three fixed seeds pooled), with and without typo repair."""
    rngs = [random.Random(seed) for seed in (7, 8, 9)]
    slipped = [with_slip(q["question"], rng) for rng in rngs for q in qa]
    qa = qa * len(rngs)
    repaired = sum(bool(mineral.repair_typos(s)[1]) for s in slipped)
    print(
        f"\nTypo tolerance (qa_dev, one injected slip per question, seeds 7-9 pooled: {len(qa)} questions, "
        f"{repaired} with a syllable repaired)"
    )
    print("| questions | repair | Hit@1 | Hit@5 | MRR@10 |\n|---|---|---|---|---|")
    for label, texts in [("clean", [q["question"] for q in qa]), ("with a slip", slipped)]:
        for tone_free in (False, True):
            for repair in (False, True):
                ranks = [
                    qa_rank(q, mineral.search(vntext.strip_tones(t) if tone_free else t, k=10, repair=repair))
                    for q, t in zip(qa, texts, strict=True)
                ]
                name = f"{label}{', no tone marks' if tone_free else ''}"
                print(
                    f"| {name} | {'on' if repair else 'off'} | {hit_at(ranks, 1):.3f} | {hit_at(ranks, 5):.3f} "
                    f"| {mrr_at(ranks):.3f} |"
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("eval/out"))
    ap.add_argument("--grid", action="store_true", help="also sweep weights, RRF k and prefetch size")
    ap.add_argument("--typos", action="store_true", help="only the typo-tolerance table")
    ap.add_argument("--qa", type=Path, help="a qa_dev-style file instead of qa_dev")
    ap.add_argument("--qa-corpus", type=Path, help="the folder --qa is asked against (default: the mineral index)")
    ap.add_argument("--no-alqac", action="store_true", help="leave ALQAC out (its MRR column shows 0)")
    args = ap.parse_args(argv)
    mineral = build_corpus(args.qa_corpus, args.out) if args.qa_corpus else open_built("mineral", args.out)
    alqac = None if args.no_alqac else open_built("alqac", args.out)
    qa = [q for q in load_qa(args.qa or SHARED / "eval/qa_dev.jsonl") if q["kind"] != "none" and not q.get("history")]
    alqac_q = [] if alqac is None else alqac_questions(SHARED / "corpus/alqac")
    corpus = args.qa_corpus or SHARED / "corpus/mineral"
    print(f"In-sample: every row. The fusion weights were chosen on these very questions ({args.qa or 'qa_dev'});"
          " eval.run reports the same product setting by tune/report half.\n")  # fmt: skip

    if args.typos:
        typo_table(mineral, qa)
        return 0
    print(f"Ablation ({args.qa or 'qa_dev'}: {len(qa)} answerable questions, relaxed evidence match; "
          f"ALQAC: {len(alqac_q)} questions)")  # fmt: skip
    print("| configuration | qa Hit@5 | qa MRR@10 | ALQAC MRR@10 |\n|---|---|---|---|")
    print(
        f"| baseline: bm25s, naive 150-word windows, no structure (same run) | {naive_bm25_baseline(qa, corpus):.3f} | - | - |"
    )
    equal = FusionSettings(prefetch_limit=40, rrf_k=60, dense_weight=1, words_weight=1, flat_weight=1)
    rows = [
        ("dense only (structure-aware chunks with title and heading path)", {"channels": ("dense",), "expand": False, "boost": False}),
        ("sparse words+syllables only", {"channels": ("words",), "expand": False, "boost": False}),
        ("sparse tone-stripped only", {"channels": ("flat",), "expand": False, "boost": False}),
        ("fused, equal weights (RRF k=60)", {"channels": ALL, "fusion": equal, "expand": False, "boost": False}),
        ("+ abbreviation expansion", {"channels": ALL, "fusion": equal, "expand": True, "boost": False}),
        ("+ named-document prefetch boost", {"channels": ALL, "fusion": equal, "expand": True, "boost": True}),
        ("+ tuned fusion (current FusionSettings)", {"channels": ALL}),
    ]  # fmt: skip
    for name, kw in rows:
        s = score(mineral, alqac, qa, alqac_q, **kw)
        print(f"| {name} | {s.qa_hit5:.3f} | {s.qa_mrr:.3f} | {s.alqac_mrr:.3f} |")

    typo_table(mineral, qa)

    if args.grid:
        print("\nGrid (top 10 by objective = mean(qa MRR, ALQAC MRR) + qa Hit@5 / 10)")
        print(
            "| dense | words | flat | rrf k | prefetch | qa Hit@5 | qa MRR@10 | ALQAC MRR@10 |\n|---|---|---|---|---|---|---|---|"
        )
        results = []
        for d, w, f, k, pre in itertools.product((0.5, 1.0, 1.5), (0.5, 1.0, 1.5), (0.5, 1.0, 1.5), (10, 60), (20, 50)):
            fusion = FusionSettings(prefetch_limit=pre, rrf_k=k, dense_weight=d, words_weight=w, flat_weight=f)
            results.append(((d, w, f, k, pre), score(mineral, alqac, qa, alqac_q, channels=ALL, fusion=fusion)))
        for (d, w, f, k, pre), s in sorted(results, key=lambda r: -r[1].objective)[:10]:
            print(f"| {d} | {w} | {f} | {k} | {pre} | {s.qa_hit5:.3f} | {s.qa_mrr:.3f} | {s.alqac_mrr:.3f} |")
    mineral.close()
    if alqac:
        alqac.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
