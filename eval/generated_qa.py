"""Answers on generated questions: `python -m eval.generated_qa [--seed 7] [--per-kind 60] [--corpus DIR] [--final]`.

The questions (`eval.gen_questions`) ask, in place, for one value of a real corpus sentence: a date, a year, a
figure, the acting ministry or department, a document number. Scored per kind, on the tune half (`--final` adds
the report half, once, for an issue's closing note), by the suite's own patterns (`eval.draft_patterns`):
- answer holds the value: the answer text states the asked value (a date in any spelling, the same document
  number, the same figure);
- answer covers the sentence: the answer holds the source sentence (relaxed evidence match, as qa_dev's);
- short answer is the value: the short answer given first states it (share of those given);
- abstained.
Baseline in the same run: BM25 on syllables over the corpus sentences, the best-ranked sentence as the answer.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from eval import draft_patterns as pat
from eval.evidence import evidence_match
from eval.gen_drafts import corpus_sentences
from eval.gen_questions import KINDS, generate
from eval.indexes import CORPORA, OUT, add_overrides, build, build_corpus, heuristics_overrides, tuned
from eval.run import bm25_ranker
from eval.sets import show_final, shown
from eval.tables import table


def holds(kind: str, value: str, text: str) -> bool:
    """The text states the asked value (read with the suite's patterns, not the product's)."""
    if not text:
        return False
    if kind == "date":
        return pat.date_value(value) in {pat.date_value(d) for _, _, d in pat.dates(text)}
    if kind == "docnum":
        return pat.doc_number_key(value) in {pat.doc_number_key(d) for _, _, d in pat.doc_numbers(text)}
    if kind == "number":
        return re.search(rf"(?<![\d.,]){re.escape(value)}(?!\d|[.,]\d)", text) is not None
    return pat.flat(value) in pat.flat(text)


def _row(name: str, part: str, got: list[tuple[dict, dict]]) -> list:
    n = len(got) or 1
    shorts = [(q, a) for q, a in got if a.get("short")]
    return [
        name, part, len(got), sum(holds(q["kind"], q["value"], a["answer"]) for q, a in got) / n,
        sum(evidence_match(q["evidence"], a["answer"]) is not None for q, a in got) / n,
        f"{sum(holds(q['kind'], q['value'], a['short']) for q, a in shorts)}/{len(shorts)}",
        sum(bool(a["abstained"]) for _, a in got) / n,
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--corpus", type=Path, default=CORPORA["mineral"])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--final", action="store_true", help="also print the report half (once, at an issue's end)")
    add_overrides(ap)
    args = ap.parse_args(argv)
    show_final(args.final)
    questions = [q for q in generate(args.seed, args.per_kind, args.corpus) if q["half"] in shown() or "all" in shown()]
    if not questions:
        print(f"Không tạo được câu hỏi nào từ {args.corpus}.", file=sys.stderr)
        return 2
    from app.answer import answer

    index = build("mineral", args.out, quiet=True) if args.corpus == CORPORA["mineral"] else build_corpus(
        args.corpus, args.out)  # fmt: skip
    index = tuned(index, heuristics_overrides(args.set))
    try:
        product = [answer(index, q["question"], k=5, sees_restricted=True, use_llm=False).as_json() for q in questions]
    finally:
        index.close()
    sentences = {str(i): s.sentence for i, s in enumerate(corpus_sentences(args.corpus))}
    rank = bm25_ranker(sentences)
    baseline = [{"answer": sentences[rank(q["question"])[0]], "short": None, "abstained": False} for q in questions]
    rows = []
    for part in [h for h in ("tune", "report") if h in shown() or "all" in shown()]:
        for kind in (*KINDS, "all"):
            pick = [i for i, q in enumerate(questions) if q["half"] == part and kind in (q["kind"], "all")]
            for name, answers in (("baseline: BM25 best sentence", baseline), ("product", product)):
                rows.append([kind, *_row(name, part, [(questions[i], answers[i]) for i in pick])])
    table(f"Generated questions ({args.corpus.name}, seed {args.seed}): one value of a corpus sentence asked in place",
          rows, ["kind", "run", "half", "n", "answer holds the value", "answer covers the sentence",
                 "short answer is the value", "abstained"])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
