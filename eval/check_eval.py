"""Draft-checker benchmark: `python -m eval.check_eval [--draft FILE --key FILE ...] [--generated SEED ...]`.

Checks each draft against the mineral index (`python -m eval.indexes mineral`), matches findings to the key's
claims one to one (a finding answers at most one claim), and prints per error type: planted, found with the
right kind (contradicted / unsupported / internal conflict), recall; false alarms on unchanged claims; whether
each contradiction shows the right source value (compared exactly: `8` is not `85%`); and the time taken.
Every draft is reported on its tune half (draft_dev by the committed split file, a generated suite by the half
each claim carries); `--final` adds the report half and all claims, once, for an issue's closing note.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from tabulate import tabulate

from app.check import Finding, check_draft
from eval.draft_patterns import same_value
from eval.indexes import OUT, SHARED, add_overrides, build_corpus, heuristics_overrides, open_built, tuned
from eval.sets import half, show_final, shown
from eval.tables import table
from ingest.vn import vntext

PROBLEMS = ("contradicted", "unsupported", "internal_conflict")
MATCH_MIN = 80.0


def _key_type(claim: dict) -> str:
    return claim.get("error_type") or claim["label"]


def match(claims: list[dict], findings: list[Finding]) -> dict[str, Finding | None]:
    """Claim id -> its finding: pairs taken best first, each finding used once (rapidfuzz similarity)."""
    pairs = []
    for c in claims:
        want = vntext.match_form(c["claim"])
        for i, f in enumerate(findings):
            got = vntext.match_form(f.claim)
            score = 100.0 if want in got or got in want else fuzz.ratio(want, got)
            if score >= MATCH_MIN:
                pairs.append((score, c["id"], i))
    out: dict[str, Finding | None] = {c["id"]: None for c in claims}
    used: set[int] = set()
    for _score, cid, i in sorted(pairs, reverse=True):
        if out[cid] is None and i not in used:
            out[cid] = findings[i]
            used.add(i)
    return out


def expected(claim: dict) -> str:
    return claim["label"]


def score(claims: list[dict], found: dict[str, Finding | None]) -> dict:
    """Counts per error type and overall for one draft (or one half of it), from the draft's claim matching."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # planted, right kind, flagged at all
    said: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # supported claims by how they are said: n, alarms
    alarms = supported = shown = contra = 0
    for c in claims:
        f = found[c["id"]]
        t = _key_type(c)
        if c["label"] == "supported":
            supported += 1
            alarms += bool(f and f.status != "supported")
            way = said[str(c.get("variant", "as in the source")).split(":")[0]]
            way[0], way[1] = way[0] + 1, way[1] + bool(f and f.status != "supported")
            continue
        if c.get("attribution_form") or c.get("form"):  # by attribution form, and table rows apart
            form = per[f"{t}: {c.get('attribution_form') or c['form']}"]
            form[0], form[1] = form[0] + 1, form[1] + bool(f and f.status == expected(c))
            form[2] += bool(f and f.status != "supported")
        per[t][0] += 1
        per[t][1] += bool(f and f.status == expected(c))
        per[t][2] += bool(f and f.status != "supported")
        if c["label"] == "contradicted":
            contra += 1
            shown += bool(f and f.status == "contradicted" and same_value(f.source_value, c.get("correct_value")))
    planted = sum(v[0] for k, v in per.items() if ": " not in k)
    return {"per": dict(per), "planted": planted, "right_kind": sum(v[1] for k, v in per.items() if ": " not in k),
            "flagged": sum(v[2] for k, v in per.items() if ": " not in k), "supported": supported, "alarms": alarms,
            "contradictions": contra, "value_shown": shown, "found": found, "said": dict(said)}  # fmt: skip


def print_scores(name: str, parts: dict[str, dict], seconds: float) -> None:
    types = sorted({t for s in parts.values() for t in s["per"]})
    rows = []
    for t in types:
        row = [t]
        for s in parts.values():
            p, k, _ = s["per"].get(t, [0, 0, 0])
            row += [p, f"{k / p:.2f}" if p else "-"]
        rows.append(row)
    heads = ["error type"] + [h for part in parts for h in (f"{part}: planted", f"{part}: recall (right kind)")]
    print(f"\n{name} ({seconds:.1f} s)")
    print(tabulate(rows, headers=heads, tablefmt="github"))
    summary = []
    for part, s in parts.items():
        summary.append([part, f"{s['right_kind']}/{s['planted']}", f"{s['flagged']}/{s['planted']}",
                        f"{s['alarms']}/{s['supported']}", f"{s['alarms'] / max(1, s['supported']):.1%}",
                        f"{s['value_shown']}/{s['contradictions']}"])  # fmt: skip
    print(tabulate(summary, headers=["part", "planted: right kind", "planted: flagged", "false alarms",
                                     "false alarm rate", "contradiction shows right source value"],
                   tablefmt="github"))  # fmt: skip
    ways = sorted({w for s in parts.values() for w in s["said"]})
    if len(ways) > 1:  # supported claims said as in the source, paraphrased, or stated and restated otherwise
        rows = [[w] + [f"{s['said'].get(w, [0, 0])[1]}/{s['said'].get(w, [0, 0])[0]}" for s in parts.values()]
                for w in ways]  # fmt: skip
        print(tabulate(rows, headers=["supported claim, said", *(f"{p}: false alarms" for p in parts)],
                       tablefmt="github"))  # fmt: skip


def misses(claims: list[dict], s: dict) -> list[dict]:
    out = []
    for c in claims:
        f = s["found"][c["id"]]
        if (f.status if f else None) != expected(c) or (
            c["label"] == "contradicted" and not same_value(f.source_value, c.get("correct_value"))
        ):
            out.append({"id": c["id"], "type": _key_type(c), "claim": c["claim"], "expected": expected(c),
                        "got": f.status if f else None, "source_value": f and f.source_value,
                        "correct_value": c.get("correct_value"),
                        "evidence": f and [e.text[:200] for e in f.evidence[:1]]})  # fmt: skip
    return out


def _half(claim: dict) -> str:
    """A claim's half: the one a generated suite's key gives it, else the committed split's."""
    return claim.get("half") or half(claim["id"])


def speed(index, report) -> None:
    """Seconds per 40 claims (a typical short report) beside the retrieval alone for the same claims, same run."""
    texts = [f.claim for f in report.findings]
    started = time.perf_counter()
    for text in texts:
        index.search(text, k=index.settings.heuristics.check_retrieve_k, boost=False, sees_restricted=True)
    retrieval = time.perf_counter() - started
    per40 = 40 / max(len(texts), 1)
    table(f"Checking speed, {report.draft} ({len(texts)} claims, {index.chunk_count()} chunks)", [
        ["baseline: hybrid retrieval alone for the same claims", retrieval, retrieval * per40],
        ["check (read the draft, retrieve, align, decide)", report.seconds, report.seconds * per40],
    ], ["step", "s for the draft", "s per 40 claims"])  # fmt: skip


def run(index, draft: Path, key: dict, out: Path) -> dict:
    report = check_draft(index, draft)
    claims = key["claims"]
    names = {"tune": "tune half", "report": "report half (--final)", "all": "all"}
    parts = {names[h]: [c for c in claims if h == "all" or _half(c) == h] for h in shown()}
    found = match(claims, report.findings)  # once for the whole draft: a half scores the same pairs as `all`
    scores = {name: score(cs, found) for name, cs in parts.items()}
    every = score(claims, found)
    print_scores(f"Draft {draft.name}: {len(report.findings)} checkable claims found", scores, report.seconds)
    speed(index, report)
    (out / f"check_{draft.stem}_misses.json").write_text(
        json.dumps(misses([c for c in claims if "all" in shown() or _half(c) in shown()], every), ensure_ascii=False, indent=1), encoding="utf-8")  # fmt: skip
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--draft", type=Path, action="append", help="a draft (DOCX/TXT); pair each with --key")
    ap.add_argument("--key", type=Path, action="append")
    ap.add_argument("--generated", type=int, action="append", help="seeds of generated suites (eval.gen_drafts)")
    ap.add_argument("--corpus", type=Path, help="check against this folder's documents (default: the mineral index)")
    add_overrides(ap)
    ap.add_argument("--final", action="store_true",
                    help="also print the report half and all claims (once, for an issue's closing note)")  # fmt: skip
    args = ap.parse_args(argv)
    show_final(args.final)
    overrides = heuristics_overrides(args.set)
    if args.draft and len(args.key or []) != len(args.draft):
        print("Mỗi --draft cần một --key.", file=sys.stderr)
        return 2
    pairs = list(zip(args.draft or [], args.key or [], strict=False))
    if not pairs and not args.generated:
        dev = SHARED / "eval/drafts"
        pairs = [
            (dev / "draft_dev.docx", dev / "draft_dev_key.json"),
            (dev / "draft_dev.txt", dev / "draft_dev_key.json"),
        ]
        args.generated = [7]
    index = build_corpus(args.corpus, args.out) if args.corpus else open_built("mineral", args.out)
    tuned(index, overrides)
    try:
        for draft, key in pairs:
            run(index, draft, json.loads(key.read_text(encoding="utf-8")), args.out)
        for seed in args.generated or []:
            from eval.gen_drafts import main as generate

            folder = args.out / "drafts"
            corpus = ["--corpus", str(args.corpus)] if args.corpus else []
            generate(["--seed", str(seed), "--out", str(folder), *corpus])  # afresh: cheap, and the generator changes
            key = json.loads((folder / f"gen-{seed}-key.json").read_text(encoding="utf-8"))
            run(index, folder / f"gen-{seed}.docx", key, args.out)
    finally:
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
