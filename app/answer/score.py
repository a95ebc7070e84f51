"""How well a unit answers: coverage of the question's telling words, novelty, and the kind of value asked."""

from __future__ import annotations

from functools import lru_cache

from ingest import STOP as _STOP
from ingest import Heuristics, Passage, Query, content_bigrams, flat_syllables
from ingest.units import Unit
from ingest.vn import gazetteer, layout, statements
from ingest.vn.words import segmented_words

# --- scoring ------------------------------------------------------------------------------------------
_words = lru_cache(maxsize=4096)(segmented_words)
# questions whose answer is a value written with digits (`ingest/vn/data/intents.tsv` kinds)
_VALUE_ASKED = ("number", "duration", "date", "when", "docref")
_NAME_ASKED = ("agent", "person", "signer")  # ... and those answered by a body or a person


def _names(text: str) -> list[str]:
    """The bodies and people a text names (`ingest.vn.gazetteer`)."""
    return [b for _, _, b in gazetteer.bodies_in(text)] + gazetteer.find_people(text)


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
        self.qwords = {w for w in _words(query.text, query.toned) if "_" in w}
        self._passage_words: dict[str, frozenset[str]] = {}  # read once per passage, not once per unit

    def syllable_share(self, flat: list[str]) -> float:
        """Rarity-weighted share of the question's syllables among `flat` (tone-free syllables of a text)."""
        return sum(self.w[t] for t in set(flat) & self.query.terms) / self.total

    def passage_words(self, p: Passage) -> frozenset[str]:
        """The passage's words as ingest segmented them (`ChunkPayload.words`), or segmented now: for a question
        typed without tone marks, or from an index written before ingest kept them."""
        if p.id not in self._passage_words:
            kept = self.query.toned and p.payload.words is not None
            self._passage_words[p.id] = (
                frozenset(p.payload.words or ()) if kept else _words(passage_context(p), self.query.toned)
            )
        return self._passage_words[p.id]

    def coverage(self, text: str, within: frozenset[str] | None = None) -> float:
        """Weighted share of the question in `text`. `within`, the words of a passage holding `text`
        (`passage_words`), stands for the words of `text` itself: segmenting is what answering spends most on."""
        flat = flat_syllables(text)
        syll = self.syllable_share(flat)
        pairs = len(content_bigrams(flat) & self.bigrams) / len(self.bigrams) if self.bigrams else 0.0
        if not self.qwords:
            return 0.8 * syll + 0.2 * pairs
        # segmenting is dear: only a text holding a question word's syllables in a row can hold that word
        joined = f" {' '.join(flat)} "
        present = {w for w in self.qwords if f" {w.replace('_', ' ')} " in joined}
        segmented = (within if within is not None else _words(text, self.query.toned)) if present else frozenset()
        words = len(present & segmented) / len(self.qwords)
        return 0.55 * syll + 0.25 * words + 0.2 * pairs

    def _new(self, name: str) -> bool:
        """A name with a content syllable the question does not have."""
        return any(s not in self.query.terms for s in flat_syllables(name) if s not in _STOP)

    def novelty(self, text: str) -> float:
        """Share of the text's content syllables that the question does not contain. A question asking a number,
        a date or a document is answered by the value it asks, not by more words: a text stating a figure the
        question does not is wholly new to it (`Trong thời hạn 05 ngày làm việc kể từ ...` answers `Trong thời
        hạn bao nhiêu ngày làm việc kể từ ...?`, every other word repeated)."""
        flat = flat_syllables(text)
        own = [s for s in flat if s not in _STOP and len(s) > 1 and not s.isdigit()]
        if self.query.wants in _VALUE_ASKED and any(s.isdigit() and s not in self.query.terms for s in flat):
            return 1.0
        if self.query.wants in _NAME_ASKED and any(self._new(name) for name in _names(text)):
            return 1.0  # `Sở nào giúp ...?`: `Sở Nông nghiệp và Môi trường giúp ...` names who the question asks
        if not own:
            return 1.0 if statements.states_number(text) else 0.0
        return sum(s not in self.query.terms for s in own) / len(own)


def _kind_factor(unit: Unit, heur: Heuristics) -> float:
    return {"heading": heur.heading_factor, "list": heur.list_factor}.get(unit.kind, 1.0)


def score_unit(
    s: Scorer, unit: Unit, passage: Passage, passage_cov: float, heur: Heuristics, defines: bool = False
) -> float:
    query = s.query
    whole = s.passage_words(passage)
    cover = s.coverage(unit.context, whole)
    if unit.heading and unit.kind != "heading":  # a unit under a heading that names what is asked
        cover = max(cover, heur.heading_cover_share * s.coverage(f"{unit.heading} {unit.context}", whole))
        if query.wants in ("summary", "how"):  # `những hạn chế ... là gì`: the section's heading decides
            share = heur.summary_heading_share
            cover = (1 - share) * cover + share * s.coverage(unit.heading, whole)
    novel = s.novelty(framed(query, unit, unit.body))
    fresh = 1.0 if novel >= heur.novelty_full else heur.novelty_floor + heur.novelty_slope * novel
    bonus = (
        heur.signer_bonus
        if query.wants == "signer" and passage.payload.signer and passage.payload.signer in unit.body
        else 0.0
    )
    length = heur.closing_penalty if unit.closing and query.wants not in ("signer", "person") else 1.0
    if defines:
        bonus += heur.definition_bonus
    # a unit inside the part the question names (`Theo Phụ lục II ...`) is where it points, and a unit saying the
    # whole question (one long enough to tell: `Thế nào là một học kỳ?` is covered by any unit naming `học kỳ`) is its
    # own evidence, whatever the passage's rank: no rank decay
    whole_question = cover >= heur.answer_whole_cover and len(query.terms) >= heur.answer_whole_min_terms
    decay = 1.0 if whole_question or _in_named_part(query, unit, passage) else 1 + heur.answer_rank_decay * unit.rank
    weight = heur.unit_cover_weight
    return ((weight * cover + (1 - weight) * passage_cov) * fresh * _kind_factor(unit, heur) + bonus) / (decay * length)


def framed(query: Query, unit: Unit, text: str) -> str:
    """`text` (the unit's, as read) with the heading above it when the question asks a date: a heading frames the
    units below it (`2.3. Tầm nhìn đến năm 2045` dates `Hoàn thành 100% việc lập bản đồ ...`)."""
    if query.wants in ("date", "when") and unit.kind != "heading" and unit.heading:
        return f"{unit.heading} {text}"
    return text


def defined_term_length(query: Query, unit: Unit) -> int:
    """Syllables of T when the unit opens `<T> là ...` (or `<T> được hiểu là`) and T is a phrase of a question asking
    what T is or which class T falls in (`definition`, `class`): how legal texts define and classify a term (the
    `Giải thích từ ngữ` article, a clause opening with what it defines); 0 if not.
    The caller keeps the longest: `khai thác khoáng sản` is defined by its own clause, not by `khoáng sản`'s."""
    if query.wants not in ("definition", "class"):
        return 0
    head = flat_syllables(layout.LIST_ITEM.sub("", unit.body))[:14]
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


def passage_context(p: Passage) -> str:
    return p.payload.context()
