"""Is a passage about what a claim says: shared content words and phrases, and how a fact is shown."""

from __future__ import annotations

import logging

from ingest import content_bigrams, flat_syllables
from ingest.vn import dates, layout
from ingest.vn.facts import Fact
from ingest.vn.words import FUNCTION_WORDS, content_words, share

log = logging.getLogger(__name__)


def claim_terms(text: str) -> set[str]:
    return content_words(text, FUNCTION_WORDS)


def phrases(text: str) -> set[str]:
    """The word pairs of a text, its dates read in words (`25/6/2015` says what `ngày 25 tháng 6 năm 2015` says)."""
    return content_bigrams(flat_syllables(dates.in_words(text)))


def topical(claim: str, passage: str) -> float:
    """Share of the claim's content syllables that the passage contains."""
    return share(claim_terms(claim), claim_terms(passage))


def statement_around(text: str, at: int) -> str:
    """The line or list item (`;`-separated) of `text` (as read: `Passage.reading`) around offset `at`; a table row
    (a line with tabs) whole, whatever its cells list."""
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if "\t" in line:
        return line
    start = max(text.rfind("\n", 0, at), text.rfind(";", 0, at)) + 1
    ends = [i for i in (text.find("\n", at), text.find(";", at)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def lead_in(text: str, at: int) -> str:
    """The lead-in (a line ending with `:`) that the list item around offset `at` continues, past the items before
    it (`... trong thời hạn như sau:` over `a) ...;` and `b) ...`); empty when the line is no list item."""
    lines = text[: max(0, text.rfind("\n", 0, at))].split("\n")
    own = text[text.rfind("\n", 0, at) + 1 : at]
    if not layout.LIST_ITEM.match(own):
        return ""
    for line in reversed(lines):
        if line.rstrip().endswith(":"):
            return line
        if not layout.LIST_ITEM.match(line):
            return ""
    return ""


def shown(fact: Fact) -> str:
    if fact.kind == "date":
        return dates.written(fact.value)
    return fact.text
