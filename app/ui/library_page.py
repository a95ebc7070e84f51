"""Kho tài liệu: upload with progress, the ingestion report, metadata view and correction, restrict, delete."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from app.ui.engine import current_user, get_index, get_users
from ingest import IngestError, Nq02Error, accept_upload

log = logging.getLogger(__name__)
STATUS_VI = {"indexed": "Đã nạp", "unchanged": "Không đổi", "failed": "Lỗi", "removed": "Đã gỡ"}
FIELDS = {"doc_type": "Loại văn bản", "number": "Số hiệu", "issued": "Ngày ban hành (YYYY-MM-DD)", "issuer": "Cơ quan ban hành",
          "signer": "Người ký", "province": "Tỉnh", "ministry": "Bộ, ngành", "title": "Trích yếu"}  # fmt: skip


def _upload(user) -> None:
    index = get_index()
    files = st.file_uploader(
        "Tải tài liệu lên (DOCX, PDF kể cả bản scan, DOC, TXT, HTML, XLSX)",
        accept_multiple_files=True,
        type=["docx", "pdf", "doc", "txt", "html", "htm", "xlsx"],
    )
    restricted = st.checkbox("Đánh dấu hạn chế (chỉ biên tập viên và quản trị được xem)", disabled=not user.is_admin)
    if not files or not st.button("Nạp vào kho", type="primary"):
        return
    bar = st.progress(0.0, text="Đang nạp…")
    reports = []
    for n, f in enumerate(files):
        try:
            name = accept_upload(f.name, f.getvalue(), index.settings.max_file_mb)
            share = min(1.0, (n + 0.5) / len(files))
            report = index.add_upload(
                name,
                f.getvalue(),
                restricted=restricted,
                progress=lambda e, share=share: bar.progress(share, text=e.describe()),
            )
        except IngestError as exc:
            log.warning("upload refused: %s", exc.detail)
            st.error(exc.user_message)
            continue
        reports.append(report)
        get_users().log(user.name, "upload", f"{report.doc}: {report.status}")
    bar.progress(1.0, text="Hoàn tất")
    failed = [r for r in reports if r.status == "failed"]
    st.success(f"Đã xử lý {len(reports)} tệp, {len(failed)} lỗi.") if not failed else st.warning(
        f"Đã xử lý {len(reports)} tệp, {len(failed)} lỗi (xem báo cáo bên dưới)."
    )


def _report() -> None:
    rows = get_index().last_report(current_user().sees_restricted)
    if not rows:
        return
    st.subheader("Báo cáo lần nạp gần nhất")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Tệp": r["doc"],
                    "Kết quả": STATUS_VI.get(r["status"], r["status"]),
                    "Số đoạn": r["chunks"],
                    "Số trang": r["pages"],
                    "Trang OCR": r["ocr_pages"],
                    "Lỗi": r["error"] or "",
                    "Cảnh báo": "; ".join(r["warnings"] or []),
                }
                for r in rows
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )


def _table(user) -> list:
    docs = get_index().documents(user.sees_restricted)
    st.subheader(f"Tài liệu trong kho ({len(docs)})")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Tệp": d.doc,
                    "Loại": d.meta.get("doc_type"),
                    "Số hiệu": d.meta.get("number"),
                    "Ngày": d.meta.get("issued"),
                    "Cơ quan": d.meta.get("issuer"),
                    "Tỉnh": d.meta.get("province"),
                    "Bộ, ngành": d.meta.get("ministry"),
                    "Người ký": d.meta.get("signer"),
                    "Trích yếu": d.meta.get("title"),
                    "Đoạn": d.chunks,
                    "Trạng thái": STATUS_VI.get(d.status, d.status),
                    "Hạn chế": "có" if d.restricted else "",
                    "Cảnh báo": "; ".join(d.warnings + ([d.error] if d.error else [])),
                }
                for d in docs
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    return docs


def _edit(user, docs: list) -> None:
    indexed = [d for d in docs if d.status == "indexed"]
    if not indexed or not user.can_edit:
        return
    st.subheader("Sửa thông tin văn bản")
    name = st.selectbox("Tài liệu", [d.key for d in indexed], key="edit-doc")
    rec = next(d for d in indexed if d.key == name)
    with st.form("meta"):
        values = {k: st.text_input(label, value=rec.meta.get(k) or "") for k, label in FIELDS.items()}
        if st.form_submit_button("Lưu"):
            try:
                get_index().update_metadata(name, values)
                get_users().log(user.name, "metadata", name)
                st.success("Đã lưu.")
            except Nq02Error as exc:
                st.error(exc.user_message)
    if user.is_admin:
        c1, c2 = st.columns(2)
        flag = c1.toggle("Hạn chế truy cập", value=rec.restricted, key=f"r-{name}")
        if flag != rec.restricted:
            get_index().set_restricted(name, flag)
            get_users().log(user.name, "restrict" if flag else "unrestrict", name)
            st.rerun()
        if c2.button("Xóa tài liệu khỏi kho", type="secondary"):
            get_index().remove(name)
            get_users().log(user.name, "delete", name)
            st.success(f"Đã xóa {name}.")
            st.rerun()


def page() -> None:
    st.title("Kho tài liệu")
    user = current_user()
    if user.can_edit:
        _upload(user)
    else:
        st.info("Bạn có quyền xem; việc tải tài liệu lên dành cho biên tập viên và quản trị.")
    _report()
    docs = _table(user)
    _edit(user, docs)
