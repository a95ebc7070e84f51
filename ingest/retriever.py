"""A llama-index retriever over the hybrid search: what generative answering and any llama-index tool plug into.

It honours `MetadataFilters` (turned into Qdrant payload filters) and always applies the access rule it was
built with: a retriever made for a viewer can never return a restricted passage, whatever filters it is given.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ingest.store.base import conditions_from_filters


class HybridRetriever(BaseRetriever):
    """`retrieve("câu hỏi")` -> nodes whose metadata is the chunk payload (doc, section, page, ...)."""

    def __init__(self, index: Any, sees_restricted: bool = False, k: int = 8, filters: Any = None) -> None:
        super().__init__()
        self._index = index
        self._sees_restricted = sees_restricted
        self._k = k
        self._conditions = conditions_from_filters(filters)
        if any(c.key == "access" for c in self._conditions):
            from ingest.errors import QueryError

            raise QueryError("Bộ lọc không được hỗ trợ.", "the access field is set by the retriever, not by filters")

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self._index.search(
            query_bundle.query_str, k=self._k, conditions=self._conditions, sees_restricted=self._sees_restricted
        )
        return [self.node(p) for p in passages]

    @staticmethod
    def node(p: Any) -> NodeWithScore:
        meta = p.payload.to_dict()
        text = meta.pop("text")
        return NodeWithScore(node=TextNode(id_=p.id, text=text, metadata=meta), score=p.score)
