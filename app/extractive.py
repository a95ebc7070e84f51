"""Extractive answers: the part of the retrieved passages that answers the question, cited, or an abstention.

Passages are read by their structure first: a table row (with its header), a label line (`Tổ trưởng: ...`),
a list item with the line that introduces it (`... có trách nhiệm sau đây:`), a whole list, a heading, or a
sentence of running text. Each such unit is scored by how much of the question it covers, with words weighted
by how rare they are in the whole corpus (so an answer must share the question's telling words, not only its
common ones), by how much it adds beyond the question (a heading that repeats the question answers nothing),
and by the kind of value asked for (a number, a date, a person, a document). The subject named in the
question (a province) must be the subject of the answer. The answer is the best unit, trimmed of the clauses
that only repeat the question; a comparison gets one unit per subject; when nothing qualifies, it abstains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import STOP as _STOP
from ingest import Heuristics, Passage, Query, content_bigrams, flat_syllables, gazetteer, identifiers, vntext

NAME_WINDOW = 6
SIGNER_BONUS = 0.3
_TITLES = ("thu tuong", "chu tich", "bo truong", "thu truong", "giam doc", "cuc truong", "truong ban", "tong bi thu",
           "to truong", "to pho", "truong phong", "chanh van phong", "pho chanh")  # fmt: skip
_NUMBER = re.compile(r"\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b", re.IGNORECASE)
_DATEISH = re.compile(r"\b(?:19|20)\d{2}\b|\bngày\b|\btháng\b|\bnăm\b|\bquý\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b(?:khi|kể từ|từ khi|sau khi|trước khi|thời điểm|thời hạn|trong thời gian|nếu|trường hợp|"
    r"ngày|tháng|năm|lúc|trước|sau)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:năm|tháng|ngày|tuần|giờ)\b|thời hạn",
                       re.IGNORECASE)  # fmt: skip
# a list item's marker: `a)`, `a. `, `1. `, `1.2. `, `iv) `, `- ` (one pattern for reading lists and stripping markers)
_ITEM = vntext.LIST_ITEM
_LABEL = re.compile(r"^([^:.;?!\t]{2,60}?)\s*:\s*(\S.*)$")
_CLAUSE = re.compile(r"(?<=[,;:])\s+")
_COMPARE = re.compile(r"\b(so sanh|so voi|khac nhau|hon|nhieu hon|it hon|cao hon|thap hon|moi tinh|tung tinh)\b")


@dataclass
class Unit:
    """A candidate answer: one structural piece of a passage."""

    rank: int  # rank of the passage it comes from
    text: str  # what the answer shows
    body: str  # what is compared with the question
    kind: str  # sentence | item | list | label | row | heading
    lead: str = ""  # the line introducing a list item, or a table's header
    heading: str = ""  # the heading the unit sits under (`II. HẠN CHẾ, NGUYÊN NHÂN`)
    closing: bool = False  # recipients or signature block: answers who signed, not what was done

    @property
    def context(self) -> str:
        return f"{self.lead} {self.body}" if self.lead else self.body


@dataclass
class Picked:
    """A unit chosen to answer, its score, and the text shown (trimmed)."""

    unit: Unit
    score: float
    text: str
    subject: str | None = None  # the province (or other subject) this part answers, in a comparison

    @property
    def rank(self) -> int:
        return self.unit.rank

    @property
    def sentence(self) -> str:
        return self.unit.body


@dataclass
class Reading:
    """What the answering step concluded: the picked units, or why it abstains."""

    picked: list[Picked] = field(default_factory=list)
    note: str = ""  # said to the user (another subject only, ...)


# --- units -----------------------------------------------------------------------------------------
def _is_heading(line: str) -> bool:
    from ingest import heading_level

    words = line.split()
    if not words or len(words) > 16 or line.rstrip().endswith((".", ";", ":", "?", "!")):
        return False
    # a line wholly in brackets names what it stands under (`(Kèm theo Nghị định số 193/2025/NĐ-CP ...)`)
    bracketed = line.lstrip().startswith("(") and line.rstrip().endswith(")")
    return heading_level(line) is not None or line.isupper() or len(words) <= 10 or bracketed


class _Table:
    """Tab-separated lines read as a table: its header row (given by the chunker when the passage starts
    inside a table, else the first row of each run) labels the cells of the rows under it."""

    def __init__(self, given: list[str] | None) -> None:
        self.header = [c.strip() for c in given] if given else None
        self.inside = bool(given)  # a passage cut from the middle of a table starts inside it

    def end(self) -> None:
        self.inside = False

    def row(self, rank: int, line: str) -> Unit | None:
        cells = [c.strip() for c in line.split("\t")]
        if not self.inside or cells == self.header:
            self.header, self.inside = cells, True
            return None  # the header row itself states nothing
        header = " | ".join(self.header or [])
        # the row stays contiguous (as it reads in the source), its column names after it
        shown = "\t".join(c for c in cells if c) + (f" (cột: {header})" if header else "")
        return Unit(rank, shown, " ".join(cells), "row", header)


_NUMBERED = re.compile(
    r"^(?:(?:Phần|Chương|Mục|Điều|PHẦN|CHƯƠNG|MỤC|ĐIỀU)\s+\S+|[IVXLC]{1,6}\.|\d{1,2}(?:\.\d{1,2})*\.?)\s"
)


_HEADER = re.compile(r"C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A|^\s*Số\s*:\s*\S+/", re.IGNORECASE | re.MULTILINE)


def _names_section(line: str, p: Passage) -> bool:
    """A heading that opens a section. Before the first section of an official document (a passage with the
    national motto or a `Số: .../...` line) stands its header (issuer, `Số: ...`, place and date, `BÁO CÁO`): there only a numbered heading (`II.`,
    `3.`, `Điều 5`) opens a section; elsewhere any heading line does."""
    if not _is_heading(line):
        return False
    if p.section or not _HEADER.search(p.text):
        return True
    return bool(_NUMBERED.match(line))


def report_subject(p: Passage) -> str:
    """Whom a document is about as a whole: a provincial report's province, else a ministry that issued it."""
    if p.payload.province:
        return p.payload.province
    own = gazetteer.ministries_in(p.payload.issuer or "")
    return own[0] if len(own) == 1 else ""


_CLOSING = re.compile(r"^(?:Nơi nhận|Noi nhan)\s*:", re.IGNORECASE)


def passage_units(rank: int, p: Passage) -> list[Unit]:
    """The structural units of one passage, in reading order, each with the heading it sits under (and the
    province a provincial report is about, which every part of it is about). Units after `Nơi nhận:` (the
    recipients and the signature block that close an official document) are marked `closing`; the
    signature lines (authority `KT. ...`, title, name) make one `signature` unit."""
    reader = _UnitReader(rank, p)
    for line in (ln.strip() for ln in p.text.split("\n")):
        if line:
            reader.line(line)
    return reader.finish()


class _UnitReader:
    """Reads a passage line by line into units (see `passage_units`)."""

    def __init__(self, rank: int, p: Passage) -> None:
        self.rank, self.p, self.out = rank, p, []
        subject = report_subject(p)
        self.subject = f"{subject} " if subject else ""
        self.heading = self.subject + (p.section.split(" > ")[-1] if p.section else "")
        self.table = _Table(p.payload.table_header)
        self.lead, self.items = "", []
        self.closing, self.signature = False, []

    def add(self, *units: Unit) -> None:
        for u in units:
            u.heading, u.closing = self.heading, self.closing
            self.out.append(u)

    def flush_list(self) -> None:
        """A list ends under the heading it began under."""
        if self.items:
            self.add(Unit(self.rank, f"{self.lead} " + " ".join(self.items), " ".join(self.items), "list", self.lead))
        self.lead, self.items = "", []

    def line(self, line: str) -> None:
        if "\t" in line:  # a table: what introduced it (`... như sau:`) introduces no list after it
            self.flush_list()
            self.add(*[u for u in [self.table.row(self.rank, line)] if u])
            return
        self.table.end()
        if _ITEM.match(line) and self.lead:
            self.items.append(line)
            self.add(Unit(self.rank, line, line, "item", self.lead))
            return
        self.flush_list()
        self.closing = self.closing or bool(_CLOSING.match(line))
        if self.closing and not line.endswith(":"):
            self.signature.append(line)
            return
        if _names_section(line, self.p):
            self.heading = self.subject + line
        self.lead = line if line.endswith(":") else ""
        self.add(*_line_units(self.rank, line))

    def finish(self) -> list[Unit]:
        self.flush_list()
        if self.signature:
            text = " ".join(self.signature)
            self.add(Unit(self.rank, text, text, "signature"))
        return self.out


def _line_units(rank: int, line: str) -> list[Unit]:
    """One plain line: a label line (`Tên: giá trị`), a heading, or its sentences."""
    label = _LABEL.match(line)
    if label and len(label.group(1).split()) <= 8 and len(line.split()) <= 40 and not line.endswith(":"):
        return [Unit(rank, line, line, "label")]
    if _is_heading(line):
        return [Unit(rank, line, line, "heading")]
    return [u for sentence in vntext.sentences(line) if len(sentence) >= 12 for u in _sentence_units(rank, sentence)]


_INLINE_LIST = re.compile(r"^(.{8,240}?:)\s+(.+)$")


def _sentence_units(rank: int, sentence: str) -> list[Unit]:
    """A sentence, or, when it is an inline list (`X gồm: A; B; C`), its lead-in, its entries and the whole."""
    m = _INLINE_LIST.match(sentence)
    entries = [e.strip(" ;.") for e in m.group(2).split(";")] if m else []
    entries = [e for e in entries if len(e.split()) >= 2]
    if len(entries) < 3:
        return [Unit(rank, sentence, sentence, "sentence")]
    lead = m.group(1)
    units = [Unit(rank, e, e, "item", lead) for e in entries]
    return [*units, Unit(rank, sentence, m.group(2), "list", lead)]


# --- fitting the kind of answer asked for ------------------------------------------------------------
def _person_near_role(query: Query, text: str) -> bool:
    """`ai` questions: a person's name, or a title, stands next to the role the question asks about."""
    flat = flat_syllables(text)
    role = query.role or query.bigrams
    anchors = {vntext.strip_tones(n.split()[0]).lower() for n in gazetteer.find_people(text)}
    joined = " ".join(flat)
    # a title answers only if it is not the very role asked about (`Trưởng Ban chỉ đạo` is not its own answer)
    anchors |= {t.split()[0] for t in _TITLES if t in joined and not (content_bigrams(t.split()) & role)}
    need = min(2, len(role)) or 1
    for i, syl in enumerate(flat):
        if syl in anchors:
            near = content_bigrams(flat[max(0, i - NAME_WINDOW) : i + NAME_WINDOW + 4])
            # the position itself next to the name is enough (`Tổ trưởng: Chánh Văn phòng`)
            if len(near & role) >= need or (query.role_head and query.role_head in near):
                return True
    return False


_AGENTS = re.compile(
    r"\b(?:\w+ truong|giam doc|chu tich|chu nhiem|thu ky|can bo|cong chuc|giang vien|sinh vien|nguoi|co quan|"
    r"uy ban|hoi dong|to chuc|ca nhan|phap nhan|doanh nghiep|chinh phu|quoc hoi|toa an|vien kiem sat|cong an|"
    r"bo \w+|so \w+|cuc \w+|ban \w+|phong \w+|khoa \w+|nha nuoc|chu so huu|ben \w+)\b"
)


def _names_an_agent(query: Query, text: str) -> bool:
    """`ai` / `cơ quan nào` questions: the text names a person, a position or a body beyond the question's."""
    if gazetteer.find_people(text):
        return True
    found = {m.group(0) for m in _AGENTS.finditer(" ".join(flat_syllables(text)))}
    return any(not set(a.split()) <= query.terms for a in found)


def _names_asked_document(query: Query, text: str) -> bool:
    """`Quyết định nào ...?` is answered by text naming a Quyết định by number (any number if unspecified)."""
    numbers = identifiers.find_doc_numbers(text)
    code = identifiers.code_of_type(query.asked_type) if query.asked_type else None
    return any(code is None or n.type_code == code for n in numbers)


def own_document_answers(query: Query, passage: Passage) -> bool:
    """The passage's own document is of the asked type and has a number: it is the answer itself."""
    p = passage.payload
    return bool(query.asked_type and p.doc_type == query.asked_type and p.number)


def fits(query: Query, text: str, passage: Passage | None = None) -> bool:
    """Does the text (or, for `which document` questions, its document) give the kind of value asked for?"""
    if query.unit and not any(u in text.lower() for u in query.unit):
        return False
    checks = {
        "number": lambda: bool(_NUMBER.search(text)),
        "duration": lambda: bool(_DURATION.search(text)),
        "date": lambda: bool(_DATEISH.search(text)),
        "when": lambda: bool(_WHEN.search(text)),
        "signer": lambda: bool(gazetteer.find_people(text)),
        # a named position wants the person holding it; `ai ký/tổ chức ...` any agent the text names
        "person": lambda: _person_near_role(query, text) or (not query.role_head and _names_an_agent(query, text)),
        "docref": lambda: (
            _names_asked_document(query, text) or (passage is not None and own_document_answers(query, passage))
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


def about_named_province(query: Query, passage: Passage, unit: Unit | None = None) -> bool:
    """A question naming provinces is answered only from text about one of them: a report of another province
    answers nothing about this one (national documents qualify when they name the province)."""
    if not _about_named_ministry(query, passage, unit):
        return False
    if not query.provinces:
        return True
    named = set(gazetteer.provinces_in(unit.context if unit else passage.text))
    if named & set(query.provinces):
        return True
    own = passage.payload.province
    return own in query.provinces if own else not named and unit is None


def _about_named_ministry(query: Query, passage: Passage, unit: Unit | None) -> bool:
    """A question naming a ministry is not answered from another ministry's own report (unless the text
    names the ministry asked about); national documents and provincial reports are not excluded."""
    if not query.ministries:
        return True
    issuers = set(gazetteer.ministries_in(passage.payload.issuer or ""))
    if not issuers or issuers & set(query.ministries):
        return True
    return bool(set(gazetteer.ministries_in(unit.context if unit else passage.text)) & set(query.ministries))


# --- scoring ------------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Tone-free underthesea words (`bat_dong_san` is not `dong_san`), content words only."""
    return frozenset(
        w for w in (vntext.strip_tones(x) for x in vntext.words(text)) if w not in _STOP and any(c.isalpha() for c in w)
    )


class Scorer:
    """Question coverage with corpus-wide word weights, and novelty beyond the question.

    Coverage counts syllables (weighted by rarity), whole words (so `bất động sản` does not pass for
    `động sản`) and syllable pairs.
    """

    def __init__(self, query: Query, weights: dict[str, float]) -> None:
        self.query = query
        rare = weights.get("", 1.0)
        self.w = {t: weights.get(t, rare) for t in query.terms}
        self.total = sum(self.w.values()) or 1.0
        self.bigrams = query.bigrams
        self.qwords = {w for w in _words(query.text) if "_" in w}

    def coverage(self, text: str) -> float:
        flat = flat_syllables(text)
        syll = sum(self.w[t] for t in set(flat) & self.query.terms) / self.total
        pairs = len(content_bigrams(flat) & self.bigrams) / len(self.bigrams) if self.bigrams else 0.0
        if not self.qwords:
            return 0.8 * syll + 0.2 * pairs
        words = len(self.qwords & _words(text)) / len(self.qwords)
        return 0.55 * syll + 0.25 * words + 0.2 * pairs

    def novelty(self, text: str) -> float:
        """Share of the text's content syllables that the question does not contain; for a question asking a
        number or a date, the figures it does not contain count too (`V  Đất hiếm  2` answers `... đất hiếm
        là bao nhiêu?` with its one new token)."""
        flat = flat_syllables(text)
        own = [s for s in flat if s not in _STOP and len(s) > 1 and not s.isdigit()]
        asks_value = self.query.wants in ("number", "duration", "date")
        values = [s for s in flat if s.isdigit() and s not in self.query.terms] if asks_value else []
        if not own and not values:
            return 1.0 if _NUMBER.search(text) else 0.0
        return (sum(s not in self.query.terms for s in own) + len(values)) / (len(own) + len(values))


def _kind_factor(unit: Unit) -> float:
    return {"heading": 0.45, "list": 0.9}.get(unit.kind, 1.0)


def score_unit(
    s: Scorer, unit: Unit, passage: Passage, passage_cov: float, heur: Heuristics, defines: bool = False
) -> float:
    query = s.query
    cover = s.coverage(unit.context)
    if unit.heading and unit.kind != "heading":  # a unit under a heading that names what is asked
        cover = max(cover, 0.85 * s.coverage(f"{unit.heading} {unit.context}"))
        if query.wants in ("summary", "how"):  # `những hạn chế ... là gì`: the section's heading decides
            cover = 0.5 * cover + 0.5 * s.coverage(unit.heading)
    novel = s.novelty(unit.body)
    fresh = 1.0 if novel >= 0.2 else 0.35 + 3 * novel
    bonus = (
        SIGNER_BONUS
        if query.wants == "signer" and passage.payload.signer and passage.payload.signer in unit.body
        else 0.0
    )
    length = 1 + heur.length_penalty * max(0, len(unit.text.split()) - 20)
    if unit.closing and query.wants not in ("signer", "person"):
        length *= 3
    if defines:
        bonus += heur.definition_bonus
    # a unit inside the part the question names (`Theo Phụ lục II ...`) is where it points: no rank decay
    decay = 1.0 if _in_named_part(query, unit, passage) else 1 + heur.answer_rank_decay * unit.rank
    return ((0.6 * cover + 0.4 * passage_cov) * fresh * _kind_factor(unit) + bonus) / (decay * length)


def defined_term_length(query: Query, unit: Unit) -> int:
    """Syllables of T when the unit opens `<T> là ...` (or `<T> được hiểu là`) and T is a phrase of the question:
    how legal texts define a term (the `Giải thích từ ngữ` article, a clause opening with what it defines); 0 if not.
    The caller keeps the longest: `khai thác khoáng sản` is defined by its own clause, not by `khoáng sản`'s."""
    if query.wants != "definition":
        return 0
    head = flat_syllables(_ITEM.sub("", unit.body))[:14]
    for i, syl in enumerate(head):
        if syl == "la" and i >= 1:
            term = head[:i]
            if term[-2:] == ["duoc", "hieu"]:
                term = term[:-2]
            return len(term) if term and f" {' '.join(term)} " in query.flat else 0
    return 0


def _in_named_part(query: Query, unit: Unit, passage: Passage) -> bool:
    return in_named_part(query, passage, unit.heading)


def in_named_part(query: Query, passage: Passage, heading: str = "") -> bool:
    """The passage stands in the part the question names (`Theo Phụ lục III ...`, `Điều 5 ...`), in the document
    it names if it names one: the part's own number is in the passage's section path."""
    if not query.parts or (query.doc_keys and passage.payload.number_key not in query.doc_keys):
        return False
    where = " " + " ".join(flat_syllables(f"{passage.section} {heading}")) + " "
    return any(f" {part} " in where for part in query.parts)


def _context(p: Passage) -> str:
    m = p.payload
    return " ".join(x for x in (m.doc_type, m.number, m.title, m.section, p.text) if x)


# --- trimming ---------------------------------------------------------------------------------------
def trim(query: Query, unit: Unit, max_words: int) -> str:
    """The unit without the leading and trailing clauses (or list items) that only repeat the question."""
    if unit.kind == "list":
        items = [it for it in re.split(r"(?<=;)\s+|\s+(?=[a-zđ]\)\s)", unit.body) if it.strip()]
        kept = [it for it in items if Scorer(query, {}).novelty(it) >= 0.5]
        return " ".join(kept) if kept else unit.text
    text = unit.text
    if unit.kind == "item" and Scorer(query, {}).novelty(unit.text) < 0.3:
        text = f"{unit.lead} {unit.text}"  # the item repeats the question: its lead-in holds the answer
    return _condensed(query, text) if len(text.split()) > max_words else text


def _condensed(query: Query, text: str) -> str:
    """A long sentence without what only repeats the question: the condition before `thì` when the question
    states it, and leading clauses that add nothing."""
    s = Scorer(query, {})
    m = re.search(r"\sthì\s", text)
    condition = text[: m.start()] if m else ""
    if m and s.novelty(condition) < 0.4 and len(text[m.end() :].split()) >= 3 and not _asked_value_in(query, condition):
        text = text[m.end() :]
    clauses = [c for c in re.split(r"(?<=[,;])\s+", text) if c.strip()]
    while len(clauses) > 1 and s.novelty(clauses[0]) < 0.2 and not _holds_value(query, clauses[0]):
        clauses.pop(0)
    return " ".join(clauses).strip(" ,;:")


def _asked_value_in(query: Query, part: str) -> bool:
    """The part states the kind of value the question asks for (`Sau 01 năm ... thì ...` for `sau bao lâu`)."""
    return query.wants in ("number", "duration", "date", "when") and fits(query, part)


def _holds_value(query: Query, clause: str) -> bool:
    """A clause with a number, a date or a name the question does not have is never dropped."""
    if _NUMBER.search(clause) and re.search(r"\d", clause):
        return True
    names = re.findall(r"(?<!^)(?<![.:;] )\b[A-ZĐ][\wÀ-ỹ]*", clause)
    return any(vntext.strip_tones(n) not in query.terms for n in names)


# --- reading the passages ---------------------------------------------------------------------------
def _ranked(query: Query, passages: list[Passage], weights: dict[str, float], heur: Heuristics):
    s = Scorer(query, weights)
    candidates, out = [], []
    for rank, p in enumerate(passages):
        if not about_named_doc(query, p):
            continue
        passage_cov = s.coverage(_context(p))
        for unit in passage_units(rank, p):
            if fits(query, unit.context, p) and about_named_province(query, p, unit):
                candidates.append((unit, p, passage_cov, defined_term_length(query, unit)))
    longest = max((c[3] for c in candidates), default=0)
    for unit, p, passage_cov, term in candidates:
        defines = term > 0 and term == longest
        out.append((score_unit(s, unit, p, passage_cov, heur, defines), unit, passage_cov))
    return sorted(out, key=lambda t: -t[0]), s


def _comparison(query: Query, ranked: list, heur: Heuristics, passages: list[Passage]) -> list[Picked]:
    """One unit per province the question compares, each about that province (named in it, or the province of
    the report it comes from)."""
    picked = []
    for province in query.provinces:
        own = [(sc, u) for sc, u, _ in ranked
               if province in gazetteer.provinces_in(u.context) or passages[u.rank].payload.province == province]  # fmt: skip
        if own and own[0][0] >= heur.answer_min_support:
            sc, u = own[0]
            picked.append(Picked(u, sc, trim(query, u, heur.span_max_words), province))
    return picked


def _reranked(query: Query, ranked: list, heur: Heuristics, similarity: Similarity | None) -> list:
    """The best lexical candidates re-ordered with the dense model's question-unit similarity, each with
    its combined score and its similarity (what the abstention rule reads)."""
    top = ranked[: heur.rerank_top]
    if similarity is None or not top:
        return [(sc, u, pc, None) for sc, u, pc in ranked]
    sims = similarity(query.text, [u.context for _, u, _ in top])
    combined = [(sc + heur.rerank_weight * (sim - heur.similarity_centre), u, pc, sim)
                for (sc, u, pc), sim in zip(top, sims, strict=True)]  # fmt: skip
    return sorted(combined, key=lambda t: -t[0]) + [(sc, u, pc, None) for sc, u, pc in ranked[len(top) :]]


def answerable(best: tuple, heur: Heuristics) -> bool:
    """Enough support: the best unit covers the question's telling words (lexical score), reads like what
    was asked (dense similarity), and its passage covers the question."""
    score, _, passage_cov, sim = best
    if passage_cov < heur.abstain_min_passage:
        return False
    if sim is None:
        return score >= heur.answer_min_support
    lexical = score - heur.rerank_weight * (sim - heur.similarity_centre)
    return lexical + heur.abstain_similarity_weight * (sim - heur.similarity_centre) >= heur.answer_min_support


Similarity = Callable[[str, list[str]], list[float]]


def read(
    query: Query,
    passages: list[Passage],
    weights: dict[str, float],
    heur: Heuristics,
    similarity: Similarity | None = None,
) -> Reading:
    """The units that answer the question, best first; empty (with a note, if useful) to abstain."""
    lexical, scorer = _ranked(query, passages, weights, heur)
    if not lexical:
        if query.provinces and passages:
            return Reading(note=f"Không tìm thấy thông tin về {', '.join(query.provinces)} trong kho tài liệu.")
        return Reading()
    reranked = _reranked(query, lexical, heur, similarity)
    if not answerable(reranked[0], heur):
        return Reading()
    best_score = reranked[0][0]
    ranked = [(sc, u, pc) for sc, u, pc, _ in reranked]
    if len(query.provinces) >= 2 and (_COMPARE.search(query.flat) or query.wants in ("number", "list", None)):
        picked = _comparison(query, ranked, heur, passages)
        if len(picked) >= 2:
            return Reading(picked)
    if query.wants in ("summary", "how"):  # `như thế nào`: the best unit's own section, not a named topic
        return Reading(_summary(query, ranked, heur, scorer if query.wants == "summary" else None, passages))
    limit = heur.answer_max_sentences if query.wants == "list" else 1
    chosen: list[Picked] = []
    for sc, unit, _ in ranked:
        if len(chosen) >= limit or sc < heur.answer_keep_ratio * best_score:
            break
        if all(unit.body != c.unit.body and unit.body not in c.unit.text for c in chosen):
            chosen.append(Picked(unit, sc, trim(query, unit, heur.span_max_words)))
    return Reading(chosen)


def _summary(query: Query, ranked: list, heur: Heuristics, s: Scorer | None, passages: list[Passage]) -> list[Picked]:
    """A section's units in reading order (up to `answer_max_sentences`), not headings. A summary question
    names a topic and a section's heading names its topic: the section whose own heading (the province a
    report is about left out: every section has it) covers the question best, else the best unit's section."""
    sections: dict[tuple[int, str], list] = {}
    for sc, u, _ in ranked:
        if u.kind != "heading" and not u.closing:
            sections.setdefault((u.rank, u.heading), []).append((sc, u))

    def topic(key: tuple[int, str]) -> tuple[bool, float]:
        """(the heading itself names something asked, how well heading and report subject cover the question)"""
        subject = report_subject(passages[key[0]])
        own = key[1].replace(subject, " ").strip() if subject else key[1]
        if s is None:
            return False, 0.0
        return bool(own) and s.coverage(own) > 0, s.coverage(key[1])

    best = max(sections, key=lambda k: (*topic(k), max(sc for sc, _ in sections[k])), default=None)
    if best is None:
        return []
    if not topic(best)[0]:
        _, first, _ = ranked[0]
        best = (first.rank, first.heading)
    same = sections.get(best) or [(ranked[0][0], ranked[0][1])]
    order = {id(u): i for i, (_, u) in enumerate(same)}
    top = sorted(same, key=lambda t: -t[0])[: heur.answer_max_sentences]
    top.sort(key=lambda t: order[id(t[1])])
    return [Picked(u, sc, trim(query, u, heur.span_max_words)) for sc, u in top if u.kind != "list" or len(top) == 1]


def lead(query: Query, passage: Passage, text: str) -> str:
    """For `which document` questions answered by the document itself, name it first (from its header)."""
    if query.wants == "docref" and not _names_asked_document(query, text) and own_document_answers(query, passage):
        p = passage.payload
        issued = f" ngày {'/'.join(reversed(p.issued.split('-')))}" if p.issued else ""
        return f"{p.doc_type} số {p.number}{issued}: "
    return ""
