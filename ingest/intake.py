"""What comes into an ingestion run: the files found, each read within the limits, and the report per file.

A document is identified by its path under the folder it was ingested from (`Source.key`), never by its base name
alone; symlinks and special files are refused before they are opened.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.load import SUPPORTED_SUFFIXES
from ingest.settings import Limits, Settings

STAGE_VI = {"read": "đọc", "ocr": "OCR trang", "chunk": "tách đoạn", "embed": "nhúng", "done": "xong"}


@dataclass
class Source:
    """A file to ingest: where it is, the identity it is indexed under, and why it is refused (if it is)."""

    path: Path
    key: str
    problem: str | None = None


@dataclass
class FileReport:
    """What happened to one file in one ingestion run."""

    doc: str
    status: str  # indexed | unchanged | failed | removed
    chunks: int = 0
    pages: int | None = None
    ocr_pages: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    key: str = ""
    restricted: bool = False


@dataclass
class Progress:
    """One step of an ingestion run, for progress bars: file `file_no` of `files`, stage `stage` at done/total."""

    file_no: int
    files: int
    doc: str
    stage: str  # read | ocr | chunk | embed | done
    done: int = 0
    total: int = 0

    def describe(self) -> str:
        """`Tệp 2/5 · bao-cao.pdf · OCR trang 3/12` for the user."""
        step = STAGE_VI.get(self.stage, self.stage)
        if self.total:
            step += f" {self.done}/{self.total}"
        return f"Tệp {self.file_no}/{self.files} · {self.doc} · {step}"


ProgressFn = Callable[[Progress], None]


def problem_with(path: Path) -> str | None:
    """Why a path may not be read at all (symlinks and special files are never followed)."""
    try:
        st = path.lstat()
    except OSError:
        return "Không tìm thấy hoặc không mở được tệp."
    if stat.S_ISLNK(st.st_mode):
        return "Tệp là liên kết (symlink), không được nạp để tránh đọc nhầm tệp khác trên máy."
    if not stat.S_ISREG(st.st_mode):
        return "Đây không phải tệp thông thường (thiết bị, ống dẫn…), không được nạp."
    return None


def collect_sources(paths: Iterable[Path]) -> list[Source]:
    """Files named directly, plus supported files found in named folders (symlinks not followed).

    The key is the path under the named folder, prefixed by the folder's own name (`mineral/files/x.docx`); a
    file named directly is keyed by its parent folder's name and its own (`files/x.docx`), so both ways agree.
    """
    out: dict[str, Source] = {}
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(folder) / name
                    if f.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith((".", "~$")):
                        key = f"{path.name}/{f.relative_to(path).as_posix()}" if path.name else f.name
                        out.setdefault(key, Source(f, key, problem_with(f)))
        else:
            key = f"{path.parent.name}/{path.name}".lstrip("/")
            out.setdefault(key, Source(path, key, problem_with(path)))
    return list(out.values())


def read_source(limits: Limits, path: Path) -> bytes:
    """The bytes of a source file, refused if it is a link or special file or over the size limit."""
    limit = limits.max_file_mb * 1024 * 1024
    problem = problem_with(path)
    if problem:
        raise IngestError(problem, f"{path}: {problem}")
    size = path.stat().st_size
    if size > limit:
        raise IngestError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB), vượt giới hạn {limits.max_file_mb} MB.",
            f"{path}: {size} bytes > {limit}",
        )
    with path.open("rb") as fh:  # read at most the limit, whatever the file does meanwhile
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise IngestError(f"Tệp quá lớn, vượt giới hạn {limits.max_file_mb} MB.", f"{path}: grew")
    return data


def check_room(name: str, nodes: list[Any], settings: Settings, dim: int) -> None:
    """Refuse a document with too many chunks, or one the index's disk has no room for (with a reserve)."""
    limits = settings.limits
    if len(nodes) > limits.max_chunks:
        raise IngestError(
            f"Tài liệu quá dài ({len(nodes)} đoạn; giới hạn {limits.max_chunks} đoạn). Hãy tách thành các tệp nhỏ hơn.",
            f"{name}: {len(nodes)} chunks > {limits.max_chunks}",
        )
    need = sum(len(n.get_content()) * 4 + dim * 8 + 4096 for n in nodes)
    free = shutil.disk_usage(settings.index_dir).free
    if free - need < limits.min_free_disk_mb * 1024 * 1024:
        raise IngestError(
            "Ổ đĩa chứa kho chỉ mục sắp đầy; tài liệu chưa được nạp, dữ liệu đã có được giữ nguyên. "
            "Hãy báo quản trị giải phóng dung lượng.",
            f"{name}: {free} bytes free, {need} needed + {limits.min_free_disk_mb} MB reserve",
        )


def unknown_failure(exc: Exception) -> IngestError:
    return IngestError(
        "Lỗi không xác định khi đọc tệp; tệp đã được bỏ qua, dữ liệu cũ được giữ nguyên.",
        f"{type(exc).__name__}: {exc}",
    )


def store_failure(exc: sqlite3.OperationalError) -> IngestError:
    if "full" in str(exc).lower():
        return IngestError(
            "Ổ đĩa chứa kho chỉ mục đã đầy; tài liệu chưa được nạp, dữ liệu đã có được giữ nguyên.", f"sqlite: {exc}"
        )
    return IngestError("Không ghi được danh mục tài liệu; dữ liệu đã có được giữ nguyên.", f"sqlite: {exc}")
