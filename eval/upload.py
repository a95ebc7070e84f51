"""Upload benchmark: `python -m eval.upload [--pages 60] [--index DIR]`.

Uploads a report of about `--pages` A4 pages (real paragraphs of the mineral corpus, or of samples/ when
../shared is absent) the way the app does (`Index.add_upload`, sparse vectors first), and prints the time to
the first searchable answer (the document found through the sparse channels) and to fully indexed, beside the
bare embedder's time on the same passages, measured in the same run.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import docx
from tabulate import tabulate

from eval.indexes import CORPORA
from ingest import Index, Settings

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_PAGE = 420
MARKER = "Báo cáo đo tốc độ nạp về mỏ đá vôi Hang Nước"


def paragraphs(limit_words: int) -> list[str]:
    """Real paragraphs, in order, until the report is long enough."""
    from ingest.load import load

    root = CORPORA["mineral"] if CORPORA["mineral"].exists() else ROOT / "samples"
    out, words = [], 0
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".docx", ".txt")):
        try:
            blocks = load(path).blocks
        except Exception:
            continue
        for b in blocks:
            if b.kind in ("para", "heading") and len(b.text.split()) >= 8:
                out.append(b.text)
                words += len(b.text.split())
                if words >= limit_words:
                    return out
    return out * max(1, limit_words // max(1, words))


def report(pages: int) -> bytes:
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(f"{MARKER}: kết quả quản lý khoáng sản năm 2025.")
    for text in paragraphs(pages * WORDS_PER_PAGE):
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--index", type=Path, help="an index to copy (default: a fresh one)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nq02-upload-"))
    try:
        target = work / "index"
        if args.index:
            shutil.copytree(args.index, target)
        cache = work / "no-cache.sqlite"  # a cold embedding cache: every passage is really embedded
        index = Index.open(Settings.from_env(index_dir=target, lock_wait_s=10, embed_cache=cache))
        index.sparse_first = True
        data = report(args.pages)
        marks: dict[str, float] = {}
        started = time.perf_counter()

        def progress(event) -> None:
            if event.stage == "embed" and "searchable" not in marks:
                marks["searchable"] = time.perf_counter() - started

        found: dict[str, float] = {}
        stop = threading.Event()

        def searcher() -> None:
            while not stop.is_set() and "found" not in found:
                hits = index.search("mỏ đá vôi Hang Nước đo tốc độ nạp", k=3, sees_restricted=True)
                if any(h.doc == "bao-cao-60-trang.docx" for h in hits):
                    found["found"] = time.perf_counter() - started
                time.sleep(0.2)

        t = threading.Thread(target=searcher)
        t.start()
        result = index.add_upload("bao-cao-60-trang.docx", data, restricted=False, progress=progress)
        done = time.perf_counter() - started
        stop.set()
        t.join()
        from ingest.nodes import passage_text
        from ingest.payload import ChunkPayload

        texts = [passage_text(ChunkPayload.from_dict(h.payload), index.settings.embed_max_words)
                 for h in index._store.scroll([])]  # fmt: skip
        t0 = time.perf_counter()
        index.embedder.embed_passages(texts)
        bare = time.perf_counter() - t0
        index.close()
        print(f"\nUpload of a {args.pages}-page report ({len(data) / 1024:.0f} KB DOCX, {result.chunks} passages):")
        print(tabulate([
            ["first searchable (parsed, chunked, sparse vectors stored)", marks.get("searchable", float("nan"))],
            ["found by a search running meanwhile", found.get("found", float("nan"))],
            ["fully indexed (dense vectors added)", done],
            [f"baseline: bare embedder on the same {len(texts)} passages", bare],
        ], headers=["moment", "seconds"], tablefmt="github", floatfmt=".1f"))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
