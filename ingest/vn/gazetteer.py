"""Names the Editorial Group tracks: the 63 provinces (before the 2025 merger), the ministries, bodies and people.

Lists come from `data/provinces.tsv`, `data/ministries.tsv`, `data/people.tsv` and `data/bodies.tsv`.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from ingest.vn import glossary, numbers, vntext, vocab

PROVINCES: tuple[str, ...] = vocab.column("provinces")  # data/provinces.tsv
MINISTRIES: tuple[str, ...] = vocab.column("ministries")  # data/ministries.tsv
MINISTRIES_BEFORE_2025: tuple[str, ...] = tuple(r[0] for r in vocab.rows("ministries") if r[2:3] != ("2025",))

_PROVINCE_KEYS = {" ".join(vntext.strip_tones(p).replace(" - ", " ").split()): p for p in PROVINCES}
_PROVINCE_KEYS.update(
    {" ".join(vntext.strip_tones(alias).split()): name for name, aliases in vocab.rows("provinces")
     for alias in filter(None, aliases.split(","))}
)  # fmt: skip


def _key(text: str, canonical: bool = True) -> str:
    """` yen bai tinh lao cai `: tone-free syllables between spaces (punctuation and hyphens dropped)."""
    text = vntext.canonical(text) if canonical else text
    return " " + " ".join(re.findall(r"\w+", vntext.strip_tones(text))) + " "


def _mentions(text: str, names: dict[str, str], repeats: bool = False) -> list[str]:
    """Values of `names` (tone-free key -> name) mentioned in `text`, in order (each once, or at each mention with
    `repeats`); longer names win overlaps."""
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
    ordered = [name for _, name in sorted(found)]
    return ordered if repeats else list(dict.fromkeys(ordered))


def province_of(text: str) -> str | None:
    """The province named in `text` (any case, with or without tone marks), longest name first."""
    key = _key(text)
    return next((_PROVINCE_KEYS[k] for k in sorted(_PROVINCE_KEYS, key=len, reverse=True) if f" {k} " in key), None)


def provinces_in(text: str) -> list[str]:
    """Every province named in `text`, in order of first mention."""
    return _mentions(text, _PROVINCE_KEYS)


def province_said_of(text: str, at: int) -> str | None:
    """The province a value at offset `at` is said of: the one named last before it, else the first named after it
    (`tỉnh A cấp 27 giấy phép, tỉnh B cấp 15`: 27 is A's, 15 is B's; `Có 27 giấy phép tại tỉnh A`)."""
    before = _mentions(text[:at], _PROVINCE_KEYS, repeats=True)
    return before[-1] if before else next(iter(_mentions(text[at:], _PROVINCE_KEYS)), None)


_SENTENCE_END = re.compile(r"[.;:](?=\s)|\n")  # not the `.` inside `20.429` or `30/6/2025`


def figures_said_of(text: str, named: set[str]) -> set[str]:
    """The figures (`numbers.canonical`) `text` says of one of the provinces `named`, each read in its own sentence
    or line (`..., tỉnh Yên Bái (cũ) đã cấp 27 giấy phép`; a table row `Yên Bái  27`)."""
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    out: set[str] = set()
    for lo, hi in itertools.pairwise(bounds):
        sentence = text[lo:hi]
        for m in numbers.DIGITS.finditer(sentence):
            if province_said_of(sentence, m.start()) in named:
                out.add(numbers.canonical(m.group(0)))
    return out


@cache
def _written() -> tuple[re.Pattern[str], dict[str, str]]:
    written = {n.lower(): n for n in (*PROVINCES, *MINISTRIES)}
    names = sorted(written, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)"), written


def written_names(text: str) -> str:
    """`text` with the provinces and ministries it writes in lower case written as names are (`quảng ninh` ->
    `Quảng Ninh`, `bộ công thương` -> `Bộ Công Thương`): proper names are capitalised (Nghị định 30/2020/NĐ-CP,
    Phụ lục II). Text without tone marks is left as is: its names are not known to be these."""
    pattern, written = _written()
    return pattern.sub(lambda m: written[m.group(0)], text)


_MINISTRY_KEYS = {_key(m, canonical=False).strip(): m for m in MINISTRIES}
_MINISTRY_KEYS.update(
    {_key(short, canonical=False).strip(): name for name, shorts, *_ in vocab.rows("ministries")
     for short in filter(None, shorts.split(","))}
)  # fmt: skip


def ministries_in(text: str) -> list[str]:
    """Every ministry (or ministry-level agency) named anywhere in `text`, full or common short form."""
    return _mentions(text, _MINISTRY_KEYS)


_MINISTRY_CODES = {vntext.strip_tones(r[3]).upper(): r[0] for r in vocab.rows("ministries") if len(r) > 3 and r[3]}


def ministry_of_code(code: str) -> str | None:
    """`BCT` -> `Bộ Công Thương`: the ministry whose document numbers carry this issuer code (any tone marks)."""
    return _MINISTRY_CODES.get(vntext.strip_tones(code).upper())


def ministry_of(text: str) -> str | None:
    """The ministry (or ministry-level agency) named at the start of `text`, if any."""
    key = vntext.strip_tones(vntext.canonical(text))
    for m in sorted(MINISTRIES, key=len, reverse=True):
        if key.startswith(vntext.strip_tones(m)):
            return m
    return None


FAMILY_NAMES = frozenset(vocab.column("people", 1, where=(0, "family")))  # data/people.tsv


def looks_like_person(name: str) -> bool:
    """`Trần Hồng Hà` yes, `Chính phủ` or `Tổng cục Địa chất` no: a family name, then 1-3 capitalised syllables."""
    parts = vntext.canonical(name).split()
    return 2 <= len(parts) <= 4 and parts[0] in FAMILY_NAMES and all(p[:1].isupper() and p[1:].islower() for p in parts)


_TITLE_WORDS = frozenset(vocab.column("people", 1, where=(0, "stop")))  # words that end a name


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
def _place_pattern() -> re.Pattern[str]:
    """`tỉnh Lào Cai`, `thành phố Hà Nội`, `cấp tỉnh` right after a body's head (data/bodies.tsv, kind place)."""
    words = sorted(vocab.column("bodies", 1, where=(0, "place")), key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _province_at(text: str, pos: int) -> int | None:
    """The end of a province's name that starts at `pos` (after spaces), if one does: longest name first."""
    words = list(re.finditer(r"[^\s,.;:()|]+", text[pos : pos + 60]))
    for n in range(min(6, len(words)), 0, -1):
        key = " ".join(vntext.strip_tones(w.group(0)).replace("-", " ") for w in words[:n])
        if " ".join(key.split()) in _PROVINCE_KEYS:
            return pos + words[n - 1].end()
    return None


def body_end(text: str, end: int) -> int:
    """Where a body's name that starts before `end` ends: a known name (`Bộ` + `Tài nguyên và Môi trường`), or
    the capitalised words that follow, with a local body's place (`Ủy ban nhân dân tỉnh Lào Cai`) and a body named
    inside it (`Ban Thường vụ Tỉnh ủy Lào Cai`); a family name, punctuation or another lowercase word ends it."""
    rest = text[end:]
    gap = len(rest) - len(rest.lstrip())
    pos = end
    for name in known_bodies():
        if rest.lstrip().startswith(name):
            pos = end + gap + len(name)
            place = _place_pattern().match(text, pos)  # `Sở Tài nguyên và Môi trường tỉnh Quảng Ninh`
            return (place and _province_at(text, place.end())) or pos
    while True:
        place = _place_pattern().match(text, pos)
        if place:
            after = text[place.end() :].lstrip()[:1]
            if place.group(0).split()[0] == "cấp":
                return place.end()
            named = _province_at(text, place.end())
            if named:
                return named
            if after.isupper():
                pos = place.end()
        m = re.match(r"(\s*)([^\s,.;:()|]+)", text[pos:])
        if not m or (m.group(1) == "" and pos > end):
            return pos
        inner = body_pattern().match(text, pos + len(m.group(1)))
        if inner:  # a body inside the name: `Văn phòng Ủy ban nhân dân tỉnh ...`, `Ban Thường vụ Tỉnh ủy ...`
            return body_end(text, inner.end())
        word = m.group(2)
        if word in FAMILY_NAMES or not (
            word[0].isupper() or word in ("ương", "Nam") or (pos > end and _goes_on(text[:pos], word))
        ):
            return pos
        pos += m.end()


def _goes_on(before: str, word: str) -> bool:
    """A lowercase syllable that ends the capitalised word before it (`Cục Địa chất`, `Ủy ban Thường vụ Quốc hội`,
    `Ủy ban Dân tộc`): a body's name capitalises only the first syllable of each of its words (Nghị định
    30/2020/NĐ-CP, Phụ lục II)."""
    last = before.rsplit(None, 1)[-1:]
    return bool(last) and last[0][:1].isupper() and _one_word(last[0], word)


@lru_cache(maxsize=4096)
def _one_word(first: str, second: str) -> bool:
    return vntext.words(f"{first} {second}") == [f"{first} {second}".lower().replace(" ", "_")]


def bodies_in(text: str) -> list[tuple[int, int, str]]:
    """Every named body in `text` (`Bộ Công Thương`, `Sở Nông nghiệp và Môi trường`, `Ủy ban nhân dân tỉnh Lào
    Cai`) as (start, end, written); a bare head (`Bộ` of `Bộ trưởng`) names none."""
    out = []
    for m in body_pattern().finditer(text):
        end = body_end(text, m.end())
        if out and m.start() < out[-1][1]:
            continue
        if len(text[m.start() : end].split()) >= 2:
            out.append((m.start(), end, text[m.start() : end]))
    return out


_PROVINCE_KIND = re.compile(
    r"\b(?:tinh|thanh pho|tp) (?=(?:" + "|".join(sorted(map(re.escape, _PROVINCE_KEYS), key=len, reverse=True)) + r")$)"
)


@lru_cache(maxsize=4096)  # called per body of every source sentence a claim is compared with
def body_key(name: str) -> str:
    """One key per body however it is written: a ministry's canonical name (short forms included), otherwise
    the tone-free lowercase words (`Sở Công thương` = `Sở Công Thương`)."""
    name = glossary.spelled_out(name)
    ministries = ministries_in(name)
    if ministries and name.split()[0] == "Bộ":
        return ministries[0]
    # a local body is written with or without its province's kind (`UBND tỉnh Lào Cai`, `UBND Lào Cai`, `TP.`)
    return _PROVINCE_KIND.sub("", _key(name).strip())


def same_body(a: str, b: str) -> bool:
    """Two body keys (`body_key`) name one body: the same, or one the other's name with a qualifier after it (`cuc
    dia chat va khoang san` and `... viet nam`, `so cong thuong` and `... tinh lao cai`, `thu tuong` and `... chinh
    phu`); `chinh phu` is not `thu tuong chinh phu`, whose name only ends with it."""
    return a == b or (len(a) > 8 and len(b) > 8 and (a.startswith(b) or b.startswith(a)))


@cache
def _task_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(vocab.column("bodies", 1, where=(0, "task"))) + r")(?!\w)")


def gives_task(text: str) -> bool:
    """`... chủ trì`, `... lãnh đạo`, `... ký`: the text gives someone a task."""
    return bool(_task_pattern().search(text))
