"""Congruence: the same ingest and queries on Qdrant Edge and on qdrant-client (local mode) agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Index, Settings, parse_filters

from .conftest import SMALL_DOCS, need_shared

QUERIES = [
    "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?",
    "tien do tong ket nghi quyet 02",
    "Chính phủ ban hành Nghị quyết 103/NQ-CP ngày nào?",
    "Thông tư 67/2025/TT-BCT sửa đổi thông tư nào?",
    "danh mục văn bản pháp luật về khoáng sản",
    "Chỉ thị 02/CT-TTg dừng xuất khẩu quặng gì?",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory):
    need_shared()
    indexes = {}
    for backend in ("edge", "qdrant-local"):
        path = tmp_path_factory.mktemp(backend)
        index = Index.open(Settings.from_env(index_dir=path, store_backend=backend, lock_wait_s=0))
        index.ingest(SMALL_DOCS)
        indexes[backend] = index
    yield indexes
    for index in indexes.values():
        index.close()


def _top(hits) -> set[str]:
    """Ids tied at the best score (RRF gives equal scores to mirrored ranks; their order is arbitrary)."""
    return {h.id for h in hits if abs(h.score - hits[0].score) < 1e-6}


@pytest.mark.parametrize("channels", [("dense",), ("words",), ("flat",), ("dense", "words", "flat")])
def test_rankings_agree(both, channels):
    for q in QUERIES:
        edge = both["edge"].search(q, k=5, channels=channels)
        local = both["qdrant-local"].search(q, k=5, channels=channels)
        assert _top(edge) & _top(local), (q, channels, [h.id for h in edge], [h.id for h in local])
        assert len({h.id for h in edge} & {h.id for h in local}) >= 4, (q, channels)


def test_counts_facets_and_filters_agree(both):
    edge, local = both["edge"]._store, both["qdrant-local"]._store
    assert edge.count() == local.count() > 0
    assert edge.facet("doc") == local.facet("doc")
    conditions = parse_filters(["doc_type=Thông tư"])
    e = [p.doc for p in both["edge"].search("sửa đổi", k=5, conditions=conditions)]
    q = [p.doc for p in both["qdrant-local"].search("sửa đổi", k=5, conditions=conditions)]
    assert e and set(e) == set(q) == {"TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx"}


def test_delete_agrees(both, tmp_path: Path):
    for index in both.values():
        index.remove("Danh-muc-VBPL-khoang-san.docx")
    assert both["edge"]._store.count() == both["qdrant-local"]._store.count()
    assert "Danh-muc-VBPL-khoang-san.docx" not in both["edge"]._store.facet("doc")


def test_export_round_trips_between_backends(both, tmp_path: Path):
    """Points exported from Edge and loaded into qdrant-client answer the same queries (the migration path)."""
    from ingest.store.client import ClientStore

    target = ClientStore.open("copy", dim=384, path=str(tmp_path / "copy"))
    try:
        target.upsert(list(both["edge"]._store.export_points()))
        assert target.count() == both["edge"]._store.count()
        from ingest import terms
        from ingest.store import HybridQuery

        q = "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?"
        dense = both["edge"].embedder.embed_queries([q])[0].tolist()
        query = HybridQuery(dense=dense, sparse=terms.query_vectors(q), limit=5)
        assert [h.id for h in target.search(query)][:1] == [h.id for h in both["edge"]._store.search(query)][:1]
    finally:
        target.close()
