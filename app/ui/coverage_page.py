"""Tiến độ báo cáo: which of the 63 provinces and which ministries have submitted their Resolution 02 report."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from app.coverage import coverage
from app.ui.engine import current_user, get_index


def _frame(rows, label: str) -> pd.DataFrame:
    return pd.DataFrame([{label: r.name, "Đã gửi": "Đã gửi" if r.submitted else "Chưa gửi", "Ngày báo cáo": r.issued or "",
                          "Tệp": ", ".join(r.docs)} for r in rows])  # fmt: skip


def page() -> None:
    st.title("Tiến độ báo cáo")
    st.caption(
        "Báo cáo tổng kết Nghị quyết 02-NQ/TW của các tỉnh, thành phố và bộ, ngành, theo thông tin văn bản trong kho."
    )
    user = current_user()
    records = get_index().documents(user.sees_restricted)
    provinces, ministries = coverage(records)
    done_p = sum(r.submitted for r in provinces)
    done_m = sum(r.submitted for r in ministries)
    c1, c2 = st.columns(2)
    c1.metric("Tỉnh, thành phố đã gửi", f"{done_p}/63")
    c1.progress(done_p / 63)
    c2.metric("Bộ, ngành đã gửi", f"{done_m}/{len(ministries)}")
    c2.progress(done_m / max(len(ministries), 1))
    pf, mf = _frame(provinces, "Tỉnh, thành phố"), _frame(ministries, "Bộ, ngành")
    chart = pd.DataFrame({"Tình trạng": ["Đã gửi", "Chưa gửi"], "Tỉnh, thành phố": [done_p, 63 - done_p],
                          "Bộ, ngành": [done_m, len(ministries) - done_m]}).set_index("Tình trạng")  # fmt: skip
    st.bar_chart(chart, horizontal=True)
    tab1, tab2 = st.tabs(["Tỉnh, thành phố", "Bộ, ngành"])
    with tab1:
        st.markdown("**Chưa gửi:** " + (", ".join(r.name for r in provinces if not r.submitted) or "không còn"))
        st.dataframe(pf, hide_index=True, use_container_width=True)
    with tab2:
        st.markdown("**Chưa gửi:** " + (", ".join(r.name for r in ministries if not r.submitted) or "không còn"))
        st.dataframe(mf, hide_index=True, use_container_width=True)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        pf.to_excel(xl, sheet_name="Tỉnh, thành phố", index=False)
        mf.to_excel(xl, sheet_name="Bộ, ngành", index=False)
    st.download_button("Tải danh sách (XLSX)", buf.getvalue(), "tien-do-bao-cao-nq02.xlsx")
