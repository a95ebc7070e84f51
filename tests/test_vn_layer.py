"""The Vietnamese layer: one reading of numbers, dates, types and question cues, toned or not.

Property and invariance tests over text written for the test: the same value however it is written, the same
intent with or without tone marks, every vocabulary file with a source note.
"""

from __future__ import annotations

import ast
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.check.topic import phrases
from ingest.vn import (
    attribution,
    dates,
    doctypes,
    facts,
    followups,
    identifiers,
    layout,
    numbers,
    questions,
    statements,
    vntext,
    vocab,
    words,
)

ROOT = Path(__file__).resolve().parents[1]


def test_every_vocabulary_notes_its_source():
    for path in sorted(vocab.DATA.glob("*.tsv")):
        head = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
        assert head, f"{path.name} says nothing about where its words come from"
        assert vocab.rows(path.stem), f"{path.name} is empty"
    readme = (vocab.DATA / "README.md").read_text(encoding="utf-8")
    for path in vocab.DATA.glob("*.tsv"):
        assert path.name in readme, f"data/README.md does not list {path.name}"


@given(st.integers(min_value=1, max_value=10**9))
def test_a_figure_has_one_value_however_grouped(n):
    grouped = vntext.number(n)  # `2.500.000`
    assert numbers.value(grouped) == n
    assert numbers.canonical(grouped) == numbers.canonical(str(n)) == str(n)


@given(st.lists(st.integers(min_value=0, max_value=9999), min_size=1, max_size=4), st.sampled_from(".,"))
def test_any_run_of_digits_and_separators_has_a_comparable_form(parts, sep):
    # `66.4.2025` (a date written with dots) is no number, yet a text holding it is read, never refused
    run = sep.join(map(str, parts))
    assert numbers.canonical(run) in numbers.numbers_in(f"Văn bản {run} của tỉnh.")


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=1, max_value=99))
def test_decimal_comma_is_a_decimal(whole, frac):
    assert numbers.value(f"{whole},{frac:02d}") == float(f"{whole}.{frac:02d}")


def test_scale_words_apply_but_ratios_do_not():
    assert numbers.quantity("500", " nghìn tỷ đồng") == (5e14, "đồng")
    assert numbers.quantity("1.500", " tấn quặng") == (1500, "tấn quặng")
    assert numbers.quantity("100", " tỷ lệ hộ") == (100, "tỷ lệ")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_a_date_is_one_date_in_every_common_spelling(d):
    spellings = (
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day}.{d.month}.{d.year}",
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"ngay {d.day} thang {d.month} nam {d.year}",
    )
    for text in spellings:
        assert [v for _, v in dates.find_dates(f"Ban hành {text}.")] == [d], text


@settings(deadline=None)  # the first example loads the vocabularies
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["/", "-", "."]))
def test_a_date_in_numbers_reads_word_by_word_as_its_spelled_form(d, sep):
    # the checker compares statements by their word pairs: `25/6/2015` must say what `ngày 25 tháng 6 năm 2015` says
    numeric = f"Căn cứ Luật Tổ chức Chính phủ ngày {d.day}{sep}{d.month}{sep}{d.year};"
    spelled = f"Căn cứ Luật Tổ chức Chính phủ ngày {d.day} tháng {d.month} năm {d.year};"
    assert dates.in_words(numeric) == spelled
    assert phrases(f"Luật ({d.day}{sep}{d.month}{sep}{d.year})") == phrases(
        f"Luật (ngày {d.day} tháng {d.month} năm {d.year})"
    )


def test_periods_fill_their_years_and_months_read_both_ways():
    assert dates.years_covered("giai đoạn 2021-2025 và năm 2030") == [2021, 2022, 2023, 2024, 2025, 2030]
    assert dates.find_month_years("tháng 7 năm 2021, tháng 7/2021") == ["2021-07", "2021-07"]


def test_every_coded_type_round_trips():
    for code, name in doctypes.codes().items():
        assert doctypes.code_of(name) == code
        assert doctypes.of_words(vntext.strip_tones(name)) == name
        assert identifiers.type_of_words(name.upper()) == name


def test_a_number_with_any_type_code_reads_its_type():
    for code in doctypes.codes():
        found = identifiers.find_doc_numbers(f"Văn bản số 12/2024/{code}-UBND ngày 1/2/2024")
        assert found and found[0].type_code == code, code


def test_the_stop_list_is_one_list_in_two_kinds():
    assert words.FUNCTION_WORDS < words.STOP
    assert all(w == vntext.strip_tones(w) for w in words.STOP)


QUESTIONS = {
    "Nghị quyết được ban hành vào ngày nào?": "date",
    "Tỉnh cấp bao nhiêu giấy phép khai thác?": "number",
    "Thời hạn của giấy phép là bao lâu?": "duration",
    "Ai ký văn bản này?": "signer",
    "Ai là Trưởng ban chỉ đạo?": "person",
    "Quyết định nào phê duyệt quy hoạch?": "docref",
    "Tóm tắt kết quả thực hiện nghị quyết.": "summary",
    "Khoáng sản độc hại được hiểu là gì?": "definition",
    "Cát trắng thuộc loại khoáng sản nào?": "class",
    "Luật xếp than bùn vào 'nhóm' khoáng sản gì?": "class",
    "Việc đấu giá quyền khai thác được thực hiện như thế nào?": "how",
}


def test_intent_is_the_same_with_or_without_tone_marks():
    for question, kind in QUESTIONS.items():
        assert questions.wants(question, toned=True) == kind, question
        flat = vntext.strip_tones(question)
        assert questions.wants(flat, toned=False) == kind, flat


AGENT_QUESTIONS = {
    "Cơ quan nào cấp giấy phép thăm dò khoáng sản?": "body",
    "Bộ nào chủ trì lập quy hoạch khoáng sản?": "ministry",
    "Tỉnh nào cấp nhiều giấy phép khai thác nhất?": "province",
    "Việc thu hồi giấy phép do đơn vị nào thực hiện?": "body",
    "Bộ phận nào tiếp nhận hồ sơ đề nghị cấp phép?": "body",  # a unit inside a body, not `Bộ nào`
    "Lực lượng nào kiểm tra việc khai thác cát trái phép?": "body",
}


def test_which_body_or_place_is_an_agent_question_however_typed():
    """`Bộ nào`, `Tỉnh nào`, `Cơ quan nào`: toned, tone-free, or with the asking clause moved to the end."""
    from ingest.query import understand

    for question, body in AGENT_QUESTIONS.items():
        core = question.rstrip("?")
        head, _, rest = core.partition(" nào ")
        moved = f"{rest[:1].upper()}{rest[1:]} là {head.lower()} nào?"  # `Chủ trì lập quy hoạch là bộ nào?`
        for variant in (question, vntext.strip_tones(question), moved, vntext.strip_tones(moved)):
            q = understand(variant)
            assert (q.wants, q.asked_body) == ("agent", body), variant
    listed = understand("Những tỉnh nào đã gửi báo cáo?")
    assert listed.wants == "list" and listed.asked_body is None


def test_a_question_names_its_subjects_as_written():
    from ingest.query import understand

    q = understand("Theo Quyết định 502/QĐ-ĐCKS, tỉnh Lào Cai năm 2020 cấp bao nhiêu giấy phép?")
    assert q.subjects() == {"province": ["Lào Cai"], "ministry": [], "docnum": ["502/QĐ-ĐCKS"], "year": ["2020"]}
    assert understand("So sanh tinh Lao Cai voi tinh Yen Bai").compares


def test_a_dictionary_word_is_not_a_question_word():
    assert questions.wants("may moc thiet bi khai thac gom nhung loai nao", toned=False) == "list"
    assert questions.wants("co may giay phep", toned=False) == "number"


def test_asked_type_unit_and_role():
    q = questions.flat_form("Luật nào quy định, sản lượng bao nhiêu tấn?")
    assert questions.asked_type(q) == "Luật"
    assert questions.unit(q) == ("tấn",)
    phrase, named = questions.role(questions.flat_form("Ai là Tổ trưởng Tổ công tác?"))
    assert named and phrase[:2] == ["to", "truong"]
    assert questions.parts(questions.flat_form("Phụ lục II và Điều 5 nói gì")) == ["phu luc ii", "dieu 5"]


def test_follow_up_cues_toned_or_not():
    for q in ("Còn tỉnh Lào Cai thì sao?", "con tinh lao cai thi sao", "Ai ký văn bản đó?"):
        assert followups.is_follow_up(q), q
    assert not followups.is_follow_up("Tỉnh Lào Cai đã cấp bao nhiêu giấy phép khai thác khoáng sản năm 2020?")
    assert followups.without_cues("Còn tỉnh Lào Cai thì sao?") == "tỉnh Lào Cai"


def test_statements_read_values_and_agents():
    assert statements.states_duration("trong thời hạn ba tháng") and statements.states_duration("2 năm")
    assert statements.states_date("quý II/2026") and not statements.states_date("tổ chức thực hiện")
    assert "giam doc" in statements.agents_in("Giám đốc Sở chủ trì")
    assert statements.compares(questions.flat_form("So sánh số giấy phép của hai tỉnh"))


def test_attribution_in_any_cited_type():
    for name in (t.name for t in doctypes.types() if t.cited):
        sentence = f"Theo {name} số 12/2024, tỉnh đã hoàn thành."
        assert attribution.attribution(sentence), sentence
        assert "hoàn thành" in attribution.without_attribution(sentence)


@pytest.mark.parametrize(("written", "abbreviated"), [("Nghị quyết 02", "NQ 02"), ("Quyết định số 502", "QĐ 502"),
                                                     ("Chỉ thị 11", "CT 11")])  # fmt: skip
def test_a_document_named_by_its_abbreviated_type_is_the_same_reference(written: str, abbreviated: str):
    said = "Tổng cục đôn đốc các tỉnh chưa gửi báo cáo thực hiện {} để bảo đảm cả 63 tỉnh có báo cáo."
    assert [(f.kind, f.value, f.unit) for f in facts.extract(said.format(abbreviated))] == [
        (f.kind, f.value, f.unit) for f in facts.extract(said.format(written))
    ]
    assert identifiers.document_type_before("cột TT\t") is None  # a table's `TT` (thứ tự) column


def test_layout_reads_markers_headings_and_closing():
    assert layout.marker_level("II. MỤC TIÊU") == 5 and layout.opens_section("Điều 5. Thẩm quyền")
    assert not layout.opens_section("a) Khoanh định khu vực")
    assert layout.is_heading("KẾT QUẢ THỰC HIỆN") and not layout.is_heading("Tỉnh đã cấp 27 giấy phép.")
    assert not layout.is_heading("- Năm 2021 cấp phép")
    assert layout.has_document_header("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BC-UBND")
    assert layout.opens_closing("Nơi nhận:")


VIETNAMESE_WORD = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _compiled_patterns(path: Path) -> list[str]:
    """The string literals passed to `re.compile` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "compile" and node.args:
            found += [
                n.value for n in ast.walk(node.args[0]) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
    return found


def test_no_module_outside_the_layer_compiles_vietnamese_patterns():
    """Loaders, metadata, answering, checking and conversations read Vietnamese only through `ingest/vn/`."""
    paths = [*(ROOT / "app").rglob("*.py"), *(ROOT / "ingest").rglob("*.py")]
    for path in sorted(p for p in paths if "vn" not in p.relative_to(ROOT).parts):
        offending = [p for p in _compiled_patterns(path) if VIETNAMESE_WORD.search(p)]
        assert not offending, f"{path.relative_to(ROOT)} compiles Vietnamese patterns of its own: {offending}"


_READS_AT_INDEX_TIME = """
import json, sys
from pathlib import Path
from ingest.vn import vocab
read = set()
rows = vocab.rows
vocab.rows = lambda name: (read.add(name), rows(name))[1]
from ingest.describe import describe
from ingest.load import load
from ingest.nodes import SourceDocument, SparseTerms, StructuralNodeParser
from ingest.payload import ChunkPayload
from ingest.vn import spelling
for path in sorted(Path(sys.argv[1]).glob("*.*")):
    if path.suffix in (".docx", ".pdf", ".txt"):
        doc = load(path, path.read_bytes())
        meta = {k: v for k, v in describe(doc).as_payload().items() if k in ChunkPayload.__dataclass_fields__}
        base = {**meta, "doc": doc.name, "doc_key": path.name, "rev": "r", "access": "open"}
        nodes = StructuralNodeParser()([SourceDocument(text=doc.text, blocks=doc.blocks, base=base)])
        SparseTerms()(nodes)
        spelling.syllable_counts(n.get_content() for n in nodes)
print(json.dumps(sorted(read)))
"""


def test_query_time_vocabularies_are_never_read_while_indexing():
    """The pipeline version leaves out `vocab.QUERY_TIME`: that is sound only if indexing never reads them."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _READS_AT_INDEX_TIME, str(ROOT / "samples")], cwd=ROOT,
                         capture_output=True, text=True, check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})  # fmt: skip
    read = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert read, "indexing the samples read no vocabulary at all: the probe is broken"
    assert not read & vocab.QUERY_TIME, f"indexing reads query-time vocabularies: {read & vocab.QUERY_TIME}"


def test_fact_windows_follow_the_runs_heuristics():
    """`--set fact_window=...` reaches the fact reader: a narrower window describes a figure with fewer words."""
    from dataclasses import replace

    from ingest.settings import Heuristics
    from ingest.vn.facts import extract

    text = "Trong năm 2020, tỉnh Lào Cai đã cấp mới 27 giấy phép khai thác khoáng sản làm vật liệu xây dựng."
    (wide,) = [f for f in extract(text) if f.kind == "number"]
    (narrow,) = [f for f in extract(text, replace(Heuristics(), fact_window=2)) if f.kind == "number"]
    assert narrow.value == wide.value == "27"
    assert narrow.context < wide.context
