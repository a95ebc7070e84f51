"""A generated question suite for the answers: `python -m eval.gen_questions [--seed 7] [--per-kind 60]`.

Vietnamese asks in place: the interrogative stands where the answer stands (`Tỉnh đã cấp 27 giấy phép` ->
`Tỉnh đã cấp bao nhiêu giấy phép?`). Questions are made from real sentences of the mineral corpus, reproducibly
(a seeded random generator), by replacing one value the suite's own patterns find (`eval.draft_patterns`, never
the product's fact reader or its interrogative table) with the interrogative that asks for it:
- `date`: a full date -> `ngày nào`; `year`: `năm 2025` -> `năm nào`;
- `number`: a figure and the word after it -> `bao nhiêu <word>`;
- `body`: a ministry or department named first -> `Cơ quan nào` (`Bộ nào` / `Sở nào` as written);
- `docnum`: a document number -> `số nào`.
Each question keeps the sentence's own words (what a user who read the report would type), and half of them are
shortened to the clause around the asked value. The key (`eval/out/questions/gen-<seed>.jsonl`) holds the asked
value and the source sentence as evidence; each question has its half by the committed split rule.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from eval import draft_patterns as pat
from eval.gen_drafts import corpus_sentences
from eval.indexes import CORPORA, OUT
from eval.sets import half

KINDS = ("date", "year", "number", "body", "docnum")
_CLAUSE = re.compile(r"[,;:]\s+")


def _asked(kind: str, sentence: str, rng: random.Random) -> tuple[int, int, str, str] | None:
    """(start, end, value, interrogative) of one value of `kind` in the sentence, or None."""
    if kind == "date":
        spans = [(a, b, v, "ngày nào") for a, b, v in pat.dates(sentence)]
        # `ngày 26/7/2021`: the word `ngày` goes with the value
        spans = [(a - 5, b, v, q) if sentence[max(0, a - 5) : a].lower() == "ngày " else (a, b, v, q)
                 for a, b, v, q in spans]  # fmt: skip
    elif kind == "year":
        spans = [(a, b, v, "năm nào") for a, b, v in pat.years(sentence)]
    elif kind == "number":
        spans = []
        for a, b, v in pat.figures(sentence):
            word = re.match(r"\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)", sentence[b:])
            if word and not word.group(1)[0].isupper():
                spans.append((a, b, v, "bao nhiêu"))
    elif kind == "body":
        spans = [(a, b, v, f"{v.split()[0]} nào") for a, b, v in pat.bodies(sentence) if a <= 2]
    else:
        spans = []
        for a, b, _ in pat.doc_numbers(sentence):
            while b < len(sentence) and sentence[b].isalnum():  # `QH14`: the legislature's term goes with the code
                b += 1
            lead = next((len(w) for w in ("số: ", "số ") if sentence[max(0, a - len(w)) : a].lower() == w), 0)
            spans.append((a - lead, b, sentence[a:b], "số nào"))
    return rng.choice(spans) if spans else None


def _question(sentence: str, start: int, end: int, asked: str, short: bool) -> str:
    """The sentence with the value replaced by its interrogative, ending in `?`; `short`: only the clause holding
    it (with the sentence's first clause, its subject, when the value is further on)."""
    before, after = sentence[:start], sentence[end:].rstrip(" .;")
    if short:
        cut = [m.end() for m in _CLAUSE.finditer(before)]
        first = _CLAUSE.search(sentence)
        head = sentence[: first.start()] + " " if first and cut and first.end() <= cut[-1] else ""
        before = head + before[cut[-1] :] if cut else before
        stop = _CLAUSE.search(after)
        after = after[: stop.start()] if stop else after
    text = f"{before}{asked}{after}".strip()
    return text[:1].upper() + text[1:] + "?"


def generate(seed: int, per_kind: int, root: Path = CORPORA["mineral"]) -> list[dict]:
    rng = random.Random(seed)
    sources = corpus_sentences(root)
    rng.shuffle(sources)
    out: list[dict] = []
    for kind in KINDS:
        made = 0
        for src in sources:
            if made >= per_kind:
                break
            found = _asked(kind, src.sentence, rng)
            if found is None:
                continue
            start, end, value, asked = found
            qid = f"q{seed}-{len(out):04d}"
            question = _question(src.sentence, start, end, asked, short=rng.random() < 0.5)
            if len(question.split()) < 6:
                continue
            out.append({"id": qid, "half": half(qid), "kind": kind, "question": question, "value": value,
                        "evidence": src.sentence, "doc": src.doc})  # fmt: skip
            made += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--out", type=Path, default=OUT / "questions")
    args = ap.parse_args(argv)
    items = generate(args.seed, args.per_kind)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"gen-{args.seed}.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    print(f"{len(items)} câu hỏi -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
