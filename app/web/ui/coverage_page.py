"""Tiến độ báo cáo: which provinces and ministries have reported on Resolution 02, on time or late, and who
has not; separate charts, the 2025 reorganisation shown (or the units as they were), a reminder list to export."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import streamlit as st

from app.service import engine
from app.service.coverage import STATUS_VI, Units, coverage
from app.web.ui import fmt, safe, session

COLORS = alt.Scale(domain=list(STATUS_VI.values()), range=["#2e7d32", "#f9a825", "#ef6c00", "#c62828"])


def _frame(rows, label: str, deadline: str) -> pd.DataFrame:
    return pd.DataFrame([{
        label: r.name, "Tình trạng": STATUS_VI[r.status], "Ngày báo cáo": fmt.dmy(r.dated),
        "Hạn": fmt.dmy(deadline), "Báo cáo của": ", ".join(r.from_units), "Từng đơn vị cũ": _parts(r),
        "Tệp": ", ".join(r.docs),
    } for r in rows])  # fmt: skip


def _parts(row) -> str:
    """A merged unit's former units, each with its own status (empty for a unit that was not merged)."""
    return "; ".join(f"{p.name}: {STATUS_VI[p.status]}" + (f" ({fmt.dmy(p.dated)})" if p.dated else "")
                     for p in row.parts)  # fmt: skip


def _chart(rows, title: str) -> None:
    counts = pd.DataFrame([{"Tình trạng": v, "Số đơn vị": sum(STATUS_VI[r.status] == v for r in rows)}
                           for v in STATUS_VI.values()])  # fmt: skip
    chart = (
        alt.Chart(counts, title=title)
        .mark_bar()
        .encode(
            x=alt.X("Số đơn vị:Q", scale=alt.Scale(domain=[0, len(rows)]), title="Số đơn vị"),
            y=alt.Y("Tình trạng:N", sort=list(STATUS_VI.values()), title=None),
            color=alt.Color("Tình trạng:N", scale=COLORS, legend=None),
            tooltip=["Tình trạng", "Số đơn vị"],
        )
    )
    st.altair_chart(chart, width="stretch")


def page() -> None:
    st.title("Tiến độ báo cáo")
    units = Units.load()
    st.caption(f"Báo cáo tổng kết Nghị quyết 02-NQ/TW theo thông tin văn bản trong kho. Hạn gửi: "
               f"{fmt.dmy(units.deadline)} ({safe.text(units.deadline_source)}).", unsafe_allow_html=True)  # fmt: skip
    user = session.current()
    era = st.radio("Danh sách đơn vị", ["2025", "63"], horizontal=True,
                   format_func={"2025": "34 tỉnh, thành phố và các bộ hiện nay (sau sắp xếp 2025)",
                                "63": "63 tỉnh, thành phố và các bộ trước 2025"}.get)  # fmt: skip
    provinces, ministries = coverage(engine.index().documents(user.sees_restricted), units, era)
    c1, c2 = st.columns(2)
    with c1:
        done = sum(r.submitted for r in provinces)
        st.metric("Tỉnh, thành phố đã gửi", f"{done}/{len(provinces)}")
        _chart(provinces, "Tỉnh, thành phố")
    with c2:
        done = sum(r.submitted for r in ministries)
        st.metric("Bộ, ngành đã gửi", f"{done}/{len(ministries)}")
        _chart(ministries, "Bộ, ngành")
    pf = _frame(provinces, "Tỉnh, thành phố", units.deadline)
    mf = _frame(ministries, "Bộ, ngành", units.deadline)
    tab1, tab2, tab3 = st.tabs(["Tỉnh, thành phố", "Bộ, ngành", "Danh sách cần nhắc"])
    with tab1:
        st.dataframe(pf, hide_index=True, width="stretch")
    with tab2:
        st.dataframe(mf, hide_index=True, width="stretch")
    remind = pd.concat([pf[pf["Tình trạng"] != STATUS_VI["on_time"]].rename(columns={"Tỉnh, thành phố": "Đơn vị"}),
                        mf[mf["Tình trạng"] != STATUS_VI["on_time"]].rename(columns={"Bộ, ngành": "Đơn vị"})])  # fmt: skip
    with tab3:
        st.caption("Các đơn vị chưa gửi, chưa đủ báo cáo của mọi đơn vị cũ, hoặc gửi muộn hạn.")
        st.dataframe(remind, hide_index=True, width="stretch")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        pf.to_excel(xl, sheet_name="Tỉnh, thành phố", index=False)
        mf.to_excel(xl, sheet_name="Bộ, ngành", index=False)
        remind.to_excel(xl, sheet_name="Cần nhắc", index=False)
    st.download_button("Tải danh sách (XLSX)", buf.getvalue(), "tien-do-bao-cao-nq02.xlsx", icon=":material/download:")
