"""Kho tài liệu: queued uploads with live progress per file and stage, the last ingestion report, the
document table (open, download), metadata correction, restriction and deletion after confirmation."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from app.service import engine
from app.web.ui import fmt, render, safe, session
from ingest import IngestError, Nq02Error, accept_upload

log = logging.getLogger(__name__)
STATUS_VI = {"indexed": "Đã nạp", "unchanged": "Không đổi", "failed": "Lỗi", "removed": "Đã gỡ"}
FIELDS = {"doc_type": "Loại văn bản", "number": "Số hiệu", "issued": "Ngày ban hành (YYYY-MM-DD)",
          "issuer": "Cơ quan ban hành", "signer": "Người ký", "province": "Tỉnh", "ministry": "Bộ, ngành",
          "title": "Trích yếu"}  # fmt: skip


def _upload(user) -> None:
    index = engine.index()
    max_mb = index.settings.limits.max_file_mb
    files = st.file_uploader(
        "Tải tài liệu lên (DOCX, PDF kể cả bản scan, DOC, TXT, HTML, XLSX)",
        accept_multiple_files=True,
        type=["docx", "pdf", "doc", "txt", "html", "htm", "xlsx"],
        key=f"uploader-{st.session_state.get('uploads', 0)}",
    )
    ticked = st.checkbox(
        "Đánh dấu hạn chế (chỉ biên tập viên và quản trị được xem)",
        disabled=not user.is_admin,
        help="Chế độ hạn chế được ghi cùng lúc với đoạn văn đầu tiên của tài liệu. Không đánh dấu: "
        "tài liệu thay thế giữ nguyên chế độ đang có (bỏ hạn chế ở bảng tài liệu bên dưới).",
    )
    restricted = True if ticked else None  # unticked never opens a restricted document: it keeps what it has
    checked: list[tuple[str, bytes]] = []
    taken: list[str] = []
    for f in files or []:
        try:
            name = accept_upload(f.name, f.getvalue(), max_mb)
        except IngestError as exc:
            st.error(exc.user_message)
            continue
        checked.append((name, f.getvalue()))
        if index.document(index.upload_key(name)) is not None:
            taken.append(name)
    replace = False
    if taken:
        names = ", ".join(taken)
        if user.is_admin:
            replace = st.checkbox(f"Thay thế tài liệu đã có trong kho: {names}", key="replace-ok")
        else:
            st.warning(f"Trong kho đã có tài liệu tên {names}. Chỉ quản trị được thay thế; hãy đổi tên tệp để nạp "
                       "như một tài liệu mới.")  # fmt: skip
    ready = checked and (not taken or replace)
    if st.button("Nạp vào kho", type="primary", disabled=not ready):
        job = engine.jobs().submit(user.name, checked, restricted=restricted, replace=replace)
        st.session_state.setdefault("jobs", []).append(job.id)
        st.session_state["uploads"] = st.session_state.get("uploads", 0) + 1  # a fresh, empty uploader
        st.rerun()


@st.fragment(run_every=1.0)
def _progress() -> None:
    """Live progress of this tab's upload jobs; the page stays usable meanwhile."""
    queue = engine.jobs()
    jobs = [queue.get(j) for j in st.session_state.get("jobs", [])]
    jobs = [j for j in jobs if j is not None]
    if not jobs:
        return
    st.subheader("Tiến độ nạp tài liệu")
    for job in reversed(jobs[-5:]):
        done = sum(f.stage in ("done", "failed") for f in job.files)
        state = "đang xử lý" if job.running else "hoàn tất"
        st.progress(job.share_done(), text=f"{done}/{len(job.files)} tệp — {state}")
        for f in job.files:
            extra = f" — {f.message}" if f.message else (f" — {f.chunks} đoạn" if f.stage == "done" else "")
            st.markdown(f"- {safe.text(f.name)}: {safe.text(f.describe() + extra)}", unsafe_allow_html=True)


def _report(user) -> None:
    rows = engine.index().last_report(user.sees_restricted)
    if not rows:
        return
    with st.expander("Báo cáo lần nạp gần nhất"):
        st.dataframe(
            pd.DataFrame([{"Tệp": r["key"] or r["doc"], "Kết quả": STATUS_VI.get(r["status"], r["status"]),
                           "Số đoạn": r["chunks"] or 0, "Số trang": str(r["pages"] or ""), "Trang OCR": r["ocr_pages"] or 0,
                           "Lỗi": r["error"] or "", "Cảnh báo": "; ".join(r["warnings"] or [])} for r in rows]),
            hide_index=True, width="stretch",
        )  # fmt: skip


def _table(user) -> list:
    docs = engine.index().documents(user.sees_restricted)
    st.subheader(f"Tài liệu trong kho ({len(docs)})")
    if not docs:
        st.info("Kho chưa có tài liệu nào.")
        return docs
    frame = pd.DataFrame([{
        "Tệp": d.doc, "Thư mục": d.key.rsplit("/", 1)[0] if "/" in d.key else "",
        "Loại": d.meta.get("doc_type") or "", "Số hiệu": d.meta.get("number") or "",
        "Ngày": fmt.dmy(d.meta.get("issued")), "Cơ quan": d.meta.get("issuer") or "",
        "Tỉnh": d.meta.get("province") or "", "Người ký": d.meta.get("signer") or "",
        "Trích yếu": d.meta.get("title") or "", "Đoạn": d.chunks, "Trạng thái": STATUS_VI.get(d.status, d.status),
        "Hạn chế": "có" if d.restricted else "", "Nạp lúc": fmt.local_time(d.received),
        "Tải về": f"/files/{d.key}?download=1" if d.path else "",
        "Cảnh báo": "; ".join(d.warnings + ([d.error] if d.error else [])),
    } for d in docs])  # fmt: skip
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={"Tải về": st.column_config.LinkColumn("Tải về", display_text="Tải về")})  # fmt: skip
    return docs


def _pick(docs: list) -> object | None:
    indexed = [d for d in docs if d.status == "indexed"]
    if not indexed:
        return None
    key = st.selectbox("Chọn tài liệu để xem, sửa hoặc quản lý", [d.key for d in indexed], index=None,
                       placeholder="Chọn tài liệu", key="doc-pick")  # fmt: skip
    return next((d for d in indexed if d.key == key), None)


def _edit(user, rec) -> None:
    with st.form(f"meta-{rec.key}"):
        values = {k: st.text_input(label, value=rec.meta.get(k) or "") for k, label in FIELDS.items()}
        if st.form_submit_button("Lưu thông tin"):
            try:
                engine.index().update_metadata(rec.key, values)
                engine.users().log(user.name, "metadata", rec.key)
                st.success("Đã lưu thông tin văn bản.")
            except Nq02Error as exc:
                st.error(exc.user_message)


@st.dialog("Xác nhận")
def _confirm(action: str, key: str) -> None:
    texts = {
        "delete": f"Xóa tài liệu {key} khỏi kho? Mọi đoạn văn của tài liệu sẽ không còn tìm thấy.",
        "restrict": f"Đánh dấu hạn chế tài liệu {key}? Người xem sẽ không còn thấy tài liệu này.",
        "unrestrict": f"Bỏ hạn chế tài liệu {key}? Mọi người dùng sẽ thấy tài liệu này.",
    }
    st.markdown(safe.text(texts[action]), unsafe_allow_html=True)
    c1, c2 = st.columns(2)
    if c1.button("Đồng ý", type="primary"):
        user = session.current()
        index = engine.index()
        if action == "delete":
            index.remove(key)
            message = f"Đã xóa tài liệu {key}."
        else:
            index.set_restricted(key, action == "restrict")
            message = f"Đã {'đặt' if action == 'restrict' else 'bỏ'} hạn chế tài liệu {key}."
        engine.users().log(user.name, action, key)
        st.session_state["flash"] = message
        st.session_state.pop("doc-pick", None)
        st.rerun()
    if c2.button("Hủy"):
        st.rerun()


def _manage(user, rec) -> None:
    render.open_source_buttons(rec.key, None, "", None, f"lib-{rec.key}", ocr=rec.ocr_pages > 0)
    if user.can_edit:
        with st.expander("Sửa thông tin văn bản"):
            _edit(user, rec)
    if user.is_admin:
        c1, c2 = st.columns(2)
        if rec.restricted:
            if c1.button("Bỏ hạn chế", icon=":material/lock_open:"):
                _confirm("unrestrict", rec.key)
        elif c1.button("Đánh dấu hạn chế", icon=":material/lock:"):
            _confirm("restrict", rec.key)
        if c2.button("Xóa tài liệu khỏi kho", icon=":material/delete:"):
            _confirm("delete", rec.key)


def page() -> None:
    st.title("Kho tài liệu")
    user = session.current()
    flash = st.session_state.pop("flash", None)
    if flash:
        st.success(flash)
    if user.can_edit:
        _upload(user)
        _progress()
    else:
        st.info("Bạn có quyền xem; việc tải tài liệu lên dành cho biên tập viên và quản trị.")
    _report(user)
    docs = _table(user)
    rec = _pick(docs)
    if rec is not None:
        _manage(user, rec)
