"""A claim's values against the source statement that says it (text written for the test): a reference to a
provision (`điểm c khoản 2 Điều 60 Luật ...`) and a quarter are facts, a figure counts the act named before it, and a
shortened statement still finds its own value."""

from __future__ import annotations

import re

import pytest

from app.check.claims import Claim
from app.check.conflicts import internal_conflicts
from app.check.report import Finding
from ingest import Heuristics
from ingest.vn import acts, facts, identifiers

from .draft_support import assert_checked, check_text, indexed

SOURCE = (
    "BÁO CÁO\nKết quả thực hiện pháp luật về địa chất và khoáng sản trên địa bàn tỉnh Hà Giang\n\n"
    "Các tổ chức khai thác khoáng sản đã lập và phê duyệt kế hoạch quản lý rủi ro, gửi cơ quan quản lý nhà nước có "
    "thẩm quyền theo quy định tại điểm c khoản 2 Điều 60 Luật Địa chất và khoáng sản.\n"
    "Giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại khoản 4, khoản 5 Điều 62 Luật "
    "Địa chất và khoáng sản.\n"
    "Đến hết năm 2023, Ủy ban nhân dân tỉnh Hà Giang đã khoanh định 384 khu vực cấm hoạt động khoáng sản.\n"
    "Tổ biên tập hoàn thành dự thảo báo cáo tổng kết thực hiện Nghị quyết trong quý III/2026.\n"
    "Mục tiêu đến năm 2030:\n"
    "- Hoàn thành việc chuyển đổi toàn diện công nghệ, thiết bị các cơ sở khai thác, chế biến đá làm vật liệu xây "
    "dựng quy mô nhỏ bảo đảm an toàn, giảm thiểu ô nhiễm môi trường trước năm 2030.\n"
    "- Hoàn thành cải tạo, phục hồi môi trường các mỏ đá làm vật liệu xây dựng quy mô nhỏ đã đóng cửa trước năm 2025.\n"
    "Điều 3. Thay thế một số mẫu\n"
    "1. Thay thế các Mẫu số 07, 08 Phụ lục II ban hành kèm theo Thông tư số 09/2024/TT-BCT bằng Mẫu số 04 Phụ lục "
    "ban hành kèm theo Thông tư này.\n"
    "2. Thay thế Phụ lục II ban hành kèm theo Thông tư số 12/2024/TT-BCT bằng Mẫu số 03 Phụ lục ban hành kèm theo "
    "Thông tư này.\n"
)


@pytest.fixture(scope="module")
def law_index(tmp_path_factory: pytest.TempPathFactory):
    yield from indexed(tmp_path_factory.mktemp("provision-docs"), {"bao-cao-ha-giang.txt": SOURCE})


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("khoản 7, 5 Điều 60", "khoản 5 và khoản 7 Điều 60"),
        ("Khoản 2 Điều 59", "khoản 2 Điều 59"),
        ("điểm a, điểm b khoản 1 Điều 5", "điểm b và điểm a khoản 1 Điều 5"),
        ("khoản 2, Điều 59", "khoản 2 Điều 59"),
        ("các Điều 17, 18 và 19", "Điều 19, Điều 17 và Điều 18"),  # a list of articles is one reference
        ("điều 34, Điều 35", "Điều 34 và Điều 35"),  # lower case where a merged sentence goes on
    ],
)
def test_a_provision_is_the_same_whatever_the_order_and_case_of_its_parts(one: str, other: str) -> None:
    def key(text: str) -> str:
        (m,) = identifiers.PROVISION.finditer(text)
        return identifiers.provision_key(m)

    assert key(one) == key(other)


def test_a_provision_s_numbers_are_not_figures_and_it_names_its_law() -> None:
    found = facts.extract("Thực hiện theo khoản 7, 5 Điều 60 Luật Địa chất và khoáng sản.")
    assert [(f.kind, f.value) for f in found] == [("provision", "60.5,7")]
    assert found[0].unit.startswith("luat dia chat")


def test_a_figure_counts_the_act_named_before_it() -> None:
    text = "Đến hết năm 2023, tỉnh đã hoàn thành cắm mốc 42 khu vực cấm hoạt động khoáng sản."
    assert acts.act(text, text.index("42")) == {"thành", "cắm", "mốc"}
    assert not acts.says_act(acts.act(text, text.index("42")), "đã khoanh định 384 khu vực cấm hoạt động")
    assert acts.act("42 khu vực đã được cắm mốc.", 0) == frozenset()


@pytest.mark.parametrize(
    ("claim", "status", "source_value"),
    [
        ("Các tổ chức khai thác khoáng sản lập và phê duyệt kế hoạch quản lý rủi ro theo quy định tại điểm c khoản 2 "
         "Điều 60 Luật Địa chất và khoáng sản.", "supported", None),
        ("Các tổ chức khai thác khoáng sản lập và phê duyệt kế hoạch quản lý rủi ro theo quy định tại điểm c khoản 3 "
         "Điều 60 Luật Địa chất và khoáng sản.", "contradicted", "điểm c khoản 2 Điều 60"),
        ("Giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại Khoản 5, 4 Điều 62 Luật Địa "
         "chất và khoáng sản.", "supported", None),
        ("Giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại Khoản 7, 5 Điều 62 Luật Địa "
         "chất và khoáng sản.", "contradicted", "khoản 4 Điều 62"),  # the clause of the list that changed
        # the source counts the areas delimited, not those marked out on the ground: 42 is stated by no one
        ("Đến hết năm 2023, tỉnh Hà Giang đã hoàn thành cắm mốc 42 khu vực cấm hoạt động khoáng sản.",
         "unsupported", None),
        ("Đến hết năm 2023, Ủy ban nhân dân tỉnh Hà Giang đã khoanh định 42 khu vực cấm hoạt động khoáng sản.",
         "contradicted", "384"),
        ("Tổ biên tập hoàn thành dự thảo báo cáo tổng kết thực hiện Nghị quyết trong Quý 3 năm 2026.", "supported", None),
        # shortened: the words next to the year are the other item's (`... quy mô nhỏ ... trước năm 2025`)
        ("Hoàn thành việc chuyển đổi toàn diện công nghệ, thiết bị các cơ sở khai thác, chế biến đá làm vật liệu xây "
         "dựng quy mô nhỏ trước năm 2030.", "supported", None),
        ("Hoàn thành việc chuyển đổi toàn diện công nghệ, thiết bị các cơ sở khai thác, chế biến đá làm vật liệu xây "
         "dựng quy mô nhỏ trước năm 2028.", "contradicted", "trước năm 2030"),
        # two amended circulars in like words: the statement that says the claim names the one meant
        ("Thay thế Phụ lục II ban hành kèm theo Thông tư số 15/2024/TT-BCT bằng Mẫu số 03 Phụ lục ban hành kèm theo "
         "Thông tư này.", "contradicted", "12/2024/TT-BCT"),
        ("Tổ biên tập hoàn thành dự thảo báo cáo tổng kết thực hiện Nghị quyết trong quý II/2026.", "contradicted",
         "quý III/2026"),
    ],
)  # fmt: skip
def test_a_provision_or_figure_against_the_source(law_index, claim: str, status: str, source_value) -> None:
    assert_checked(law_index, claim, status, source_value)


@pytest.mark.parametrize(
    ("first_text", "again_text", "changed"),
    [
        ("Các tổ chức khai thác khoáng sản lập và phê duyệt kế hoạch quản lý rủi ro, gửi cơ quan quản lý nhà nước có "
         "thẩm quyền theo quy định tại điểm c khoản 2 Điều 60 Luật Địa chất và khoáng sản.",
         "Như đã nêu ở trên, các tổ chức khai thác khoáng sản lập và phê duyệt kế hoạch quản lý rủi ro, gửi cơ quan "
         "quản lý nhà nước có thẩm quyền theo quy định tại điểm c khoản 3 Điều 60 Luật Địa chất và khoáng sản.",
         r"khoản 3"),
        # a list of clauses cited again with one clause changed
        ("Giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại khoản 4, khoản 5 Điều 62 Luật "
         "Địa chất và khoáng sản.",
         "Như đã nêu ở trên, giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại khoản 4, "
         "khoản 7 Điều 62 Luật Địa chất và khoáng sản.",
         r"khoản 7"),
    ],
)  # fmt: skip
def test_a_provision_cited_again_otherwise_is_an_internal_conflict(
    law_index, first_text: str, again_text: str, changed: str
) -> None:
    first, again = check_text(law_index, f"{first_text}\n{again_text}\n")
    assert first.status == "supported", first
    assert again.status == "internal_conflict" and again.conflicts_with == first.id, again
    assert re.search(changed, again.draft_value or ""), again


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("quý II/2026", "2026-Q2"),
        ("Quý 2 năm 2026", "2026-Q2"),
        ("quý IV-2025", "2025-Q4"),
        ("QUÝ III/2027", "2027-Q3"),
    ],
)
def test_a_quarter_is_a_date_however_it_is_written(written: str, value: str) -> None:
    found = facts.extract(f"Sở Nông nghiệp và Môi trường hoàn thành báo cáo trong {written}.")
    assert [(f.kind, f.value) for f in found if f.kind != "body"] == [("quarter", value)]


@pytest.mark.parametrize(
    ("other", "conflict"),
    [
        ("Như đã nêu, tỉnh Hà Giang có 31 giấy phép khai thác khoáng sản còn hiệu lực.", True),
        ("Như đã nêu, tỉnh Cao Bằng có 31 giấy phép khai thác khoáng sản còn hiệu lực.", False),  # another subject
        ("Như đã nêu, tỉnh Cao Bằng có 31 GPKT khoáng sản còn hiệu lực.", False),
    ],
)
def test_only_the_same_fact_of_the_same_subject_said_twice_is_an_internal_conflict(other: str, conflict: bool) -> None:
    assert _said_twice_conflicts("Tỉnh Hà Giang có 27 giấy phép khai thác khoáng sản còn hiệu lực.", other) is conflict


@pytest.mark.parametrize(
    ("other", "conflict"),
    [
        ("Như đã nêu, trên địa bàn tỉnh Hà Giang có 29 đơn vị được cấp giấy phép khai thác khoáng sản.", True),
        # `đơn vị` counts anything: the words around the figures must largely agree, as for `ngày` or `người`
        ("Ủy ban nhân dân cấp tỉnh quản lý khoáng sản tại bãi thải nằm trên địa bàn từ 02 đơn vị hành chính cấp xã.",
         False),
    ],
)  # fmt: skip
def test_a_generic_count_said_twice_needs_the_same_words_around_it(other: str, conflict: bool) -> None:
    first = "Trên địa bàn tỉnh Hà Giang có 26 đơn vị được cấp giấy phép khai thác khoáng sản."
    assert _said_twice_conflicts(first, other) is conflict


def _said_twice_conflicts(first: str, other: str) -> bool:
    """`other`, after `first` (supported), is found to state the same fact otherwise."""
    claims = [Claim("c1", first, "", facts.extract(first)), Claim("c2", other, "", facts.extract(other))]
    findings = [Finding("c1", first, "", "supported"), Finding("c2", other, "", "unsupported")]
    internal_conflicts(claims, findings, Heuristics())
    return findings[1].status == "internal_conflict"


def test_two_articles_of_one_law_cited_in_like_sentences_are_two_facts() -> None:
    # the law's name and its amending law are the same in both: what each provision governs tells them apart
    from app.check.conflicts import _restates

    law = "Luật Trồng trọt số 31/2018/QH14 được sửa đổi, bổ sung bởi Luật số 99/2025/QH15"
    one = facts.extract(f"Không thực hiện thủ tục cấp phép nhập khẩu giống cây trồng quy định tại Điều 24 {law}.")
    two = facts.extract(
        f"Không thực hiện thủ tục công nhận lưu hành giống cây trồng quy định tại khoản 2 Điều 15 {law}."
    )
    same = facts.extract(f"Không thực hiện thủ tục cấp phép nhập khẩu giống cây trồng quy định tại Điều 25 {law}.")
    (a,), (b,), (c,) = ([f for f in fs if f.kind == "provision"] for fs in (one, two, same))
    assert not _restates(a, b, Heuristics())
    assert _restates(a, c, Heuristics())


@pytest.mark.parametrize(
    "claim",
    [
        "Đến hết năm 2023, Ủy ban nhân dân tỉnh Hà Giang đã khoanh định 384 khu vực cấm hoạt động khoáng sản; đồng "
        "thời, Sở Nông nghiệp và Môi trường tiếp tục tham mưu, theo dõi việc thực hiện.",
        "Tổ biên tập hoàn thành dự thảo báo cáo tổng kết thực hiện Nghị quyết trong quý III/2026; đồng thời, theo đề "
        "nghị của Giám đốc Sở Tài chính tỉnh Hà Giang.",
        "Giám đốc điều hành mỏ áp dụng các biện pháp bảo đảm an toàn theo quy định tại khoản 4, khoản 5 Điều 62 Luật "
        "Địa chất và khoáng sản; đồng thời, theo đề nghị của Bộ trưởng Bộ Công Thương.",
    ],
)
def test_a_body_named_in_a_merged_statement_is_not_the_doer_of_the_other(law_index, claim: str) -> None:
    # `A; đồng thời, B`: the body B names does not do A's act, however closely A matches its source
    (finding,) = check_text(law_index, claim + "\n")
    assert finding.status == "supported", finding


def test_a_figure_a_merged_sentence_states_and_another_place_changes_is_an_internal_conflict(law_index) -> None:
    # the merged sentence rests on a source per statement: the one the other place contradicts is among them
    first, again = check_text(
        law_index,
        "Tổ biên tập hoàn thành dự thảo báo cáo tổng kết thực hiện Nghị quyết trong quý III/2026; đồng thời, đến hết "
        "năm 2023, Ủy ban nhân dân tỉnh Hà Giang đã khoanh định 384 khu vực cấm hoạt động khoáng sản.\n"
        "Như đã nêu, đến hết năm 2023, Ủy ban nhân dân tỉnh Hà Giang đã khoanh định 348 khu vực cấm hoạt động khoáng "
        "sản.\n",
    )
    assert first.status == "supported", first
    assert again.status == "internal_conflict" and again.conflicts_with == first.id, again


@pytest.mark.parametrize("date", ["30/6/2025", "30-6-2025", "30 tháng 6 năm 2025", "30 tháng 06 năm 2025"])
def test_the_words_describing_a_value_do_not_depend_on_how_a_date_beside_it_is_spelled(date: str) -> None:
    def described(text: str) -> frozenset[str]:
        return next(f.context for f in facts.extract(text) if f.kind == "docnum" and f.value.startswith("175"))

    base = "Nghị định số 175/2025/NĐ-CP ngày 30/6/2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định khác."
    assert described(base.replace("30/6/2025", date)) == described(base)


def test_a_value_is_described_by_its_own_statement_only() -> None:
    # `A (trong đó: ... 108 giấy phép); có 10 giấy phép ...`: the words before `;` describe 108, not 10
    text = ("Tỉnh có 178 giấy phép khai thác còn hiệu lực (trong đó: Bộ Công Thương cấp 70 giấy phép, Ủy ban nhân dân "
            "tỉnh cấp 108 giấy phép); có 10 giấy phép khai thác đã hết hiệu lực trong năm 2025.")  # fmt: skip
    ten = next(f for f in facts.extract(text) if f.kind == "number" and f.value == "10")
    assert not ten.context & {"uy", "ban", "nhan", "dan", "cong", "thuong"} and {"khai", "thac"} <= ten.context


@pytest.mark.parametrize(
    ("claimed", "source", "parts"),
    [
        ("khoản 1, khoản 3, khoản 2 Điều 3", "khoản 1, khoản 3, khoản 4 Điều 3", ("khoản 2 Điều 3", "khoản 4 Điều 3")),
        ("Khoản 4, khoản 9 Điều 12, Điều 15", "khoản 4, khoản 8 Điều 12, Điều 15", ("khoản 9 Điều 12", "khoản 8 Điều 12")),
        ("khoản 5, khoản 5 Điều 7", "khoản 5, khoản 6 Điều 7", ("khoản 5 Điều 7", "khoản 6 Điều 7")),
        ("điểm a, điểm d khoản 2 Điều 9", "điểm a, điểm c khoản 2 Điều 9", ("điểm d khoản 2 Điều 9", "điểm c khoản 2 Điều 9")),
        ("khoản 2 Điều 20", "khoản 2 Điều 22", None),  # another article: the whole reference is the value
        ("khoản 2 Điều 5", "khoản 2, khoản 3 Điều 5", None),  # a clause left out: no pair to show
        ("khoản 3 Điều 60", "khoản 2 Điều 60", None),  # the only clause: the whole reference changed
        # a list of articles: the one reference that changed, with the clauses that are its own
        ("khoản 1 Điều 60 và Điều 66", "khoản 1 Điều 61 và Điều 66", ("khoản 1 Điều 60", "khoản 1 Điều 61")),
        ("Điều 17, 18 và 19", "Điều 17, 18 và 20", ("Điều 19", "Điều 20")),
        ("khoản 3 Điều 90 và Điều 92", "khoản 2 Điều 90 và Điều 92", ("khoản 3 Điều 90", "khoản 2 Điều 90")),
        ("khoản 3, khoản 4 Điều 32", "khoản 3, khoản 4 Điều 33", None),  # every clause is the changed article's
    ],
)  # fmt: skip
def test_a_reference_with_one_clause_changed_shows_that_clause(
    claimed: str, source: str, parts: tuple[str, str] | None
) -> None:
    assert identifiers.provision_difference(claimed, source) == parts


def test_a_clause_written_twice_is_not_the_reference_that_lists_it_once() -> None:
    def key(text: str) -> str:
        (m,) = identifiers.PROVISION.finditer(text)
        return identifiers.provision_key(m)

    assert key("khoản 6, khoản 6 Điều 143") != key("khoản 6 Điều 143")


AMENDED = {  # a decree and the decree amending one of its time limits, in the same words
    "nghi-dinh-goc.txt": "NGHỊ ĐỊNH\nQuy định chi tiết về thẩm định hồ sơ khoáng sản\n\nĐiều 10. Trả kết quả\n"
    "Trong thời hạn không quá 03 ngày làm việc, kể từ ngày nhận được kết quả thẩm định hồ sơ, cơ quan tiếp nhận hồ "
    "sơ thông báo cho tổ chức, cá nhân đề nghị để nhận kết quả.\n"
    "Trong thời hạn không quá 15 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan thẩm định tổ chức kiểm tra thực địa "
    "khu vực đề nghị cấp phép.\n",
    "nghi-dinh-sua-doi.txt": "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định quy định chi tiết về thẩm định "
    "hồ sơ khoáng sản\n\nĐiều 1. Sửa đổi Điều 10 như sau:\n"
    "Trong thời hạn không quá 02 ngày làm việc, kể từ ngày nhận được kết quả thẩm định hồ sơ, cơ quan tiếp nhận hồ "
    "sơ thông báo cho tổ chức, cá nhân đề nghị để nhận kết quả.\n",
    "luat-thu-nghiem.txt": "LUẬT THỬ NGHIỆM\n\nĐiều 50. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 "
    "tháng 7 năm 2032.\n",
    "phan-cap.txt": "NGHỊ QUYẾT\nVề phân cấp thẩm quyền\n\n"
    + "".join(
        f"{n}. Điều {n + 13} Nghị định số 35/2031/NĐ-CP quy định chi tiết một số điều của Luật Thú y cho Chủ tịch Ủy "
        "ban nhân dân cấp tỉnh thực hiện.\n"
        for n in (1, 2)
    ),
    "luat-mau-vat.txt": "LUẬT MẪU VẬT\n\nĐiều 60. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng "
    "7 năm 2033.\n",
}


def test_one_statement_said_twice_with_two_values_is_an_internal_conflict_however_sourced(tmp_path) -> None:
    """The draft states one fact two ways, and a source states each (the amended text and the amending one): the
    later place is an internal conflict; two procedures with their own time limits, two laws' `Luật này ...` in
    the same words, or two articles of a list of delegations, are not."""
    said = ("Trong thời hạn không quá {} ngày làm việc, kể từ ngày nhận được kết quả thẩm định hồ sơ, cơ quan tiếp "
            "nhận hồ sơ thông báo cho tổ chức, cá nhân đề nghị để nhận kết quả.")  # fmt: skip
    other = ("Trong thời hạn không quá 15 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan thẩm định tổ chức kiểm tra "
             "thực địa khu vực đề nghị cấp phép.")  # fmt: skip
    for built in indexed(tmp_path, AMENDED):
        first, again, third = check_text(
            built, f"{said.format('02')}\nNhư đã nêu ở trên, {said.format('03')}\n{other}\n"
        )
        assert first.status == "supported" and third.status == "supported", (first, third)
        assert again.status == "internal_conflict" and again.conflicts_with == first.id, again
        assert (again.draft_value or "").startswith("03") and (again.source_value or "").startswith("02"), again
        assert all(f.status == "supported" for f in check_text(built, f"{said.format('02')}\n{other}\n", "d2.txt"))
        # `Luật này` is each law the draft quotes: the same words of two laws are two facts
        laws = "".join(f"Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm {year}.\n" for year in (2032, 2033))
        assert [f.status for f in check_text(built, laws, "d3.txt")] == ["supported", "supported"]
        # a list of like-worded delegations names each article once: two facts
        listed = "".join(f"Điều {n} Nghị định số 35/2031/NĐ-CP quy định chi tiết một số điều của Luật Thú y cho Chủ tịch "
                         "Ủy ban nhân dân cấp tỉnh thực hiện.\n" for n in (14, 15))  # fmt: skip
        assert [f.status for f in check_text(built, listed, "d4.txt")] == ["supported", "supported"]
