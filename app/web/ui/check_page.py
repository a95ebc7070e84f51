"""Kiểm tra dự thảo: upload a draft, see every checkable claim with its status and evidence, export."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

import streamlit as st

from app.answer.cited import place
from app.check import check_draft
from app.check.export import STATUS_VI, annotated_docx, findings_xlsx, verdict_label
from app.service import engine
from app.web.ui import safe, session
from app.web.ui.render import highlight
from ingest import IngestError, accept_upload

log = logging.getLogger(__name__)
ICON = {"supported": ":material/check_circle:", "contradicted": ":material/cancel:", "unsupported": ":material/help:",
        "internal_conflict": ":material/sync_problem:"}  # fmt: skip


def _run(upload) -> None:
    index = engine.index()
    try:
        name = accept_upload(upload.name, upload.getvalue(), 20)
    except IngestError as exc:
        st.error(exc.user_message)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(upload.getvalue())
        bar = st.progress(0.0, text="Đang kiểm tra…")
        try:
            report = check_draft(
                index,
                path,
                progress=lambda n, t: bar.progress(n / t, text=f"Đã kiểm tra {n}/{t} nhận định"),
                sees_restricted=session.current().sees_restricted,
            )
        except IngestError as exc:
            log.warning("draft check refused: %s", exc.detail)
            bar.empty()
            st.error(exc.user_message)
            return
        st.session_state["check"] = (report, annotated_docx(report, path), findings_xlsx(report))
    counts = ", ".join(f"{STATUS_VI[k].lower()} {v}" for k, v in sorted(report.counts().items()))
    engine.users().log(session.current().name, "check", f"{name}: {counts}")


def page() -> None:
    st.title("Kiểm tra dự thảo")
    user = session.current()
    if not user.can_edit:
        st.info("Chức năng kiểm tra dự thảo dành cho biên tập viên và quản trị.")
        return
    st.caption(
        "Mọi ngày tháng, số liệu, số hiệu văn bản, tên người và cơ quan trong dự thảo được đối chiếu với kho tài liệu."
    )
    upload = st.file_uploader("Dự thảo (DOCX, TXT hoặc PDF có chữ)", type=["docx", "txt", "pdf"], key="draft")
    if upload is not None and st.button("Kiểm tra", type="primary"):
        _run(upload)
    if "check" not in st.session_state:
        return
    report, docx_bytes, xlsx_bytes = st.session_state["check"]
    counts = report.counts()
    cols = st.columns(4)
    for col, status in zip(cols, ("contradicted", "internal_conflict", "unsupported", "supported"), strict=True):
        col.metric(f"{ICON[status]} {STATUS_VI[status]}", counts.get(status, 0))
    st.caption(f"{len(report.findings)} nhận định được kiểm tra trong {report.seconds:.1f} giây.")
    if report.truncated:
        st.warning("Dự thảo quá dài: chỉ các nhận định đầu tiên được kiểm tra.")
    d1, d2, d3 = st.columns(3)
    stem = Path(report.draft).stem
    d1.download_button("Tải dự thảo có ghi chú (DOCX)", docx_bytes, f"{stem}-kiem-tra.docx")
    d2.download_button("Tải bảng kết quả (XLSX)", xlsx_bytes, f"{stem}-kiem-tra.xlsx")
    d3.download_button("Tải JSON", json.dumps(report.as_json(), ensure_ascii=False, indent=2), f"{stem}-kiem-tra.json")
    show = st.multiselect("Hiển thị", list(STATUS_VI), default=["contradicted", "internal_conflict", "unsupported"],
                          format_func=lambda s: STATUS_VI[s], placeholder="Chọn loại kết quả", select_all=False)  # fmt: skip
    by_id = {f.id: f for f in report.findings}
    for f in report.findings:
        if f.status not in show:
            continue
        with st.expander(f"{ICON[f.status]} {safe.label(f.claim[:160])}", expanded=f.status != "supported"):
            st.markdown(f"**{verdict_label(f)}** · {safe.text(f.location or '')}", unsafe_allow_html=True)
            if f.draft_value or f.source_value:
                a, b = st.columns(2)
                a.markdown(f"Dự thảo ghi: **{safe.text(f.draft_value or '—')}**", unsafe_allow_html=True)
                b.markdown(f"Nguồn ghi: **{safe.text(f.source_value or '—')}**", unsafe_allow_html=True)
            if f.conflicts_with and f.conflicts_with in by_id:
                st.markdown(f"Chỗ khác trong dự thảo: “{safe.text(by_id[f.conflicts_with].claim)}”",
                            unsafe_allow_html=True)  # fmt: skip
            for e in f.evidence[:2]:
                st.caption(
                    f"Căn cứ: {safe.text(' — '.join(x for x in (e.doc, place(e.section, e.page, e.ocr)) if x))}",
                    unsafe_allow_html=True,
                )
                marked = highlight(e.text[:1500], f.source_value if f.status != "supported" else None)
                st.markdown(f"<div class='nq02-passage'>{marked}</div>", unsafe_allow_html=True)
