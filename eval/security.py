"""Security benchmark: `python -m eval.security [--index DIR] [--searches 40] [--reads 100]`.

Prints what the security suite checks, as figures: restricted text a viewer saw while a restricted upload was
indexed (must be 0), and after the upload was killed at each point of the write (the kill-point matrix:
leaks, chunks left over, whether the next open repaired it); the paths beside the index (`eval.security_paths`:
stored files of failed, replaced, killed and unticked uploads, a removed user's history, login lockout, one
user's flood against another's answer time); and the peak memory and time of the largest question and the
largest files the limits accept, each measured in a fresh process beside that process's baseline (the
interpreter with the same modules imported, doing nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tabulate import tabulate

from ingest import Index, Settings

ROOT = Path(__file__).resolve().parents[1]
SECRET = "Zorvatex"
TEXT = (
    "BÁO CÁO MẬT\nVề dự án khai thác quặng Zorvatex tại mỏ Khe Rồng\n"
    "Dự án khai thác quặng Zorvatex tại mỏ Khe Rồng dự kiến đạt sản lượng 48.000 tấn mỗi năm từ năm 2027.\n"
)
KILL = """
import os, sys
from pathlib import Path
from ingest import Index, Settings, pipeline
point = sys.argv[2]
put, dense = pipeline.Catalog.put, pipeline.Ingestor._add_dense
def put_(self, rec, *counts):
    if point == "before_commit" and rec.status == "indexed":
        os._exit(137)
    put(self, rec, *counts)
    if point == "after_commit" and rec.status == "indexed":
        os._exit(137)
def dense_(self, *a, **k):
    if point == "while_embedding":
        os._exit(137)
    return dense(self, *a, **k)
pipeline.Catalog.put, pipeline.Ingestor._add_dense = put_, dense_
if __name__ == "__main__":
    index = Index.open(Settings.from_env(index_dir=Path(sys.argv[1]), lock_wait_s=10))
    index.sparse_first = True
    index.add_upload("bao-cao-mat.txt", Path(sys.argv[3]).read_bytes(), restricted=True, replace=True)
"""
MEASURE = """
import json, sys, time
from pathlib import Path


def peak_mb():  # VmHWM: this process's own peak (ru_maxrss would keep the parent's peak across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


what, arg = sys.argv[1], sys.argv[2]
if what == "question":
    from ingest import Index, Settings
else:
    from ingest.load import load
    from ingest.settings import Limits
    import docx, pymupdf  # the parsers, loaded before the baseline is read
base = peak_mb()
started = time.perf_counter()
if what == "question":
    index = Index.open(Settings.from_env(index_dir=Path(arg), lock_wait_s=10))
    index.search("khởi động", k=1)
    base = peak_mb()
    started = time.perf_counter()
    q = " ".join(f"tưrnog{i}ngheịxyz" for i in range(400))[:2000]
    index.search(q, k=10)
    outcome = "answered"
elif what == "baseline":
    outcome = "idle"
else:
    limits = Limits()
    try:
        doc = load(Path(arg), max_bytes=limits.max_file_mb * 1024 * 1024, limits=limits)
        outcome = f"read, {len(doc.text):,} characters".replace(",", ".")
    except Exception as exc:
        outcome = f"refused: {getattr(exc, 'user_message', exc)}"
seconds = time.perf_counter() - started
peak = peak_mb()
print(json.dumps({"seconds": seconds, "peak_mb": peak, "base_mb": base, "outcome": outcome}))
"""


def _viewer_sees(index: Index) -> int:
    hits = index.search(f"dự án khai thác quặng {SECRET} mỏ Khe Rồng", k=20, sees_restricted=False)
    return sum(SECRET in h.text for h in hits)


def leak_during_upload(index_dir: Path, searches: int) -> tuple[int, int]:
    index = Index.open(Settings.from_env(index_dir=index_dir, lock_wait_s=10))
    index.sparse_first = True
    seen, count, stop = [], [0], threading.Event()

    def viewer() -> None:
        while not stop.is_set() or count[0] < searches:
            seen.append(_viewer_sees(index))
            count[0] += 1
            if count[0] >= searches and stop.is_set():
                break

    t = threading.Thread(target=viewer)
    t.start()
    index.add_upload("bao-cao-mat.txt", (TEXT * 60).encode(), restricted=True, replace=True)
    stop.set()
    t.join()
    after = _viewer_sees(index)
    index.close()
    return sum(seen) + after, count[0] + 1


def kill_matrix(index_dir: Path, work: Path) -> list[list]:
    script = work / "kill.py"
    script.write_text(KILL)
    secret = work / "bao-cao-mat.txt"
    secret.write_text(TEXT * 40, encoding="utf-8")
    rows = []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    for point in ("before_commit", "after_commit", "while_embedding"):
        target = work / f"kill-{point}"
        shutil.copytree(index_dir, target)
        done = subprocess.run([sys.executable, str(script), str(target), point, str(secret)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        index = Index.open(Settings.from_env(index_dir=target, lock_wait_s=10), recover=False)
        live = set(index._catalog.live_revisions())
        left = sum(1 for h in index._store.scroll([]) if h.payload.get("rev") not in live)
        leaks_before = _viewer_sees(index)
        repaired = index.recover()
        leaks_after = _viewer_sees(index)
        rec = index.document("uploads/bao-cao-mat.txt")
        state = (
            "absent"
            if rec is None
            else ("restricted" if rec.restricted else "OPEN") + (", dense" if rec and rec.dense else "")
        )
        index.close()
        rows.append([point, done.returncode, left, leaks_before, leaks_after, repaired["orphan_chunks"],
                     repaired["dense_completed"], state])  # fmt: skip
    return rows


def measure(what: str, arg: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", MEASURE, what, arg], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=900, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def largest_files(work: Path) -> list[tuple[str, Path]]:
    import docx

    from ingest.settings import Limits

    limits = Limits()
    line = "Báo cáo kết quả quản lý nhà nước về khoáng sản của tỉnh trong năm 2024. "
    txt = work / "lon-nhat.txt"
    txt.write_text(line * ((limits.max_text_chars - 1000) // len(line)), encoding="utf-8")
    d = docx.Document()
    for _ in range((limits.max_text_chars - 5000) // (len(line) * 3)):
        d.add_paragraph(line * 3)
    big_docx = work / "lon-nhat.docx"
    d.save(big_docx)
    over = work / "qua-gioi-han.txt"
    over.write_text(line * ((limits.max_text_chars + 100_000) // len(line)), encoding="utf-8")
    return [("largest accepted TXT", txt), ("large DOCX", big_docx), ("TXT just over the limit", over)]


def _paths(base: Path, work: Path, reads: int) -> None:
    from eval import security_paths as sp

    rows = [
        sp.failed_upload(base, work, reads),
        sp.replace_race(base, work, reads),
        *sp.replace_killed(base, work, KILL, reads),
        sp.unticked_replace(base, work),
        sp.history_after_removal(work),
    ]
    print("\nStored files and histories (a viewer's reads; restricted bytes or rows seen must be 0):")
    print(tabulate(rows, headers=["path", "outcome", "viewer reads", "restricted seen", "document after"],
                   tablefmt="github"))  # fmt: skip
    print("\nLogin back-off:")
    print(tabulate(sp.login_lockout(work), headers=["attack", "guessing client", "other client", "wait"],
                   tablefmt="github"))  # fmt: skip
    print("\nOne user flooding questions (2 threads), another user's answer time (s), in-process request path:")
    print(tabulate(sp.fairness(base), headers=["victim asks", "p50", "p95", "p50 vs idle", "flood"],
                   tablefmt="github"))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, help="an index to copy (default: one built from samples/)")
    ap.add_argument("--searches", type=int, default=40)
    ap.add_argument("--reads", type=int, default=100, help="viewer reads of a stored file per path")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nq02-security-"))
    try:
        base = work / "base"
        if args.index:
            shutil.copytree(args.index, base)
        else:
            built = Index.open(Settings.from_env(index_dir=base, lock_wait_s=0))
            built.ingest([ROOT / "samples"])
            built.close()  # flushed and released before the shard is copied
        copy = work / "loop"
        shutil.copytree(base, copy)
        leaks, searches = leak_during_upload(copy, args.searches)
        print(f"\nViewer searches during a restricted upload: {searches}; restricted passages seen: {leaks}")
        print("\nKill-point matrix (a restricted upload killed at each point; the next open repairs):")
        print(tabulate(kill_matrix(base, work), headers=["killed at", "exit", "left-over chunks", "viewer leaks before repair",
                                                         "viewer leaks after", "chunks removed", "dense completed",
                                                         "document after repair"], tablefmt="github"))  # fmt: skip
        _paths(base, work, args.reads)
        rows = []
        idle = measure("baseline", "-")
        rows.append(["baseline: interpreter with the parsers imported", f"{idle['peak_mb']:.0f}", "-", "idle"])
        q = measure("question", str(base))
        rows.append(["largest accepted question (2.000 characters, every syllable unknown)",
                     f"{q['peak_mb']:.0f} ({q['peak_mb'] - q['base_mb']:+.0f})", f"{q['seconds']:.2f}",
                     f"{q['outcome']} (index and models open: {q['base_mb']:.0f} MB before)"])  # fmt: skip
        for name, path in largest_files(work):
            r = measure("file", str(path))
            rows.append([f"{name} ({path.stat().st_size / 1e6:.1f} MB)", f"{r['peak_mb']:.0f} ({r['peak_mb'] - r['base_mb']:+.0f})",
                         f"{r['seconds']:.2f}", r["outcome"]])  # fmt: skip
        print("\nLargest inputs, each in a fresh process (peak RSS of that process):")
        print(tabulate(rows, headers=["input", "peak MB", "seconds", "outcome"], tablefmt="github"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main"]
