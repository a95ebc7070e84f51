"""Browser tests: Playwright drives Debian's headless Chromium against a real `nq02 app` server.

They log in (a wrong password is refused), ask a question and open its citation, upload a DOCX and find it,
check that a viewer cannot upload and never sees a restricted document, and save a screenshot of every page
under tests/out/screenshots/ (`NQ02_SCREENSHOTS=docs/screenshots` refreshes the ones the README shows).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from eval.appserver import CHROMIUM, CHROMIUM_ARGS, running_app

from .conftest import MINERAL, ROOT, need_shared

SHOTS = ROOT / os.environ.get("NQ02_SCREENSHOTS", "tests/out/screenshots")
QUESTION = "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập tổng kết Nghị quyết 02?"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (scripts/install.sh)"),
]


def _nq02(*args: str, index: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NQ02_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, text=True, capture_output=True,
                          env=env, cwd=ROOT, check=True, timeout=900)  # fmt: skip


@pytest.fixture(scope="module")
def app_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app-index")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, app_index: Path) -> Iterator[str]:
    need_shared()
    index = app_index
    docs = tmp_path_factory.mktemp("docs")
    for f in (ROOT / "samples").iterdir():
        if f.suffix != ".py":
            shutil.copy(f, docs)
    shutil.copy(MINERAL / "text" / "tin-2021-07-29-tien-do-tong-ket-nq02.txt", docs)
    _nq02("ingest", str(docs), index=index)
    _nq02("user", "add", "quantri", "--role", "admin", index=index, stdin="mk-quantri-2026\n")
    _nq02("user", "add", "nguoixem", "--role", "viewer", index=index, stdin="mk-nguoixem-2026\n")
    from ingest import Index, Settings

    held = Index.open(Settings.from_env(index_dir=index, lock_wait_s=10))
    held.set_restricted("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx", True)
    held.close()
    with running_app(index) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, url: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    return page


def _login(page, name: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _goto(page, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("heading", name=title).first.wait_for()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_wrong_password_is_refused(server, browser):
    page = _page(browser, server)
    page.get_by_role("heading", name="Đăng nhập").wait_for()
    _shot(page, "dang-nhap")
    _login(page, "quantri", "sai")
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    assert page.get_by_role("link", name="Hỏi đáp").count() == 0


def test_admin_asks_opens_citation_uploads_and_finds(server, browser, app_index: Path, tmp_path: Path):
    page = _page(browser, server)
    _login(page, "quantri", "mk-quantri-2026")
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    page.get_by_test_id("stChatInputTextArea").fill(QUESTION)
    page.keyboard.press("Enter")
    page.locator("[data-testid=stChatMessage] >> text=502/QĐ-ĐCKS >> visible=true").first.wait_for()
    page.get_by_test_id("stExpander").first.click()
    page.locator("mark").first.wait_for()
    _shot(page, "hoi-dap")

    marker = "Báo cáo kiểm thử trình duyệt về mỏ đá vôi Hang Nước năm 2021"
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(f"{marker}: sản lượng khai thác đạt 125.000 tấn, nộp ngân sách 3,4 tỷ đồng.")
    upload = tmp_path / "bao-cao-hang-nuoc.docx"
    d.save(upload)
    _goto(page, "Kho tài liệu")
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("Đã xử lý 1 tệp, 0 lỗi.").wait_for()
    _shot(page, "kho-tai-lieu")

    _goto(page, "Tra cứu")
    page.get_by_label("Nội dung cần tìm").fill("mỏ đá vôi Hang Nước")
    page.keyboard.press("Enter")
    page.locator("text=bao-cao-hang-nuoc.docx >> visible=true").first.wait_for()
    _shot(page, "tra-cuu")

    _goto(page, "Tiến độ báo cáo")
    page.get_by_text("Tỉnh, thành phố đã gửi").wait_for()
    _shot(page, "tien-do-bao-cao")

    _goto(page, "Kiểm tra dự thảo")
    page.locator("input[type=file]").first.set_input_files(str(ROOT / "docs" / "examples" / "du-thao-mau.txt"))
    page.get_by_role("button", name="Kiểm tra").click()
    page.get_by_text("nhận định được kiểm tra").wait_for()
    _shot(page, "kiem-tra-du-thao")

    _goto(page, "Quản trị")
    page.get_by_text("Nhật ký hoạt động").wait_for()
    _shot(page, "quan-tri")
    from app.auth import UserStore, users_path

    actions = {(user, action) for _, user, action, _ in UserStore(users_path(app_index)).audit()}
    assert {("quantri", "login_failed"), ("quantri", "login"), ("quantri", "upload"), ("quantri", "check")} <= actions


def test_viewer_cannot_upload_and_never_sees_restricted_text(server, browser):
    page = _page(browser, server)
    _login(page, "nguoixem", "mk-nguoixem-2026")
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    assert page.get_by_role("link", name="Kiểm tra dự thảo").count() == 0
    _goto(page, "Kho tài liệu")
    page.get_by_text("việc tải tài liệu lên dành cho biên tập viên").wait_for()
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_text("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx").count() == 0
    _goto(page, "Tra cứu")
    page.get_by_label("Nội dung cần tìm").fill("Ủy ban nhân dân tỉnh Yên Bái 145/BC-UBND báo cáo tổng kết")
    page.keyboard.press("Enter")
    page.get_by_text("kết quả").first.wait_for()
    assert page.get_by_text("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx").count() == 0
    assert page.get_by_text("Hoàng Văn Mẫu").count() == 0
