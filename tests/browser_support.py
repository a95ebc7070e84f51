"""What every browser test shares: one `nq02 app` server per session on the samples (plus a scanned copy of the
sample PDF, read by OCR), its users, a headless Chromium, and the steps an editor takes (log in, open a page, ask)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.appserver import CHROMIUM, CHROMIUM_ARGS, running_app

from .conftest import ROOT, SAMPLES

SHOTS = ROOT / os.environ.get("NQ02_SCREENSHOTS", "tests/out/screenshots")
QUESTION = "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập tổng kết Nghị quyết 02?"
ADMIN_PW, VIEWER_PW, EDITOR_PW = "mk-quantri-2026", "mk-nguoixem-2026", "mk-bientap-2026"
PAGES = {"Hỏi đáp": "", "Tra cứu": "tra-cuu", "Kho tài liệu": "kho-tai-lieu", "Kiểm tra dự thảo": "kiem-tra",
         "Tiến độ báo cáo": "tien-do", "Tài khoản": "tai-khoan", "Quản trị": "quan-tri"}  # fmt: skip

BROWSER = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (scripts/install.sh)"),
]
SCANNED = "BC-Bo-Cong-Thuong-ban-scan-mau.pdf"


def scanned_copy(pdf: Path, out: Path) -> Path:
    """The sample PDF as a scan: each page an image only, so ingest reads it by OCR."""
    import pymupdf

    src, dst = pymupdf.open(pdf), pymupdf.open()
    for page in src:
        pix = page.get_pixmap(dpi=200)
        new = dst.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, pixmap=pix)
    dst.save(out)
    return out


def nq02(*args: str, index: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NQ02_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, text=True, capture_output=True,
                          env=env, cwd=ROOT, check=True, timeout=900)  # fmt: skip


@pytest.fixture(scope="session")
def app_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("app-index")
    docs = tmp_path_factory.mktemp("docs")
    for f in SAMPLES.iterdir():
        if f.suffix != ".py":
            shutil.copy(f, docs)
    scanned_copy(SAMPLES / "BC-Bo-Cong-Thuong-tong-ket-NQ02-mau.pdf", docs / SCANNED)
    nq02("ingest", str(docs), index=index)
    nq02("user", "add", "quantri", "--role", "admin", index=index, stdin=f"{ADMIN_PW}\n")
    nq02("user", "add", "bientap", "--role", "editor", index=index, stdin=f"{EDITOR_PW}\n")
    nq02("user", "add", "nguoixem", "--role", "viewer", index=index, stdin=f"{VIEWER_PW}\n")
    from ingest import Index, Settings

    held = Index.open(Settings.from_env(index_dir=index, lock_wait_s=10))
    held.set_restricted("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx", True)
    held.close()
    return index


@pytest.fixture(scope="session")
def server(app_index: Path) -> Iterator[str]:
    with running_app(app_index) as url:
        yield url


@pytest.fixture(scope="module")  # not the session: sync Playwright holds an event loop while it is open
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, url: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    return page


def login(page, name: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def goto(page, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("heading", name=title).first.wait_for()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ask(page, question: str) -> None:
    """Send a question and wait until it stands in the conversation (an Enter the widget did not take, typed
    during a rerun, sends nothing: send it again)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    asked = page.locator("[data-testid=stChatMessage]").filter(has_text=question)
    sent = asked.count()
    box = page.get_by_test_id("stChatInputTextArea")
    for _ in range(5):
        box.fill(question)
        box.press("Enter")
        try:
            asked.nth(sent).wait_for(timeout=20_000)
            return
        except PlaywrightTimeout:
            continue
