"""Every eval entry point runs to its table on a tiny corpus (the committed samples/): the benchmarks stay runnable.

These check that each command works end to end and prints what it exists to print, on real documents, real
models and real stores; the figures themselves are in the issue notes, produced by the full runs.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

WRITTEN = ROOT / "eval" / "data" / "questions_extra.jsonl"
UPLOAD = SAMPLES / "BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx"


@pytest.fixture(scope="module")
def work(tmp_path_factory, samples_index_dir: Path) -> Path:
    """An eval output folder with the samples index (a copy of the session's, brought up to date by the
    benchmark's own builder)."""
    from eval.indexes import build_corpus

    out = tmp_path_factory.mktemp("eval-out")
    shutil.copytree(samples_index_dir, out / f"{SAMPLES.name}-index")
    build_corpus(SAMPLES, out).close()
    return out


@pytest.fixture(scope="module")
def samples_qa(work: Path) -> Path:
    """The written questions over samples/ (summaries, comparisons, follow-ups), as a qa_dev-style file."""
    rows = [line for line in WRITTEN.read_text(encoding="utf-8").splitlines() if '"corpus": "samples"' in line]
    path = work / "samples_qa.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def question_lines(work: Path) -> Path:
    path = work / "questions.txt"
    lines = [json.loads(x)["question"] for x in WRITTEN.read_text(encoding="utf-8").splitlines() if x]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_run_scores_any_qa_file(work: Path, samples_qa: Path, capsys) -> None:
    from eval.run import main

    assert main(["--sections", "qa", "--qa", str(samples_qa), "--qa-corpus", str(SAMPLES), "--out", str(work),
                 "--final"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "tune half" in out and "report half (--final)" in out
    assert "answer covers evidence" in out and "hybrid fused" in out
    answers = next(line for line in out.splitlines() if line.startswith("| all ") and "0/0" in line)
    assert float(answers.split("|")[3]) >= 0.75, answers  # written questions: 8 answerable, follow-ups included
    # without --final only the tune half prints; `--set` reaches the answers: no passage covers more than the
    # whole question, so an answerability threshold above 1 abstains on all
    assert main(["--sections", "qa", "--qa", str(samples_qa), "--qa-corpus", str(SAMPLES), "--out", str(work),
                 "--set", "answerability_min=2"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "tune half" in out and "report half" not in out and "| all " not in out, "without --final: tune only"
    answers = next(line for line in out.splitlines() if line.startswith("| tune half ") and "/" in line)
    cells = [c.strip() for c in answers.split("|")]
    assert cells[5] == cells[2], answers  # every answerable question abstained


def test_invariance_asks_every_variant(work: Path, samples_qa: Path, capsys) -> None:
    from eval.invariance import main

    assert main(["--sets", "qa", "--qa", str(samples_qa), "--qa-index", SAMPLES.name, "--out", str(work),
                 "--limit", "4", "--final"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "without tone marks" in out and "one typo" in out and "answer changes" in out
    assert "as written: right" in out and "report half (--final)" in out


def test_abstention_curve_fits_and_prints(work: Path, samples_qa: Path, capsys) -> None:
    from eval.abstention import main

    assert main(["--sets", "qa", "--qa", str(samples_qa), "--qa-index", SAMPLES.name, "--out", str(work),
                 "--fit"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Abstention curve" in out and "baseline: channels' agreement alone" in out
    assert "without tone marks" in out and "Heuristics.answerability_min = " in out
    rows = [json.loads(x) for x in (work / "abstention_rows.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all(0.0 <= r["coverage"] <= 1.0 for r in rows)
    assert {r["typed"] for r in rows} == {"as written", "without tone marks"}


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_withheld_gold_questions_are_made_by_the_sets_rules_and_scored(work: Path, tmp_path: Path, capsys) -> None:
    from eval.sets import half
    from eval.withheld import main, withheld

    texts = {  # written for the test: four passages, one near-copy of another
        "mo-da": "Mỏ đá Làng Khánh có trữ lượng 12 triệu mét khối, được cấp phép khai thác năm 2019.",
        "mo-cat": "Mỏ cát sông Chảy được đấu giá quyền khai thác năm 2021 với giá khởi điểm 9 tỷ đồng.",
        "mo-cat-ban-sao": "Mỏ cát sông Chảy được đấu giá quyền khai thác năm 2021 với giá khởi điểm 9 tỷ đồng nhé.",
        "mo-sat": "Mỏ sắt Quý Xa do công ty khai thác, công suất 3 triệu tấn quặng mỗi năm.",
    }
    (tmp_path / "corpus").mkdir()
    for name, text in texts.items():
        (tmp_path / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    ids = [i for i in (f"W-{n}" for n in range(100)) if half(i) == "tune"][:4]
    asked = [("Mỏ đá Làng Khánh có trữ lượng bao nhiêu?", "mo-da", "12 triệu mét khối"),
             ("Giá khởi điểm đấu giá mỏ cát sông Chảy là bao nhiêu?", "mo-cat", "9 tỷ đồng"),
             ("Công suất mỏ sắt Quý Xa là bao nhiêu?", "mo-sat", "3 triệu tấn quặng mỗi năm"),
             ("Mỏ vàng Minh Lương có trữ lượng bao nhiêu?", None, "")]  # fmt: skip
    questions = [{"id": i, "question": q, "doc": d, "answers": [a] if a else [], "answerable": d is not None}
                 for i, (q, d, a) in zip(ids, asked, strict=True)]  # fmt: skip
    (tmp_path / "questions.jsonl").write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in questions))
    corpus = {k: " ".join(v.lower().replace(",", " ").replace(".", " ").split()) for k, v in texts.items()}
    # the sand mine's passage has a near-copy left: withholding it leaves the question answerable
    assert [q["doc"] for q in withheld(questions, corpus)] == ["mo-da", "mo-sat"]
    assert main(["--root", str(tmp_path), "--out", str(work)]) == 0
    out = capsys.readouterr().out
    assert "gold passage withheld" in out and "real unanswerable" in out and "baseline: agreement" in out


def test_check_eval_on_a_suite_generated_from_samples(work: Path, capsys) -> None:
    from eval.check_eval import main as check
    from eval.gen_drafts import main as generate

    drafts = work / "drafts"
    assert generate(["--corpus", str(SAMPLES), "--out", str(drafts), "--per-type", "1"]) == 0
    key = json.loads((drafts / "gen-7-key.json").read_text(encoding="utf-8"))
    kinds = {c.get("error_type") or c["label"] for c in key["claims"]}
    assert {"supported", "unsupported", "wrong_number", "wrong_date", "internal_conflict"} <= kinds, kinds
    assert any(c.get("variant") for c in key["claims"] if c["label"] == "supported"), "no paraphrased claim"
    ids = [c["id"] for c in key["claims"]]
    for c in key["claims"]:  # a restatement comes after what it restates
        if c["label"] == "internal_conflict":
            assert ids.index(c["conflicts_with"]) < ids.index(c["id"])
    assert generate(["--corpus", str(SAMPLES), "--out", str(work / "again"), "--per-type", "1"]) == 0
    again = (work / "again" / "gen-7-key.json").read_bytes()
    assert again == (drafts / "gen-7-key.json").read_bytes(), "reproducible"
    capsys.readouterr()
    rc = check(["--corpus", str(SAMPLES), "--out", str(work), "--draft", str(drafts / "gen-7.docx"),
                "--key", str(drafts / "gen-7-key.json"), "--final"])  # fmt: skip
    assert rc == 0
    out = capsys.readouterr().out
    assert "false alarm rate" in out and "recall (right kind)" in out
    assert "Checking speed" in out and "s per 40 claims" in out and "retrieval alone" in out
    misses = json.loads((work / "check_gen-7_misses.json").read_text(encoding="utf-8"))
    # a Heuristics override reaches the checker: no passage is evidence, so unchanged claims are no longer supported
    assert check(["--corpus", str(SAMPLES), "--out", str(work), "--draft", str(drafts / "gen-7.docx"),
                  "--key", str(drafts / "gen-7-key.json"), "--set", "check_topic_min=1.01", "--final"]) == 0  # fmt: skip
    blind = json.loads((work / "check_gen-7_misses.json").read_text(encoding="utf-8"))
    assert len(blind) > len(misses)


@pytest.mark.slow  # a benchmark's smoke test (two checks per way): full tier
def test_check_invariance_rewrites_a_suite_generated_from_samples(work: Path, capsys) -> None:
    from eval.check_invariance import main

    assert main(["--corpus", str(SAMPLES), "--out", str(work), "--per-type", "2", "--final"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| all ")]
    assert rows and "verdict kind changes" in out, out
    assert any("date as 22/12/2011" in r or "body abbreviated" in r for r in rows), out


def test_tune_on_any_qa_file(work: Path, samples_qa: Path, capsys) -> None:
    from eval.tune import main

    rc = main(["--qa", str(samples_qa), "--qa-corpus", str(SAMPLES), "--no-alqac", "--out", str(work)])
    assert rc == 0
    out = capsys.readouterr().out
    assert "In-sample" in out and "baseline: bm25s" in out and "with a slip" in out


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_scale_prints_its_table(work: Path, question_lines: Path, capsys) -> None:
    from eval.scale import main

    rc = main(["--source", str(work / "samples-index"), "--n", "400", "--queries", "3",
               "--questions", str(question_lines), "--out", str(work)])  # fmt: skip
    assert rc == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| edge") or line.startswith("| qdrant-local")]
    assert len(rows) == 2 and all("| 400 |" in r.replace(" ", " ") or " 400 " in r for r in rows), out


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_upload_benchmark(capsys) -> None:
    from eval.upload import main

    assert main(["--pages", "2"]) == 0
    out = capsys.readouterr().out
    assert "searchable" in out and "bare embedder" in out


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_embedding_speed_benchmark(capsys) -> None:
    from eval.embed_speed import main

    assert main(["--corpus", str(SAMPLES), "--limit", "12", "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "12 passages" in out and "one worker process" in out and "pool: 2 worker processes" in out
    rates = [float(line.split("|")[3]) for line in out.splitlines() if line.startswith("| quiet")]
    assert len(rates) == 3 and min(rates) > 0


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_generated_answer_verification_suite(work: Path, samples_qa: Path, capsys) -> None:
    from eval.verify_answers import main

    assert main(["--corpus", str(SAMPLES), "--qa", str(samples_qa), "--out", str(work), "--limit", "3",
                 "--final"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "right sentences falsely flagged" in out and "moved_figure: planted flagged" in out
    assert "baseline: surface check" in out and "all half" in out


@pytest.mark.slow  # a rebuild of the samples index: full tier
def test_stale_benchmark_index_is_refused(work: Path) -> None:
    from eval.indexes import StaleIndexError, build_corpus, open_built

    open_built("samples", work).close()  # current: accepted
    with sqlite3.connect(work / "samples-index" / "catalog.sqlite") as db:
        db.execute("UPDATE documents SET version = 'old' WHERE rowid = (SELECT min(rowid) FROM documents)")
    with pytest.raises(StaleIndexError, match="phiên bản cũ"):
        open_built("samples", work)
    build_corpus(SAMPLES, work).close()  # a rebuild re-indexes the stale document
    open_built("samples", work).close()


@pytest.mark.slow
def test_security_benchmark(capsys) -> None:
    from eval.security import main

    assert main(["--searches", "3", "--reads", "5"]) == 0
    out = capsys.readouterr().out
    assert "restricted passages seen: 0" in out
    assert "Kill-point matrix" in out and "Largest inputs" in out
    assert "Stored files and histories" in out and "Login back-off" in out and "flood, rate limit" in out


@pytest.mark.slow
def test_generative_benchmark(work: Path, capsys) -> None:
    from eval.generative import main

    assert main(["--sets", "samples", "--limit", "2", "--out", str(work)]) == 0
    out = capsys.readouterr().out
    assert "written questions (samples/)" in out and "extractive (model off)" in out


@pytest.mark.slow
def test_concurrency_benchmark(work: Path, question_lines: Path, capsys) -> None:
    from eval.concurrency import main

    rc = main(["--sessions", "2", "--index", str(work / "samples-index"), "--questions", str(question_lines),
               "--upload", str(UPLOAD)])  # fmt: skip
    assert rc == 0
    out = capsys.readouterr().out
    assert re.search(r"2 sessions at once, [0-2] of them during the upload \| 2/2", out), out
    assert "baseline: one session" in out and "questions were in flight during the upload" in out


def test_metadata_scorer_on_any_key(work: Path, tmp_path: Path, capsys) -> None:
    """`eval.run --sections meta --meta DIR` scores any folder's documents against its key.json (ext/C's scorer)."""
    import shutil

    from eval.run import main
    from tests.conftest import need_shared

    need_shared()  # the scorer is the one shipped with ../shared/eval/ext/C
    folder = tmp_path / "set"
    shutil.copytree(SAMPLES, folder / "docs", ignore=shutil.ignore_patterns("*.py"))
    key = [
        {"doc": "QD-502-QD-DCKS-2021-mau.txt", "doc_type": "Quyết định", "number": "502/QĐ-ĐCKS",
         "issued": "2021-07-26", "signer": "Nguyễn Văn Mẫu", "province": None},
        {"doc": "BC-UBND-Quang-Ninh-tong-ket-NQ02-mau.docx", "doc_type": "Báo cáo", "number": "312/BC-UBND",
         "issued": "2021-09-20", "signer": "Nguyễn Thị Mẫu", "province": "Quảng Ninh"},
    ]  # fmt: skip
    (folder / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    assert main(["--sections", "meta", "--meta", str(folder), "--out", str(work), "--final"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| all "))
    assert float(row.split("|")[-3]) == 1.0, out  # field accuracy over the fields the key gives


def test_header_noise_benchmark_on_any_key(tmp_path: Path, capsys) -> None:
    """`eval.header_noise --root DIR` damages any folder's text documents and scores them against its key.json."""
    from eval.header_noise import DAMAGE, main
    from tests.conftest import need_shared

    need_shared()  # the scorer is the one shipped with ../shared/eval/ext/C
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLES / "QD-502-QD-DCKS-2021-mau.txt", tmp_path / "docs")
    key = [{"doc": "QD-502-QD-DCKS-2021-mau.txt", "doc_type": "Quyết định", "number": "502/QĐ-ĐCKS",
            "issued": "2021-07-26", "signer": "Nguyễn Văn Mẫu"}]  # fmt: skip
    (tmp_path / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--final"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| all ")]
    assert len(rows) == 1 + len(DAMAGE)
    assert rows[0].rstrip(" |").endswith("1.000"), out  # the undamaged baseline reads the sample's header right


@pytest.mark.slow  # a benchmark's smoke test: full tier
def test_generated_questions_ask_a_value_in_place_and_are_scored(work: Path, capsys) -> None:
    from eval.gen_questions import generate
    from eval.generated_qa import holds, main

    questions = generate(7, 2, SAMPLES)
    assert questions == generate(7, 2, SAMPLES), "reproducible"
    kinds = {q["kind"] for q in questions}
    assert {"date", "number"} <= kinds, kinds
    for q in questions:  # the value is asked in place: gone from the question, stated by its source sentence
        assert q["question"].endswith("?") and q["value"] not in q["question"], q
        assert holds(q["kind"], q["value"], q["evidence"]), q
    assert holds("date", "30/9/2021", "hạn ngày 30 tháng 9 năm 2021") and not holds("number", "27", "cấp 270 giấy phép")
    assert main(["--corpus", str(SAMPLES), "--out", str(work), "--per-kind", "2", "--final"]) == 0
    out = capsys.readouterr().out
    assert "answer holds the value" in out and "baseline: BM25 best sentence" in out and "report" in out
