"""The evaluation sets in ../shared and how each is scored; the tune/report split every table states.

Every set is split in two by the committed split files (`eval/splits/`, stratified by `eval.split`): the `tune` half
is what thresholds and cue lists may be fitted on, the `report` half is never looked at while tuning. Tables print
the tune half; `--final` adds the report half, once, for an issue's closing note. The external
sets (../shared/eval/ext) are scored with their own scorers, imported from ../shared at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXT = SHARED / "eval" / "ext"
HALVES = ("tune", "report")


SPLITS = ROOT / "eval" / "splits"
_shown: list[str] = ["tune"]


@cache
def _committed() -> dict[str, str]:
    """id -> half from the committed split files (`python -m eval.split` wrote them)."""
    out: dict[str, str] = {}
    for path in sorted(SPLITS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for h in HALVES:
            out.update(dict.fromkeys(doc.get(h, []), h))
    return out


def half(qid: str) -> str:
    """`tune` or `report`: from the committed split files; an id they do not list (a generated suite, a user's
    own file) by a SHA-1 of the id (not Python's salted hash)."""
    return _committed().get(qid) or HALVES[hashlib.sha1(qid.encode()).digest()[0] % 2]


def show_final(final: bool) -> None:
    """Tables print the tune half only; `--final` (once, at the end of an issue) adds the report half and all."""
    _shown[:] = [*HALVES, "all"] if final else ["tune"]


def shown() -> tuple[str, ...]:
    """The halves tables print in this run."""
    return tuple(_shown)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scorer(path: Path) -> ModuleType:
    """A scorer module shipped with a set (standard library only), imported from where it lies."""
    spec = importlib.util.spec_from_file_location(f"scorer_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    import sys

    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.path.remove(str(path.parent))
    return module


@dataclass
class QaSet:
    """Questions with the index they are asked against."""

    name: str
    index: str  # benchmark index name (eval.indexes)
    questions: list[dict]
    kind: str  # spans (ext A style) | evidence (qa_dev style) | retrieval (ext B style)
    score: Callable[[list[dict], list[dict]], list[dict]] | None = None


def ext_a(root: Path = EXT / "A") -> QaSet:
    mod = scorer(root / "score_answers.py")
    return QaSet("extA", "extA", read_jsonl(root / "questions.jsonl"), "spans", mod.score)


def ext_b(root: Path = EXT / "B") -> QaSet:
    qs = read_jsonl(root / "queries.jsonl")
    gold: dict[str, str] = {}
    for line in (root / "qrels.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        qid, cid, *_ = line.split("\t")
        gold[qid] = cid
    for q in qs:
        q["gold"] = gold.get(q["id"])
    return QaSet("extB", "extB", qs, "retrieval")


def qa_file(path: Path, index: str = "mineral") -> QaSet:
    """A qa_dev-style file (`question`, `doc`, `evidence`, `kind`; kind `none` = unanswerable)."""
    return QaSet(path.stem, index, read_jsonl(path), "evidence")


def earlier_turns(index, q: dict, use_llm: bool = False) -> list:
    """A follow-up's conversation so far, asked for real: each earlier question with the answer it got."""
    from app.answer import answer
    from app.answer.conversation import Turn

    turns = []
    for earlier in q.get("history", []):
        a = answer(index, earlier, k=5, sees_restricted=True, use_llm=use_llm, history=turns or None)
        turns.append(Turn(earlier, a.resolved or earlier, a.answer))
    return turns
