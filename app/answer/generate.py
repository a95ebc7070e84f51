"""Written answers from the language model, every sentence verified against the passages it cites.

The model sees the retrieved passages, numbered, and a Vietnamese instruction to answer only from them and to
end every sentence with its sources (`[1]`, `[2][3]`). Each sentence it writes is checked before the user sees
it (`verify`): it must cite passages that exist; every date, number, percentage, document number and name in it
must appear in a cited passage about the subject it names; most of its content words must come from them; and
the draft checker's verdict on the sentence, with the cited passages as its only evidence, must not be
"contradicted" (one verifier for an editor's sentence and a model's). A sentence that fails is
left out of the answer (the answer says how many), and when nothing verified remains, or the endpoint is down,
slow or answers garbage, the extractive answer is given instead, labelled as such.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.answer import llm
from app.answer.cited import Answer, Sentence, citation
from app.check.checker import Checker
from app.check.claims import Claim
from ingest import Index, Passage, Query
from ingest.vn import gazetteer, numbers, vntext
from ingest.vn.facts import Fact, extract
from ingest.vn.words import content_words, share

log = logging.getLogger(__name__)

MAX_PASSAGES = 5
PASSAGE_WORDS = 170
NOT_FOUND = "Không tìm thấy thông tin trong kho tài liệu."
_CITES = re.compile(r"\[(\d{1,2})\]")
_LEAD_CITES = re.compile(r"^(?:\s*\[\d{1,2}\])+[\s.;,]*")
_CHECKED_KINDS = ("date", "month", "docnum", "number", "person")
SYSTEM = (
    "Bạn là trợ lý của Tổ biên tập tổng kết Nghị quyết 02-NQ/TW. Chỉ trả lời dựa trên các đoạn trích được đánh số "
    "bên dưới, bằng tiếng Việt, ngắn gọn. Mỗi câu phải kết thúc bằng số của đoạn trích làm căn cứ trong ngoặc vuông, "
    "ví dụ [1] hoặc [1][2]. Giữ nguyên mọi ngày tháng, con số, số hiệu văn bản và tên người như trong đoạn trích. "
    f"Nếu các đoạn trích không có thông tin để trả lời, chỉ viết: {NOT_FOUND}"
)


@dataclass
class Verdict:
    verified: bool
    reason: str = ""


def prompt(query: Query, passages: list[Passage]) -> str:
    parts = []
    for n, p in enumerate(passages[:MAX_PASSAGES], start=1):
        m = p.payload
        where = ", ".join(x for x in (m.label() or m.doc, m.section, f"trang {m.page}" if m.page else "") if x)
        words = p.text.replace("\t", " | ").split()
        parts.append(f"[{n}] ({where})\n{' '.join(words[:PASSAGE_WORDS])}")
    return "Các đoạn trích:\n\n" + "\n\n".join(parts) + f"\n\nCâu hỏi: {query.text}\nTrả lời:"


def verify(sentence: str, cited: list[int], passages: list[Passage], min_coverage: float,
           checker: Checker | None = None) -> Verdict:  # fmt: skip
    """Does the sentence say only what its cited passages say, about the subject it names?

    Without `checker` only the surface is read (every value occurs in a cited passage, most words come from
    them). With it, the draft checker's own verdict decides too: a value found only in a cited passage about
    another subject (`tỉnh A ... 27` where 27 is province B's) is not said, and a cited passage about the same
    subject that states another value for the same thing contradicts the sentence.
    """
    if not cited:
        return Verdict(False, "câu không có trích dẫn nguồn")
    if any(not 1 <= n <= min(len(passages), MAX_PASSAGES) for n in cited):
        return Verdict(False, "trích dẫn tới nguồn không tồn tại")
    body = _CITES.sub("", sentence)
    sources = [passages[n - 1].text for n in cited]
    source_facts = {(f.kind, f.value) for text in sources for f in extract(text)}
    for fact in extract(body):
        if fact.kind in _CHECKED_KINDS and (fact.kind, fact.value) not in source_facts:
            if fact.kind == "person" and any(fact.value in s for s in sources):
                continue
            return Verdict(False, f"“{fact.text}” không có trong nguồn được trích")
    missing = numbers.numbers_in(body) - set().union(*(numbers.numbers_in(s) for s in sources))
    if missing:
        return Verdict(False, f"số “{sorted(missing)[0]}” không có trong nguồn được trích")
    words = content_words(body)
    if words:
        have = set().union(*(content_words(s) for s in sources))
        said = share(words, have)
        if said < min_coverage:
            return Verdict(False, f"nội dung không khớp nguồn ({said:.0%} từ có trong nguồn)")
    if checker is not None:
        return _as_checked(body, [passages[n - 1] for n in cited], checker)
    return Verdict(True)


def _as_checked(body: str, sources: list[Passage], checker: Checker) -> Verdict:
    claim = Claim("answer", body, "", extract(body, checker.heur))
    stated = {p.id: numbers.numbers_in(p.text) for p in sources}  # read once, for the sentence and each figure
    about = [p for p in sources if checker.about_same_subject(claim, p)]
    elsewhere = numbers.numbers_in(body) - set().union(*(stated[p.id] for p in about))
    elsewhere = elsewhere or _said_in_passing(claim, about, checker)
    elsewhere = elsewhere or _said_of_another(body, claim.facts, sources, stated, checker)
    if elsewhere:
        return Verdict(False, f"số “{sorted(elsewhere)[0]}” chỉ có trong nguồn về đối tượng khác")
    finding = checker.check_against(claim, sources)
    if finding is not None and finding.status == "contradicted":
        return Verdict(False, f"mâu thuẫn với nguồn: nguồn ghi “{finding.source_value}”")
    return Verdict(True)


def _said_in_passing(claim: Claim, about: list[Passage], checker: Checker) -> set[str]:
    """Figures of the sentence that no cited passage says of its province, when every one names that province only
    in passing (a report of another province mentioning it): such a report states none of its figures."""
    of_it = [checker.figures_about(claim, p) for p in about]
    if any(f is None for f in of_it):
        return set()
    figures = set().union(*(numbers.numbers_in(f.text) for f in claim.facts if f.kind == "number"))
    return figures - set().union(*of_it)


def _said_of_another(
    body: str, facts: list[Fact], sources: list[Passage], stated: dict[str, set[str]], checker: Checker
) -> set[str]:
    """Figures of a sentence naming several provinces that no cited passage about the province each is said of
    states (`tỉnh A cấp 27 giấy phép, tỉnh B cấp 15 [1][2]` where 27 is B's); `stated`: each passage's figures."""
    out: set[str] = set()
    for f in facts:
        subject = gazetteer.province_said_of(body, f.start) if f.kind == "number" else None
        if subject is not None:
            about = [p for p in sources if checker.about_provinces({subject}, p)]
            out |= numbers.numbers_in(f.text) - set().union(*(stated[p.id] for p in about))
    return out


def split_sentences(text: str) -> list[tuple[str, list[int]]]:
    """(sentence, citations) of the model's text; citations that follow a sentence belong to it."""
    out: list[tuple[str, list[int]]] = []
    for s in vntext.sentences(text):
        s = s.strip()
        if not s:
            continue
        lead = _LEAD_CITES.match(s)
        if lead and out:  # `... này.”. [3] Câu hai`: a citation that opens a piece closes the sentence before it
            out[-1] = (out[-1][0], out[-1][1] + [int(n) for n in _CITES.findall(lead.group(0))])
            s = s[lead.end() :]
        cites = [int(n) for n in _CITES.findall(s)]
        if out and not any(ch.isalnum() for ch in _CITES.sub("", s)):  # a lone `[2].` or `”. [2]` after a sentence
            prev, prev_cites = out[-1]
            out[-1] = (f"{prev}{s}" if s[:1] in "”\"'»)" else prev, prev_cites + cites)
            continue
        out.append((s, cites))
    return out


def _is_not_found(text: str) -> bool:
    flat = vntext.strip_tones(text)
    return "khong tim thay thong tin" in flat or "khong co thong tin" in flat


class _Stream:
    """Shows verified sentences as they complete (an unverified one is never shown)."""

    def __init__(self, passages: list[Passage], heur, on_text: Callable[[str], None] | None, checker: Checker) -> None:
        self.passages, self.heur, self.on_text, self.checker = passages, heur, on_text, checker
        self.raw = ""
        self.shown: list[str] = []
        self.done = 0

    def feed(self, delta: str) -> None:
        self.raw += delta
        complete = split_sentences(self.raw)[:-1]  # the last one may still be growing
        for s, cites in complete[self.done :]:
            if verify(s, cites, self.passages, self.heur.verify_min_coverage, self.checker).verified:
                self.shown.append(s)
                if self.on_text:
                    self.on_text(" ".join(self.shown))
        self.done = max(self.done, len(complete))


def generated_answer(
    index: Index,
    query: Query,
    passages: list[Passage],
    k: int,
    on_text: Callable[[str], None] | None = None,
    sees_restricted: bool = False,
) -> Answer:
    """The model's verified answer, or an Answer whose `mode` is extractive with a note saying why."""
    settings = index.settings.llm
    heur = index.settings.heuristics
    if not passages:
        return Answer(query.asked, "", True, mode="extractive")
    checker = Checker(index, sees_restricted)
    stream = _Stream(passages, heur, on_text, checker)
    try:
        for delta in llm.stream_chat(settings, SYSTEM, prompt(query, passages)):
            stream.feed(delta)
    except llm.LlmError as exc:
        log.warning("language model failed (%s): falling back to the extractive answer", exc)
        return Answer(query.asked, "", True, mode="extractive",
                      notes=["Không dùng được mô hình ngôn ngữ lúc này; câu trả lời được trích nguyên văn từ tài liệu."])  # fmt: skip
    text = stream.raw.strip()
    if not text or _is_not_found(text):
        return Answer(query.asked, "", True, mode="extractive")
    sentences = [Sentence(s, cites, *_verdict(s, cites, passages, heur, checker)) for s, cites in split_sentences(text)]
    kept = [s for s in sentences if s.verified]
    if not kept:
        return Answer(query.asked, "", True, mode="extractive", sentences=sentences,
                      notes=[f"Mô hình viết {len(sentences)} câu nhưng không câu nào kiểm chứng được với nguồn; "
                             "câu trả lời được trích nguyên văn từ tài liệu."])  # fmt: skip
    used = sorted({n for s in kept for n in s.citations})
    order = used + [i for i in range(1, len(passages) + 1) if i not in used][: max(0, k - len(used))]
    renumber = {old: new for new, old in enumerate(order, start=1)}
    shown = []
    for s in sentences:
        s.citations = [renumber[n] for n in s.citations if n in renumber]
        s.text = _CITES.sub("", s.text).strip()
        if s.verified:
            shown.append(f"{s.text} " + "".join(f"[{n}]" for n in s.citations))
    notes = []
    dropped = len(sentences) - len(kept)
    if dropped:
        notes.append(f"Đã bỏ {dropped} câu do mô hình viết vì không kiểm chứng được với nguồn.")
    citations = [citation(renumber[old], passages[old - 1], None) for old in order]
    return Answer(query.asked, " ".join(shown), False, citations, mode="generated",
                  sentences=[s for s in sentences], notes=notes)  # fmt: skip


def _verdict(s: str, cites: list[int], passages: list[Passage], heur, checker: Checker) -> tuple[bool, str]:
    v = verify(s, cites, passages, heur.verify_min_coverage, checker)
    return v.verified, v.reason
