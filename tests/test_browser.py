"""Browser tests: Playwright drives Debian's headless Chromium against a real `nq02 app` server on the samples.

They cover what an editor's day needs: a login that survives reloads and deep links (the conversation too),
changing one's password, an upload found through search before its embedding finishes, citations that jump
to their source, a viewer who never sees a restricted document, no English left on any page, and the server
gone (and the index free) seconds after `nq02 app` is stopped. Screenshots go to tests/out/screenshots
(`NQ02_SCREENSHOTS=docs/screenshots` refreshes the README's).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from app.web.ui.style import ENGLISH
from eval.appserver import ANSWERED, running_app

from .browser_support import (
    ADMIN_PW,
    BROWSER,
    EDITOR_PW,
    PAGES,
    QUESTION,
    VIEWER_PW,
    ask,
    goto,
    login,
    nq02,
    open_page,
    shot,
)
from .conftest import ROOT

pytestmark = BROWSER


def test_wrong_password_is_refused(server, browser):
    page = open_page(browser, server)
    page.get_by_role("heading", name="Đăng nhập").wait_for()
    shot(page, "dang-nhap")
    login(page, "quantri", "sai-mat-khau")
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    assert page.get_by_role("link", name="Tra cứu").count() == 0


def test_login_survives_reload_and_deep_link_with_the_conversation(server, browser):
    page = open_page(browser, f"{server}/tra-cuu")
    login(page, "bientap", EDITOR_PW)
    page.get_by_role("heading", name="Tra cứu").wait_for()  # the deep link's page, after logging in
    goto(page, "Hỏi đáp")
    ask(page, QUESTION)
    page.locator("[data-testid=stChatMessage] >> text=502/QĐ-ĐCKS >> visible=true").first.wait_for()
    page.locator("a.nq02-cite").first.click()  # [1] jumps to its source, the sentence marked
    page.locator("mark").first.wait_for()
    shot(page, "hoi-dap")
    page.wait_for_url("**?c=*")
    page.reload()
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    page.locator("[data-testid=stChatMessage] >> text=502/QĐ-ĐCKS >> visible=true").first.wait_for()
    address = page.url
    fresh = page.context.new_page()  # a new tab on the same address: same session, same conversation
    fresh.goto(address)
    fresh.locator("[data-testid=stChatMessage] >> text=502/QĐ-ĐCKS >> visible=true").first.wait_for()
    assert fresh.get_by_role("heading", name="Đăng nhập").count() == 0


def test_a_question_sent_as_the_answer_shows_keeps_both_turns(server, browser):
    """The next question is sent the moment an answer shows, while the page still finishes that turn: both
    turns stay in the conversation (a turn saved after the answer was drawn was lost to the rerun)."""
    page = open_page(browser, server)
    login(page, "bientap", EDITOR_PW)
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    second = "Tỉnh Quảng Ninh đã cấp bao nhiêu giấy phép khai thác khoáng sản?"
    answers = page.locator("[data-testid=stChatMessage]").get_by_text(ANSWERED)
    ask(page, QUESTION)
    answers.first.wait_for()
    ask(page, second)
    answers.nth(1).wait_for()
    page.wait_for_url("**?c=*")
    page.reload()
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    for question in (QUESTION, second):
        page.locator("[data-testid=stChatMessage]").filter(has_text=question).first.wait_for()
    assert answers.count() == 2


def test_a_user_changes_their_password(server, browser, app_index: Path):
    nq02("user", "add", "doimatkhau", "--role", "viewer", index=app_index, stdin="mat-khau-cu-2026\n")
    page = open_page(browser, server)
    login(page, "doimatkhau", "mat-khau-cu-2026")
    goto(page, "Tài khoản")
    page.get_by_label("Mật khẩu hiện tại").fill("mat-khau-cu-2026")
    page.get_by_label("Mật khẩu mới (ít nhất 12 ký tự)").fill("mat-khau-moi-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("mat-khau-moi-2026")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.get_by_text("Đã đổi mật khẩu").wait_for()
    other = open_page(browser, server)
    login(other, "doimatkhau", "mat-khau-cu-2026")
    other.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    login(other, "doimatkhau", "mat-khau-moi-2026")
    other.get_by_role("heading", name="Hỏi đáp").wait_for()


def _long_report(path: Path, marker: str, paragraphs: int = 260) -> None:
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(f"{marker}: sản lượng khai thác đạt 125.000 tấn, nộp ngân sách 3,4 tỷ đồng.")
    for i in range(paragraphs):
        d.add_paragraph(
            f"{i + 1}. Kết quả thực hiện nhiệm vụ quản lý khoáng sản tại khu vực mỏ số {i + 1}: đã kiểm tra "
            f"{i % 7 + 1} giấy phép, xử lý {i % 3} vi phạm, hoàn thiện hồ sơ đóng cửa mỏ và cải tạo phục hồi "
            "môi trường theo quy định của Luật Khoáng sản và các văn bản hướng dẫn thi hành."
        )
    d.save(path)


def test_an_upload_is_found_before_its_embedding_finishes(server, browser, tmp_path: Path):
    marker = "Báo cáo kiểm thử trình duyệt về mỏ đá vôi Hang Nước năm 2021"
    upload = tmp_path / "bao-cao-hang-nuoc.docx"
    _long_report(upload, marker)
    page = open_page(browser, server)
    login(page, "quantri", ADMIN_PW)
    goto(page, "Kho tài liệu")
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("nhúng", exact=False).first.wait_for()  # parsed and chunked: now being embedded
    shot(page, "kho-tai-lieu")
    search = page.context.new_page()
    search.goto(f"{server}/tra-cuu")
    search.get_by_label("Nội dung cần tìm").fill("mỏ đá vôi Hang Nước")
    search.keyboard.press("Enter")
    search.locator("text=bao-cao-hang-nuoc.docx >> visible=true").first.wait_for()
    assert page.get_by_text("nhúng", exact=False).count() > 0, "found while the embedding was still running"
    shot(search, "tra-cuu")
    page.get_by_text("đã nạp", exact=False).first.wait_for(timeout=600_000)


def test_every_page_is_in_vietnamese(server, browser):
    page = open_page(browser, server)
    login(page, "quantri", ADMIN_PW)
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    names = {"Tiến độ báo cáo": "tien-do-bao-cao", "Kiểm tra dự thảo": "kiem-tra-du-thao", "Quản trị": "quan-tri"}
    for title in PAGES:
        goto(page, title)
        page.wait_for_timeout(1500)
        if title == "Kiểm tra dự thảo":
            page.locator("input[type=file]").first.set_input_files(str(ROOT / "docs/examples/du-thao-mau.txt"))
            page.get_by_role("button", name="Kiểm tra").click()
            page.get_by_text("nhận định được kiểm tra").wait_for()
        if title in names:
            shot(page, names[title])
        visible = page.evaluate("() => document.body.innerText")
        left = [s for s in ENGLISH if s in visible.split("\n") or f" {s} " in f" {visible} "]
        assert not left, (title, left)


def test_viewer_cannot_upload_and_never_sees_restricted_text(server, browser):
    page = open_page(browser, server)
    login(page, "nguoixem", VIEWER_PW)
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    assert page.get_by_role("link", name="Kiểm tra dự thảo").count() == 0
    goto(page, "Kho tài liệu")
    page.get_by_text("việc tải tài liệu lên dành cho biên tập viên").wait_for()
    assert page.locator("input[type=file]").count() == 0
    assert page.get_by_text("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx").count() == 0
    goto(page, "Tra cứu")
    page.get_by_label("Nội dung cần tìm").fill("Ủy ban nhân dân tỉnh Yên Bái 145/BC-UBND báo cáo tổng kết")
    page.keyboard.press("Enter")
    page.wait_for_timeout(4000)
    assert page.get_by_text("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx").count() == 0
    assert page.get_by_text("Hoàng Văn Mẫu").count() == 0
    response = page.request.get(f"{server}/files/samples/BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx")
    assert response.status == 404, "the source file is not served to a viewer either"


def test_stopping_the_app_frees_the_index(app_index: Path, tmp_path: Path):
    index = tmp_path / "stop-index"
    shutil.copytree(app_index, index)
    with running_app(index) as _url:
        from eval.appserver import last_process

        proc = last_process()
        proc.terminate()  # SIGTERM to `nq02 app`, as `kill <pid>` sends
        proc.wait(timeout=120)  # a hang guard, not a speed check: the app exits on SIGTERM
        from ingest import Index, Settings

        Index.open(Settings.from_env(index_dir=index, lock_wait_s=30)).close()  # the stopped app let go of the index
