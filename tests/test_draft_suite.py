"""The generated draft suite's own readers and plants (eval.draft_*), on text written for the test: a suite that
misreads its sources plants errors nobody made."""

from __future__ import annotations

import random
from pathlib import Path

import docx

from eval import draft_credits as credit
from eval import draft_patterns as pat
from eval import draft_plants as plant
from eval import draft_tables as tables

HEADER = ["BỘ CÔNG THƯƠNG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
          "Số: 12/2030/TT-BCT        Hà Nội, ngày 3 tháng 2 năm 2030", "THÔNG TƯ"]  # fmt: skip


def test_periods_and_provisions_are_read_apart_from_full_dates() -> None:
    text = ("Theo điểm b khoản 2 Điều 14 Luật Thử nghiệm, hoàn thành trong quý II/2031, Quý 3 năm 2032, "
            "năm 2033, ngày 5 tháng 4 năm 2034 và tháng 6 năm 2035.")  # fmt: skip
    assert [s[2] for s in pat.provisions(text)] == ["điểm b khoản 2 Điều 14"]
    assert [s[2] for s in pat.quarters(text)] == ["quý II/2031", "Quý 3 năm 2032"]
    assert [s[2] for s in pat.years(text)] == ["năm 2033"]
    assert pat.provisions("Điều 14 quy định phạm vi.") == []  # a bare article is usually a heading
    listed = "Thực hiện theo khoản 1, 4, 5 Điều 17 và các Điều 18, 19 của Luật Mẫu năm 2030; năm 2031 cấp 7 giấy phép."
    assert [s[2] for s in pat.figures(listed)] == ["7"] and [s[2] for s in pat.years(listed)] == ["năm 2031"]


def test_same_value_compares_quarters_and_provisions_by_their_numbers() -> None:
    assert pat.same_value("quý III/2032", "Quý III, năm 2032") and pat.same_value("Quý 3 năm 2032", "quý III/2032")
    assert not pat.same_value("quý II/2032", "quý III/2032")
    assert pat.same_value("khoản 2 Điều 14", "khoản 2 Điều 14 Luật Thử nghiệm")
    assert not pat.same_value("khoản 2 Điều 14", "khoản 2 Điều 41")


def test_issuer_is_the_left_column_of_the_header_or_the_cards_field() -> None:
    assert pat.issuer(HEADER) == "Bộ Công Thương"
    two_lines = ["ỦY BAN NHÂN DÂN       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH ĐIỆN BIÊN", "Số: 5/UBND-KT"]
    assert pat.issuer(two_lines) == "Ủy ban nhân dân tỉnh Điện Biên"
    assert pat.issuer(["UBND TỈNH ĐIỆN BIÊN", "SỞ XÂY DỰNG", "Số: 7/SXD"]) == "Sở Xây dựng"
    assert pat.issuer(["SỐ HIỆU: 1/2030/QH16", "CƠ QUAN BAN HÀNH: Quốc hội (khóa XVI); người ký: X"]) == "Quốc hội"
    assert pat.issuer(["CÔNG TY TNHH MỘT THÀNH VIÊN", "Số: 9/CV"]) == ""  # not a body a draft cites


def test_periods_and_provisions_are_planted_and_stay_what_they_were() -> None:
    rng = random.Random(3)
    made = plant.wrong_date(plant.Source("d", "Hoàn thành việc rà soát trong quý II/2031 theo kế hoạch.", ""), rng)
    assert made and made[2] == "quý II/2031" and pat.quarters(made[0]) and made[1] != made[2]
    made = plant.wrong_date(plant.Source("d", "Năm 2033, tỉnh đã cấp 12 giấy phép thăm dò khoáng sản.", ""), rng)
    assert made and made[1].startswith("Năm ") and made[1] != "Năm 2033" and "12 giấy phép" in made[0]
    made = plant.wrong_provision(plant.Source("d", "Thực hiện theo khoản 2 Điều 14 của Luật Thử nghiệm.", ""), rng)
    assert made and made[2] == "khoản 2 Điều 14" and not pat.same_value(made[1], made[2])


def test_a_document_is_credited_to_another_body_of_its_rank_or_another_signer() -> None:
    rng = random.Random(5)
    src = plant.Source("d", "Tổ chức khai thác phải lập 01 bộ hồ sơ.", "Thông tư số 12/2030/TT-BCT",
                       "Bộ Công Thương", "Trần Văn Thử")  # fmt: skip
    for _ in range(5):
        claim, wrong, right, _form = credit.wrong_issuing_body(src, rng, ["Điện Biên"])
        assert right == "Bộ Công Thương" and wrong != right and wrong in claim and src.label in claim
        claim, wrong, right, _form = credit.wrong_signer(src, rng, ["Trần Văn Thử", "Lê Thị Mẫu"])
        assert (wrong, right) == ("Lê Thị Mẫu", "Trần Văn Thử") and wrong in claim
    province = plant.Source("d", src.sentence, "Kế hoạch số 3/KH-UBND", "Ủy ban nhân dân tỉnh Điện Biên")
    assert credit.wrong_issuing_body(province, rng, ["Điện Biên", "Lai Châu"])[1] == "Ủy ban nhân dân tỉnh Lai Châu"
    said, how = credit.rightly_credited(src, rng)
    assert ("Bộ Công Thương" in said or "Trần Văn Thử" in said) and how.startswith(("issued by", "signed by"))


def test_numbered_table_rows_are_copied_and_changed_one_cell_at_a_time(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, name in zip(table.rows[0].cells, ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"], strict=True):
        cell.text = name
    for n in range(1, 9):
        cells = table.add_row().cells
        for cell, text in zip(cells, [str(n), f"Nhiệm vụ thử số {n}", "Sở Xây dựng", f"Quý {n % 4 + 1}/2031"],
                              strict=True):  # fmt: skip
            cell.text = text
    empty = table.add_row().cells
    empty[0].text = "9"
    document.save(str(tmp_path / "kh.docx"))
    found = tables.corpus_tables(tmp_path)
    assert len(found) == 1 and len(found[0].rows) == 8  # the row with nothing but its number is left out
    ids = iter(range(100))
    rows = tables.table_claims(found, random.Random(1), 2, lambda **f: {"id": next(ids), **f})
    kinds = [e.get("error_type", e["label"]) for _, e in rows]
    assert kinds.count("supported") == 2 and kinds.count("wrong_issuer") == 2 and kinds.count("wrong_date") == 2
    for _header, entry in rows:
        cells = entry["claim"].split(plant.ROW_SEP)
        source = entry["evidence"].split(plant.ROW_SEP)
        assert len(cells) == 4 and cells[0] == source[0]  # the row keeps its number
        assert sum(a != b for a, b in zip(cells, source, strict=True)) == (entry["label"] != "supported")


def test_a_wrong_document_date_stated_right_elsewhere_in_the_draft_is_keyed_an_internal_conflict() -> None:
    from eval.gen_drafts import _restated_dates

    assert pat.own_dates("Thông tư số 12/2030/TT-BCT, ngày 03/02/2030 và ngày 5/5/2030 họp.") == {
        "12/2030/tt/bct": {(2030, 2, 3)}}  # fmt: skip
    right = {"id": "a", "label": "supported", "claim": "Thông tư số 12/2030/TT-BCT ngày 03/02/2030 quy định mẫu."}
    wrong = {"id": "b", "label": "contradicted", "error_type": "wrong_date", "wrong_value": "05/02/2030",
             "correct_value": "03/02/2030", "claim": "Áp dụng Thông tư số 12/2030/TT-BCT ngày 05/02/2030."}  # fmt: skip
    alone = dict(wrong, id="c", claim="Áp dụng Thông tư số 13/2030/TT-BCT ngày 05/02/2030.")
    _restated_dates([right, wrong, alone])
    assert (wrong["label"], wrong["conflicts_with"]) == ("internal_conflict", "a") and alone["label"] == "contradicted"


def test_a_wrong_figure_whose_whole_source_sentence_the_draft_states_elsewhere_is_an_internal_conflict() -> None:
    from eval.gen_drafts import _restated_numbers

    source = "Không quá 25 ngày đối với hồ sơ thuộc thẩm quyền của Sở Xây dựng."
    merged = {"id": "a", "label": "supported", "claim": f"Hồ sơ được tiếp nhận trực tuyến; đồng thời, {source.lower()}"}
    wrong = {"id": "b", "label": "contradicted", "error_type": "wrong_number", "wrong_value": "35",
             "correct_value": "25", "evidence": source, "claim": source.replace("25", "35")}  # fmt: skip
    # only `25 ngày` elsewhere, in another sentence: no restatement
    other = dict(
        wrong, id="c", evidence="Thời hạn được kéo dài thêm 25 ngày.", claim="Thời hạn được kéo dài thêm 35 ngày."
    )
    near = {"id": "d", "label": "supported", "claim": "Thời hạn xử lý là 25 ngày."}
    _restated_numbers([merged, wrong, other, near])
    assert (wrong["label"], wrong["conflicts_with"]) == ("internal_conflict", "a")
    assert other["label"] == "contradicted"


def test_a_wrong_figure_beside_its_numeral_in_words_is_keyed_an_internal_conflict() -> None:
    from eval.gen_drafts import _figure_beside_its_words

    source = "Trong thời hạn 02 (hai) tháng kể từ ngày được kiểm tra, cơ sở phải khắc phục."
    beside = {"id": "a", "label": "contradicted", "error_type": "wrong_number", "wrong_value": "05",
              "correct_value": "02", "evidence": source, "claim": source.replace("02", "05")}  # fmt: skip
    plain = dict(beside, id="b", evidence="Thời hạn khắc phục là 02 tháng.", claim="Thời hạn khắc phục là 05 tháng.")
    _figure_beside_its_words([beside, plain])
    assert beside["label"] == "internal_conflict" and plain["label"] == "contradicted"
