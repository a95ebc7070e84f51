"""Legacy Word 97-2003 (.doc) loader through antiword (Debian package `antiword`)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.load.pdf import join_lines
from ingest.vn import layout

TIMEOUT_S = 60


def load_doc(path: Path, data: bytes) -> LoadedDocument:
    if not shutil.which("antiword"):
        raise IngestError(
            "Máy chủ chưa cài công cụ đọc tệp Word cũ (.doc): cần gói antiword.", f"{path.name}: antiword missing"
        )
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            res = subprocess.run(
                ["antiword", "-m", "UTF-8.txt", "-w", "0", tmp.name],
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError("Đọc tệp .doc quá thời gian cho phép.", f"{path.name}: antiword timeout") from exc
    err = res.stderr.decode("utf-8", "replace")
    if res.returncode != 0:
        if "encrypt" in err.lower() or "password" in err.lower():
            raise IngestError("Tệp Word (.doc) được đặt mật khẩu.", f"{path.name}: {err.strip()}")
        raise IngestError("Tệp Word (.doc) bị hỏng, không đọc được.", f"{path.name}: antiword: {err.strip()}")
    return LoadedDocument(name=path.name, fmt="doc", blocks=blocks_of(res.stdout.decode("utf-8", "replace")))


def blocks_of(text: str) -> list[Block]:
    """antiword's text as blocks: paragraphs, data-table rows, and layout tables (header, closing) column by column."""
    blocks: list[Block] = []
    body_seen = False
    for chunk in text.split("\n\n"):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if not any(ln.startswith("|") for ln in lines):
            blocks.extend(Block(text=p) for p in join_lines(chunk.split("\n")))
            body_seen = body_seen or bool(lines)
            continue
        rows = [ln for ln in lines if ln.startswith("|")]
        flat = " ".join(c.strip() for ln in rows for c in ln.split("|"))
        kind = "header" if not body_seen and layout.is_header_table(flat) else None
        kind = kind or ("signature" if layout.is_signature_table(flat) else None)
        if kind:
            blocks.extend(Block(text=t, kind=kind) for t in _columns(rows))
            continue
        for ln in rows:
            cells = [c.strip() for c in ln.strip("|").split("|")]
            if any(cells):
                blocks.append(Block(text="\t".join(cells), kind="para", cells=cells))
        body_seen = True
    return blocks


def _columns(rows: list[str]) -> list[str]:
    """A layout table's columns top to bottom, each one text; a line starting in lower case continues the last."""
    starts = max(([i for i, ch in enumerate(r) if ch == "|"][:-1] for r in rows), key=len)
    columns: list[list[str]] = [[] for _ in starts]
    for row in rows:
        bars = [i for i, ch in enumerate(row) if ch == "|"]
        for a, b in itertools.pairwise(bars):
            cell = row[a + 1 : b].strip()
            if not cell:
                continue
            col = max(j for j, s in enumerate(starts) if s <= a) if a >= starts[0] else 0
            lines = columns[col]
            if lines and cell[0].islower():
                lines[-1] += " " + cell
            else:
                lines.append(cell)
    return ["\n".join(c) for c in columns if c]
