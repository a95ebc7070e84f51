"""The abstention curve: `python -m eval.abstention [--fit] [--final] [--limit N]`.

Every question of qa_dev (over the mineral index) and ext/A (over its own) is asked as written and typed without
tone marks. For each, the answerability score is read (`app/answer/answerability.py`: the best passage's
rarity-weighted coverage of the question), with the retrieval channels' agreement on that passage, and the label
is whether the question is answerable. The table is the curve: at thresholds around the product's, the share of
answerable questions that would be abstained on beside the share of unanswerable ones, per set and together.
Beside it, in the same run, each at its own threshold chosen by the same rule: the baseline (the channels'
agreement alone: a retrieval-score threshold), and a class-balanced logistic regression of agreement and coverage.

`--fit` chooses the thresholds on the tune halves of both sets together and prints the product's for `Heuristics`.
The rule, fixed before looking: the threshold abstaining on the most unanswerable tune questions (as written) while
abstaining on at most `BUDGET` of the answerable ones (the target is 0.08; the margin is for questions nobody here
wrote). Rows and their signals go to `--out`/abstention_rows.jsonl (the halves shown only).

Tune halves, 2026-12-06 (`--fit`): coverage at 0.60 abstains on 10/21 unanswerable questions for 11/188 answerable
ones (without tone marks: 9/21 for 13/188); the channels' agreement alone on 6/21 for 11/188; the logistic regression
of both, better by area under the curve (0.862 against 0.785, 5-fold on the tune rows), on 4/21 for 7/188 (and about
0.22 at 6 % in cross-validation), so coverage alone is the product's score.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from eval.indexes import OUT, SHARED, add_overrides, heuristics_overrides, open_built, tuned
from eval.invariance import tone_free
from eval.run import label, write_jsonl
from eval.sets import EXT, ext_a, half, qa_file, show_final, shown
from eval.tables import table

BUDGET = 0.06  # answerable questions the chosen threshold may abstain on (tune halves, as written)


@dataclass
class Row:
    set: str
    id: str
    half: str
    answerable: bool
    typed: str  # "as written" | "without tone marks"
    agreement: float | None
    coverage: float


def signals(index, text: str, weights: dict[str, float], conditions: list | None = None) -> tuple[float | None, float]:
    """(channels' agreement on the best passage, answerability score) of one question as the product retrieves for
    it (`conditions`: filters, e.g. a document withheld)."""
    from app.answer.answerability import score
    from app.answer.ask import retrieve

    query = index.understand(text, True)
    passages = retrieve(index, query, 5, conditions, True)
    return (passages[0].agreement if passages else None), score(
        query, passages, weights, index.settings.heuristics.answerability_passages
    )


def collect(index, name: str, items: list[dict], limit: int | None) -> list[Row]:
    """The score and agreement of every question of the shown halves, as written and without tone marks."""
    weights = index.term_weights(True)
    rows: list[Row] = []
    items = [q for q in items if not q.get("history")]
    items = [q for q in items if "all" in shown() or half(str(q["id"])) in shown()][:limit]
    for q in items:
        answerable = q.get("kind") != "none" and q.get("answerable", True)
        for typed, text in (("as written", q["question"]), ("without tone marks", tone_free(q["question"]))):
            if text is None:
                continue
            agreement, coverage = signals(index, text, weights)
            rows.append(Row(name, str(q["id"]), half(str(q["id"])), answerable, typed, agreement, coverage))
    return rows


Scorer = Callable[[Row], float]


def product_score(row: Row) -> float:
    return row.coverage


def agreement_score(row: Row) -> float:
    return row.agreement if row.agreement is not None else 0.0


def logistic(rows: list[Row]) -> Scorer | None:
    """Agreement and coverage in a class-balanced logistic regression on the tune rows as written (standardised);
    None when the tune rows hold one class only."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    tune = [r for r in rows if r.half == "tune" and r.typed == "as written"]
    if len({r.answerable for r in tune}) < 2:
        return None
    model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced"))
    model.fit([[agreement_score(r), r.coverage] for r in tune], [r.answerable for r in tune])
    return lambda r: float(model.decision_function(np.array([[agreement_score(r), r.coverage]]))[0])


def abstained(rows: list[Row], scorer: Scorer, threshold: float, answerable: bool) -> tuple[int, int]:
    part = [r for r in rows if r.answerable == answerable]
    return sum(scorer(r) < threshold for r in part), len(part)


def choose(rows: list[Row], scorer: Scorer) -> float:
    """The threshold rule (module docstring) on the tune rows as written."""
    tune = [r for r in rows if r.half == "tune" and r.typed == "as written"]
    n_ans = sum(r.answerable for r in tune)
    best, best_unans = 0.0, -1
    for t in sorted({scorer(r) for r in tune if r.answerable}):
        if abstained(tune, scorer, t, True)[0] > BUDGET * n_ans:
            break
        unans = abstained(tune, scorer, t, False)[0]
        if unans > best_unans:
            best, best_unans = t, unans
    return best


def _share(counts: tuple[int, int]) -> str:
    k, n = counts
    return f"{k / n:.3f} ({k}/{n})" if n else "-"


def curve(rows: list[Row], lines: list[tuple[str, Scorer, float]]) -> None:
    out = []
    for h in shown():
        for typed in ("as written", "without tone marks"):
            part = [r for r in rows if (h == "all" or r.half == h) and r.typed == typed]
            for name, scorer, t in lines:
                if typed != "as written" and scorer is not product_score:
                    continue  # one channel searched: no agreement to read
                cells = [label(h), typed, name, t]
                for s in ("qa_dev", "ext/A", None):
                    sub = [r for r in part if s is None or r.set == s]
                    cells += [_share(abstained(sub, scorer, t, True)), _share(abstained(sub, scorer, t, False))]
                out.append(cells)
    table("Abstention curve: answerable abstained / unanswerable abstained at each threshold (the answerability "
          "score alone; the product also abstains when no passage unit fits the question)", out,
          ["questions", "typed", "score", "threshold", "qa_dev: ans. abstained", "qa_dev: unans. abstained",
           "ext/A: ans. abstained", "ext/A: unans. abstained", "both: ans. abstained", "both: unans. abstained"])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="store_true", help="fit both lines and choose the threshold on the tune halves")
    ap.add_argument("--sets", default="qa,extA", help="qa (qa_dev over the mineral index), extA")
    ap.add_argument("--qa", type=Path, default=SHARED / "eval/qa_dev.jsonl", help="a qa_dev-style file")
    ap.add_argument("--qa-index", default="mineral")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, help="at most N questions per set (a quick look)")
    ap.add_argument("--final", action="store_true", help="also the report half and all (once, for a closing note)")
    add_overrides(ap)
    args = ap.parse_args(argv)
    show_final(args.final)
    if args.fit and args.final:
        print("--fit chọn trên nửa tune; không dùng cùng --final.", file=sys.stderr)
        return 2
    rows: list[Row] = []
    sets = [("qa_dev", args.qa_index, args.qa, lambda: qa_file(args.qa).questions, "qa"),
            ("ext/A", "extA", EXT / "A", lambda: ext_a().questions, "extA")]  # fmt: skip
    heur = None
    for name, index_name, source, items, key in sets:
        if key not in args.sets.split(",") or not source.exists():
            continue
        index = tuned(open_built(index_name, args.out), heuristics_overrides(args.set))
        try:
            heur = index.settings.heuristics
            rows += collect(index, name, items(), args.limit)
        finally:
            index.close()
    if not rows or heur is None:
        print("Không có câu hỏi nào để đo.", file=sys.stderr)
        return 2
    write_jsonl(args.out / "abstention_rows.jsonl", [asdict(r) for r in rows])
    chosen = choose(rows, product_score) if args.fit else heur.answerability_min
    both = logistic(rows)
    lines = [("baseline: channels' agreement alone", agreement_score, choose(rows, agreement_score))]
    if both is not None:
        lines.append(("logistic regression of agreement and coverage", both, choose(rows, both)))
    lines += [(f"product: coverage{' (chosen now)' if args.fit and d == 0 else ''}", product_score, chosen + d)
              for d in (-0.1, -0.05, 0.0, 0.05, 0.1)]  # fmt: skip
    curve(rows, lines)
    if args.fit:
        print(f"\nHeuristics.answerability_min = {chosen:.3f} (tune halves of ext/A and qa_dev, as written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
