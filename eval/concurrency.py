"""Concurrency benchmark: N browser sessions ask questions while another session's upload is being ingested.

`python -m eval.concurrency [--sessions 10] [--index eval/out/mineral-index]` starts `nq02 app` on a copy of the
index, drives headless Chromium (Playwright, Debian's /usr/bin/chromium) and prints per-session answer time
(p50/p95/max) beside a baseline of one session asking one question at a time with no upload, in the same run.
The loaded sessions ask questions the baseline did not (the app remembers query embeddings: repeated
questions would be answered from that cache and hide the contention).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

from eval.appserver import ANSWERED, CHROMIUM, CHROMIUM_ARGS, running_app
from eval.indexes import OUT, SHARED
from eval.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
USER, PASSWORD = "dokiem", "mat-khau-do-kiem-2026"


async def _login(browser, url: str):
    page = await (await browser.new_context(viewport={"width": 1200, "height": 900})).new_page()
    page.set_default_timeout(300_000)
    await page.goto(url)
    await page.get_by_label("Tên đăng nhập").fill(USER)
    await page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.get_by_role("heading", name="Hỏi đáp").wait_for()
    return page


async def _ask(page, question: str) -> tuple[float, float]:
    """When this question was sent and when its answer (with its sources) stood on screen (perf_counter)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    messages = page.locator("[data-testid=stChatMessage]")
    sources = messages.get_by_text(ANSWERED)
    answered = await sources.count()
    asked = messages.filter(has_text=question)
    sent = await asked.count()
    box = page.get_by_test_id("stChatInputTextArea")
    started = time.perf_counter()
    for _ in range(5):  # an Enter the widget did not take (typed during a rerun) sends nothing: send it again
        await box.fill(question)
        await box.press("Enter")
        try:
            await asked.nth(sent).wait_for(timeout=20_000)  # the question stands in the conversation
            break
        except PlaywrightTimeout:
            continue
    try:
        await sources.nth(answered).wait_for()
    except PlaywrightTimeout:
        OUT.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(OUT / "concurrency-timeout.png"), full_page=True)
        raise
    return started, time.perf_counter()


async def _upload(page, file: Path) -> tuple[float, float]:
    await page.get_by_role("link", name="Kho tài liệu").click()
    await page.locator("input[type=file]").first.set_input_files(str(file))
    started = time.perf_counter()
    await page.get_by_role("button", name="Nạp vào kho").click()
    await page.get_by_text("đã nạp", exact=False).first.wait_for(timeout=1_800_000)
    return started, time.perf_counter()


def overlapped(spans: list[tuple[float, float]], upload: tuple[float, float]) -> int:
    """How many question spans overlap the upload's span (asked while it was being ingested)."""
    return sum(start < upload[1] and end > upload[0] for start, end in spans)


async def run(url: str, solo_questions: list[str], questions: list[str], upload: Path) -> tuple[list, list, tuple]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        solo = await _login(browser, url)
        baseline = [await _ask(solo, q) for q in solo_questions]
        pages = await asyncio.gather(*(_login(browser, url) for _ in questions))
        uploader = await _login(browser, url)
        upload_task = asyncio.create_task(_upload(uploader, upload))
        await asyncio.sleep(1.0)  # the upload is being parsed and embedded while everyone asks
        loaded = await asyncio.gather(*(_ask(pg, q) for pg, q in zip(pages, questions, strict=True)))
        upload_span = await upload_task
        await browser.close()
    return baseline, list(loaded), upload_span


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--index", type=Path, default=Path("eval/out/mineral-index"))
    ap.add_argument("--questions", type=Path, help="questions, one per line (default: qa_dev's answerable ones)")
    ap.add_argument("--upload", type=Path, help="the document uploaded meanwhile (default: a real DOCX report)")
    args = ap.parse_args(argv)
    if args.questions:
        pool = [x.strip() for x in args.questions.read_text(encoding="utf-8").splitlines() if x.strip()]
    else:
        qa = [json.loads(x) for x in (SHARED / "eval/qa_dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
        pool = [q["question"] for q in qa if q["kind"] != "none"]
    solo_questions, questions = pool[: args.sessions], pool[args.sessions : 2 * args.sessions]
    if len(questions) < args.sessions:
        print(f"Cần ít nhất {2 * args.sessions} câu hỏi khác nhau.", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp())
    index = tmp / "index"  # a copy: the benchmark's upload must not change the evaluation index
    shutil.copytree(args.index, index)
    env = {**os.environ, "NQ02_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "app.cli", "user", "add", USER, "--role", "editor"], input=PASSWORD + "\n",
                   text=True, env=env, cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    upload = tmp / "bao-cao-dong-thoi.docx"
    report = docx.Document(str(args.upload or SHARED / "corpus/mineral/files/BC-tinh-ket-qua-Chi-thi-38-TTg.docx"))
    report.add_paragraph(
        f"Bản sao dùng cho đo tải đồng thời, tạo lúc {time.time():.0f}."
    )  # new content: really embedded
    report.save(upload)
    try:
        with running_app(index) as url:
            baseline_spans, spans, upload_span = asyncio.run(run(url, solo_questions, questions, upload))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    baseline = [end - start for start, end in baseline_spans]
    loaded = [end - start for start, end in spans]
    during = overlapped(spans, upload_span)
    upload_s = upload_span[1] - upload_span[0]
    print(
        f"\n{len(questions)} concurrent sessions asking while a {upload.name} upload is ingested ({upload_s:.1f} s); "
        f"{during}/{len(spans)} questions were in flight during the upload:"
    )
    print("| run | answered | p50 s | p95 s | max s |\n|---|---|---|---|---|")
    print(
        f"| baseline: one session, other questions one at a time, no upload | {len(baseline)}/{len(questions)} | "
        f"{percentile(baseline, 50):.2f} | {percentile(baseline, 95):.2f} | {max(baseline):.2f} |"
    )
    print(
        f"| {len(questions)} sessions at once, {during} of them during the upload | {len(loaded)}/{len(questions)} | "
        f"{percentile(loaded, 50):.2f} | "
        f"{percentile(loaded, 95):.2f} | {max(loaded):.2f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
