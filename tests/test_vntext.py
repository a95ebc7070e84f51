"""Vietnamese text handling: tone-mark convention, tone stripping, tokens (property-based where it pays)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.vn import vntext

VIET = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789.,/-\n\u200b"
        )
    ),
    max_size=80,
)


def test_one_tone_mark_convention():
    assert vntext.canonical("hoà bình, thuỷ lợi, qúy, khoẻ") == "hòa bình, thủy lợi, quý, khỏe"
    assert vntext.canonical("CỘNG HOÀ") == "CỘNG HÒA"
    assert vntext.canonical("Uỷ ban") == "Ủy ban"


def test_clean_keeps_tone_placement_but_fixes_unicode():
    decomposed = "Nghi\u0323 quyê\u0301t"  # NFD input
    assert vntext.clean(decomposed) == "Nghị quyết"
    assert vntext.clean("Ðảm\u200b bảo\u00a0x") == "Đảm bảo x"
    assert vntext.clean("hoà") == "hoà"


def test_strip_tones():
    assert vntext.strip_tones("Tiến độ báo cáo tổng kết Nghị quyết 02") == "tien do bao cao tong ket nghi quyet 02"
    assert vntext.strip_tones("ĐỊA CHẤT") == "dia chat"
    assert not vntext.has_tone_marks("tien do") and vntext.has_tone_marks("tiến độ")


def test_tokens_and_sentences():
    assert vntext.syllables("Đạt 85,5% năm 2030; 1.000 tấn") == ["đạt", "85,5", "năm", "2030", "1.000", "tấn"]
    assert vntext.words("Tổ biên tập đã họp trực tuyến") == ["tổ", "biên_tập", "đã", "họp", "trực_tuyến"]
    sents = vntext.sentences("Ngày 28/7/2021, Tổ biên tập đã họp. Theo đó, đã thống nhất nội dung.")
    assert len(sents) == 2
    # a lettered item run into the text before it (PDF text loses the line break); `điểm a khoản 1` stays whole
    run_in = vntext.sentences("Văn phòng Chính phủ có ý kiến tại Văn bản số 9611/VPCP-CN. g) Đá phiến các loại, trừ "
                              "đá phiến lợp. Quy định tại điểm a khoản 1 Điều 5.")  # fmt: skip
    assert [s[:8] for s in run_in] == ["Văn phòn", "g) Đá ph", "Quy định"]


@pytest.mark.parametrize("numbered", ["khoáng sản nhóm I", "Phụ lục II", "khu vực IV", "giai đoạn II"])
def test_a_sentence_may_end_with_a_roman_numeral(numbered: str):
    # a capital after a lower-case word numbers it; an initial stands in a name, after another capital
    assert vntext.sentences(f"Bộ thẩm định phương án thuộc {numbered}. Theo đó, các tỉnh báo cáo.") == [
        f"Bộ thẩm định phương án thuộc {numbered}.", "Theo đó, các tỉnh báo cáo."]  # fmt: skip
    assert len(vntext.sentences("Đại diện là ông Nguyễn Văn A. Trần, chuyên viên.")) == 1


@pytest.mark.parametrize("quote", ["", "”"])
@pytest.mark.parametrize("source", ["(Công văn số 41/SNNMT-KS)", "(theo Báo cáo số 7/BC-UBND)"])
def test_a_source_in_brackets_after_the_period_stays_with_its_sentence(quote: str, source: str):
    # written after the closing period (and quotation mark), a citation belongs to the sentence it sources
    text = f"Doanh nghiệp nộp 02 bộ hồ sơ về Sở Xây dựng.{quote} {source}. Năm 2024 có 3 mỏ."
    assert vntext.sentences(text) == [f"Doanh nghiệp nộp 02 bộ hồ sơ về Sở Xây dựng.{quote} {source}.",
                                      "Năm 2024 có 3 mỏ."]  # fmt: skip
    assert vntext.sentences("(a) Điều này áp dụng cho mỏ nhỏ. (b) Điều khác.")[0].startswith("(a) Điều này")


@given(VIET)
@settings(max_examples=200, deadline=None)
def test_canonical_is_idempotent_and_keeps_letters(text):
    once = vntext.canonical(text)
    assert vntext.canonical(once) == once
    assert vntext.strip_tones(once) == vntext.strip_tones(vntext.clean(text))


@given(VIET)
@settings(max_examples=200, deadline=None)
def test_match_form_collapses_whitespace(text):
    out = vntext.match_form(text)
    assert "  " not in out and "\n" not in out and "\u200b" not in out
    assert vntext.match_form(out) == out
