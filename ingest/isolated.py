"""Parse untrusted files in a separate worker process with a time and memory limit.

A parser that hangs, exhausts memory or crashes on a hostile file takes down only the worker; the caller gets
an `IngestError` with a Vietnamese message and a fresh worker takes the next file. The worker reports its
progress (pages read, pages OCR'd); a page that needs OCR extends the deadline by `Limits.ocr_page_s`.
One worker is kept alive across files, so a folder of small files does not pay a process start per file, and
the parent can embed one document while the worker parses the next.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.settings import Limits

log = logging.getLogger(__name__)

StageFn = Callable[[str, int, int], None]  # (stage, done, total)


def _worker(conn: Any, memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    from ingest.load import load

    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        path, data, max_bytes, limits, ocr = job

        def progress(stage: str, done: int, total: int) -> None:
            conn.send(("progress", (stage, done, total)))

        try:
            doc = load(Path(path), data, max_bytes=max_bytes, ocr=ocr, limits=limits, progress=progress)
            conn.send(("ok", doc))
        except IngestError as exc:
            conn.send(("error", (exc.user_message, exc.detail)))
        except MemoryError:
            conn.send(("error", ("Tệp cần quá nhiều bộ nhớ để đọc, đã bị từ chối.", f"{path}: MemoryError")))
        except Exception as exc:  # report, never crash silently
            conn.send(("error", ("Tệp bị lỗi cấu trúc, không đọc được.", f"{path}: {exc!r}")))


class ParserPool:
    """One parsing worker process, restarted after a timeout or a crash. Thread-safe (one file at a time)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(target=_worker, args=(child, self.limits.parse_memory_mb), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def parse(self, path: Path, data: bytes, ocr: bool = True, progress: StageFn | None = None) -> Any:
        """`load(path, data)` in the worker; raises `IngestError` on a refusal, a timeout or a crash.

        The worker gets the bytes, not the path: what is parsed is what the caller read, checked and hashed.
        """
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            max_bytes = self.limits.max_file_mb * 1024 * 1024
            self._conn.send((str(path), data, max_bytes, self.limits, ocr))
            deadline = time.monotonic() + self.limits.parse_timeout_s
            try:
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0 or not self._conn.poll(left):
                        self._stop()
                        raise IngestError(
                            "Đọc tệp quá thời gian cho phép, đã dừng để bảo vệ hệ thống.",
                            f"{path}: parse timeout ({self.limits.parse_timeout_s:.0f} s + OCR pages)",
                        )
                    kind, payload = self._conn.recv()
                    if kind == "progress":
                        stage, done, total = payload
                        if stage == "ocr":  # a page to recognise: it gets its own time
                            deadline = max(deadline, time.monotonic() + self.limits.ocr_page_s)
                        if progress:
                            progress(stage, done, total)
                        continue
                    break
            except (EOFError, OSError) as exc:
                code = self._proc.exitcode if self._proc is not None else None
                self._stop()
                raise IngestError(
                    "Tệp làm trình đọc dừng bất thường (có thể do quá lớn hoặc hỏng), đã bị từ chối.",
                    f"{path}: parser process died (exit {code})",
                ) from exc
        if kind == "error":
            raise IngestError(*payload)
        return payload

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._proc is not None and self._proc.is_alive():
                try:
                    self._conn.send(None)
                    self._proc.join(2)
                except OSError:
                    pass
            self._stop()
