"""Draft-checker invariance: `python -m eval.check_invariance [--seed 7] [--corpus DIR] [--final]`.

The generated suite's claims (`eval.gen_drafts`, same seed, written to `--out`/drafts-invariance) are rewritten the
ways editors write what the sources say, one way at a time, without changing what they claim:
- a date as `22/12/2011` instead of `ngày 22 tháng 12 năm 2011`, as `22-12-2011`, or spelt out from `22/12/2011`;
- a month as `tháng 4/2019`;
- a document type abbreviated before its number (`Nghị định số 10/2022/NĐ-CP` -> `NĐ 10/2022/NĐ-CP`; `QĐ`, `TT`,
  `NQ`), a body abbreviated (`Ủy ban nhân dân` -> `UBND`, `Bộ Tài nguyên và Môi trường` -> `Bộ TN&MT`) or in its
  short form (`Thủ tướng Chính phủ` -> `Thủ tướng`);
- a figure without its thousands grouping (`1.500` -> `1500`), a share with a space (`85 %`);
- a leading year moved to the end (`Năm 2025, tỉnh đã ...` -> `Tỉnh đã ... trong năm 2025.`);
- a quarter as `quý 2 năm 2026` (from `quý II/2026`), a province without `tỉnh` (`tỉnh Lào Cai` -> `Lào Cai`).
The rewriting is written here with its own patterns (never the product's readers). For each way, the claims it
changes are checked twice in the same run, as generated and as rewritten (each set as one TXT draft, a claim per
paragraph; table rows left out), and the table gives how many verdicts change kind, beside each version's right
kind, false alarms and right source value. The tune half prints; `--final` adds the report half and all.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from eval import abbreviations
from eval.check_eval import expected, match, score
from eval.indexes import OUT, build_corpus, open_built
from eval.run import label
from eval.sets import show_final, shown
from eval.tables import table

_DATE_WORDS = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_DAY_SLASH = re.compile(r"(?:ngày\s+)?(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_MONTH = re.compile(r"(?<!ngày \d\d )(?<!ngày \d )tháng (\d{1,2}) năm (\d{4})")
_TYPES = dict(abbreviations.pairs("check_type"))  # eval/data/abbreviations.tsv
_BODIES = dict(abbreviations.pairs("check_body"))


_GROUPED = re.compile(r"(?<![\d.,/])\d{1,3}(?:\.\d{3})+(?![\d.,/])")
_SHARE = re.compile(r"(\d)%")
_QUARTER = re.compile(r"\b([Qq]uý) (IV|I{1,3})/(\d{4})")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PROVINCE = re.compile(r"(?<!dân )(?<!cấp )\btỉnh ((?:[A-ZĐ][^\W\d_]*)(?: [A-ZĐ][^\W\d_]*){0,2})")
_LEAD_YEAR = re.compile(r"^(?:Trong |Đến )?[Nn]ăm (\d{4}), (.+?)\.$")


def _year_last(text: str) -> str:
    """`Năm 2025, tỉnh đã cấp 27 giấy phép.` -> `Tỉnh đã cấp 27 giấy phép trong năm 2025.`"""
    m = _LEAD_YEAR.match(text)
    return f"{m.group(2)[:1].upper()}{m.group(2)[1:]} trong năm {m.group(1)}." if m else text


def _types(text: str) -> str:
    return re.sub(rf"({'|'.join(_TYPES)})(?: số)? (?=\d)", lambda m: f"{_TYPES[m.group(1)]} ", text)


def _bodies(text: str) -> str:
    return re.sub("|".join(map(re.escape, _BODIES)), lambda m: _BODIES[m.group(0)], text)


WAYS: dict[str, Callable[[str], str]] = {
    "date as 22/12/2011": lambda t: _DATE_WORDS.sub(r"ngày \1/\2/\3", t),
    "date as 22-12-2011": lambda t: _DATE_SLASH.sub(r"\1-\2-\3", _DATE_WORDS.sub(r"ngày \1/\2/\3", t)),
    "date spelt out from 22/12/2011": lambda t: _DAY_SLASH.sub(r"ngày \1 tháng \2 năm \3", t),
    "month as tháng 4/2019": lambda t: _MONTH.sub(r"tháng \1/\2", t),
    "document type abbreviated": _types,
    "body abbreviated": _bodies,
    "body's short form (`Thủ tướng`)": lambda t: t.replace("Thủ tướng Chính phủ", "Thủ tướng"),
    "figure without grouping (`1500`)": lambda t: _GROUPED.sub(lambda m: m.group(0).replace(".", ""), t),
    "share with a space (`85 %`)": lambda t: _SHARE.sub(r"\1 %", t),
    "leading year moved to the end": _year_last,
    "quarter as `quý 2 năm 2026`": lambda t: _QUARTER.sub(
        lambda m: f"{m.group(1)} {_ROMAN[m.group(2)]} năm {m.group(3)}", t
    ),
    "province without `tỉnh`": lambda t: _PROVINCE.sub(r"\1", t),
}


def _draft(path: Path, texts: list[str]) -> Path:
    path.write_text("BÁO CÁO (DỰ THẢO ĐỂ KIỂM THỬ)\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    return path


def _kinds(claims: list[dict], found: dict) -> dict[str, str | None]:
    return {c["id"]: (found[c["id"]].status if found[c["id"]] else None) for c in claims}


def compare(index, claims: list[dict], way: Callable[[str], str], work: Path) -> dict[str, dict] | None:
    """The claims `way` changes, checked as generated and as rewritten: scores per half and the kind changes."""
    from app.check import check_draft

    changed = [c for c in claims if "|" not in c["claim"] and way(c["claim"]) != c["claim"]]
    if not changed:
        return None
    rewritten = [{**c, "claim": way(c["claim"])} for c in changed]
    runs = {}
    for name, cs in (("as generated", changed), ("rewritten", rewritten)):
        report = check_draft(index, _draft(work / f"invariance-{name.replace(' ', '-')}.txt", [c["claim"] for c in cs]))
        runs[name] = (cs, match(cs, report.findings))
    out = {}
    for h in shown():
        ids = {c["id"] for c in changed if h == "all" or c.get("half") == h}
        if not ids:
            continue
        part = {name: score([c for c in cs if c["id"] in ids], found) for name, (cs, found) in runs.items()}
        kinds = {name: _kinds([c for c in cs if c["id"] in ids], found) for name, (cs, found) in runs.items()}
        right = {name: sum(kinds[name][c["id"]] == expected(c) for c in changed if c["id"] in ids) for name in runs}
        moved = sum(kinds["as generated"][i] != kinds["rewritten"][i] for i in ids)
        out[h] = {"n": len(ids), "moved": moved, "scores": part, "right": right}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-type", type=int, default=40, help="claims per planted kind in the generated suite")
    ap.add_argument("--corpus", type=Path, help="check against this folder's documents (default: the mineral index)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--final", action="store_true", help="also the report half and all (once, for a closing note)")
    args = ap.parse_args(argv)
    show_final(args.final)
    from eval.gen_drafts import main as generate

    folder = args.out / "drafts-invariance"
    corpus = ["--corpus", str(args.corpus)] if args.corpus else []
    if generate(["--seed", str(args.seed), "--per-type", str(args.per_type), "--out", str(folder), *corpus]) != 0:
        return 2
    claims = json.loads((folder / f"gen-{args.seed}-key.json").read_text(encoding="utf-8"))["claims"]
    index = build_corpus(args.corpus, args.out) if args.corpus else open_built("mineral", args.out)
    rows = []
    try:
        for name, way in WAYS.items():
            result = compare(index, claims, way, folder)
            for h, r in (result or {}).items():
                a, b = r["scores"]["as generated"], r["scores"]["rewritten"]
                rows.append([label(h), name, r["n"], f"{r['moved'] / r['n']:.3f}",
                             f"{r['right']['as generated']}/{r['n']}", f"{r['right']['rewritten']}/{r['n']}",
                             f"{a['alarms']}/{a['supported']}", f"{b['alarms']}/{b['supported']}",
                             f"{a['value_shown']}/{a['contradictions']}", f"{b['value_shown']}/{b['contradictions']}"])  # fmt: skip
    finally:
        index.close()
    table(f"Draft checker: the same claims written another way (gen-{args.seed}; baseline: as generated, same run)",
          rows, ["claims", "way", "n", "verdict kind changes", "right kind: as generated", "right kind: rewritten",
                 "false alarms: as generated", "false alarms: rewritten", "right value: as generated",
                 "right value: rewritten"])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
