"""Names the Editorial Group tracks: the 63 provinces (before the 2025 merger) and the ministries."""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import vntext, vocab

PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip

MINISTRIES: tuple[str, ...] = (
    "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Giao thông vận tải",
    "Bộ Xây dựng", "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông", "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
    "Ủy ban Dân tộc", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ",
    "Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo",
)  # fmt: skip

_PROVINCE_KEYS = {" ".join(vntext.strip_tones(p).replace(" - ", " ").split()): p for p in PROVINCES}
_PROVINCE_KEYS.update({"tp hcm": "Hồ Chí Minh", "thanh pho ho chi minh": "Hồ Chí Minh", "hue": "Thừa Thiên Huế"})


def _key(text: str, canonical: bool = True) -> str:
    """` yen bai tinh lao cai `: tone-free syllables between spaces (punctuation and hyphens dropped)."""
    text = vntext.canonical(text) if canonical else text
    return " " + " ".join(re.findall(r"\w+", vntext.strip_tones(text))) + " "


def _mentions(text: str, names: dict[str, str]) -> list[str]:
    """Values of `names` (tone-free key -> name) mentioned in `text`, in order; longer names win overlaps."""
    key = _key(text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for k in sorted(names, key=len, reverse=True):
        start = 0
        while (i := key.find(f" {k} ", start)) >= 0:
            start = i + 1
            if not any(a < i + len(k) + 1 and i + 1 < b for a, b in taken):
                taken.append((i + 1, i + 1 + len(k)))
                found.append((i, names[k]))
    return list(dict.fromkeys(name for _, name in sorted(found)))


def province_of(text: str) -> str | None:
    """The province named in `text` (any case, with or without tone marks), longest name first."""
    key = _key(text)
    return next((_PROVINCE_KEYS[k] for k in sorted(_PROVINCE_KEYS, key=len, reverse=True) if f" {k} " in key), None)


def provinces_in(text: str) -> list[str]:
    """Every province named in `text`, in order of first mention."""
    return _mentions(text, _PROVINCE_KEYS)


_MINISTRY_KEYS = {_key(m, canonical=False).strip(): m for m in MINISTRIES}
_MINISTRY_SHORT = {
    "Bộ TN&MT": "Bộ Tài nguyên và Môi trường", "Bộ TNMT": "Bộ Tài nguyên và Môi trường",
    "Bộ NN&MT": "Bộ Nông nghiệp và Môi trường", "Bộ NNMT": "Bộ Nông nghiệp và Môi trường",
    "Bộ KH&ĐT": "Bộ Kế hoạch và Đầu tư", "Bộ KHĐT": "Bộ Kế hoạch và Đầu tư", "Bộ GTVT": "Bộ Giao thông vận tải",
    "Bộ NN&PTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ LĐ-TB&XH": "Bộ Lao động - Thương binh và Xã hội",
}  # fmt: skip
_MINISTRY_KEYS.update({_key(k, canonical=False).strip(): v for k, v in _MINISTRY_SHORT.items()})


def ministries_in(text: str) -> list[str]:
    """Every ministry (or ministry-level agency) named anywhere in `text`, full or common short form."""
    return _mentions(text, _MINISTRY_KEYS)


def ministry_of(text: str) -> str | None:
    """The ministry (or ministry-level agency) named at the start of `text`, if any."""
    key = vntext.strip_tones(vntext.canonical(text))
    for m in sorted(MINISTRIES, key=len, reverse=True):
        if key.startswith(vntext.strip_tones(m)):
            return m
    return None


FAMILY_NAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Lại",
        "Đinh",
        "Trương",
        "Mai",
        "Lưu",
        "Trịnh",
        "Đoàn",
        "Cao",
        "Lâm",
        "Tô",
        "Hà",
        "Chu",
        "Tạ",
        "Thái",
        "Đào",
        "Lương",
        "Triệu",
        "Kiều",
        "Quách",
        "Mạc",
        "Giang",
        "Văn",
        "Vương",
        "Tăng",
        "Hứa",
        "La",
        "Lò",
        "Lục",
        "Nông",
        "Hầu",
        "Tống",
        "Khổng",
        "Thân",
        "Viên",
        "Âu",
        "Diệp",
        "Mẫn",
        "Chế",
        "Phùng",
        "Nghiêm",
        "Kim",
        "Doãn",
        "Cù",
        "Đàm",
        "Ninh",
        "Hoàng",
        "Khúc",
        "Bạch",
    ]
)


def looks_like_person(name: str) -> bool:
    """`Trần Hồng Hà` yes, `Chính phủ` or `Tổng cục Địa chất` no: a family name, then 1-3 capitalised syllables."""
    parts = vntext.canonical(name).split()
    return 2 <= len(parts) <= 4 and parts[0] in FAMILY_NAMES and all(p[:1].isupper() and p[1:].islower() for p in parts)


_TITLE_WORDS = frozenset(
    [
        "Phó",
        "Thủ",
        "Tổng",
        "Bộ",
        "Chủ",
        "Giám",
        "Trưởng",
        "Cục",
        "Sở",
        "Ban",
        "Ủy",
        "Chánh",
        "Thứ",
        "Tỉnh",
        "Huyện",
        "Xã",
        "Ông",
        "Bà",
        "Đồng",
    ]
)


def _is_place(words: list[str]) -> bool:
    """`Cao Bằng`, `Hà Nội`, `Thái Nguyên`: a province name, not a person (whose names never equal one)."""
    key = vntext.strip_tones(" ".join(words))
    return any(key == k or key.startswith(k + " ") for k in _PROVINCE_KEYS)


def find_people(text: str) -> list[str]:
    """Personal names in `text`: a family name followed by one to three capitalised syllables."""
    words = re.findall(r"[^\W\d_]+", vntext.canonical(text))
    out = []
    i = 0
    while i < len(words):
        if words[i] in FAMILY_NAMES:
            j = i + 1
            while (
                j < len(words)
                and j - i < 4
                and words[j][:1].isupper()
                and words[j][1:].islower()
                and words[j] not in _TITLE_WORDS
            ):
                j += 1
            if j - i >= 2 and not _is_place(words[i:j]):
                out.append(" ".join(words[i:j]))
                i = j
                continue
        i += 1
    return out


@cache
def body_pattern() -> re.Pattern[str]:
    """The start of a body's name (`Ủy ban nhân dân`, `Bộ`, `Tổ công tác`), longest first (data/bodies.tsv)."""
    heads = sorted(vocab.column("bodies", 1, where=(0, "head")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, heads)) + r")(?!\w)")


@cache
def known_bodies() -> tuple[str, ...]:
    """Complete names of bodies, longest first: the ministries with and without `Bộ`, and data/bodies.tsv's."""
    names = [m.split(" ", 1)[1] for m in MINISTRIES] + list(MINISTRIES) + list(vocab.column("bodies", 1, (0, "known")))
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _task_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(vocab.column("bodies", 1, where=(0, "task"))) + r")(?!\w)")


def gives_task(text: str) -> bool:
    """`... chủ trì`, `... lãnh đạo`, `... ký`: the text gives someone a task."""
    return bool(_task_pattern().search(text))
