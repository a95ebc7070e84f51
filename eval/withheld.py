"""Unanswerable questions made as ext/A made its own: `python -m eval.withheld [--root DIR] [--limit N]`.

ext/A's README (How the set was built, step 3) turns a question unanswerable by leaving its gold passage out of the
corpus, keeps it only if no passage left has token Jaccard >= 0.5 with the gold one and none of its gold spans of 3
tokens or more still occurs verbatim. Each tune half has about 20 such questions: too few to tell one abstention
score from another. Here every answerable tune question is asked again with its gold document withheld from the
search (a filter, so every channel ranks the rest as if it were gone), kept by the same two rules: the same
construction, about seven times as many questions, the same index. The table gives the share the product's
answerability score abstains on at its threshold, beside the share of the real unanswerable ones and of the
answerable ones, and the baseline in the same run: the channels' agreement, its threshold chosen by
`eval.abstention`'s rule (abstaining on at most `BUDGET` of the answerable tune questions).

Tune half, 2026-12-07: the product abstains on 0.44 of 129 withheld questions (real: 10/19), as written; the
agreement alone on 0.36. Best-sentence coverage, the dense similarity of the best sentence, and logistic
regressions of these with coverage all stayed within 0.05 of coverage alone at the same 6 % budget on answerable
questions (5-fold by question): no lexical or dense signal tried separates more.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from eval.abstention import BUDGET
from eval.indexes import OUT, build, build_corpus
from eval.sets import EXT, half, read_jsonl
from eval.tables import table
from ingest import Condition, Index

NEAR = 0.5  # token Jaccard of a passage left in the corpus with the withheld one (the set's own rule)
SPAN_TOKENS = 3  # a gold span this long found verbatim elsewhere leaves the question answerable


def _tokens(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


def withheld(items: list[dict], corpus: dict[str, str]) -> list[dict]:
    """The answerable questions that stay unanswerable once their gold document (`doc`, a file stem) is left out."""
    words = {k: set(v.split()) for k, v in corpus.items()}
    out = []
    for q in items:
        gold = q.get("doc")
        if not q.get("answerable", True) or gold not in corpus:
            continue
        own = words[gold]
        near = any(len(own & w) / (len(own | w) or 1) >= NEAR for k, w in words.items() if k != gold)
        spans = [s for s in map(_tokens, q.get("answers", [])) if len(s.split()) >= SPAN_TOKENS]
        leak = any(f" {s} " in f" {text} " for s in spans for k, text in corpus.items() if k != gold)
        if not (near or leak):
            out.append(q)
    return out


def at_budget(values: list[float], budget: float) -> float:
    """The threshold below which at most `budget` of `values` (answerable questions' scores) fall."""
    ordered = sorted(values)
    return ordered[int(budget * len(ordered))] if ordered else 0.0


def scores(index: Index, q: dict, left_out: str | None = None) -> tuple[float, float]:
    """(answerability score, channels' agreement) of the question, asked with the file `left_out` withheld."""
    from app.answer.answerability import score
    from app.answer.ask import retrieve

    query = index.understand(q["question"], True)
    passages = retrieve(index, query, 5, [Condition("doc", (left_out,), negate=True)] if left_out else None, True)
    agreement = passages[0].agreement if passages and passages[0].agreement is not None else 0.0
    return score(query, passages, index.term_weights(True)), agreement


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=EXT / "A", help="an ext/A-style folder: corpus/, questions.jsonl")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, help="at most N questions (a quick look)")
    args = ap.parse_args(argv)
    paths = sorted((args.root / "corpus").glob("*.txt"))
    if not paths:
        print(f"Không có kho văn bản trong {args.root / 'corpus'}.", file=sys.stderr)
        return 2
    files = {p.stem: p.name for p in paths}
    corpus = {p.stem: _tokens(p.read_text(encoding="utf-8")) for p in paths}
    items = [q for q in read_jsonl(args.root / "questions.jsonl") if half(str(q["id"])) == "tune"]
    chosen = withheld(items, corpus)[: args.limit]
    real = [q for q in items if not q.get("answerable", True)][: args.limit]
    index = (
        build("extA", args.out, quiet=True) if args.root == EXT / "A" else build_corpus(args.root / "corpus", args.out)
    )
    try:
        heur = index.settings.heuristics
        answerable = [scores(index, q) for q in [q for q in items if q.get("answerable", True)][: args.limit]]
        baseline = at_budget([a for _, a in answerable], BUDGET)
        rows = []
        for name, got in (("answerable (abstained: wrong)", answerable),
                          ("gold passage withheld", [scores(index, q, files[q["doc"]]) for q in chosen]),
                          ("real unanswerable", [scores(index, q) for q in real])):  # fmt: skip
            n = len(got) or 1
            rows.append([name, len(got), sum(s < heur.answerability_min for s, _ in got) / n,
                         sum(a < baseline for _, a in got) / n])  # fmt: skip
    finally:
        index.close()
    table(f"Unanswerable tune questions abstained on ({args.root.name}, as written)", rows,
          ["questions", "n", f"product: coverage < {heur.answerability_min:.3f}",
           f"baseline: agreement < {baseline:.3f}"])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
