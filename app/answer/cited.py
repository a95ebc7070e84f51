"""A cited answer as the user sees it: its sentences, each with the citations it rests on, and the citations.

Answers are built by `app.answer` (extractive or generated) and stored with conversations (`as_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest import Passage, Query

ABSTAIN_TEXT = (
    "Không tìm thấy thông tin trả lời câu hỏi này trong kho tài liệu. Các đoạn gần nhất được liệt kê bên dưới."
)


@dataclass
class Citation:
    n: int
    doc: str
    key: str
    title: str | None
    section: str
    page: int | None
    text: str
    score: float
    sentence: str | None = None  # the sentence of the passage the answer rests on
    also_in: list[str] = field(default_factory=list)
    ocr: bool = False  # the passage's text was read by OCR from a scanned page

    def as_json(self) -> dict:
        return {
            "n": self.n, "doc": self.doc, "key": self.key, "title": self.title, "section": self.section,
            "page": self.page, "text": self.text, "score": self.score, "sentence": self.sentence,
            "also_in": self.also_in, "ocr": self.ocr,
        }  # fmt: skip


@dataclass
class Sentence:
    """One sentence of an answer with the citations it rests on and whether it was verified against them."""

    text: str
    citations: list[int]
    verified: bool = True
    reason: str = ""

    def as_json(self) -> dict:
        return {"text": self.text, "citations": self.citations, "verified": self.verified, "reason": self.reason}


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # typos repaired: (typed, read as)
    mode: str = "extractive"  # extractive | generated
    sentences: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said to the user beside the answer (fallback, drops, ...)
    resolved: str | None = None  # the question as understood in the conversation (follow-ups)
    short: str | None = None  # the asked value first (`27 giấy phép [1]`), when the question asks for one

    def as_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "mode": self.mode,
            "sentences": [s.as_json() for s in self.sentences],
            "citations": [c.as_json() for c in self.citations],
            "corrections": [list(c) for c in self.corrections],
            "notes": self.notes,
            "resolved": self.resolved,
            "short": self.short,
        }

    def correction_note(self) -> str:
        """`Đã hiểu "quyte" là "quyết"` for the user, or an empty string."""
        pairs = ", ".join(f'"{typed}" là "{read}"' for typed, read in self.corrections)
        return f"Đã hiểu {pairs} (sửa lỗi gõ)." if pairs else ""

    @classmethod
    def from_json(cls, d: dict) -> Answer:
        """The inverse of `as_json` (a stored conversation turn)."""
        return cls(
            question=d["question"], answer=d["answer"], abstained=d["abstained"],
            citations=[Citation(**{k: c.get(k) for k in Citation.__dataclass_fields__}) for c in d.get("citations", [])],
            corrections=[tuple(c) for c in d.get("corrections", [])], mode=d.get("mode", "extractive"),
            sentences=[Sentence(**s) for s in d.get("sentences", [])], notes=d.get("notes", []),
            resolved=d.get("resolved"), short=d.get("short"),
        )  # fmt: skip


def citation(n: int, p: Passage, sentence: str | None) -> Citation:
    m = p.payload
    return Citation(n, m.doc, m.doc_key, m.title, m.section, m.page, m.text, round(p.score, 4), sentence,
                    list(p.also_in), bool(m.ocr))  # fmt: skip


OCR_MARK = "chữ nhận dạng bằng OCR, cần đối chiếu bản gốc"


def place(section: str | None, page: int | None, ocr: bool = False) -> str:
    """Where a passage sits, as citations show it: its section, its page, and a mark if OCR read its text."""
    return " · ".join(x for x in (section or "", f"trang {page}" if page else "", OCR_MARK if ocr else "") if x)


def closest(query: Query, passages: list[Passage], k: int, text: str = ABSTAIN_TEXT) -> Answer:
    """An abstention that still shows the closest passages."""
    return Answer(query.asked, text, True, [citation(i + 1, p, None) for i, p in enumerate(passages[:k])])
