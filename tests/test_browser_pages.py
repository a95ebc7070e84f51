"""Browser tests of every page's address and every way to open a source: deep links to each page (and a clear
"no permission" for a page the role may not open), no English in any accessible label, and "Xem bản gốc" /
"Xem toàn văn" on Hỏi đáp, Tra cứu and Kho tài liệu for a PDF, a scanned PDF, a DOCX and a TXT."""

from __future__ import annotations

import re

from app.web.ui.session import COOKIE
from app.web.ui.style import ENGLISH, ENGLISH_LABEL
from eval.appserver import ANSWERED

from .browser_support import ADMIN_PW, BROWSER, SCANNED, VIEWER_PW, ask, goto, login, open_page, shot

pytestmark = BROWSER
TEXT_PDF = "BC-Bo-Cong-Thuong-tong-ket-NQ02-mau.pdf"
DOCX = "BC-UBND-Quang-Ninh-tong-ket-NQ02-mau.docx"
TXT = "QD-502-QD-DCKS-2021-mau.txt"
VIEWER_PAGES = {"": "Hỏi đáp", "hoi-dap": "Hỏi đáp", "tra-cuu": "Tra cứu", "kho-tai-lieu": "Kho tài liệu",
                "tien-do": "Tiến độ báo cáo", "tai-khoan": "Tài khoản"}  # fmt: skip
NOT_FOUND = re.compile("Không tìm thấy trang|không tồn tại|does not seem to exist|Page not found")
BROKEN = re.compile("Đã xảy ra lỗi|This app has encountered an error|Không mở được tệp gốc|Traceback")


def test_every_page_has_a_deep_link_and_a_forbidden_one_says_why(server, browser):
    page = open_page(browser, f"{server}/kho-tai-lieu")
    login(page, "nguoixem", VIEWER_PW)
    page.get_by_role("heading", name="Kho tài liệu").wait_for()
    for _ in range(60):  # the run after login hands the session to the browser as a cookie; then addresses work
        if any(c["name"] == COOKIE for c in page.context.cookies()):
            break
        page.wait_for_timeout(500)
    for path, title in VIEWER_PAGES.items():
        page.goto(f"{server}/{path}")
        _wait_heading(page, title, path)
        page.wait_for_timeout(1000)
        assert not NOT_FOUND.search(page.evaluate("() => document.body.innerText")), path
    for path, title in {"kiem-tra": "Kiểm tra dự thảo", "quan-tri": "Quản trị"}.items():
        page.goto(f"{server}/{path}")
        page.get_by_role("heading", name=title).first.wait_for()
        page.get_by_text("không có quyền mở trang").wait_for()
        assert not NOT_FOUND.search(page.evaluate("() => document.body.innerText")), path


def _wait_heading(page, title: str, path: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        shot(page, f"deep-link-{path or 'root'}")
        raise AssertionError((path, page.evaluate("() => document.body.innerText")[:800])) from None


def test_no_english_in_any_accessible_label(server, browser):
    page = open_page(browser, server)
    page.get_by_role("heading", name="Đăng nhập").wait_for()
    labels = _english_labels(page)
    login(page, "quantri", ADMIN_PW)
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    for title in ("Hỏi đáp", "Tra cứu", "Kho tài liệu", "Kiểm tra dự thảo", "Tiến độ báo cáo", "Tài khoản", "Quản trị"):
        goto(page, title)
        page.wait_for_timeout(1500)
        page.mouse.move(700, 500)  # hover: the chart toolbar and tooltips appear
        labels += [(title, x) for x in _english_labels(page)]
    assert not labels, labels


def _english_labels(page) -> list[str]:
    values = page.evaluate(
        "() => [...document.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap(e =>"
        " ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))"
    )
    return [v for v in values if v.strip() in ENGLISH or re.match(ENGLISH_LABEL, v.strip())]


def settle(page) -> None:
    """Wait until the app has finished its current run (Streamlit shows its status widget while running)."""
    page.wait_for_timeout(1000)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden")


def _open_each(page, where: str, names: list[str]) -> set[str]:
    """Click every "Xem bản gốc" / "Xem toàn văn" under the cards of `names`; each dialog opens without an error.
    Returns the documents opened."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    opened = set()
    for name in names:
        opener = page.get_by_role("button", name=re.compile("Xem bản gốc|Xem toàn văn"))
        card = page.locator("[data-testid=stVerticalBlock]").filter(has_text=name).filter(has=opener).last
        button = card.get_by_role("button", name=re.compile("Xem bản gốc|Xem toàn văn")).first
        if button.count() == 0:
            continue
        pdf = "bản gốc" in button.inner_text()
        dialog = page.get_by_role("dialog")
        for _ in range(3):  # a click that lands during a rerun is lost: click again
            button.click()
            try:
                dialog.wait_for(timeout=20_000)
                break
            except PlaywrightTimeout:
                settle(page)
        dialog.wait_for()
        if pdf:
            dialog.get_by_text(re.compile(r"trang \d+")).first.wait_for()
            dialog.locator("iframe").first.wait_for()
            if name == SCANNED:
                dialog.get_by_text("OCR").first.wait_for()
        else:
            dialog.locator(".nq02-full").wait_for()
        page.wait_for_timeout(1000)
        assert not BROKEN.search(page.evaluate("() => document.body.innerText")), (where, name)
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        settle(page)
        opened.add(name)
    return opened


def test_every_source_opens_from_every_page(server, browser):
    page = open_page(browser, server)
    login(page, "quantri", ADMIN_PW)
    page.get_by_role("heading", name="Hỏi đáp").wait_for()
    everything = [TEXT_PDF, SCANNED, DOCX, TXT]

    goto(page, "Tra cứu")
    box = page.get_by_label("Nội dung cần tìm")
    opened: set[str] = set()
    for query in ("công suất chế biến alumin Tân Rai Nhân Cơ", "Quảng Ninh giấy phép khai thác khoáng sản",
                  "thành lập Tổ công tác giúp việc Tổ biên tập"):  # fmt: skip
        box.fill(query)
        box.press("Enter")
        page.get_by_text(re.compile("đoạn liên quan")).first.wait_for()
        settle(page)
        opened |= _open_each(page, "Tra cứu", everything)
    assert opened == set(everything), opened

    goto(page, "Kho tài liệu")
    opened = set()
    for name in everything:
        pick = page.get_by_label("Chọn tài liệu để xem, sửa hoặc quản lý")
        pick.click()
        page.get_by_role("option", name=re.compile(re.escape(name))).click()
        settle(page)
        opened |= _open_each(page, "Kho tài liệu", [name])
    assert opened == set(everything), opened

    goto(page, "Hỏi đáp")
    ask(page, "Công suất chế biến alumin giai đoạn 2011 - 2021 đạt bao nhiêu?")
    page.get_by_text(ANSWERED).last.wait_for()
    assert _open_each(page, "Hỏi đáp", [TEXT_PDF, SCANNED, DOCX, TXT]) & {TEXT_PDF, SCANNED}, "a PDF citation opens"
