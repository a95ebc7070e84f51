"""The files kept beside the index (`<index>/uploads/`), governed by the catalog row that describes them.

Every stored version has its own path, `uploads/<sha>/<name>`, written completely (temporary file, fsync,
rename) before any catalog row names it, and never overwritten: a replacement is written beside the version it
replaces and takes over only when the catalog row describing it (hash, restriction) is committed. A file is
served only through a row whose hash matches its bytes, and `sweep` (run when the index is opened) removes the
versions no row names (an interrupted upload) and quarantines a named file whose bytes do not match its row.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
FILE_MODE = 0o600
QUARANTINE = "quarantine"


@dataclass(frozen=True)
class SourceFile:
    """A document's source file as its catalog row vouches for it: the name to show and the verified bytes."""

    name: str
    data: bytes


def digest(data: bytes) -> str:
    """The content hash the catalog keeps (SHA-256, 32 hex digits)."""
    return hashlib.sha256(data).hexdigest()[:32]


def stage(folder: Path, name: str, data: bytes) -> Path:
    """Write one version to `folder/<sha>/<name>` (owner-only), complete on disk before the path is returned."""
    sha = digest(data)
    target = folder / sha / name
    if target.parent.resolve().parent != folder.resolve():
        raise ValueError(f"stored name escapes {folder}: {name!r}")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if target.is_file() and not target.is_symlink() and read_verified(target, sha) is not None:
        return target  # the same bytes are already stored under this name
    tmp = target.with_name(f".{name}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def read_verified(path: Path, sha: str | None) -> bytes | None:
    """The file's bytes if it is a regular file whose hash is `sha`; None otherwise (moved, changed, no hash)."""
    if not sha:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        data = fh.read()
    if digest(data) != sha:
        log.warning("stored file %s does not match its catalog hash %s: not served", path, sha)
        return None
    return data


def head_format(path: Path) -> str | None:
    """The format of a stored file from its first bytes (`ingest.load.sniff`), without reading or hashing the
    rest: enough to choose how to offer it; the bytes are verified when it is opened. None if unreadable."""
    from ingest.load import sniff

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return sniff(fh.read(1024))


def discard(folder: Path, path: Path | str | None) -> None:
    """Delete one stored version (and its folder when empty); paths outside `folder` are never touched."""
    if not path:
        return
    p = Path(path)
    try:
        if not p.resolve().is_relative_to(folder.resolve()):
            return
        p.unlink(missing_ok=True)
        if p.parent != folder and not any(p.parent.iterdir()):
            p.parent.rmdir()
    except OSError as exc:
        log.warning("could not remove stored file %s: %r", p, exc)


def sweep(folder: Path, named: dict[str, str | None]) -> dict[str, int]:
    """Make the folder agree with the catalog: `named` maps every path a row names to the row's hash.

    A file no row names is removed (an upload interrupted before its row was written); a named file whose bytes
    differ from its row's hash is moved to `<index>/quarantine/` so it is never served. Returns the counts.
    """
    removed = quarantined = 0
    if not folder.is_dir():
        return {"files_removed": 0, "files_quarantined": 0}
    named = {str(Path(p).resolve()): sha for p, sha in named.items()}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        key = str(path.resolve()) if not path.is_symlink() else ""
        if key not in named:
            path.unlink(missing_ok=True)
            removed += 1
            log.warning("recovery: removed stored file %s, which no catalog row names", path)
        elif read_verified(path, named[key]) is None:
            target = folder.parent / QUARANTINE / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(path, target)
            quarantined += 1
            log.warning("recovery: %s does not match its catalog hash; moved to %s", path, target)
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(sub.iterdir()):
            sub.rmdir()
    return {"files_removed": removed, "files_quarantined": quarantined}
