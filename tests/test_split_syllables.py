"""Syllables a PDF text layer split at a tone mark are joined again, whichever side the split left the consonants
on (text written for the test); whole syllables, units and correct text are left as written."""

from __future__ import annotations

import pytest

from ingest.vn.repair import join_split_syllables


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("thông qua ng ày 29 th áng 11 n ăm 2031", "thông qua ngày 29 tháng 11 năm 2031"),  # onset before the vowel
        ("V ĂN PHÒNG QUỐC HỘI X ÁC THỰC V ĂN B ẢN H ỢP NHẤT", "VĂN PHÒNG QUỐC HỘI XÁC THỰC VĂN BẢN HỢP NHẤT"),
        ("theo quy đị nh tại Điều 5", "theo quy định tại Điều 5"),  # coda after it
        ("Trường hợ p tài s ản g ắn liền với đất", "Trường hợp tài sản gắn liền với đất"),
        ("cơ quan nhà n ước có thẩm quyền", "cơ quan nhà nước có thẩm quyền"),  # both readings are syllables
        ("giao cho ng ười sử dụng", "giao cho người sử dụng"),
        ("Nguy ễn H ạnh Phúc", "Nguyễn Hạnh Phúc"),
    ],
)
def test_a_split_syllable_is_joined_to_the_side_it_belongs_to(damaged: str, repaired: str) -> None:
    assert join_split_syllables(damaged) == repaired


@pytest.mark.parametrize(
    "written",
    ["Khối lượng tính là m3 nguyên khai.", "Cơ quan nhà nước có thẩm quyền", "UBND tỉnh Lào Cai", "Điều 5 Luật số 54"],
)
def test_text_without_damage_is_left_as_written(written: str) -> None:
    assert join_split_syllables(written) == written
