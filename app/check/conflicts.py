"""The same fact stated two ways in one draft: the place that disagrees with the sources is flagged."""

from __future__ import annotations

import logging

from app.check.claims import Claim
from app.check.report import EvidenceRef, Finding
from app.check.topic import phrases, shown
from ingest import Heuristics
from ingest.vn import gazetteer, identifiers, numbers, statements
from ingest.vn.acts import act
from ingest.vn.fact_match import same_subject
from ingest.vn.facts import SCALE, Fact, extract
from ingest.vn.words import share

log = logging.getLogger(__name__)


def _restates(a: Fact, b: Fact, heur: Heuristics) -> bool:
    """Two facts of the draft about the very same thing (stricter than matching a source).

    A specific counted thing (`chuyên đề`, `giấy phép`) said twice with different numbers is one fact stated
    two ways; durations and other generic units (`07 ngày`, `30 %`) recur in unrelated sentences, so for them,
    as for a date that belongs to no document, the surrounding words must largely agree too.
    """
    if a.kind == "date" and a.anchor and b.anchor:
        return a.anchor == b.anchor  # one document's date, whatever years stand near each place
    if a.years != b.years:
        return False
    if a.item and b.item and a.item != b.item:
        return False  # two rows of a table about different items (the task, the mineral) are two records
    if a.kind == "number":
        if a.unit != b.unit:
            return False
        # a bare figure (`hệ số ... bằng 1,475`) counts nothing named: only the same words make it the same fact
        generic = not a.unit.strip() or any(a.unit == g or a.unit.startswith(g + " ") for g in numbers.generic_units())
        least = (
            heur.restate_generic_overlap
            if generic
            else (heur.restate_phrase_overlap if " " in a.unit else heur.restate_overlap)
        )
        return same_subject(a, b, least, heur.fact_max_ratio)
    if a.kind == "provision":
        # the same article of the same document in largely the same words; another article in nearly the same words
        same_article = a.value.split(".")[0] == b.value.split(".")[0]
        return same_subject(a, b, heur.restate_overlap if same_article else heur.restate_other_article_overlap)
    if a.kind in ("date", "quarter", "year"):
        # a document's date, or a date the same words frame (`số liệu ... tính đến hết ngày ...` said twice)
        if a.anchor or b.anchor:
            return a.anchor == b.anchor
        return same_subject(a, b, heur.restate_generic_overlap)
    return False


def _framed(claim: Claim, fact: Fact) -> set[str]:
    """The figures of the claim whose period the year is (a map's scale describes the map, it is no figure of it)."""
    if fact.kind != "year":
        return set()
    return {f.value for f in claim.facts if f.kind == "number" and f.unit != SCALE and fact.value in f.years}


def _two_data_points(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Two years, each the period of other figures (`Đến năm 2025, ... 80%`, `Đến năm 2030, ... 85%`): two targets,
    not one stated with two years (the same figure with two years is)."""
    one, other = _framed(a, fa), _framed(b, fb)
    return bool(one and other and not one & other)


def _two_acts(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Two figures each counting what its own act did (`phê duyệt Kế hoạch đấu giá ... cho 13 điểm mỏ`, `thu tiền
    cấp quyền ... do Ủy ban nhân dân tỉnh cấp cho 51 điểm mỏ`): two facts, however alike their other words."""
    if fa.kind != "number":
        return False
    one, other = act(a.text, fa.start), act(b.text, fb.start)
    return bool(one and other and not one & other)


def _other_subjects(pa: set[str], pb: set[str]) -> bool:
    """The two sentences are about different provinces (`pa`, `pb`, those they name): each names one, not the same."""
    return bool(pa and pb and not (pa & pb))


def _agrees(source_value: str | None, fact: Fact) -> bool:
    """The source value a contradiction showed is this fact's value (the other place agrees with the sources)."""
    if not source_value:
        return False
    found = extract(source_value)
    if fact.kind == "provision":  # the clause of a list the source states (`khoản 4 Điều 62` of `khoản 4, 5 ...`)
        return any(f.kind == "provision" and identifiers.provision_part_of(f.value, fact.value) for f in found)
    return any(f.kind == fact.kind and f.value == fact.value for f in found) or source_value == shown(fact)


def _same_passage(a: list[EvidenceRef], b: list[EvidenceRef]) -> bool:
    """Both findings rest on the same source passage: the two places of the draft state one source fact."""
    return bool(a and b) and (a[0].doc, a[0].text) == (b[0].doc, b[0].text)


def _one_documents_date(a: Fact, b: Fact, text_a: str, text_b: str) -> bool:
    """Both are the date of one document (written after its number, in a clause about it, or after its type and
    title: `Luật Tổ chức Chính phủ ngày ...`): one fact, whichever passages the two verdicts rest on (the
    document's header for one, a citing list for the other)."""
    if a.kind != "date":
        return False
    if (a.anchor and a.anchor == b.anchor) or (a.about and a.about == b.about):
        return True
    titled = identifiers.document_titled_before(text_a, a.start)
    return bool(titled) and titled == identifiers.document_titled_before(text_b, b.start)


def _figures_unlike_their_words(claims: list[Claim], by_id: dict[str, Finding]) -> None:
    """A figure and its numeral in words that differ (`04 (ba) ngày`) state one fact two ways within the claim: an
    internal conflict whatever the sources say; the source value found, if any, stays beside it."""
    for c in claims:
        unlike = numbers.figures_unlike_their_words(c.text)
        f = by_id.get(c.id)
        if unlike and f is not None and f.status != "internal_conflict":
            f.status, f.error_type, f.draft_value = "internal_conflict", None, unlike[0]
            f.source_value = f.source_value if f.kind == "number" else None


def _one_statement(a: Claim, b: Claim, pairs: dict[str, set[str]], heur: Heuristics) -> bool:
    """Two sentences of the draft say one statement: each has nearly all of the other's word pairs, and neither is
    about `the document it stands in` (`Luật này có hiệu lực ...` is said of each law a draft quotes)."""
    if identifiers.names_itself(a.text) or identifiers.names_itself(b.text):
        return False
    return _nearly_alike(pairs[a.id], pairs[b.id], heur)


def _recapped(earlier: set[str], said: set[str] | None, heur: Heuristics) -> bool:
    """A later sentence says it restates an earlier one (`Như đã nêu ở trên, ...`; `said`, the word pairs of what
    it says again; `earlier`, the earlier one's) and does, in nearly the same words: whatever statement a source
    makes with another value, the draft states one fact two ways."""
    return said is not None and _nearly_alike(earlier, said, heur)


def _nearly_alike(pa: set[str], pb: set[str], heur: Heuristics) -> bool:
    """Each of two sets of word pairs holds nearly all of the other's: one statement in two places."""
    return bool(pa and pb) and min(share(pa, pb), share(pb, pa)) >= heur.restate_statement_share


def _same_place(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Two values standing in the same place of two sentences saying one statement: the n-th of their kind in each."""
    of_a, of_b = ([f for f in c.facts if f.kind == fa.kind] for c in (a, b))
    return len(of_a) == len(of_b) and of_a.index(fa) == of_b.index(fb)


def internal_conflicts(claims: list[Claim], findings: list[Finding], heur: Heuristics) -> None:
    """The same quantity stated two ways in the draft: flag the place that disagrees with the sources, or, when a
    source states each (an amended text and the text it amends), the later of two places saying one statement;
    a recap (`Như đã nêu ở trên, ...`) saying a statement again with another value, whatever the sources say."""
    by_id = {f.id: f for f in findings}
    _figures_unlike_their_words(claims, by_id)
    named = {c.id: set(gazetteer.provinces_in(c.text)) for c in claims}  # once per claim, not per pair
    pairs = {c.id: phrases(c.text) for c in claims}
    said_again = {c.id: phrases(again) for c in claims if (again := statements.said_again(c.text))}
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if _other_subjects(named[a.id], named[b.id]):
                continue  # `tỉnh Gia Lai có 26 đơn vị ...` and `tỉnh Lào Cai có 25 đơn vị ...` are two facts
            recap = _recapped(pairs[a.id], said_again.get(b.id), heur)
            for fa, fb in ((x, y) for x in a.facts for y in b.facts if x.kind == y.kind and x.value != y.value):
                one_fact = _restates(fa, fb, heur) or (recap and _same_place(a, fa, b, fb))
                if not one_fact or _two_data_points(a, fa, b, fb) or _two_acts(a, fa, b, fb):
                    continue
                _flag(a, fa, b, fb, by_id, recap, pairs, heur)


def _flag(a: Claim, fa: Fact, b: Claim, fb: Fact, by_id: dict[str, Finding], recap: bool,
          pairs: dict[str, set[str]], heur: Heuristics) -> None:  # fmt: skip
    """Flag the place of the pair that disagrees with the sources (the other supported), when the two are one fact."""
    good, bad, bad_fact, good_fact = (a, b, fb, fa) if by_id[a.id].status == "supported" else (b, a, fa, fb)
    if by_id[good.id].status != "supported" or by_id[bad.id].status == "internal_conflict":
        return
    # both sourced: a figure or date said twice in one statement (an amended time limit and the original), not a
    # provision (a list of like-worded delegations names each article once)
    if by_id[bad.id].status == "supported" and (fa.kind == "provision" or not _one_statement(a, b, pairs, heur)):
        return
    f = by_id[bad.id]
    if f.status == "contradicted" and not recap:
        alike = _same_passage(f.evidence, by_id[good.id].evidence) or _one_documents_date(
            bad_fact, good_fact, bad.text, good.text
        )
        if not (_agrees(f.source_value, good_fact) and alike):
            # the sources say something else again, or the value agreeing with the other place comes from
            # another statement (`05 ngày` of another procedure): the direct contradiction is the finding
            return
    f.status, f.error_type, f.conflicts_with = "internal_conflict", None, good.id
    f.draft_value, f.source_value = shown(bad_fact), shown(good_fact)
    if fa.kind == "provision":  # one clause of a list said otherwise: that clause in each place
        narrowed = identifiers.provision_difference(bad_fact.text, good_fact.text)
        f.draft_value, f.source_value = narrowed or (f.draft_value, f.source_value)
    # a recap's own evidence may be another statement's: the other place's holds the value shown
    f.evidence = by_id[good.id].evidence if recap or not f.evidence else f.evidence
