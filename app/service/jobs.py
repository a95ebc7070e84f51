"""The ingestion queue of the running app: uploads are indexed in the background, file by file, stage by stage.

The page that queued a job only watches its progress (đọc, OCR trang x/y, tách đoạn, nhúng x/y), so the
editor can keep working; a document is searchable through the sparse channels as soon as it is parsed and
chunked, and its dense vectors follow. The restriction of every file is fixed when the job is queued and
written with its first chunk; a file queued without one keeps the restriction its document already has.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)
KEEP_JOBS = 100


@dataclass
class FileState:
    name: str
    size: int
    stage: str = "queued"  # queued | read | ocr | chunk | embed | done | failed
    done: int = 0
    total: int = 0
    status: str = ""  # indexed | unchanged | failed (when finished)
    message: str = ""
    chunks: int = 0
    key: str = ""
    seconds_to_searchable: float | None = None
    seconds_to_done: float | None = None

    def describe(self) -> str:
        from ingest.intake import STAGE_VI

        if self.stage == "queued":
            return "đang chờ"
        if self.stage in ("done", "failed"):
            return {"indexed": "đã nạp", "unchanged": "không đổi", "failed": "lỗi"}.get(self.status, self.status)
        step = STAGE_VI.get(self.stage, self.stage)
        return f"{step} {self.done}/{self.total}" if self.total else step


@dataclass
class Job:
    id: str
    user: str
    restricted: bool | None  # None: each file keeps the restriction its document has (a new one is open)
    replace: bool
    files: list[FileState]
    created: float = field(default_factory=time.time)
    finished: float | None = None
    _data: list[bytes] = field(default_factory=list, repr=False)

    @property
    def running(self) -> bool:
        return self.finished is None

    def share_done(self) -> float:
        """Progress 0..1 over the job's files, a file's embedding counted by its chunks."""
        total = 0.0
        for f in self.files:
            if f.stage in ("done", "failed"):
                total += 1
            elif f.stage == "embed" and f.total:
                total += 0.3 + 0.7 * f.done / f.total
            elif f.stage != "queued":
                total += 0.2
        return total / max(1, len(self.files))


class IngestQueue:
    """One background worker that indexes queued uploads through the shared `Index`."""

    def __init__(self, index: Callable[[], Any], users: Callable[[], Any]) -> None:
        self._index = index
        self._users = users
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name="ingest-queue", daemon=True)
        self._thread.start()

    def submit(self, user: str, files: list[tuple[str, bytes]], restricted: bool | None,
               replace: bool = False) -> Job:  # fmt: skip
        job = Job(uuid.uuid4().hex[:12], user, restricted, replace, [FileState(n, len(d)) for n, d in files])
        job._data = [d for _, d in files]
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self, user: str | None = None) -> list[Job]:
        with self._lock:
            return [j for j in reversed(self._jobs.values()) if user is None or j.user == user]

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._run(job)
            except Exception:  # a job must never take the worker down
                log.exception("ingest job %s crashed", job.id)
                for f in job.files:
                    if f.stage not in ("done", "failed"):
                        f.stage, f.status, f.message = "failed", "failed", "Lỗi không xác định khi nạp tệp."
            finally:
                job.finished = time.time()
                job._data = []

    def _run(self, job: Job) -> None:
        index = self._index()
        for state, data in zip(job.files, job._data, strict=True):
            started = time.perf_counter()

            def progress(event: Any, state: FileState = state, started: float = started) -> None:
                state.stage, state.done, state.total = event.stage, event.done, event.total
                if event.stage == "embed" and state.seconds_to_searchable is None:
                    state.seconds_to_searchable = time.perf_counter() - started

            try:
                report = index.add_upload(state.name, data, job.restricted, job.replace, progress=progress)
            except Exception as exc:
                from ingest import Nq02Error

                message = exc.user_message if isinstance(exc, Nq02Error) else "Lỗi không xác định khi nạp tệp."
                log.warning("upload %s refused: %s", state.name, getattr(exc, "detail", exc))
                state.stage, state.status, state.message = "failed", "failed", message
                self._users().log(job.user, "upload_refused", f"{state.name}: {message}")
                continue
            state.stage = "failed" if report.status == "failed" else "done"
            state.status, state.message, state.chunks, state.key = (
                report.status,
                report.error or "",
                report.chunks,
                report.key,
            )
            state.seconds_to_done = time.perf_counter() - started
            if state.seconds_to_searchable is None:
                state.seconds_to_searchable = state.seconds_to_done
            mark = ", hạn chế" if report.restricted else ""
            self._users().log(job.user, "upload", f"{state.name}: {report.status}, {report.chunks} đoạn{mark}")

    def wait(self, job: Job, timeout: float = 600) -> Job:
        """Block until the job finishes (tests and the command line)."""
        deadline = time.monotonic() + timeout
        while job.running and time.monotonic() < deadline:
            time.sleep(0.2)
        return job

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(5)
