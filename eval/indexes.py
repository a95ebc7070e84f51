"""The benchmark indexes, built through the product's own ingest: `python -m eval.indexes mineral alqac extA ...`.

Each lives under `eval/out/<name>-index`; dense vectors are shared through `eval/out/embeddings.sqlite`, so a
rebuild after a change to chunking, terms or metadata only embeds passages whose text changed. Opening an
index that an older pipeline version built is refused (`StaleIndexError`) unless it is being rebuilt.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from ingest import Block, Index, Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "eval" / "out"
CORPORA = {
    "mineral": SHARED / "corpus" / "mineral",
    "extA": SHARED / "eval" / "ext" / "A" / "corpus",
    "extB": SHARED / "eval" / "ext" / "B" / "corpus",
    "extC": SHARED / "eval" / "ext" / "C" / "docs",
}


class StaleIndexError(SystemExit):
    """The benchmark index was built by an older pipeline version: its figures would describe old code."""


def open_index(path: Path, fresh: bool = False, cache: Path | None = None) -> Index:
    """A benchmark index; `cache` keeps dense vectors across rebuilds (only sparse terms and payload change)."""
    if fresh and path.exists():
        shutil.rmtree(path)
    return Index.open(Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=0, embed_cache=cache))


def refuse_stale(index: Index, name: str) -> None:
    stale = index.stale_documents()
    if stale:
        raise StaleIndexError(
            f"Kho chỉ mục '{name}' có {len(stale)} tài liệu được tạo bởi phiên bản cũ của quy trình nạp "
            f"(ví dụ {stale[0].key}); kết quả đo sẽ không phản ánh mã hiện tại. "
            f"Hãy chạy lại: python -m eval.indexes {name}"
        )


def alqac_documents(corpus: Path) -> list:
    from ingest.load.blocks import LoadedDocument

    docs = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        blocks = [Block(text=rec["title"], kind="heading", heading_level=1)]
        blocks += [Block(text=p.strip()) for p in rec["text"].split("\n") if p.strip()]
        docs.append(
            LoadedDocument(name=rec["_id"], fmt="jsonl", blocks=blocks, header_fields={"TIÊU ĐỀ": rec["title"]})
        )
    return docs


def build(name: str, out: Path = OUT, fresh: bool = False, quiet: bool = False) -> Index:
    """Open the named benchmark index, (re)indexing whatever changed; the caller closes it."""
    index = open_index(out / f"{name}-index", fresh, out / "embeddings.sqlite")
    started = time.perf_counter()
    if name == "alqac":
        reports = index.ingest_loaded(alqac_documents(SHARED / "corpus" / "alqac" / "corpus.jsonl"))
    else:
        reports = index.ingest([CORPORA[name]], prune=True)
    if not quiet:
        done = sum(r.status == "indexed" for r in reports)
        failed = sum(r.status == "failed" for r in reports)
        print(f"{name} index: {len(reports)} documents ({done} (re)indexed, {failed} failed), "
              f"{index.chunk_count()} chunks, {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    refuse_stale(index, name)
    return index


def build_corpus(corpus: Path, out: Path = OUT, fresh: bool = False) -> Index:
    """An index of any folder of documents (`<out>/<folder>-index`), brought up to date; the caller closes it."""
    name = corpus.resolve().name
    index = open_index(out / f"{name}-index", fresh, out / "embeddings.sqlite")
    index.ingest([corpus], prune=True)
    refuse_stale(index, name)
    return index


def open_built(name: str, out: Path = OUT) -> Index:
    """A benchmark index as it is (no ingest), refused if stale."""
    path = out / f"{name}-index"
    if not (path / "catalog.sqlite").exists():
        raise StaleIndexError(f"Chưa có kho chỉ mục '{name}'. Hãy chạy: python -m eval.indexes {name}")
    index = open_index(path, cache=out / "embeddings.sqlite")
    refuse_stale(index, name)
    return index


def add_overrides(ap: argparse.ArgumentParser) -> None:
    """The `--set FIELD=VALUE` option every benchmark takes (read by `heuristics_overrides`)."""
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="override a numeric Heuristics field for this run (a sweep on the tune half)")  # fmt: skip


def heuristics_overrides(pairs: list[str]) -> dict[str, object]:
    """`FIELD=VALUE` pairs for `Heuristics` (a sweep on the tune half runs the product with them), typed as the field."""
    from ingest.settings import Heuristics

    base, out = Heuristics(), {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if not isinstance(getattr(base, name, None), int | float):
            raise SystemExit(f"not a numeric Heuristics field: {name!r}")
        out[name] = type(getattr(base, name))(float(value) if isinstance(getattr(base, name), int) else value)
    return out


def tuned(index: Index, overrides: dict[str, object]) -> Index:
    if overrides:
        from dataclasses import replace

        index.settings = index.settings.with_(heuristics=replace(index.settings.heuristics, **overrides))
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="+", choices=["mineral", "alqac", *[n for n in CORPORA if n != "mineral"]])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"Không thấy ../shared tại {SHARED}.", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.names:
        build(name, args.out, args.fresh).close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
