"""Search results as a search engine shows them: a relevance cut-off, snippets, matched words marked.

A passage is relevant when it covers enough of the question's content (terms weighted by how rare they are
among the retrieved passages), or contains a document number the question names. Ranks from rank fusion say
only which passage is better, not whether any is good: this is the absolute test behind "không tìm thấy".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.answer.score import Scorer as Weights
from ingest import Passage, Query
from ingest.vn import identifiers, vntext

MIN_COVERAGE = 0.34  # set on the mineral corpus' dev questions: their gold passages cover >= 0.4, noise < 0.3
SNIPPET_SENTENCES = 2
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Result:
    passage: Passage
    relevance: float
    snippet: list[tuple[str, bool]]  # (text, is a matched word)


def relevance(query: Query, weights: Weights, p: Passage) -> float:
    if query.doc_keys and (query.doc_keys & {n.key for n in identifiers.find_doc_numbers(p.text)}
                           or p.payload.number_key in query.doc_keys):  # fmt: skip
        return 1.0
    return weights.coverage(" ".join(x for x in (p.payload.title, p.section, p.text) if x))


def marked(query: Query, text: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, the question's content words flagged.

    A question typed with tone marks marks only the same toned syllable (`đấu giá` marks neither `đầu` nor the
    `gia` of `tham gia`); one typed without them marks every toned form of its syllables (`dau gia`).
    """
    toned = {vntext.canonical(w).lower() for w in _WORD.findall(query.expanded or query.text)} if query.toned else None
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        if vntext.strip_tones(word) in query.terms and (toned is None or vntext.canonical(word).lower() in toned):
            out += [(text[pos : m.start()], False), (word, True)]
            pos = m.end()
    out.append((text[pos:], False))
    return [piece for piece in out if piece[0]]


def snippet(query: Query, weights: Weights, text: str) -> list[tuple[str, bool]]:
    sentences = vntext.sentences(text.replace("\t", " | ")) or [text]
    best = sorted(sentences, key=lambda s: -weights.coverage(s))[:SNIPPET_SENTENCES]
    chosen = [s for s in sentences if s in best]
    return marked(query, " … ".join(chosen))


def results(
    query: Query, passages: list[Passage], term_weights: dict[str, float], min_coverage: float = MIN_COVERAGE
) -> list[Result]:
    """The passages that pass the relevance test, best first, each with its snippet."""
    weights = Weights(query, term_weights)
    out = [Result(p, relevance(query, weights, p), []) for p in passages]
    out = [r for r in out if r.relevance >= min_coverage]
    for r in out:
        r.snippet = snippet(query, weights, r.passage.text)
    return out
