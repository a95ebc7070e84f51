"""Verification of generated answers: `python -m eval.verify_answers [--corpus mineral] [--limit 60] [--final]`.

A scripted OpenAI-compatible endpoint (eval/scripted_llm.py) answers each question of qa_dev with sentences made
from the passages the product retrieved for it, by the eval's own patterns (eval/draft_patterns.py, not the
product's extractor): a right sentence copied from a cited passage, and the same sentence with a planted error:

- moved figure: a figure replaced by a figure of another retrieved passage;
- swapped subject: the province replaced by the province another retrieved passage is about;
- wrong body: a ministry or department replaced by another;
- invented share: a percentage no passage states, added to the sentence.

Each answer goes through the product's `generated_answer`; the table gives, per kind, the share of planted
sentences kept out of the answer (flagged), and the share of right sentences wrongly kept out, beside the baseline
in the same run: the surface check alone (every value occurs in some cited passage).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

from app.answer import generate
from app.answer.ask import retrieve
from eval import draft_patterns as pat
from eval.indexes import CORPORA, OUT, build, build_corpus
from eval.scripted_llm import scripted_endpoint
from eval.sets import SHARED, half, read_jsonl, show_final, shown
from eval.tables import table
from ingest import Index, LlmSettings

OTHER_PROVINCES = ("Quảng Ninh", "Lâm Đồng", "Nghệ An")  # written for the eval: provinces to move a figure to
KINDS = ("right", "moved_figure", "swapped_subject", "wrong_body", "invented_share")


def _first_sentence(p, min_words: int = 8) -> str | None:
    """The first prose sentence of the passage that states a figure (one line: no heading, no table row)."""
    for line in p.text.split("\n"):
        if "\t" in line or "|" in line:
            continue
        for s in pat.sentences(line):
            s = pat.without_lead(" ".join(s.split()))
            if len(s.split()) >= min_words and pat.figures(s) and s[:1].isupper():
                return s.rstrip(" .;:") + "."
    return None


def plants(sentence: str, n: int, passages: list, rng: random.Random) -> dict[str, str]:
    """The right sentence and each planted variant that applies, every one citing passage `n`."""
    out = {"right": sentence}
    a, b, _ = rng.choice(pat.figures(sentence))
    cited = {pat.figure_value(v) for *_, v in pat.figures(passages[n - 1].text)}  # `05` and `5` are one value
    others = sorted({v for p in passages for *_, v in pat.figures(p.text) if pat.figure_value(v) not in cited})
    if others:
        out["moved_figure"] = sentence[:a] + rng.choice(others) + sentence[b:]
    own = passages[n - 1].payload.province
    if own:  # the figure said of another province: the one a retrieved passage is about, else a fixed other
        rivals = sorted({p.payload.province for p in passages if p.payload.province not in (None, own)})
        rival = rng.choice(rivals or [x for x in OTHER_PROVINCES if x != own])
        # every mention of the province replaced (`... tỉnh Lào Cai, ... của Lào Cai nói riêng`), or of the one its
        # locality word names; a sentence naming none is said of the rival
        named = own if own in sentence else next((name for *_, name in pat.places(sentence)), None)
        if named:
            out["swapped_subject"] = sentence.replace(named, rival)
        else:
            out["swapped_subject"] = f"Tại tỉnh {rival}, " + sentence[:1].lower() + sentence[1:]
    named = pat.bodies(sentence)
    if named:
        a, b, body = named[0]
        other = [m for m in pat.MINISTRIES if m != body and not body.endswith(m[3:])]
        out["wrong_body"] = sentence[:a] + rng.choice(other) + sentence[b:]
    share = rng.choice([17, 23, 37, 43, 61])
    if all(f"{share}" not in p.text for p in passages):
        out["invented_share"] = sentence.rstrip(".") + f", tăng {share}% so với cùng kỳ."
    return {k: f"{v} [{n}]" for k, v in out.items()}


def run(index: Index, questions: list[dict], seed: int) -> dict[str, list[tuple[bool, bool]]]:
    """Per kind: (flagged by the product, flagged by the surface check) for each planted sentence."""
    rng = random.Random(seed)
    results: dict[str, list[tuple[bool, bool]]] = {k: [] for k in KINDS}
    heur = index.settings.heuristics
    with scripted_endpoint() as (url, script):
        index.settings = replace(index.settings, llm=LlmSettings(url=url, model="scripted", timeout_s=30))
        for q in questions:
            query = index.understand(q["question"], True)
            passages = retrieve(index, query, 5, None, True)[: generate.MAX_PASSAGES]
            found = next(((n, s) for n, p in enumerate(passages, start=1) if (s := _first_sentence(p))), None)
            if found is None:
                continue
            for kind, sentence in plants(found[1], found[0], passages, rng).items():
                script[query.text] = sentence
                answer = generate.generated_answer(index, query, passages, 5, sees_restricted=True)
                # flagged: some part of the sentence is kept out (the splitter may cut it at an abbreviation)
                product = answer.mode != "generated" or not all(s.verified for s in answer.sentences)
                pieces = generate.split_sentences(sentence)  # as the product splits it
                surface = not all(generate.verify(t, c, passages, heur.verify_min_coverage).verified for t, c in pieces)
                results[kind].append((product, surface))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.verify_answers")
    ap.add_argument("--corpus", default="mineral", help="a benchmark corpus name or any folder of documents")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--qa", default=str(SHARED / "eval" / "qa_dev.jsonl"))
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--final", action="store_true", help="also the report half and all items (once, at the end)")
    args = ap.parse_args(argv)
    show_final(args.final)
    index = (
        build(args.corpus, args.out, quiet=True)
        if args.corpus in CORPORA
        else build_corpus(Path(args.corpus), args.out)
    )
    items = [q for q in read_jsonl(Path(args.qa)) if q.get("kind") != "none"]
    try:
        for h in shown():
            chosen = [q for q in items if h == "all" or half(q["id"]) == h][: args.limit]
            res = run(index, chosen, args.seed)
            rows = []
            for kind in KINDS:
                got = res[kind]
                n = len(got) or 1
                what = "right sentences falsely flagged" if kind == "right" else f"{kind}: planted flagged"
                rows.append([what, len(got), sum(a for a, _ in got) / n, sum(b for _, b in got) / n])
            table(f"Generated-answer verification, {args.corpus}, {h} half ({len(chosen)} questions)", rows,
                  ["sentences", "n", "product verifier", "baseline: surface check"])  # fmt: skip
    finally:
        index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
