"""Repair of text-extraction damage common in Vietnamese PDFs: syllables split by stray spaces.

PDF text layers (Công báo, vbpl) often break a syllable where a tone mark was drawn as a separate glyph:
`quy ền`, `tài s ản`, `n ăm 2015`, `CH Ủ TỊCH`. Two neighbouring pieces are joined when at least one of
them is not a Vietnamese syllable and the joined form is one (Viet74K's syllables). Whole syllables are never
joined, so correct text, abbreviations and foreign words are left as they are.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import vntext, vocab

_PIECE = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W\d_]+|\s+|.", re.DOTALL)
_VOWEL = re.compile(r"[aeiouy]")


def _valid(piece: str) -> bool:
    """A Vietnamese syllable: in the dictionary's syllables, with a vowel (a lone `n`, `ch` is a fragment)."""
    from ingest.vn.spelling import dictionary_syllables

    low = piece.lower()
    return bool(_VOWEL.search(vntext.strip_tones(low))) and (low in dictionary_syllables() or low in _family_names())


@cache
def _family_names() -> frozenset[str]:
    """Family names are syllables the dictionary leaves out (`Nguyễn`): data/people.tsv."""
    return frozenset(vntext.canonical(w).lower() for w in vocab.column("people", 1, where=(0, "family")))


def _joinable(a: str, b: str) -> bool:
    if _valid(a) and _valid(b):
        return False
    if a[-1].isupper() != b[0].isupper() and not b[:1].islower():
        return False
    return _valid(a + b)


def join_split_syllables(text: str) -> str:
    """`Bộ lu ật dân s ự s ố 33/2005/QH11` -> `Bộ luật dân sự số 33/2005/QH11`."""
    if " " not in text:
        return text
    tokens = _TOKEN.findall(vntext.canonical(text))
    out: list[str] = []
    for i, tok in enumerate(tokens):
        # out ends [..., word, " "] and tok is a word: maybe the two words are one syllable split apart
        if (
            len(out) >= 2
            and out[-1] == " "
            and _PIECE.fullmatch(tok)
            and _PIECE.fullmatch(out[-2])
            and _joinable(out[-2], tok)
            and not _opens_next(out[-2], tok, tokens[i + 1 : i + 3])
        ):
            out.pop()
            out[-1] += tok
            continue
        out.append(tok)
    return "".join(out)


def _opens_next(before: str, piece: str, after: list[str]) -> bool:
    """A piece without a vowel between two words is the onset of the next one, not the end of the one before, when
    the next is a fragment that it completes (`qua ng ày` -> `qua ngày`, `B ẢN H ỢP` -> `BẢN HỢP`) or, both reading
    as syllables, when only that reading makes a dictionary word with its neighbour (`nhà n ước` -> `nhà nước`,
    not `nhàn ước`); otherwise it ends the word before (`đị nh tại` -> `định tại`, `tê n gọi` -> `tên gọi`)."""
    if after and after[0][:1].isdigit():
        return True  # a unit written against its power (`m3`, `km2`) is no syllable's end
    if _VOWEL.search(vntext.strip_tones(piece.lower())) or len(after) < 2 or after[0] != " ":
        return False
    nxt = after[1]
    if not (_PIECE.fullmatch(nxt) and _valid(piece + nxt)):
        return False
    if not _valid(nxt):
        return True
    words = _dictionary_words()
    return f"{before} {piece}{nxt}".lower() in words and f"{before}{piece} {nxt}".lower() not in words


@cache
def _dictionary_words() -> frozenset[str]:
    from ingest.vn.spelling import dictionary_words

    return frozenset(dictionary_words())


def damaged(text: str, share: float = 0.01, min_pieces: int = 50) -> bool:
    """Whether a text shows the split-syllable damage often enough to be worth repairing (`share` of its first
    50,000 characters' pieces are fragments, and it has at least `min_pieces` pieces)."""
    pieces = _PIECE.findall(text[:50_000])
    if len(pieces) < min_pieces:
        return False
    bad = sum(1 for p in pieces if p[:1].islower() and len(p) <= 3 and not _valid(p))  # not abbreviations
    return bad / len(pieces) >= share
