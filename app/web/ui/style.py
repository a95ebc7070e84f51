"""The app's CSS, and Vietnamese in place of the English that Streamlit's own widgets bring.

Streamlit has no setting for the language of its built-in texts (file uploader, menus, table toolbar, hints,
dialogs). A small script translates them in the page as they appear (a MutationObserver over text nodes and
the placeholder/title/aria-label attributes), from the table `UI_STRINGS`; the browser test walks every page
and fails on any English string from `ENGLISH` that is still visible.
"""

from __future__ import annotations

import json

import streamlit as st

CSS = """
.nq02-passage, .nq02-full, .nq02-answer { line-height: 1.6; }
.nq02-passage mark, .nq02-full mark, .nq02-snippet mark { background: #fff3a3; padding: 0 2px; }
.nq02-full { max-height: 560px; overflow-y: auto; border: 1px solid #ddd; padding: 8px; }
.nq02-cite { text-decoration: none; font-weight: 600; }
.nq02-unverified { color: #b00020; font-style: italic; }
.nq02-snippet { color: #333; }
[data-testid="stStatusWidget"], [data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"] { display: none !important; }
"""

# Exact texts (and the start of texts) of Streamlit's built-in interface, in Vietnamese.
UI_STRINGS = {
    "Skip to main content": "Chuyển tới nội dung chính",
    "Drag and drop files here": "Kéo thả tệp vào đây",
    "Drag and drop file here": "Kéo thả tệp vào đây",
    "Browse files": "Chọn tệp",
    "Upload": "Tải lên",
    "Choose options": "Chọn",
    "Choose an option": "Chọn",
    "Select all": "Chọn tất cả",
    "No results": "Không có kết quả",
    "No options to select": "Không có lựa chọn",
    "Remove": "Xóa",
    "Clear all": "Xóa hết",
    "Press Enter to apply": "Nhấn Enter để áp dụng",
    "Press Enter to submit form": "Nhấn Enter để gửi",
    "Press Enter to submit": "Nhấn Enter để gửi",
    "Close": "Đóng",
    "Search": "Tìm",
    "Download as CSV": "Tải về dạng CSV",
    "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình",
    "Show/hide columns": "Ẩn/hiện cột",
    "View fullscreen": "Xem toàn màn hình",
    "Exit fullscreen": "Thoát toàn màn hình",
    "Running...": "Đang chạy…",
    "Stop": "Dừng",
    "Collapse sidebar": "Thu gọn thanh bên",
    "Expand sidebar": "Mở thanh bên",
    "View more": "Xem thêm",
    "View less": "Thu gọn",
    "Copy to clipboard": "Chép",
    "Delete": "Xóa",
    "Page not found": "Không tìm thấy trang",
    "Connecting": "Đang kết nối",
    "Please wait...": "Vui lòng chờ…",
    "Deleting": "Đang xóa",
    "Uploading...": "Đang tải lên…",
    "add icon": "biểu tượng thêm",
    "Add files": "Thêm tệp",
    "Add file": "Thêm tệp",
    "file upload": "tải tệp lên",
    "Show password": "Hiện mật khẩu",
    "Hide password": "Ẩn mật khẩu",
    "Open": "Mở",
    "Show data": "Xem dữ liệu",
    "Download as PNG": "Tải ảnh PNG",
    "Copy Vega-Lite spec": "Chép đặc tả biểu đồ",
    "Copied!": "Đã chép",
}
UI_PATTERNS = [  # (regex over a whole text node or attribute, replacement)
    (r"^Remove (.+)$", "Xóa $1"),
    (r"^(?:Limit )?(\d+)\s?MB per file(.*)$", "Tối đa $1 MB mỗi tệp$2"),
    (
        r"^The page that you have requested does not seem to exist.*$",
        "Trang được yêu cầu không tồn tại; đang mở trang chính.",
    ),
    (r"^(\d+) selected$", "Đã chọn $1"),
    (r"^Help for (.+)$", "Trợ giúp: $1"),
]
# What must never be visible (checked by the browser test): the keys above plus Streamlit's "None" cells.
ENGLISH = [*sorted(set(UI_STRINGS) - {"Stop", "Search", "Close", "Delete", "Remove", "Upload", "Open"}),
           "None", "Limit 50MB per file", "Made with Streamlit"]  # fmt: skip
ENGLISH_LABEL = r"^(?:Help for |Show |Hide |Open$|Copy |Download )"  # accessible labels (aria-label, title)

_SCRIPT = """
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  if (doc.__nq02vi) return; doc.__nq02vi = true;
  const exact = %(exact)s, patterns = %(patterns)s.map(([r, s]) => [new RegExp(r), s]);
  const tr0 = (t) => {
    const k = t.trim(); if (!k) return null;
    if (exact[k]) return t.replace(k, exact[k]);
    for (const [r, s] of patterns) { if (r.test(k)) return t.replace(k, k.replace(r, s)); }
    return null;
  };
  const tr = (t) => { const v = tr0(t); return v === t ? null : v; };  // never rewrite a text into itself
  const seen = new WeakMap();
  const fix = (root) => {
    const w = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) { const v = tr(n.nodeValue); if (v !== null) n.nodeValue = v; }
    root.querySelectorAll && root.querySelectorAll('[placeholder],[title],[aria-label]').forEach((e) => {
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = e.getAttribute(a); const t = v && tr(v); if (t !== null && t !== undefined) e.setAttribute(a, t);
      }
    });
  };
  fix(doc.body);
  new MutationObserver((ms) => ms.forEach((m) => {
    m.addedNodes.forEach((n) => n.nodeType === 3 ? (tr(n.nodeValue) !== null && (n.nodeValue = tr(n.nodeValue))) : fix(n));
    if (m.type === 'characterData') { const v = tr(m.target.nodeValue); if (v !== null) m.target.nodeValue = v; }
    if (m.type === 'attributes') {  // a label set later; a component that keeps resetting it is left alone
      const n = (seen.get(m.target) || 0) + 1; seen.set(m.target, n);
      const v = m.target.getAttribute(m.attributeName); const t = v && tr(v);
      if (n <= 4 && t !== null && t !== undefined) m.target.setAttribute(m.attributeName, t);
    }
  })).observe(doc.body, {childList: true, subtree: true, characterData: true, attributes: true,
                         attributeFilter: ['placeholder', 'title', 'aria-label']});
})();
</script>
"""


def inject() -> None:
    st.html(f"<style>{CSS}</style>")
    script = _SCRIPT % {"exact": json.dumps(UI_STRINGS, ensure_ascii=False), "patterns": json.dumps(UI_PATTERNS)}
    st.html(script, unsafe_allow_javascript=True)
