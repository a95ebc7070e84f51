"""A model's sentence is checked by the draft checker's verifier, with its cited passages as the only evidence:
figures moved between the two sample provinces are caught even when both reports are cited. Sentences are
written for the test over the committed samples."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.answer.generate import verify
from app.check.checker import Checker
from ingest import Index

QN, YB = "Quảng Ninh", "Yên Bái"
PERIOD = "Giai đoạn 2016 - 2021"


@pytest.fixture()
def cited(samples_index: Index):
    passages = samples_index.search(f"số giấy phép khai thác khoáng sản {PERIOD} tỉnh {QN} tỉnh {YB}", k=8,
                                    sees_restricted=True)  # fmt: skip
    own = {}
    for n, p in enumerate(passages[:5], start=1):
        if p.payload.province in (QN, YB) and PERIOD.split()[-3] in p.text:
            own.setdefault(p.payload.province, n)
    assert set(own) == {QN, YB}, "both reports' licence tables are among the first five passages"
    return passages, own


def _say(province: str, count: int, own: dict[str, int]) -> str:
    return f"{PERIOD}, tỉnh {province} cấp {count} giấy phép khai thác khoáng sản [{own[QN]}][{own[YB]}]."


def test_swapped_provinces_are_flagged_and_right_figures_pass(samples_index: Index, cited) -> None:
    passages, own = cited
    checker = Checker(samples_index, sees_restricted=True)
    cites = [own[QN], own[YB]]
    heur = samples_index.settings.heuristics
    for province, count in ((QN, 27), (YB, 19)):
        v = verify(_say(province, count, own), cites, passages, heur.verify_min_coverage, checker)
        assert v.verified, (province, v.reason)
    for province, count in ((YB, 27), (QN, 19)):
        sentence = _say(province, count, own)
        assert verify(sentence, cites, passages, heur.verify_min_coverage).verified, "the surface check is blind"
        v = verify(sentence, cites, passages, heur.verify_min_coverage, checker)
        assert not v.verified and str(count) in v.reason, (province, v.reason)


@pytest.mark.parametrize(("first", "second", "right"), [((QN, 27), (YB, 19), True), ((YB, 27), (QN, 19), False)])
@pytest.mark.parametrize("joined", ["{a}, còn {b}", "{b}; trong khi đó {a}"])
def test_each_figure_of_a_comparison_is_checked_against_its_own_province(
    samples_index: Index, cited, first, second, right: bool, joined: str
) -> None:
    # one sentence naming both provinces: each figure is said of the province named before it
    passages, own = cited
    a, b = (f"tỉnh {province} cấp {count} giấy phép khai thác khoáng sản" for province, count in (first, second))
    sentence = f"{PERIOD}, {joined.format(a=a, b=b)} [{own[QN]}][{own[YB]}]."
    checker = Checker(samples_index, sees_restricted=True)
    v = verify(sentence, [own[QN], own[YB]], passages, samples_index.settings.heuristics.verify_min_coverage, checker)
    assert v.verified is right, (sentence, v.reason)


@pytest.mark.parametrize("spelled", ["tinh Yen Bai", "UBND tỉnh Yên Bái", "Yên Bái"])
def test_the_subject_is_read_however_the_province_is_written(samples_index: Index, cited, spelled: str) -> None:
    passages, own = cited
    checker = Checker(samples_index, sees_restricted=True)
    sentence = f"{PERIOD}, {spelled} cấp 27 giấy phép khai thác khoáng sản [{own[QN]}][{own[YB]}]."
    v = verify(sentence, [own[QN], own[YB]], passages, samples_index.settings.heuristics.verify_min_coverage, checker)
    assert not v.verified, spelled


def test_a_report_naming_another_province_in_passing_states_none_of_its_figures(samples_index: Index, cited) -> None:
    passages, own = cited
    n = own[QN]
    qn = passages[n - 1]
    aside = replace(
        qn, payload=replace(qn.payload, text=f"{qn.text}\nĐoàn công tác tỉnh {YB} đã đến trao đổi kinh nghiệm.")
    )
    with_aside = [aside if i == n - 1 else p for i, p in enumerate(passages)]
    checker = Checker(samples_index, sees_restricted=True)
    heur = samples_index.settings.heuristics
    sentence = f"{PERIOD}, tỉnh {YB} cấp 27 giấy phép khai thác khoáng sản [{n}]."  # 27 is Quảng Ninh's
    assert not verify(sentence, [n], with_aside, heur.verify_min_coverage, checker).verified
    right = f"{PERIOD}, tỉnh {QN} cấp 27 giấy phép khai thác khoáng sản [{n}]."
    assert verify(right, [n], with_aside, heur.verify_min_coverage, checker).verified


@pytest.mark.parametrize("written", [
    "Khoản 8 Điều này quy định mẫu văn bản.”. [3] Tỉnh cấp 5 giấy phép [1].",
    "Khoản 8 Điều này quy định mẫu văn bản.” [3]. Tỉnh cấp 5 giấy phép [1].",
    "Khoản 8 Điều này quy định mẫu văn bản [3]. Tỉnh cấp 5 giấy phép [1].",
])  # fmt: skip
def test_a_citation_belongs_to_the_sentence_it_closes_however_punctuated(written: str) -> None:
    from app.answer.generate import split_sentences

    pieces = split_sentences(written)
    assert [c for _, c in pieces] == [[3], [1]], pieces
    assert pieces[0][0].startswith("Khoản 8") and pieces[1][0].startswith("Tỉnh cấp 5")
