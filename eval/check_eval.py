"""Draft-checker benchmark: `python -m eval.check_eval [--draft ...docx] [--out eval/out]`.

Runs `check_draft` against the mineral index built by `python -m eval.run`, matches findings to the answer
key's claims, and prints recall of planted problems, false alarms on supported claims, precision and recall
per error type, whether each contradiction shows the correct source value, and the time taken.
"""

from __future__ import annotations

import argparse
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

from app.checker import CheckReport, Finding, check_draft
from eval.run import SHARED, open_index
from ingest import identifiers
from ingest.vntext import match_form, strip_tones

PROBLEMS = ("contradicted", "unsupported", "internal_conflict")


def _key_type(claim: dict) -> str:
    return claim.get("error_type") or claim["label"]


def _finding_type(f: Finding) -> str:
    return f.error_type if f.status == "contradicted" and f.error_type else f.status


def match(claim: dict, findings: list[Finding]) -> Finding | None:
    want = match_form(claim["claim"])
    best, best_ratio = None, 0.0
    for f in findings:
        got = match_form(f.claim)
        ratio = 1.0 if want in got or got in want else SequenceMatcher(None, want, got).ratio()
        if ratio > best_ratio:
            best, best_ratio = f, ratio
    return best if best_ratio >= 0.8 else None


def _same_value(a: str | None, b: str | None) -> bool:
    """Same value: the same document number or date when both name one, else one text contains the other."""
    if not a or not b:
        return False
    na, nb = ({n.key for n in identifiers.find_doc_numbers(x)} for x in (a, b))
    if na and nb:
        return bool(na & nb)
    da, db = ({d for _, d in identifiers.find_dates(x)} for x in (a, b))
    if da and db:
        return bool(da & db)
    x, y = strip_tones(match_form(a)).replace(" ", ""), strip_tones(match_form(b)).replace(" ", "")
    return x in y or y in x


def score(key: dict, report: CheckReport) -> None:
    claims = key["claims"]
    rows = [(c, match(c, report.findings)) for c in claims]
    planted = [(c, f) for c, f in rows if c["label"] in PROBLEMS]
    supported = [(c, f) for c, f in rows if c["label"] == "supported"]
    flagged = sum(1 for _, f in planted if f and f.status != "supported")
    false_alarms = [c["id"] for c, f in supported if f and f.status != "supported"]
    print(f"\nDraft {report.draft}: {len(report.findings)} checkable claims found, {report.seconds:.1f} s")
    print(
        f"Planted problems flagged: {flagged}/{len(planted)} ({flagged / len(planted):.0%}); "
        f"supported claims flagged: {len(false_alarms)}/{len(supported)}"
        + (f" ({', '.join(false_alarms)})" if false_alarms else "")
    )
    types = sorted({_key_type(c) for c in claims if c["label"] != "supported"})
    print("| error type | planted | found with this type | precision | recall |\n|---|---|---|---|---|")
    for t in types:
        gold = [f for c, f in rows if _key_type(c) == t]
        hits = sum(1 for f in gold if f and _finding_type(f) == t)
        predicted = [f for f in report.findings if _finding_type(f) == t]
        correct = sum(1 for f in predicted if any(g is f for g in gold))
        precision = correct / len(predicted) if predicted else float("nan")
        print(f"| {t} | {len(gold)} | {hits} | {precision:.2f} | {hits / len(gold):.2f} |")
    contra = [(c, f) for c, f in rows if c["label"] == "contradicted"]
    shown = sum(
        1 for c, f in contra if f and f.status == "contradicted" and _same_value(f.source_value, c["correct_value"])
    )
    print(f"Contradictions showing the correct source value: {shown}/{len(contra)}")
    print(
        "| key id | label | type | our status | our type | draft value | source value |\n|---|---|---|---|---|---|---|"
    )
    for c, f in rows:
        print(
            f"| {c['id']} | {c['label']} | {c.get('error_type') or ''} | {f.status if f else 'not found'} | "
            f"{(f and f.error_type) or ''} | {(f and f.draft_value) or ''} | {(f and f.source_value) or ''} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("eval/out"))
    ap.add_argument("--draft", type=Path, action="append")
    args = ap.parse_args(argv)
    drafts = args.draft or [SHARED / "eval/drafts/draft_dev.docx", SHARED / "eval/drafts/draft_dev.txt"]
    key = json.loads((SHARED / "eval/drafts/draft_dev_key.json").read_text(encoding="utf-8"))
    index = open_index(args.out / "mineral-index", False)
    try:
        for draft in drafts:
            report = check_draft(index, draft)
            score(key, report)
            (args.out / f"check_{draft.stem}{draft.suffix.replace('.', '_')}.json").write_text(
                json.dumps(report.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
    finally:
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
