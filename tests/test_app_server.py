"""`nq02` beside a running `nq02 app` (the app holds the index; read and ingest commands go through its local
API), and the routes' access rules, on the committed samples."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from eval.appserver import running_app

from .conftest import ROOT


def nq02(*args: str, index: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NQ02_INDEX": str(index), "HF_HUB_OFFLINE": "1", "NQ02_LOCK_WAIT_S": "1"}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)  # fmt: skip


@pytest.fixture(scope="module")
def app(samples_index_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    index = tmp_path_factory.mktemp("served") / "idx"
    shutil.copytree(samples_index_dir, index)
    with running_app(index) as url:
        for _ in range(60):  # the app writes its local API file once it is up
            if (index / "app.json").exists():
                break
            time.sleep(0.5)
        yield url, index


def test_cli_commands_go_through_the_running_app(app, tmp_path: Path):
    _url, index = app
    nq02("docs", index=index)  # warm: the app loads its models on first use
    ask = nq02("ask", "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?", "--json", index=index)
    assert ask.returncode == 0, ask.stderr
    result = json.loads(ask.stdout)
    assert "502/QĐ-ĐCKS" in result["answer"]  # answered by the app (timings belong in eval.concurrency)
    assert "WouldBlock" not in ask.stderr and "locked" not in ask.stderr
    docs = json.loads(nq02("docs", "--json", index=index).stdout)
    assert len(docs) == 5
    check = nq02("check", str(ROOT / "docs/examples/du-thao-mau.txt"), "--json", index=index)
    assert check.returncode == 0 and json.loads(check.stdout)["findings"]
    new = tmp_path / "moi"
    new.mkdir()
    (new / "bao-cao-moi.txt").write_text("BÁO CÁO\nKết quả cấp 3 giấy phép khai thác cát năm 2024.\n", "utf-8")
    ingest = nq02("ingest", str(new), index=index)
    assert ingest.returncode == 0 and "moi/bao-cao-moi.txt — đã nạp" in ingest.stdout, ingest.stdout + ingest.stderr
    assert len(json.loads(nq02("docs", "--json", index=index).stdout)) == 6


def _status(url: str, headers: dict | None = None, data: bytes | None = None) -> int:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_routes_require_a_token_or_a_session(app):
    url, index = app
    assert _status(f"{url}/api/docs") == 401
    assert _status(f"{url}/api/docs", {"Authorization": "Bearer sai"}) == 401
    token = json.loads((index / "app.json").read_text())["token"]
    assert _status(f"{url}/api/docs", {"Authorization": f"Bearer {token}"}) == 200
    assert oct((index / "app.json").stat().st_mode & 0o777) == "0o600"
    assert _status(f"{url}/files/samples/QD-502-QD-DCKS-2021-mau.txt") == 401
    assert _status(f"{url}/auth/adopt", {"Content-Type": "application/json"}, b'{"code": "gia"}') == 400


def _post(url: str, token: str, body: bytes) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.parametrize("path,body", [
    ("/api/ask", b'{"questions": "Ai ky?"}'),  # a string, which was split into one question per character
    ("/api/ask", b'{"questions": ["Ai ky?"], "k": "nam"}'),
    ("/api/ask", b"[1, 2]"),
    ("/api/ask", b"{not json"),
    ("/api/check", b"{}"),
    ("/api/ingest", b'{"paths": [1]}'),
    ("/api/ask", b'{"questions": ["x"], "filters": ["year=99999999999999999999999"]}'),
])  # fmt: skip
def test_a_malformed_local_api_body_gets_a_vietnamese_400(app, path: str, body: bytes):
    url, index = app
    token = json.loads((index / "app.json").read_text())["token"]
    status, answer = _post(f"{url}{path}", token, body)
    assert status == 400 and ("không hợp lệ" in answer["error"]), answer


def _handshake(url: str, origin: str) -> str:
    """The status line of a WebSocket handshake to the app's stream, sent with `origin`."""
    import socket

    host = url.split("://", 1)[1]
    h, port = host.split(":")
    with socket.create_connection((h, int(port)), timeout=10) as sock:
        sock.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n").encode())  # fmt: skip
        return sock.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_pages_cannot_be_framed_and_the_stream_takes_only_its_own_origin(app):
    url, _index = app
    for path in ("/", "/_stcore/health", "/files/x"):
        req = urllib.request.Request(f"{url}{path}")
        try:
            resp = urllib.request.urlopen(req, timeout=10)
        except urllib.error.HTTPError as exc:
            resp = exc
        assert resp.headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert "frame-ancestors 'self'" in ", ".join(resp.headers.get_all("Content-Security-Policy")), path
    other_port = url.rsplit(":", 1)[0] + ":9"  # a page on another port of the same host
    assert " 403 " in _handshake(url, other_port) + " "
    assert " 101 " in _handshake(url, url) + " "
