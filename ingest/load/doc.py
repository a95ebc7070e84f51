"""Legacy Word 97-2003 (.doc) loader through antiword (Debian package `antiword`)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.load.pdf import join_lines

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
    text = res.stdout.decode("utf-8", "replace")
    blocks: list[Block] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        if any("|" in ln for ln in lines):
            for ln in lines:
                cells = [c.strip() for c in ln.strip().strip("|").split("|")]
                if any(cells):
                    blocks.append(Block(text="\t".join(cells), kind="para", cells=cells))
        else:
            blocks.extend(Block(text=p) for p in join_lines(lines))
    return LoadedDocument(name=path.name, fmt="doc", blocks=blocks)
