"""Cited answers: retrieve, then answer extractively (default) or with the organisation's language model.

`answer()` is the one entry point for the CLI, the app and the benchmarks. Without a model endpoint, or when
the endpoint is down, slow or writes sentences that fail verification, the answer is extractive and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import zip_longest

from app.answer import conversation, generate
from app.answer.cited import ABSTAIN_TEXT, Answer, Sentence, citation, closest
from app.answer.header import header_answer
from app.answer.read import read
from app.answer.score import in_named_part
from app.answer.span import slot_value, unit_value
from app.answer.trim import lead
from ingest import Condition, Index, Passage, Query


def compose(
    query: Query, passages: list[Passage], heur, k: int = 5, weights: dict | None = None, similarity=None
) -> Answer:
    """Pick the answering units from ranked passages (one per subject in a comparison), or abstain."""
    reading = read(query, passages, weights or {}, heur, similarity)
    if not reading.picked:
        text = f"{reading.note} Các đoạn gần nhất được liệt kê bên dưới." if reading.note else ABSTAIN_TEXT
        return closest(query, passages, k, text)
    chosen = reading.picked
    order = list(dict.fromkeys(c.rank for c in chosen))
    order += [i for i in range(len(passages)) if i not in order][: max(0, k - len(order))]
    number_of = {rank: n for n, rank in enumerate(order, start=1)}
    first_sentence = {c.rank: c.unit.body for c in reversed(chosen)}
    citations = [citation(number_of[r], passages[r], first_sentence.get(r)) for r in order]
    sentences = []
    for c in chosen:
        head = f"{c.subject}: " if c.subject else lead(query, passages[c.rank], c.text)
        sentences.append(Sentence(f"{head}{c.text}", [number_of[c.rank]]))
    text = " ".join(f"{s.text} [{s.citations[0]}]" for s in sentences)
    notes = [reading.note] if reading.note else []
    return Answer(query.asked, text, False, citations, sentences=sentences, notes=notes,
                  short=_short(query, chosen, number_of, heur))  # fmt: skip


def _short(query: Query, chosen: list, number_of: dict[int, int], heur) -> str | None:
    """The asked value (or name, or slot) of each answering unit, cited (one per subject in a comparison); None
    when a unit has none (a list, a summary, a question asking why or how, a unit stating nothing of the kind)."""
    values = [
        (c, unit_value(query, c.unit, c.text) or (slot_value(query, c.text, heur) if c.unit.kind != "row" else None))
        for c in chosen
    ]  # a table row is read by its columns, not as a sentence
    if not values or any(v is None for _, v in values) or (len(values) > 1 and not all(c.subject for c, _ in values)):
        return None
    return "; ".join(f"{c.subject + ': ' if c.subject else ''}{v} [{number_of[c.rank]}]" for c, v in values)


def diversify(passages: list[Passage], per_doc: int = 2) -> list[Passage]:
    """At most `per_doc` passages of each document first, the rest after: `which documents` questions see them all."""
    seen: Counter[str] = Counter()
    first, rest = [], []
    for p in passages:
        seen[p.payload.doc_key] += 1
        (first if seen[p.payload.doc_key] <= per_doc else rest).append(p)
    return first + rest


def retrieve(
    index: Index, query: Query, k: int, conditions: list[Condition] | None, sees_restricted: bool
) -> list[Passage]:
    """The passages an answer is drawn from (several documents for `which document` questions)."""
    heur = index.settings.heuristics
    want = max(k, heur.answer_retrieve_k)
    if query.wants == "docref":
        found = index.search(query, k=2 * want, conditions=conditions, sees_restricted=sees_restricted)
        return diversify(found)[:want]
    if len(query.provinces) >= 2 and (query.compares or query.wants in _PER_SUBJECT):
        return _per_province(index, query, want, conditions, sees_restricted)
    if query.parts:  # `Theo Phụ lục III Nghị định 193 ...`: the named part's passages first, from a wider search
        found = index.search(query, k=3 * want, conditions=conditions, sees_restricted=sees_restricted)
        return sorted(found, key=lambda p: not in_named_part(query, p))[:want]  # stable: rank kept
    return index.search(query, k=want, conditions=conditions, sees_restricted=sees_restricted)


# what a question naming several provinces asks of each of them (`read._comparison`, `read._summaries`)
_PER_SUBJECT = ("number", "list", "agent", "summary", None)


def _per_province(
    index: Index, query: Query, want: int, conditions: list[Condition] | None, sees_restricted: bool
) -> list[Passage]:
    """Each named province's own best passages (its report's, searched within it), taken in turn, then the rest of
    one search over all: a comparison or summary of two provinces reads both, however one outranks the other."""
    share = max(2, want // len(query.provinces))
    own = [index.search(query, k=share, conditions=[*(conditions or []), Condition("province", (province,))],
                        sees_restricted=sees_restricted) for province in query.provinces]  # fmt: skip
    everywhere = index.search(query, k=want, conditions=conditions, sees_restricted=sees_restricted)
    merged: dict[str, Passage] = {}
    for p in [p for turn in zip_longest(*own) for p in turn if p is not None] + everywhere:
        merged.setdefault(p.id, p)
    return list(merged.values())[: max(want, share * len(query.provinces))]


def answer(
    index: Index,
    question: str,
    k: int = 5,
    conditions: list[Condition] | None = None,
    sees_restricted: bool = False,
    use_llm: bool | None = None,
    history: list | None = None,
    on_text: Callable[[str], None] | None = None,
) -> Answer:
    """Retrieve and answer with citations (typos repaired first; a follow-up resolved against `history`).

    `use_llm`: None follows the settings (generate when an endpoint is configured), False forces extractive.
    `on_text` receives the generated text as it streams in.
    """
    resolved = conversation.resolve(index, question, history or [], use_llm) if history else question
    query = index.understand(resolved, sees_restricted)
    query.asked = question
    # what a named document's header states needs no passage reading and no model
    result = header_answer(index, query, sees_restricted) if not conditions else None
    if result is None:
        result = _from_passages(index, query, k, conditions, sees_restricted, use_llm, on_text)
    result.question, result.corrections = question, query.corrections
    reading = query.text if query.restored else resolved  # a question typed without tone marks, as it was read
    result.resolved = reading if reading != question else None
    result.citations = result.citations[: max(k, len({n for s in result.sentences for n in s.citations}), 1)]
    return result


def _from_passages(index: Index, query: Query, k: int, conditions: list[Condition] | None, sees_restricted: bool,
                   use_llm: bool | None, on_text: Callable[[str], None] | None) -> Answer:  # fmt: skip
    """Retrieve, then answer with the model when one is configured and its answer holds, else extractively."""
    passages = retrieve(index, query, k, conditions, sees_restricted)
    result = None
    if use_llm is not False and index.settings.llm.enabled:
        result = generate.generated_answer(index, query, passages, k, on_text=on_text, sees_restricted=sees_restricted)
    if result is None or result.mode != "generated":
        notes = result.notes if result is not None else []
        result = compose(query, passages, index.settings.heuristics, k, index.term_weights(sees_restricted),
                         index.similarities)  # fmt: skip
        result.notes = notes + result.notes
    return result
