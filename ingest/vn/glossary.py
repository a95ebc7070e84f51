"""Vietnamese administrative abbreviations and their expansions (both directions feed the sparse index).

`TN&MT` in a question finds `Tài nguyên và Môi trường` in a document and the other way round, because
documents and queries both get the expansions of the abbreviations they contain.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import doctypes, vntext, vocab

# Bodies and terms (data/abbreviations.tsv) and the codes of document types (data/doc_types.tsv).
ABBREVIATIONS: dict[str, str] = {**doctypes.plain_codes(), **dict(vocab.rows("abbreviations"))}
_TOKEN = re.compile(
    r"(?<![\w&-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w&])"
)


def expansions(text: str) -> list[str]:
    """Full forms of the abbreviations written in `text` (once each, in order of appearance)."""
    return list(dict.fromkeys(ABBREVIATIONS[m.group(1)] for m in _TOKEN.finditer(text)))


def spelled_out(text: str) -> str:
    """`text` with each abbreviation replaced by its full form in place (`UBND tỉnh` -> `Ủy ban nhân dân tỉnh`)."""
    return _TOKEN.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def expand_query(question: str) -> str:
    """The question with the full forms of its abbreviations appended."""
    extra = expansions(question)
    return f"{question} ({'; '.join(extra)})" if extra else question


# the shape of a Vietnamese syllable, tone-free: initial consonant, vowel nucleus, final (Đoàn Thiện Thuật, Ngữ âm
# tiếng Việt, 1977); `ubnd`, `tnmt` have none
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptiyou])?"
)


@cache
def _lowered() -> dict[str, str]:
    return {
        low: a for a in ABBREVIATIONS
        if len(a) >= 3 and not _SYLLABLE_SHAPE.fullmatch(low := vntext.strip_tones(a.lower()).replace("đ", "d"))
    }  # fmt: skip


@cache
def flat_expansions() -> dict[str, tuple[str, ...]]:
    """Tone-free lower-case abbreviation -> the tone-free syllables of its full form (`nq` -> `nghi`, `quyet`), for
    the abbreviations no syllable of the language could be read as (two letters or more)."""
    out = {}
    for a, full in ABBREVIATIONS.items():
        low = vntext.strip_tones(a.lower())
        if len(low) >= 2 and not _SYLLABLE_SHAPE.fullmatch(low.replace("đ", "d")):
            out[low] = tuple(re.findall(r"\w+", vntext.strip_tones(full.lower())))
    return out


def written_abbreviations(text: str) -> str:
    """`ubnd tinh` -> `UBND tinh`: an abbreviation typed in lower case (as a question without tone marks often is)
    written as it is written, so it is read as one; three letters or more, and never a word of the language."""
    return re.sub(
        r"(?<![\w&/-])[a-zđ&-]{3,}(?![\w&/-])", lambda m: _lowered().get(m.group(0).replace("đ", "d"), m.group(0)), text
    )
