"""Extractive answers: the part of the retrieved passages that answers the question, cited, or an abstention.

Passages are read by their structure first: a table row (with its header), a label line (`Tổ trưởng: ...`),
a list item with the line that introduces it (`... có trách nhiệm sau đây:`), a whole list, a heading, or a
sentence of running text. Each such unit is scored by how much of the question it covers, with words weighted
by how rare they are in the whole corpus (so an answer must share the question's telling words, not only its
common ones), by how much it adds beyond the question (a heading that repeats the question answers nothing),
and by the kind of value asked for (a number, a date, a person, a document). The subject named in the
question (a province) must be the subject of the answer. The answer is the best unit, trimmed of the clauses
that only repeat the question; a comparison gets one unit per subject. It abstains when no unit fits, or when
the answerability score says the sources do not hold the answer (`answerability.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from app.answer.answerability import answers
from app.answer.fit import about_named_doc, about_named_province, fits
from app.answer.score import Scorer, defined_term_length, framed, passage_context, score_unit
from app.answer.span import ANSWERING_KINDS, unit_value
from app.answer.trim import trim
from app.answer.units import Picked, Reading
from ingest import Heuristics, Passage, Query
from ingest.units import passage_units, report_subject, rerank_text
from ingest.vn import gazetteer


# --- reading the passages ---------------------------------------------------------------------------
def _ranked(query: Query, passages: list[Passage], weights: dict[str, float], heur: Heuristics):
    s = Scorer(query, weights)
    candidates, out = [], []
    for rank, p in enumerate(passages):
        if not about_named_doc(query, p):
            continue
        passage_cov = s.coverage(passage_context(p), s.passage_words(p))
        for unit in passage_units(rank, p.payload):
            if fits(query, framed(query, unit, unit.context), p, heur) and about_named_province(query, p, unit):
                candidates.append((unit, p, passage_cov, defined_term_length(query, unit)))
    longest = max((c[3] for c in candidates), default=0)
    for unit, p, passage_cov, term in candidates:
        defines = term > 0 and term == longest
        out.append((score_unit(s, unit, p, passage_cov, heur, defines), unit, passage_cov))
    return sorted(out, key=lambda t: -t[0]), s


def _comparison(query: Query, ranked: list, heur: Heuristics, passages: list[Passage]) -> list[Picked]:
    """One unit per province the question compares, each about that province (named in it, or the province of
    the report it comes from). When the question asks a value (`bao nhiêu`, `so sánh số ...`), a unit stating one
    comes before a unit that only leads to it (`... như sau:`): subjects are compared by their values."""
    picked = []
    for province in query.provinces:
        own = [(sc, u) for sc, u, _ in _about(province, ranked, passages)]
        if ANSWERING_KINDS.get(query.wants or ""):
            own = [c for c in own if unit_value(query, c[1]) is not None] or own
        if own and own[0][0] >= heur.answer_min_support:
            sc, u = own[0]
            picked.append(Picked(u, sc, trim(query, u, heur), province))
    return picked


def _about(province: str, ranked: list, passages: list[Passage]) -> list:
    """The ranked units about one province: naming it, or from the report it is about."""
    return [c for c in ranked
            if province in gazetteer.provinces_in(c[1].context) or passages[c[1].rank].payload.province == province]  # fmt: skip


def _summaries(query: Query, ranked: list, heur: Heuristics, s: Scorer, passages: list[Passage]) -> Reading:
    """A summary of several provinces (`Tóm tắt những hạn chế của tỉnh A và tỉnh B`): each one's own section,
    under its name, and the provinces nothing was found about named."""
    picked: list[Picked] = []
    for province in query.provinces:
        own = _about(province, ranked, passages)
        picked += [Picked(p.unit, p.score, p.text, province) for p in _summary(query, own, heur, s, passages, True)]
    missing = [p for p in query.provinces if p not in {c.subject for c in picked}]
    return Reading(picked, _missing_note(missing))


def _reranked(query: Query, ranked: list, heur: Heuristics, similarity: Similarity | None) -> list:
    """The best lexical candidates re-ordered with the dense model's question-unit similarity. Only candidates the
    similarity could lift to the top are encoded: those whose lexical score is within `rerank_weight` times the
    spread of the model's cosines (`similarity_spread`) of the best one, by their first `rerank_words` words (the
    vectors ingest cached for every unit: answering encodes only the question, `eval.run --sections speed`).
    A question typed without tone marks is compared as restored (`Index.understand`)."""
    # the dense model's cosines sit lower for a question typed without tone marks than the centre they are read
    # against (set on toned text): there, the lexical evidence, read tone-free on both sides, decides alone (ext/A
    # tune typed without tone marks, 2026-12-06: re-ranked too, 0.661 right and 0.201 of answers changed; not,
    # 0.697 and 0.179)
    if similarity is None or not ranked or not query.toned:
        return ranked
    reach = ranked[0][0] - heur.rerank_weight * heur.similarity_spread
    top = [c for c in ranked[: heur.rerank_top] if c[0] >= reach]
    if len(top) < 2:
        return ranked
    sims = similarity(query.text, [rerank_text(u, heur.rerank_words) for _, u, _ in top])
    combined = [(sc + heur.rerank_weight * (sim - heur.similarity_centre), u, pc)
                for (sc, u, pc), sim in zip(top, sims, strict=True)]  # fmt: skip
    return sorted(combined, key=lambda t: -t[0]) + ranked[len(top) :]


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
    if not answers(query, passages, weights, heur):
        return Reading()
    ranked = _reranked(query, lexical, heur, similarity)
    best_score = ranked[0][0]
    if len(query.provinces) >= 2 and (query.compares or query.wants in ("number", "list", "agent", None)):
        picked = _comparison(query, ranked, heur, passages)
        if picked:  # one value per subject, and the subjects nothing was found about named
            missing = [p for p in query.provinces if p not in {c.subject for c in picked}]
            return Reading(picked, _missing_note(missing))
    if query.wants == "summary" and len(query.provinces) >= 2:
        summaries = _summaries(query, ranked, heur, scorer, passages)
        if summaries.picked:
            return summaries
    if query.wants in ("summary", "how"):  # `như thế nào`: the best unit's own section, not a named topic
        return Reading(_summary(query, ranked, heur, scorer if query.wants == "summary" else None, passages))
    limit = heur.answer_max_sentences if query.wants == "list" else 1
    chosen: list[Picked] = []
    for sc, unit, _ in ranked:
        if len(chosen) >= limit or sc < heur.answer_keep_ratio * best_score:
            break
        if all(unit.body != c.unit.body and unit.body not in c.unit.text for c in chosen):
            chosen.append(Picked(unit, sc, trim(query, unit, heur)))
    return Reading(chosen)


def _missing_note(missing: list[str]) -> str:
    return f"Không tìm thấy thông tin về {', '.join(missing)} trong các đoạn liên quan." if missing else ""


def _summary(
    query: Query, ranked: list, heur: Heuristics, s: Scorer | None, passages: list[Passage], named: bool = False
) -> list[Picked]:
    """A section's units in reading order (up to `answer_max_sentences`), not headings. A summary question
    names a topic and a section's heading names its topic: the section whose own heading (the province a
    report is about left out: every section has it) covers the question best, else the best unit's section
    (`named`: only a section whose heading names the topic, else nothing)."""
    sections: dict[tuple[int, str], list] = {}
    for sc, u, _ in ranked:
        if u.kind != "heading" and not u.closing:
            sections.setdefault((u.rank, u.heading), []).append((sc, u))

    def topic(key: tuple[int, str]) -> tuple[bool, float]:
        """(the heading itself names something asked, how well heading and report subject cover the question)"""
        subject = report_subject(passages[key[0]].payload)
        own = key[1].replace(subject, " ").strip() if subject else key[1]
        if s is None:
            return False, 0.0
        return bool(own) and s.coverage(own) > 0, s.coverage(key[1])

    best = max(sections, key=lambda k: (*topic(k), max(sc for sc, _ in sections[k])), default=None)
    if best is None:
        return []
    if not topic(best)[0]:
        if named:
            return []
        _, first, _ = ranked[0]
        best = (first.rank, first.heading)
    same = sections.get(best) or [(ranked[0][0], ranked[0][1])]
    order = {id(u): i for i, (_, u) in enumerate(same)}
    top = sorted(same, key=lambda t: -t[0])[: heur.answer_max_sentences]
    if s is None:  # a manner (`như thế nào`): the units of the section that answer nearly as well as the best
        top = [t for t in top if t[0] >= heur.manner_keep_ratio * top[0][0]]
    top.sort(key=lambda t: order[id(t[1])])
    return [Picked(u, sc, trim(query, u, heur)) for sc, u in top if u.kind != "list" or len(top) == 1]
