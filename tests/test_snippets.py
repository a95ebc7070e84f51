"""Search snippets mark the question's words as typed: toned syllables exactly, tone-free ones in every tone.
Questions and text are written for the test."""

from __future__ import annotations

import pytest

from app.answer.snippets import marked
from ingest.query import understand

TEXT = "Chủ đầu tư tham gia phiên đấu giá quyền khai thác khoáng sản; Đấu Giá lần hai do Sở Tài chính chủ trì."


def hits(question: str, text: str = TEXT) -> list[str]:
    return [t for t, hit in marked(understand(question), text) if hit]


def test_a_toned_question_marks_only_its_own_syllables() -> None:
    got = hits("đấu giá quyền khai thác khoáng sản")
    assert got == ["đấu", "giá", "quyền", "khai", "thác", "khoáng", "sản", "Đấu", "Giá"]
    assert "đầu" not in got and "gia" not in got, "`đầu` of Chủ đầu tư and `gia` of tham gia are other words"


@pytest.mark.parametrize("question", ["dau gia quyen khai thac khoang san", "DAU GIA quyen khai thac khoang san"])
def test_a_tone_free_question_marks_every_toned_form(question: str) -> None:
    got = hits(question)
    assert {"đầu", "gia", "đấu", "giá", "Đấu", "Giá", "khoáng"} <= set(got)


def test_marking_keeps_the_text_whole_and_ignores_tone_placement() -> None:
    text = "Kế hoạch hoà giải và hòa giải tại cơ sở."
    pieces = marked(understand("hòa giải"), text)
    assert "".join(t for t, _ in pieces) == text
    assert [t for t, hit in pieces if hit] == ["hoà", "giải", "hòa", "giải"], "hoà and hòa are one syllable"
