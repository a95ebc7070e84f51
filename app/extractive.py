"""Extractive answers: the sentences of the retrieved passages that answer the question, each cited.

A sentence is scored by how much of the question it covers (terms weighted by how rare they are among the
candidate sentences), together with its passage and heading context; it must give the kind of answer asked
for (a number for `bao nhiêu`, a date for `khi nào`, a person for `ai`, a document number for `văn bản nào`),
and a question that names a document is answered only from that document or text citing it. When no
sentence qualifies, the system abstains and shows the closest passages instead.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ingest import Heuristics, Passage, Query, content_bigrams, flat_syllables, gazetteer, identifiers, vntext

NAME_WINDOW = 6
SIGNER_BONUS = 0.3
_TITLES = ("thu tuong", "chu tich", "bo truong", "thu truong", "giam doc", "cuc truong", "truong ban", "tong bi thu")
_NUMBER = re.compile(r"\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b", re.IGNORECASE)
_DATEISH = re.compile(r"\b(?:19|20)\d{2}\b|\bngày\b|\btháng\b|\bnăm\b|\bquý\b", re.IGNORECASE)
_DURATION = re.compile(r"(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:năm|tháng|ngày|tuần|giờ)\b|thời hạn",
                       re.IGNORECASE)  # fmt: skip


@dataclass
class Picked:
    """One sentence chosen to answer, with the rank of the passage it comes from."""

    rank: int
    sentence: str
    score: float


def _person_near_question_terms(query: Query, sentence: str) -> bool:
    """`ai` questions: a person's name, or another title, stands next to the role the question asks about."""
    flat = flat_syllables(sentence)
    role = query.role or query.bigrams
    anchors = {vntext.strip_tones(n.split()[0]).lower() for n in gazetteer.find_people(sentence)}
    joined = " ".join(flat)
    # A title answers only if it is not the very role asked about (`Trưởng Ban chỉ đạo` is not its own answer).
    anchors |= {t.split()[0] for t in _TITLES if t in joined and not (content_bigrams(t.split()) & role)}
    need = min(2, len(role)) or 1
    for i, syl in enumerate(flat):
        if syl in anchors:
            window = flat[max(0, i - NAME_WINDOW) : i + NAME_WINDOW + 4]
            if len(content_bigrams(window) & role) >= need:
                return True
    return False


def _names_asked_document(query: Query, sentence: str) -> bool:
    """`Quyết định nào ...?` is answered by a sentence naming a Quyết định by number (any number if unspecified)."""
    numbers = identifiers.find_doc_numbers(sentence)
    code = identifiers.code_of_type(query.asked_type) if query.asked_type else None
    return any(code is None or n.type_code == code for n in numbers)


def own_document_answers(query: Query, passage: Passage) -> bool:
    """The passage's own document is of the asked type and has a number: it is the answer itself."""
    p = passage.payload
    return bool(query.asked_type and p.doc_type == query.asked_type and p.number)


def fits(query: Query, sentence: str, passage: Passage | None = None) -> bool:
    """Does the sentence (or, for `which document` questions, its document) give the kind of value asked for?"""
    if query.unit and not any(u in sentence.lower() for u in query.unit):
        return False
    checks = {
        "number": lambda: bool(_NUMBER.search(sentence)),
        "duration": lambda: bool(_DURATION.search(sentence)),
        "date": lambda: bool(_DATEISH.search(sentence)),
        "signer": lambda: bool(gazetteer.find_people(sentence)),
        "person": lambda: _person_near_question_terms(query, sentence),
        "docref": lambda: (
            _names_asked_document(query, sentence) or (passage is not None and own_document_answers(query, passage))
        ),
    }
    return checks[query.wants]() if query.wants in checks else True


def about_named_doc(query: Query, passage: Passage) -> bool:
    """A question naming a document number is answered only from that document or text citing it."""
    if not query.doc_keys:
        return True
    keys = {n.key for n in identifiers.find_doc_numbers(passage.text)}
    if passage.payload.number_key:
        keys.add(passage.payload.number_key)
    return bool(query.doc_keys & keys)


def _context(p: Passage) -> str:
    m = p.payload
    return " ".join(x for x in (m.doc_type, m.number, m.title, m.section) if x)


class Weights:
    """Inverse sentence frequency of the question's terms among the candidate sentences."""

    def __init__(self, query: Query, sentences: list[str]) -> None:
        df: Counter[str] = Counter()
        for s in sentences:
            flat = flat_syllables(s)
            df.update((set(flat) & query.terms) | (content_bigrams(flat) & query.bigrams))
        n = len(sentences) + 1
        self.w = {t: math.log(1 + n / (df[t] + 1)) for t in query.terms | query.bigrams}
        self.query = query
        self.total = sum(self.w.values()) or 1.0

    def coverage(self, text: str) -> float:
        flat = flat_syllables(text)
        found = (set(flat) & self.query.terms) | (content_bigrams(flat) & self.query.bigrams)
        return sum(self.w[t] for t in found) / self.total


def candidates(query: Query, passages: list[Passage]) -> list[tuple[int, str]]:
    """(passage rank, sentence) of every sentence that may answer: from the named document, of useful length."""
    out: list[tuple[int, str]] = []
    for rank, p in enumerate(passages):
        if about_named_doc(query, p):
            out += [(rank, s) for s in vntext.sentences(p.text.replace("\t", " ")) if len(s) >= 12]
    return out


def pick(query: Query, passages: list[Passage], heur: Heuristics) -> list[Picked]:
    """The answering sentences, best first; empty when nothing supports an answer (abstain)."""
    cands = candidates(query, passages)
    weights = Weights(query, [s for _, s in cands])
    passage_cov = {r: weights.coverage(_context(passages[r]) + " " + passages[r].text) for r, _ in cands}
    scored = sorted(
        (
            Picked(
                r,
                s,
                (0.6 * weights.coverage(s) + 0.4 * passage_cov[r] + _signer_bonus(query, passages[r], s))
                / (1 + heur.answer_rank_decay * r),
            )
            for r, s in cands
            if fits(query, s, passages[r])
        ),
        key=lambda p: -p.score,
    )
    if not scored or scored[0].score < heur.answer_min_support:
        return []
    chosen: list[Picked] = []
    for p in scored:
        if len(chosen) >= heur.answer_max_sentences or p.score < heur.answer_keep_ratio * scored[0].score:
            break
        if p.sentence not in (c.sentence for c in chosen):
            chosen.append(p)
    return chosen


def lead(query: Query, passage: Passage, sentence: str) -> str:
    """For `which document` questions answered by the document itself, name it first (from its header)."""
    if query.wants == "docref" and not _names_asked_document(query, sentence) and own_document_answers(query, passage):
        p = passage.payload
        issued = f" ngày {'/'.join(reversed(p.issued.split('-')))}" if p.issued else ""
        return f"{p.doc_type} số {p.number}{issued}: "
    return ""


def _signer_bonus(query: Query, passage: Passage, sentence: str) -> float:
    """`Ai ký ...?`: the sentence holding the document's recorded signer answers it."""
    signer = passage.payload.signer
    return SIGNER_BONUS if query.wants == "signer" and signer and signer in sentence else 0.0
