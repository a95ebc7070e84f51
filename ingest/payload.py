"""The payload of one stored chunk: the single schema shared by the pipeline, search, answering and checking."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

ACCESS_OPEN, ACCESS_RESTRICTED = "open", "restricted"

# Payload fields Qdrant indexes for filtering (keyword) and ranges (integer).
KEYWORD_FIELDS = ("doc", "doc_key", "rev", "number_key", "access", "doc_type", "issuer", "province", "ministry",
                  "number", "kind")  # fmt: skip
INTEGER_FIELDS = ("year",)
# Fields a user may filter by (`--filter KEY=VALUE`, the search page's facets).
FILTER_FIELDS = ("doc", "doc_type", "issuer", "province", "ministry", "number", "year", "kind")


@dataclass
class ChunkPayload:
    """Everything a citation, a filter and an answer need about one chunk."""

    doc: str  # the source file's base name (what citations show)
    doc_key: str  # the document's identity: its path under the ingested folder (`mineral/files/x.docx`)
    rev: str  # the indexed version of that document (content hash + pipeline version)
    access: str  # ACCESS_OPEN | ACCESS_RESTRICTED, decided before the first chunk is written
    text: str
    section: str = ""
    page: int | None = None
    page_end: int | None = None
    kind: str = "text"  # text | table
    chunk: int = 0
    table_header: list[str] | None = None
    dense: bool = True  # False while the chunk is searchable through the sparse channels only
    ocr: bool = False  # its text was (partly) read by OCR from a scanned page: quote it with that mark
    doc_type: str | None = None
    number: str | None = None
    number_key: str | None = None
    issued: str | None = None  # YYYY-MM-DD
    year: int | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    province: str | None = None
    ministry: str | None = None
    title: str | None = None
    # the content words of `context()` as underthesea segments them, tone-free (`ingest.vn.words.segmented_words`):
    # kept at ingest so answering never segments a passage again; None in an index written before
    words: list[str] | None = None

    @property
    def restricted(self) -> bool:
        return self.access != ACCESS_OPEN

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChunkPayload:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values.setdefault("doc", "")
        values.setdefault("doc_key", values["doc"])
        values.setdefault("rev", "")
        values.setdefault("access", ACCESS_RESTRICTED)  # a chunk that does not say it is open is not
        values.setdefault("text", "")
        return cls(**values)

    def context(self) -> str:
        """What answering compares a question with: document type, number, title, section path and text."""
        return " ".join(x for x in (self.doc_type, self.number, self.title, self.section, self.text) if x)

    def label(self) -> str:
        """`Quyết định 334/QĐ-TTg ngày 01/04/2023`: the document as a citation names it."""
        parts = [self.doc_type or "", self.number or ""]
        if self.issued:
            y, m, d = self.issued.split("-")
            parts.append(f"ngày {d}/{m}/{y}")
        return " ".join(p for p in parts if p).strip()


DOCUMENT_FIELDS = ("doc_type", "number", "issued", "issuer", "signer", "signer_title", "province", "ministry",
                   "title")  # fmt: skip
