"""The committed tune/report split of every dev set: `python -m eval.split` writes `eval/splits/<set>.json`.

Each set is split within strata (qa_dev: answer kind, unanswerable included; ext/A: subset x answerable; ext/C:
document type; draft_dev: label and error type), so every stratum is spread over both halves. Within a stratum
items are ordered by a SHA-1 of their id and dealt alternately, the first card going to whichever half is
smaller so far. The files are committed: the split never changes with the code, and the tune half is the only
one used to choose. Items not in a split file (generated suites, a user's own file) fall back to a hash of the id.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from eval.sets import EXT, SHARED, read_jsonl

SPLITS = Path(__file__).resolve().parent / "splits"


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def stratified(items: list[dict], key: Callable[[dict], str], ident: Callable[[dict], str]) -> dict[str, list[str]]:
    """Ids dealt into `tune` and `report` within each stratum, balanced across strata."""
    strata: dict[str, list[str]] = defaultdict(list)
    for it in items:
        strata[key(it)].append(ident(it))
    halves: dict[str, list[str]] = {"tune": [], "report": []}
    for name in sorted(strata):
        ids = sorted(strata[name], key=_sha)
        first = "tune" if len(halves["tune"]) <= len(halves["report"]) else "report"
        second = "report" if first == "tune" else "tune"
        for i, qid in enumerate(ids):
            halves[first if i % 2 == 0 else second].append(qid)
    return {h: sorted(v) for h, v in halves.items()}


def _sets() -> dict[str, tuple[list[dict], Callable[[dict], str], Callable[[dict], str], str]]:
    drafts = SHARED / "eval" / "drafts" / "draft_dev_key.json"
    return {
        "qa_dev": (read_jsonl(SHARED / "eval" / "qa_dev.jsonl"), lambda q: q["kind"], lambda q: q["id"], "answer kind"),
        "extA": (
            read_jsonl(EXT / "A" / "questions.jsonl"),
            lambda q: f"{q['subset']}/{'answerable' if q['answerable'] else 'unanswerable'}",
            lambda q: q["id"],
            "subset x answerable",
        ),
        "extB": (read_jsonl(EXT / "B" / "queries.jsonl"), lambda q: "all", lambda q: q["id"], "none (one stratum)"),
        "extC": (
            json.loads((EXT / "C" / "key.json").read_text(encoding="utf-8")),
            lambda d: d.get("doc_type") or "?",
            lambda d: d["doc"],
            "document type",
        ),
        "draft_dev": (
            json.loads(drafts.read_text(encoding="utf-8"))["claims"],
            lambda c: f"{c['label']}/{c.get('error_type') or '-'}",
            lambda c: c["id"],
            "label x error type",
        ),
    }


def write(out: Path = SPLITS) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (items, key, ident, strata) in _sets().items():
        halves = stratified(items, key, ident)
        by_stratum: dict[str, dict[str, int]] = defaultdict(lambda: {"tune": 0, "report": 0})
        where = {qid: h for h, ids in halves.items() for qid in ids}
        for it in items:
            by_stratum[key(it)][where[ident(it)]] += 1
        doc = {"set": name, "made_by": "python -m eval.split", "strata": strata,
               "counts": dict(sorted(by_stratum.items())), **halves}  # fmt: skip
        (out / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: tune {len(halves['tune'])}, report {len(halves['report'])} ({strata})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=SPLITS)
    write(ap.parse_args().out)


if __name__ == "__main__":
    main()
