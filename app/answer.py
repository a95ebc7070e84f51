"""Extractive answers: the sentences of the retrieved passages that answer the question, each cited.

No generative model ships offline, so the answer is built from source sentences only. A sentence is
scored by how much of the question it covers (terms weighted by how rare they are among the candidate
sentences), together with its passage and heading context; it must match the kind of answer asked for
(a number for `bao nhiêu`, a date for `khi nào`, a person for `ai`, a document number for `văn bản nào`),
and a question that names a document is answered only from that document or text citing it. When no
sentence qualifies, the system abstains and shows the closest passages instead.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ingest import Index, Passage, gazetteer, identifiers, vntext
from ingest.store import Condition

ABSTAIN_TEXT = (
    "Không tìm thấy thông tin trả lời câu hỏi này trong kho tài liệu. Các đoạn gần nhất được liệt kê bên dưới."
)
MIN_SUPPORT = 0.2
MAX_SENTENCES = 3
KEEP_RATIO = 0.85
RETRIEVE_K = 8
NAME_WINDOW = 6
SIGNER_BONUS = 0.3
_TITLES = ("thu tuong", "chu tich", "bo truong", "thu truong", "giam doc", "cuc truong", "truong ban", "tong bi thu")
_ROLE = re.compile(r" ai (?:(?:giu chuc|giu vi tri|la|lam|dam nhiem|phu trach|chu tri) )?((?:\w+ ){1,4})")

# Question words and function words that carry no content (tone-stripped).
_STOP = frozenset(
    "ai gi nao bao nhieu may khi nhu the la co cua theo duoc va cac nhung trong cho ve thi ma voi tu den nay do o "
    "tai de hay hoac bi boi rang sao vay chua khong da se dang phai can thoi diem luc mot hai ba viec nguoi muc lan "
    "ra vao len con cung nhat tung moi gom bang nen neu".split()
)
_NUMBER = re.compile(r"\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b", re.IGNORECASE)
_DATEISH = re.compile(r"\b(?:19|20)\d{2}\b|\bngày\b|\btháng\b|\bnăm\b|\bquý\b", re.IGNORECASE)
_WANTS = (
    ("number", re.compile(r" (bao nhieu|may|ty le|muc nao) ")),
    ("date", re.compile(r" (ngay nao|khi nao|thoi diem nao|nam nao|bao gio|moc nao|thoi gian nao|thoi han|luc nao) ")),
    ("signer", re.compile(r" ai ky ")),
    ("person", re.compile(r" ai ")),
    ("docref", re.compile(r" (so hieu|van ban nao|quyet dinh nao|nghi quyet nao|thong bao nao|cong van nao) ")),
)
_UNITS = {
    "phan tram": ("%", "phần trăm"),
    "trieu tan": ("triệu tấn",),
    "tan": ("tấn",),
    "ha": ("ha", "hécta", "héc ta"),
    "ty dong": ("đồng",),
    "trieu dong": ("đồng",),
    "dong": ("đồng",),
}


@dataclass
class Citation:
    n: int
    doc: str
    title: str | None
    section: str
    page: int | None
    text: str
    score: float
    sentence: str | None = None

    def as_json(self) -> dict:
        return {
            "n": self.n,
            "doc": self.doc,
            "title": self.title,
            "section": self.section,
            "page": self.page,
            "text": self.text,
            "score": self.score,
            "sentence": self.sentence,
        }


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # typos repaired: (typed, read as)

    def as_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.as_json() for c in self.citations],
            "corrections": [list(c) for c in self.corrections],
        }

    def correction_note(self) -> str:
        """`Đã hiểu "quyte" là "quyết"` for the user, or an empty string."""
        pairs = ", ".join(f'"{typed}" là "{read}"' for typed, read in self.corrections)
        return f"Đã hiểu {pairs} (sửa lỗi gõ)." if pairs else ""


@dataclass
class Intent:
    """What the question asks about (content terms) and what kind of answer it wants."""

    terms: set[str]
    bigrams: set[str]
    wants: str | None
    unit: tuple[str, ...] | None
    doc_keys: set[str]
    role: set[str] = field(default_factory=set)
    asked_type: str | None = None  # `Quyết định nào` -> Quyết định


def _flat(text: str) -> list[str]:
    return [vntext.strip_tones(s) for s in vntext.syllables(text)]


def _bigrams(flat: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(flat) if a not in _STOP or b not in _STOP}


def analyse(question: str) -> Intent:
    """Content terms of the question and the kind of answer it asks for."""
    flat = _flat(question)
    q = " " + " ".join(flat) + " "
    wants = next((kind for kind, rx in _WANTS if rx.search(q)), None)
    unit = None
    m = re.search(r" bao nhieu ((?:\w+ ){1,2})", q)
    if m:
        following = m.group(1).strip()
        unit = next((v for k, v in _UNITS.items() if following == k or following.startswith(k + " ")), None)
    role = _ROLE.search(q)
    asked = re.search(
        r" (nghi quyet|quyet dinh|nghi dinh|thong tu|thong bao|chi thi|cong van|ke hoach|bao cao) nao ", q
    )
    return Intent(
        asked_type=identifiers.type_of_words(asked.group(1)) if asked else None,
        role=_bigrams(role.group(1).split()) if role else set(),
        terms={s for s in flat if s not in _STOP and len(s) > 1},
        bigrams=_bigrams(flat),
        wants=wants,
        unit=unit,
        doc_keys={n.key for n in identifiers.find_doc_numbers(question)},
    )


def _person_near_question_terms(intent: Intent, sentence: str) -> bool:
    """`ai` questions: a person's name, or another title, stands next to the role the question asks about."""
    flat = _flat(sentence)
    role = intent.role or intent.bigrams
    anchors = {vntext.strip_tones(n.split()[0]).lower() for n in gazetteer.find_people(sentence)}
    joined = " ".join(flat)
    # A title answers only if it is not the very role asked about (`Trưởng Ban chỉ đạo` is not its own answer).
    anchors |= {t.split()[0] for t in _TITLES if t in joined and not (_bigrams(t.split()) & role)}
    need = min(2, len(role)) or 1
    for i, syl in enumerate(flat):
        if syl in anchors:
            window = flat[max(0, i - NAME_WINDOW) : i + NAME_WINDOW + 4]
            if len(_bigrams(window) & role) >= need:
                return True
    return False


def _names_asked_document(intent: Intent, sentence: str) -> bool:
    """`Quyết định nào ...?` is answered by a sentence naming a Quyết định by number (any number if unspecified)."""
    numbers = identifiers.find_doc_numbers(sentence)
    code = identifiers.code_of_type(intent.asked_type) if intent.asked_type else None
    return any(code is None or n.type_code == code for n in numbers)


def own_document_answers(intent: Intent, passage: Passage) -> bool:
    """The passage's own document is of the asked type and has a number: it is the answer itself."""
    return bool(
        intent.asked_type and passage.payload.get("doc_type") == intent.asked_type and passage.payload.get("number")
    )


def fits(intent: Intent, sentence: str, passage: Passage | None = None) -> bool:
    """Does the sentence (or, for `which document` questions, its document) give the kind of value asked for?"""
    if intent.unit and not any(u in sentence.lower() for u in intent.unit):
        return False
    checks = {
        "number": lambda: bool(_NUMBER.search(sentence)),
        "date": lambda: bool(_DATEISH.search(sentence)),
        "signer": lambda: bool(gazetteer.find_people(sentence)),
        "person": lambda: _person_near_question_terms(intent, sentence),
        "docref": lambda: (
            _names_asked_document(intent, sentence) or (passage is not None and own_document_answers(intent, passage))
        ),
    }
    return checks[intent.wants]() if intent.wants in checks else True


def about_named_doc(intent: Intent, passage: Passage) -> bool:
    """A question naming a document number is answered only from that document or text citing it."""
    if not intent.doc_keys:
        return True
    keys = {n.key for n in identifiers.find_doc_numbers(passage.text)}
    own = passage.payload.get("number")
    if own:
        keys.add(identifiers.doc_number_key(own))
    return bool(intent.doc_keys & keys)


def _context(p: Passage) -> str:
    return " ".join(x for x in (p.payload.get("doc_type"), p.payload.get("number"), p.title, p.section) if x)


class _Weights:
    """Inverse sentence frequency of the question's terms among the candidate sentences."""

    def __init__(self, intent: Intent, sentences: list[str]) -> None:
        df: Counter[str] = Counter()
        for s in sentences:
            flat = _flat(s)
            df.update((set(flat) & intent.terms) | (_bigrams(flat) & intent.bigrams))
        n = len(sentences) + 1
        self.w = {t: math.log(1 + n / (df[t] + 1)) for t in intent.terms | intent.bigrams}
        self.intent = intent
        self.total = sum(self.w.values()) or 1.0

    def coverage(self, text: str) -> float:
        flat = _flat(text)
        found = (set(flat) & self.intent.terms) | (_bigrams(flat) & self.intent.bigrams)
        return sum(self.w[t] for t in found) / self.total


def compose(question: str, passages: list[Passage]) -> Answer:
    """Pick the answering sentences from ranked passages, or abstain."""
    intent = analyse(question)
    candidates: list[tuple[int, str]] = []
    for rank, p in enumerate(passages):
        if about_named_doc(intent, p):
            candidates += [(rank, s) for s in vntext.sentences(p.text.replace("\t", " ")) if len(s) >= 12]
    weights = _Weights(intent, [s for _, s in candidates])
    passage_cov = {r: weights.coverage(_context(passages[r]) + " " + passages[r].text) for r, _ in candidates}
    scored = sorted(
        (
            (
                (0.6 * weights.coverage(s) + 0.4 * passage_cov[r] + _signer_bonus(intent, passages[r], s))
                / (1 + 0.08 * r),
                r,
                s,
            )
            for r, s in candidates
            if fits(intent, s, passages[r])
        ),
        key=lambda t: -t[0],
    )
    if not scored or scored[0][0] < MIN_SUPPORT:
        return Answer(question, ABSTAIN_TEXT, True, [_citation(i + 1, p, None) for i, p in enumerate(passages[:5])])
    chosen: list[tuple[int, str]] = []
    for score, rank, sent in scored:
        if len(chosen) >= MAX_SENTENCES or score < KEEP_RATIO * scored[0][0]:
            break
        if sent not in (s for _, s in chosen):
            chosen.append((rank, sent))
    order = list(dict.fromkeys(rank for rank, _ in chosen))
    order += [i for i in range(len(passages)) if i not in order][: max(0, 5 - len(order))]
    number_of = {rank: n for n, rank in enumerate(order, start=1)}
    first_sentence = {rank: sent for rank, sent in reversed(chosen)}
    citations = [_citation(number_of[r], passages[r], first_sentence.get(r)) for r in order]
    text = " ".join(f"{_lead(intent, passages[rank], sent)}{sent} [{number_of[rank]}]" for rank, sent in chosen)
    return Answer(question, text, False, citations)


def _lead(intent: Intent, passage: Passage, sentence: str) -> str:
    """For `which document` questions answered by the document itself, name it first (from its header)."""
    if (
        intent.wants == "docref"
        and not _names_asked_document(intent, sentence)
        and own_document_answers(intent, passage)
    ):
        p = passage.payload
        issued = f" ngày {'/'.join(reversed(p['issued'].split('-')))}" if p.get("issued") else ""
        return f"{p['doc_type']} số {p['number']}{issued}: "
    return ""


def _signer_bonus(intent: Intent, passage: Passage, sentence: str) -> float:
    """`Ai ký ...?`: the sentence holding the document's recorded signer answers it."""
    signer = passage.payload.get("signer")
    return SIGNER_BONUS if intent.wants == "signer" and signer and signer in sentence else 0.0


def _citation(n: int, p: Passage, sentence: str | None) -> Citation:
    return Citation(n, p.doc, p.title, p.section, p.page, p.text, round(p.score, 4), sentence)


def diversify(passages: list[Passage], per_doc: int = 2) -> list[Passage]:
    """At most `per_doc` passages of each document first, the rest after: `which documents` questions see them all."""
    seen: Counter[str] = Counter()
    first, rest = [], []
    for p in passages:
        seen[p.doc] += 1
        (first if seen[p.doc] <= per_doc else rest).append(p)
    return first + rest


def answer(index: Index, question: str, k: int = 5, conditions: list[Condition] | None = None) -> Answer:
    """Retrieve and compose an extractive, cited answer (typos in the question repaired first)."""
    asked = question
    question, corrections = index.repair_typos(question)
    if analyse(question).wants == "docref":
        found = index.search(question, k=2 * RETRIEVE_K, conditions=conditions, repair=False)
        passages = diversify(found)[: max(k, RETRIEVE_K)]
    else:
        passages = index.search(question, k=max(k, RETRIEVE_K), conditions=conditions, repair=False)
    result = compose(question, passages)
    result.question, result.corrections = asked, corrections
    result.citations = result.citations[: max(k, 1)]
    return result
