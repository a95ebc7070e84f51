"""Run the Streamlit app as a child of `nq02 app`, and take it down with its parent.

The server listens on 127.0.0.1 unless `--host` / `NQ02_HOST` says otherwise (put a TLS reverse proxy in
front for other machines: README). When `nq02 app` gets SIGTERM, SIGINT or SIGHUP the server is stopped; if
`nq02 app` dies without a signal, the kernel stops the server (`PR_SET_PDEATHSIG`), so the index is never
left held by an orphan.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_PR_SET_PDEATHSIG = 1
STOP_GRACE_S = 3.0


def _die_with_parent() -> None:
    """In the child, before exec: ask the kernel for SIGTERM when the parent exits (Linux)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def streamlit_command(settings: Any, port: int, host: str) -> list[str]:
    script = Path(__file__).parent / "asgi.py"
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", host, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
        "--client.showErrorDetails", "none", "--server.maxUploadSize", str(settings.limits.max_file_mb),
        "--server.fileWatcherType", "none", "--global.developmentMode", "false",
        "--logger.hideWelcomeMessage", "true",  # its English "You can now view ..." line; ours is printed instead
    ]  # fmt: skip


def run_app(settings: Any, port: int, host: str | None = None) -> int:
    """Start the server, forward stop signals to it, return its exit status."""
    host = host or settings.host
    env = {**os.environ, "NQ02_INDEX": str(settings.index_dir.resolve()), "NQ02_PORT": str(port), "NQ02_BIND": host}
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    print(f"Mở ứng dụng tại http://{shown}:{port} (Ctrl+C để dừng)", flush=True)
    proc = subprocess.Popen(streamlit_command(settings, port, host), env=env, preexec_fn=_die_with_parent)
    stopping: list[float] = []

    def stop(signum: int, _frame: Any) -> None:
        log.info("nq02 app got signal %d: stopping the server (pid %d)", signum, proc.pid)
        stopping.append(time.monotonic())
        if proc.poll() is None:
            proc.terminate()

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    try:
        while True:
            try:
                return proc.wait(0.5)
            except subprocess.TimeoutExpired:
                if stopping and time.monotonic() - stopping[0] > STOP_GRACE_S:
                    proc.kill()  # the index must be free within seconds of a stop
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
