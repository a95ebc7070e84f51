"""Parse an untrusted file in a separate process with a time and memory limit.

A parser that hangs, exhausts memory or crashes on a hostile upload takes down only its child process;
the caller gets an `IngestError` with a Vietnamese message and the app keeps serving.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import resource
from pathlib import Path

from ingest.errors import IngestError
from ingest.load import LoadedDocument, load

log = logging.getLogger(__name__)

TIMEOUT_S = 600
MEMORY_MB = 3072


def _child(path: str, max_bytes: int | None, memory_mb: int, conn) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    try:
        conn.send(("ok", load(Path(path), max_bytes=max_bytes)))
    except IngestError as exc:
        conn.send(("error", (exc.user_message, exc.detail)))
    except MemoryError:
        conn.send(("error", ("Tệp cần quá nhiều bộ nhớ để đọc, đã bị từ chối.", f"{path}: MemoryError")))
    except Exception as exc:  # report, never crash silently
        conn.send(("error", ("Tệp bị lỗi cấu trúc, không đọc được.", f"{path}: {exc!r}")))
    finally:
        conn.close()


def load_isolated(path: Path, max_bytes: int | None = None, timeout_s: float = TIMEOUT_S,
                  memory_mb: int = MEMORY_MB) -> LoadedDocument:  # fmt: skip
    """`load()` in a spawned child process; the parent waits at most `timeout_s` seconds."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), max_bytes, memory_mb, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout_s):
            raise IngestError(
                f"Đọc tệp quá {timeout_s:.0f} giây, đã dừng để bảo vệ hệ thống.",
                f"{path}: parse timeout after {timeout_s}s",
            )
        kind, payload = parent.recv()
    except EOFError as exc:
        raise IngestError(
            "Tệp làm trình đọc dừng bất thường, đã bị từ chối.", f"{path}: parser process died (exit {proc.exitcode})"
        ) from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if kind == "error":
        raise IngestError(*payload)
    return payload
