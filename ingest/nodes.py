"""llama-index building blocks of the ingestion flow: a structural node parser and two transformations.

- `SourceDocument`: a llama-index `Document` that also carries the loaded blocks and the document's payload base.
- `StructuralNodeParser`: the structure-aware chunker (`ingest.chunk`) as a `NodeParser`; every node carries a
  `ChunkPayload` as metadata and the text its vectors are computed from (`passage_text`).
- `SparseTerms`: the two sparse channels of each node (`ingest.terms`).
- `DenseEmbedding`: the dense vector of each node, through the embedding cache.

`ingest.pipeline` runs them with llama-index's `IngestionPipeline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.node_parser.interface import NodeParser
from llama_index.core.schema import BaseNode, Document, TransformComponent
from pydantic import ConfigDict, Field

from ingest import terms
from ingest.chunk import chunk_blocks
from ingest.payload import ChunkPayload
from ingest.store.base import ChunkNode, point_id
from ingest.units import passage_units, rerank_text
from ingest.vn import vntext
from ingest.vn.words import segmented_words

VERSION = "5"  # what `passage_text` puts in front of a chunk; the units' re-ranking vectors; the context's words
BATCH = 8
TITLE_WORDS = 24
CRUMB_WORDS = 10


def passage_text(p: ChunkPayload, max_words: int) -> str:
    """What the embedder and the sparse channels see: document identity, heading path, then the passage.

    The title and breadcrumb are shortened: they repeat in every chunk and the embedder's cost grows with length.
    Built from the payload alone, so a chunk's vectors can be recomputed from what the store holds.
    """
    title = " ".join((p.title or "").split()[:TITLE_WORDS])
    crumbs = [" ".join(c.split()[:CRUMB_WORDS]) for c in p.section.split(" > ")[-2:] if c]
    lines = [" – ".join(h for h in (p.label(), title) if h), " > ".join(crumbs)]
    if p.table_header:
        lines.append(" | ".join(c.replace("\n", " ") for c in p.table_header))
    if p.signer and p.signer in p.text:
        lines.append(f"Người ký văn bản: {p.signer_title or ''} {p.signer}".replace("  ", " "))
    lines.append(p.text.replace("\t", " | "))
    words = vntext.canonical("\n".join(line for line in lines if line)).split(" ")
    return " ".join(words[:max_words])


class SourceDocument(Document):
    """A parsed file on its way into the index: its blocks and the payload fields every chunk shares."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    blocks: list[Any] = Field(default_factory=list, exclude=True)
    base: dict[str, Any] = Field(default_factory=dict, exclude=True)


class StructuralNodeParser(NodeParser):
    """Chunks along the document's own structure (Phần/Chương/Mục/Điều/Khoản, I./1./a), tables by rows)."""

    max_words: int = 220
    min_words: int = 60
    embed_max_words: int = 300

    def _parse_nodes(self, nodes: Sequence[BaseNode], show_progress: bool = False, **kwargs: Any) -> list[BaseNode]:
        out: list[BaseNode] = []
        for doc in nodes:
            if not isinstance(doc, SourceDocument):
                raise TypeError("StructuralNodeParser parses SourceDocument objects")
            for i, ch in enumerate(chunk_blocks(doc.blocks, self.max_words, self.min_words)):
                payload = ChunkPayload(
                    **doc.base, text=ch.text, section=ch.section, page=ch.page, page_end=ch.page_end, kind=ch.kind,
                    chunk=i, table_header=ch.table_header, dense=False, ocr=ch.ocr,
                )  # fmt: skip
                payload.words = sorted(segmented_words(payload.context()))
                meta = payload.to_dict()
                text = meta.pop("text")
                node = ChunkNode(id_=point_id(payload.rev, i), text=text, metadata=meta)
                node.embed_text = passage_text(payload, self.embed_max_words)
                out.append(node)
        return out

    def _postprocess_parsed_nodes(self, nodes: list[BaseNode], parent_doc_map: dict[str, Document]) -> list[BaseNode]:
        return nodes  # payloads are complete; llama-index's default would copy the parent's metadata in


class SparseTerms(TransformComponent):
    """The `words` and `flat` sparse vectors of every node."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.sparse = terms.document_vectors(node.embed_text)  # type: ignore[attr-defined]
        return nodes


class DenseEmbedding(TransformComponent):
    """The dense vector of every node, computed only for texts the embedding cache does not hold; with
    `unit_words`, each of its units' re-ranking text goes into the cache too (`ingest.units`), so answering a
    question encodes nothing but the question."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    embedder: Any = Field(exclude=True)
    cache: Any = Field(exclude=True)
    unit_words: int = 0

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        """`progress(stage, done, total)`, if given, hears about every batch of `BATCH` nodes."""
        progress = kwargs.get("progress")
        step = BATCH * getattr(self.embedder, "parallel", 1)  # one batch per embedding worker at a time
        for start in range(0, len(nodes), step):
            if progress:
                progress("embed", start, len(nodes))
            batch = nodes[start : start + step]
            vectors = self.cache.embed(self.embedder, [n.embed_text for n in batch])  # type: ignore[attr-defined]
            for node, vec in zip(batch, vectors, strict=True):
                node.embedding = vec.tolist()
                node.metadata["dense"] = True
            if self.unit_words:
                payloads = [ChunkPayload.from_dict({**n.metadata, "text": n.get_content()}) for n in batch]
                self.cache.embed(self.embedder, unit_texts(payloads, self.unit_words))
        if progress:
            progress("embed", len(nodes), len(nodes))
        return nodes


def unit_texts(payloads: Sequence[ChunkPayload], words: int) -> list[str]:
    """The distinct re-ranking texts of the passages' units (what answering compares a question with)."""
    return list(dict.fromkeys(rerank_text(u, words) for p in payloads for u in passage_units(0, p)))
