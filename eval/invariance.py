"""Answer invariance: `python -m eval.invariance [--sets qa,extA] [--final] [--limit N]`.

Every question is asked as written and in variants a user produces without meaning anything else:
- without tone marks (`ai la to truong`);
- with one typo (two letters swapped, or one dropped, in one content syllable; seeded per question);
- with a subject abbreviated (`Ủy ban nhân dân` -> `UBND`, `Quyết định` -> `QĐ`, `thành phố` -> `TP.`), where
  the question has one;
- with a fronted clause moved to the end (`Theo Nghị quyết 02, ... ?` -> `... theo Nghị quyết 02?`), where it has one.
A first table shows how well tone marks are restored to the questions typed without them (the product's reader
beside the corpus's pairs alone and each syllable's commonest form).
For each set and variant the table gives how many questions the variant applies to, the share whose answer
changes (another text, or abstained where the original answered or the reverse), and the quality of the
variant's answers beside the original's on the same questions (qa_dev: covers the evidence; ext/A: contains
the gold span), plus the abstentions. The tune half prints; `--final` adds the report half.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from eval import abbreviations
from eval.evidence import answer_covers
from eval.indexes import OUT, SHARED, add_overrides, heuristics_overrides, open_built, tuned
from eval.run import label, table, write_jsonl
from eval.sets import EXT, ext_a, half, qa_file, scorer, show_final, shown
from ingest.vn import vntext

# Abbreviations editors type for a subject (eval/data/abbreviations.tsv), longest first.
ABBREVIATIONS = abbreviations.pairs("question")
_FRONTED = re.compile(r"^((?:Theo|Trong|Tại|Năm|Đến|Từ|Giai đoạn|Sau|Khi)\s[^,?]{2,60}),\s+(.{8,}?)\s*\?\s*$")
_WORD = re.compile(r"[^\W\d_]{4,}")


def tone_free(q: str) -> str | None:
    flat = vntext.strip_tones(q)
    return flat if flat != q else None


def one_typo(q: str, seed: str) -> str | None:
    """Two adjacent letters swapped, or one dropped, in one syllable of four letters or more (seeded)."""
    words = list(_WORD.finditer(q))
    if not words:
        return None
    rng = random.Random(seed)
    m = rng.choice(words)
    w, i = m.group(0), rng.randrange(1, len(m.group(0)) - 1)
    typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :] if rng.random() < 0.5 else w[:i] + w[i + 1 :]
    return q[: m.start()] + typo + q[m.end() :] if typo != w else None


def abbreviated(q: str) -> str | None:
    for full, short in ABBREVIATIONS:
        if full in q:
            return q.replace(full, short, 1)
    return None


def reordered(q: str) -> str | None:
    m = _FRONTED.match(q)
    if not m:
        return None
    front = m.group(1)
    return f"{m.group(2)[:1].upper()}{m.group(2)[1:]} {front[:1].lower()}{front[1:]}?"


VARIANTS: dict[str, Callable[[dict], str | None]] = {
    "without tone marks": lambda q: tone_free(q["question"]),
    "one typo": lambda q: one_typo(q["question"], str(q["id"])),
    "subject abbreviated": lambda q: abbreviated(q["question"]),
    "clauses reordered": lambda q: reordered(q["question"]),
}


def _ask(index, question: str) -> tuple[str, bool]:
    from app.answer import answer

    a = answer(index, question, k=5, sees_restricted=True, use_llm=False)
    return a.answer, a.abstained


def run(index, name: str, items: list[dict], good: Callable[[dict, str], bool], limit: int | None = None,
        out: Path | None = None) -> None:  # fmt: skip
    """Ask every (tune-half, or shown) question and its variants; print the table, and write the questions whose
    answer changed to `out` (`<set>_invariance_changes.jsonl`)."""
    items = [q for q in items if not q.get("history")]  # follow-ups lean on an earlier turn: not comparable alone
    items = [q for q in items if "all" in shown() or half(str(q["id"])) in shown()][:limit]
    restoration(index, name, items)
    asked = {q["id"]: _ask(index, q["question"]) for q in items}
    rows, changes = [], []
    for vname, make in VARIANTS.items():
        pairs = [(q, v) for q in items if (v := make(q))]
        got = {q["id"]: _ask(index, v) for q, v in pairs}
        changes += [{"id": q["id"], "variant": vname, "question": q["question"], "asked": v,
                     "answer": asked[q["id"]][0], "variant_answer": got[q["id"]][0]}
                    for q, v in pairs if got[q["id"]] != asked[q["id"]]]  # fmt: skip
        for h in shown():
            ps = [(q, v) for q, v in pairs if h == "all" or half(str(q["id"])) == h]
            if not ps:
                continue
            answerable = [q for q, _ in ps if _answerable(q)]
            silent = [q for q, _ in ps if not _answerable(q)]
            changed = sum(got[q["id"]] != asked[q["id"]] for q, _ in ps)
            rows.append([vname, label(h), len(ps), f"{changed / len(ps):.3f}",
                         _share(answerable, asked, good), _share(answerable, got, good),
                         sum(asked[q["id"]][1] for q in answerable), sum(got[q["id"]][1] for q in answerable),
                         f"{sum(asked[q['id']][1] for q in silent)} -> {sum(got[q['id']][1] for q in silent)} "
                         f"of {len(silent)}"])  # fmt: skip
    table(f"{name}: answers to the same question asked another way (baseline: as written, same run)", rows,
          ["variant", "questions", "n", "answer changes", "as written: right", "variant: right",
           "as written: abstained (ans.)", "variant: abstained (ans.)", "unanswerable abstained"])  # fmt: skip
    if out is not None:
        write_jsonl(out / f"{name.replace('/', '')}_invariance_changes.jsonl", changes)


def restoration(index, name: str, items: list[dict]) -> None:
    """How well tone marks are put back on each toned question typed without them: the share of syllables and of
    whole questions read as written, for the product's reader beside two baselines from the same counts."""
    from ingest.vn.tones import ToneRestorer

    items = [q for q in items if vntext.has_tone_marks(q["question"])]
    product = index.restorer(True)
    readers = {
        "product: corpus pairs, dictionary and question cues": product,
        "baseline: corpus pairs only": ToneRestorer(*product.corpus, general=False),
        "baseline: each syllable's commonest form in the corpus": ToneRestorer(product.corpus[0], Counter(),
                                                                               general=False),
    }  # fmt: skip
    rows = []
    for reader, restorer in readers.items():
        for h in shown():
            qs = [q for q in items if h == "all" or half(str(q["id"])) == h]
            if not qs:
                continue
            syl = whole = total = 0
            for q in qs:
                want = vntext.syllables(q["question"])
                got = vntext.syllables(restorer.restore(vntext.strip_tones(q["question"])))
                same = sum(a == b for a, b in zip(want, got, strict=False)) if len(want) == len(got) else 0
                syl, total, whole = syl + same, total + len(want), whole + (same == len(want))
            rows.append([reader, label(h), len(qs), f"{syl / max(1, total):.3f}", f"{whole / len(qs):.3f}"])
    table(f"{name}: tone marks restored to the question typed without them", rows,
          ["reader", "questions", "n", "syllables as written", "questions as written"])  # fmt: skip


def _answerable(q: dict) -> bool:
    return q.get("kind") != "none" and q.get("answerable", True) and bool(q.get("evidence") or q.get("answers"))


def _share(qs: list[dict], got: dict, good: Callable[[dict, str], bool]) -> str:
    right = sum(not got[q["id"]][1] and good(q, got[q["id"]][0]) for q in qs)
    return f"{right / max(1, len(qs)):.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="qa,extA", help="qa (qa_dev over the mineral index), extA")
    ap.add_argument("--qa", type=Path, help="a qa_dev-style file instead of ../shared/eval/qa_dev.jsonl")
    ap.add_argument("--qa-index", default="mineral", help="the benchmark index --qa is asked against")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, help="at most N questions per set (a quick look)")
    add_overrides(ap)
    ap.add_argument("--final", action="store_true", help="also the report half and all (once, for a closing note)")
    args = ap.parse_args(argv)
    show_final(args.final)
    overrides = heuristics_overrides(args.set)
    sets = args.sets.split(",")
    if "qa" in sets:
        path = args.qa or SHARED / "eval/qa_dev.jsonl"
        if not path.exists():
            print(f"Không thấy {path}.", file=sys.stderr)
            return 2
        index = tuned(open_built(args.qa_index, args.out), overrides)
        try:
            run(index, path.stem, qa_file(path).questions, answer_covers, args.limit, args.out)
        finally:
            index.close()
    if "extA" in sets and (EXT / "A").exists():
        index = tuned(open_built("extA", args.out), overrides)
        try:
            spans = scorer(EXT / "A" / "score_answers.py")  # the set's own `contains`
            run(index, "ext/A", ext_a().questions, lambda q, text: any(spans.contains(text, g) for g in q["answers"]),
                args.limit, args.out)  # fmt: skip
        finally:
            index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
