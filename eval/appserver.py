"""Start `nq02 app` on a free port for browser tests and benchmarks, and wait until it answers."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ANSWERED = re.compile("Nguồn trích dẫn|Các đoạn gần nhất")  # shown under every answer and every abstention
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_started: list[subprocess.Popen] = []


def last_process() -> subprocess.Popen:
    """The `nq02 app` process `running_app` started last."""
    return _started[-1]


@contextmanager
def running_app(index: Path, startup_s: int = 120, env: dict[str, str] | None = None) -> Iterator[str]:
    """`nq02 app --port N` on `index`; yields its URL and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "NQ02_INDEX": str(index), "HF_HUB_OFFLINE": "1", **(env or {})}
    log = open(Path(index) / "app-server.log", "ab")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "app", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    _started.append(proc)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(startup_s):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(1)
        else:
            raise RuntimeError(f"nq02 app did not start within {startup_s} s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
