"""Extractive versus generated answers: `python -m eval.generative [--llm URL] [--limit 40]`.

Without `--llm`, starts the bundled llama.cpp server (Gemma 3 270M) for the run. For each set — qa_dev (evidence),
ext/A (answer spans, its own scorer), and the summary / comparison / follow-up questions of
eval/data/questions_extra.jsonl over samples/ and the mineral corpus — it asks every question twice (model off,
model on) and prints: the share of answers holding the gold span or evidence, token F1 (ext/A), answer words,
the share of written sentences that passed verification, sentences dropped, unverified sentences shown to the
user (must be 0), answers given by extractive but not by the generated mode (must be 0: the fallback answers
whatever extractive answers), and latency p50/p95 to the first streamed text and to the end.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from tabulate import tabulate

from app.answer import answer, llm
from eval.evidence import answer_covers
from eval.indexes import CORPORA, OUT, SHARED, build, open_index
from eval.metrics import percentile
from eval.sets import earlier_turns, ext_a, half, read_jsonl
from ingest import Index, LlmSettings

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "eval" / "data" / "questions_extra.jsonl"


class Clock:
    """Times the first streamed piece of each generation (wraps the LLM client's stream)."""

    def __init__(self) -> None:
        self.first: float | None = None
        self._real = llm.stream_chat

    def __enter__(self) -> Clock:
        def timed(settings, system, user):
            for i, piece in enumerate(self._real(settings, system, user)):
                if i == 0 and self.first is None:
                    self.first = time.perf_counter()
                yield piece

        llm.stream_chat = timed
        return self

    def __exit__(self, *exc) -> None:
        llm.stream_chat = self._real


def ask(index: Index, q: dict, use_llm: bool) -> tuple[object, float, float | None]:
    history = earlier_turns(index, q, use_llm)
    started = time.perf_counter()
    with Clock() as clock:
        a = answer(index, q["question"], k=5, sees_restricted=True, use_llm=use_llm, history=history or None)
    end = time.perf_counter() - started
    first = clock.first - started if clock.first else None
    return a, end, first


def covers(q: dict, a) -> bool:
    """The answer holds the gold evidence (relaxed match), or, for ext/A, a gold span."""
    if a.abstained:
        return False
    if "answers" in q:
        from eval.sets import EXT, scorer

        mod = scorer(EXT / "A" / "score_answers.py")
        return any(mod.contains(a.answer, g) for g in q["answers"])
    return answer_covers(q, a.answer)


def f1(q: dict, a) -> float | None:
    if "answers" not in q or a.abstained:
        return None if "answers" not in q else 0.0
    from eval.sets import EXT, scorer

    mod = scorer(EXT / "A" / "score_answers.py")
    return max(mod.f1(a.answer, g) for g in q["answers"])


def run_set(name: str, index: Index, questions: list[dict], rows: list) -> None:
    base: list = []
    for mode in (False, True):
        results = [(q, *ask(index, q, mode)) for q in questions]
        answered = [(q, a) for q, a, *_ in results if q.get("answerable", q.get("kind") != "none")]
        gen = [a for _, a, *_ in results if a.mode == "generated"]
        written = [s for a in gen for s in a.sentences]
        shown_unverified = sum(1 for a in gen for s in a.sentences if not s.verified and s.text and s.text in a.answer)
        f1s = [x for q, a in answered if (x := f1(q, a)) is not None]
        ends = [e for _, _, e, _ in results]
        firsts = [f for *_, f in results if f is not None]
        rows.append([
            name, "generated (model on)" if mode else "extractive (model off)", len(results),
            sum(covers(q, a) for q, a in answered) / max(1, len(answered)),
            sum(f1s) / len(f1s) if f1s else float("nan"),
            sum(len(a.answer.split()) for _, a in answered if not a.abstained) / max(1, sum(not a.abstained for _, a in answered)),
            len(gen), sum(s.verified for s in written) / max(1, len(written)), sum(not s.verified for s in written),
            shown_unverified, percentile(firsts, 50) if firsts else float("nan"),
            percentile(firsts, 95) if firsts else float("nan"), percentile(ends, 50), percentile(ends, 95),
        ])  # fmt: skip
        if mode:
            extractive_answered = {q["id"] for q, a, *_ in base if not a.abstained}
            lost = [q["id"] for q, a, *_ in results if q["id"] in extractive_answered and a.abstained]
            rows[-1].append(len(lost))
        else:
            base = results
            rows[-1].append("-")


HEADERS = ["set", "mode", "questions", "holds gold/evidence", "token F1", "answer words", "generated answers",
           "verified sentence rate", "sentences dropped", "unverified shown", "first text p50 s", "first text p95 s",
           "end p50 s", "end p95 s", "answered by extractive, not here"]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--llm", help="an OpenAI-compatible base URL ending in /v1 (default: start the bundled model)")
    ap.add_argument("--model", default="gemma3-270m")
    ap.add_argument("--limit", type=int, default=40, help="questions per set (the report half first)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--sets", default="extra,qa,extA",
                    help="extra (written questions over samples/ and the mineral corpus), samples (those over samples/ "
                         "only), qa, extA")  # fmt: skip
    args = ap.parse_args(argv)
    if args.llm:
        return run(args, args.llm)
    from app.service.llm_server import serving

    with serving(log=args.out / "llm-server.log") as url:
        return run(args, url)


def _pick(items: list[dict], limit: int) -> list[dict]:
    """The report half first (held out), then the tune half, up to `limit`."""
    ordered = [q for q in items if half(q["id"]) == "report"] + [q for q in items if half(q["id"]) == "tune"]
    return ordered[:limit]


def run(args, url: str) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    model = LlmSettings(url=url, model=args.model, timeout_s=120.0, max_tokens=200)
    rows: list = []
    sets = set(args.sets.split(","))
    if sets & {"extra", "samples"}:
        extra = read_jsonl(EXTRA)
        samples_index = open_index(args.out / "samples-index", cache=args.out / "embeddings.sqlite")
        samples_index.ingest([ROOT / "samples"])
        samples_index.settings = replace(samples_index.settings, llm=model)
        on_samples = [q for q in extra if q["corpus"] == "samples"]
        run_set("written questions (samples/)", samples_index, _pick(on_samples, args.limit), rows)
        samples_index.close()
        if "extra" in sets and CORPORA["mineral"].exists():
            index = build("mineral", args.out, quiet=True)
            index.settings = replace(index.settings, llm=model)
            run_set(
                "written questions (mineral)",
                index,
                _pick([q for q in extra if q["corpus"] == "mineral"], args.limit),
                rows,
            )
            index.close()
    if "qa" in sets and SHARED.exists():
        index = build("mineral", args.out, quiet=True)
        index.settings = replace(index.settings, llm=model)
        run_set("qa_dev", index, _pick(read_jsonl(SHARED / "eval/qa_dev.jsonl"), args.limit), rows)
        index.close()
    if "extA" in sets and SHARED.exists():
        index = build("extA", args.out, quiet=True)
        index.settings = replace(index.settings, llm=model)
        run_set("ext/A", index, _pick(ext_a().questions, args.limit), rows)
        index.close()
    print(f"\nExtractive vs generated answers (model {args.model} at {url}; report-half questions first)")
    print(tabulate(rows, headers=HEADERS, tablefmt="github", floatfmt=".3f"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
