"""The `nq02` command line, end to end, on real files: ingest (with bad input), docs, ask."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINERAL, ROOT, need_shared


def nq02(*args: str, stdin: str | None = None, index: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NQ02_INDEX": str(index), "NQ02_LOCK_WAIT_S": "5", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_shared()
    folder = tmp_path_factory.mktemp("corpus")
    for name in (
        "text/tin-2021-07-29-tien-do-tong-ket-nq02.txt",
        "text/qd-2427-QD-TTg-2011.txt",
        "files/TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx",
    ):
        shutil.copy(MINERAL / name, folder)
    return folder


def test_ingest_reports_bad_files_and_keeps_the_rest(corpus: Path, tmp_path: Path):
    index = tmp_path / "idx"
    first = nq02("ingest", str(corpus), index=index)
    assert first.returncode == 0, first.stderr
    assert "3 tệp nạp mới" in first.stdout

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "rong.txt").write_bytes(b"")
    (bad / "hong.docx").write_bytes(b"PK\x03\x04garbage")
    shutil.copy(MINERAL / "text" / "quochoi-tra-loi-kien-nghi-cu-tri-ky-hop-5-ItemID2907.txt", bad)
    second = nq02("ingest", str(bad), index=index)
    assert second.returncode == 1
    assert "rong.txt — lỗi: Tệp rỗng" in second.stdout
    assert "hong.docx — lỗi: Tệp DOCX bị hỏng" in second.stdout
    assert "quochoi-tra-loi-kien-nghi-cu-tri-ky-hop-5-ItemID2907.txt — đã nạp" in second.stdout

    docs = json.loads(nq02("docs", "--json", index=index).stdout)
    by_name = {d["doc"]: d for d in docs}
    for name in (
        "tin-2021-07-29-tien-do-tong-ket-nq02.txt",
        "qd-2427-QD-TTg-2011.txt",
        "TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx",
        "quochoi-tra-loi-kien-nghi-cu-tri-ky-hop-5-ItemID2907.txt",
    ):
        assert by_name[name]["status"] == "indexed" and by_name[name]["chunks"] > 0
    assert by_name["rong.txt"]["status"] == "failed" and by_name["rong.txt"]["chunks"] == 0
    tt = by_name["TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx"]
    assert (tt["doc_type"], tt["number"], tt["issued"]) == ("Thông tư", "67/2025/TT-BCT", "2025-12-31")

    again = nq02("ingest", str(corpus), index=index)
    assert again.returncode == 0 and "3 không đổi" in again.stdout

    ans = json.loads(
        nq02(
            "ask",
            "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập tổng kết Nghị quyết 02?",
            "--json",
            index=index,
        ).stdout
    )
    assert not ans["abstained"] and "502/QĐ-ĐCKS" in ans["answer"]
    assert ans["citations"][0]["doc"] == "tin-2021-07-29-tien-do-tong-ket-nq02.txt"
    assert {"doc", "title", "section", "page", "text", "score"} <= set(ans["citations"][0])


def test_ask_batch_mode_filters_and_bad_queries(corpus: Path, tmp_path: Path):
    index = tmp_path / "idx"
    assert nq02("ingest", str(corpus), index=index).returncode == 0
    out = nq02(
        "ask",
        "--json",
        stdin="Tổ biên tập họp trực tuyến ngày nào?\ntien do tong ket nghi quyet 02\nTổ biên tập họp trực tuyếnn ngày nào?\n",
        index=index,
    )
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(lines) == 3 and all(x["citations"] for x in lines)
    assert "28/7/2021" in lines[0]["answer"]
    # a typing slip is repaired, said so, and answered like the clean question
    assert lines[2]["corrections"] == [["tuyếnn", "tuyến"]] and lines[0]["corrections"] == []
    assert lines[2]["answer"] == lines[0]["answer"]
    plain = nq02("ask", "Tổ biên tập họp trực tuyếnn ngày nào?", index=index).stdout
    assert 'Đã hiểu "tuyếnn" là "tuyến"' in plain
    filtered = json.loads(nq02("ask", "sửa đổi", "--json", "--filter", "doc_type=Thông tư", index=index).stdout)
    assert {c["doc"] for c in filtered["citations"]} == {"TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx"}
    bad = nq02("ask", "gì đó", "--filter", "mau=xanh", index=index)
    assert bad.returncode == 2 and "Bộ lọc 'mau=xanh' không hợp lệ" in bad.stderr
    empty = nq02("ask", "--json", stdin="   \n", index=index)
    assert empty.returncode == 2 and "Chưa có câu hỏi" in empty.stderr


def test_busy_index_gives_a_clear_message(corpus: Path, tmp_path: Path):
    from ingest import Index, Settings

    index_dir = tmp_path / "busy"
    holder = Index.open(Settings.from_env(index_dir=index_dir, store_backend="edge", lock_wait_s=0))
    try:
        out = nq02("ingest", str(corpus), index=index_dir)
    finally:
        holder.close()
    assert out.returncode == 2
    assert "đang được một tiến trình khác sử dụng" in out.stderr


def test_help_and_usage_errors_are_vietnamese(tmp_path: Path):
    """argparse's own lines (usage, option help, errors) speak Vietnamese too."""
    english = ("usage:", "show this help", "positional arguments", "options:", "error:", "invalid choice")
    for args in (("--help",), ("ask", "--help"), ("user", "--help")):
        out = nq02(*args, index=tmp_path).stdout
        assert "cách dùng:" in out and not any(e in out for e in english), out
    wrong = nq02("ask", "-k", "nhiều", "câu hỏi", index=tmp_path)
    assert wrong.returncode == 2 and "lỗi" in wrong.stderr and not any(e in wrong.stderr for e in english)
