"""Unanswerable questions made as ext/A made its own: `python -m eval.withheld [--root DIR] [--limit N]`.

ext/A's README (How the set was built, step 3) turns a question unanswerable by leaving its gold passage out of the
corpus, keeps it only if no passage left has token Jaccard >= 0.5 with the gold one and none of its gold spans of 3
tokens or more still occurs verbatim. Each tune half has about 20 such questions: too few to tell one abstention
score from another. Here every answerable tune question is asked again with its gold document withheld from the
search (a filter, so every channel ranks the rest as if it were gone), kept by the same two rules: the same
construction, about seven times as many questions, the same index. The table gives the share the product's
answerability score abstains on at its threshold, beside the share of the real unanswerable ones and of the
answerable ones, and the baseline in the same run: the channels' agreement, its threshold chosen on the real tune
rows by `eval.abstention.choose` (abstaining on at most `BUDGET` of the answerable ones).

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

from eval.abstention import Row, agreement_score, choose, product_score, signals
from eval.indexes import OUT, add_overrides, build, build_corpus, heuristics_overrides, tuned
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


def rows(index: Index, questions: list[dict], answerable: bool, files: dict[str, str] | None = None) -> list[Row]:
    """The signals of tune questions as written, each asked with its gold file withheld when `files` is given."""
    weights = index.term_weights(True)
    out = []
    for q in questions:
        withheld_file = [Condition("doc", (files[q["doc"]],), negate=True)] if files else None
        agreement, coverage = signals(index, q["question"], weights, withheld_file)
        out.append(Row("ext/A", str(q["id"]), "tune", answerable, "as written", agreement, coverage))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=EXT / "A", help="an ext/A-style folder: corpus/, questions.jsonl")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, help="at most N questions (a quick look)")
    add_overrides(ap)
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
    index = tuned(index, heuristics_overrides(args.set))
    try:
        heur = index.settings.heuristics
        answered = rows(index, [q for q in items if q.get("answerable", True)][: args.limit], True)
        made = rows(index, chosen, False, files)
        real_rows = rows(index, real, False)
        baseline = choose(answered + real_rows, agreement_score)  # eval.abstention's rule, on the real tune rows
        table_rows = []
        for name, got in (("answerable (abstained: wrong)", answered), ("gold passage withheld", made),
                          ("real unanswerable", real_rows)):  # fmt: skip
            n = len(got) or 1
            table_rows.append([name, len(got), sum(product_score(r) < heur.answerability_min for r in got) / n,
                               sum(agreement_score(r) < baseline for r in got) / n])  # fmt: skip
    finally:
        index.close()
    table(f"Unanswerable tune questions abstained on ({args.root.name}, as written)", table_rows,
          ["questions", "n", f"product: coverage < {heur.answerability_min:.3f}",
           f"baseline: agreement < {baseline:.3f}"])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
