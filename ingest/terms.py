"""Sparse term vectors for the two lexical channels; Qdrant applies IDF (`Modifier.Idf`) at query time.

- `words`: underthesea words, syllables and identifier keys (document numbers, dates, percentages).
- `flat`: tone-stripped syllables and syllable bigrams, so `tien do bao cao` finds `tiến độ báo cáo`.

Document values are BM25 term-frequency weights (k1, b, a fixed average length); query values are 1.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from hashlib import blake2b

from ingest.vn import glossary, identifiers, vntext

VERSION = "2"  # change whenever this stage's output changes: documents are re-indexed

K1 = 1.2
B = 0.75
AVG_LEN = {"words": 260.0, "flat": 300.0}
CHANNELS = ("words", "flat")


@dataclass(frozen=True)
class SparseVector:
    indices: list[int]
    values: list[float]


def term_id(term: str) -> int:
    """Stable 31-bit id of a term (the same in every process and on every machine)."""
    return int.from_bytes(blake2b(term.encode("utf-8"), digest_size=4).digest(), "little") & 0x7FFFFFFF


def word_terms(text: str) -> list[str]:
    """Terms of the `words` channel."""
    ws = vntext.words(text)
    syl = [s for w in ws if "_" in w for s in w.split("_")]
    return ws + syl + identifiers.identifier_terms(text)


def flat_terms(text: str) -> list[str]:
    """Terms of the `flat` channel: tone-stripped syllables and adjacent-syllable bigrams."""
    syl = [vntext.strip_tones(s) for s in vntext.syllables(text)]
    return syl + [f"{a}_{b}" for a, b in itertools.pairwise(syl)]


def _bm25_vector(terms: list[str], avg_len: float) -> SparseVector:
    counts = Counter(terms)
    norm = K1 * (1 - B + B * len(terms) / avg_len)
    ids: dict[int, float] = {}
    for term, tf in counts.items():
        tid = term_id(term)
        ids[tid] = ids.get(tid, 0.0) + tf * (K1 + 1) / (tf + norm)
    return SparseVector(list(ids), list(ids.values()))


def _query_vector(terms: list[str]) -> SparseVector:
    ids = sorted({term_id(t) for t in terms})
    return SparseVector(ids, [1.0] * len(ids))


def document_vectors(text: str) -> dict[str, SparseVector]:
    """Both sparse channels of a passage (its heading context included by the caller).

    Abbreviations add their full forms, so `TN&MT` and `Tài nguyên và Môi trường` meet either way.
    """
    full = " ".join(glossary.expansions(text))
    words = word_terms(text) + (vntext.words(full) if full else [])
    # identifier keys are tone-free already, so the `flat` channel carries them too
    flat = flat_terms(text) + flat_terms(full) + identifiers.identifier_terms(text)
    return {"words": _bm25_vector(words, AVG_LEN["words"]), "flat": _bm25_vector(flat, AVG_LEN["flat"])}


def query_vectors(question: str) -> dict[str, SparseVector]:
    """Both sparse channels of a question; identifier keys include `QĐ 502`-style short references."""
    words = vntext.words(question)
    syl = [s for w in words if "_" in w for s in w.split("_")]
    return {
        "words": _query_vector(words + syl + identifiers.query_identifier_terms(question)),
        "flat": _query_vector(flat_terms(question) + identifiers.query_identifier_terms(question)),
    }
