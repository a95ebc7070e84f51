"""Vietnamese text handling: the single place for Unicode, tone marks, tokens and sentences.

Every other module calls these functions, so index time and query time always agree.

- `clean`: display-safe clean-up (NFC, zero-width characters, Icelandic eth used as Đ).
- `canonical`: `clean` plus one tone-mark convention (hoà -> hòa, thuỷ -> thủy, qúy -> quý).
- `strip_tones`: lowercase ASCII-like form without tone or vowel marks (đ -> d).
- `syllables`, `words`, `sentences`: tokenisation, with underthesea for words and sentences.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from functools import lru_cache
from types import ModuleType

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CHAR_FIXES = str.maketrans({"ð": "đ", "Ð": "Đ", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": "\n"})
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)
_WS = re.compile(r"\s+")

# underthesea's package __init__ imports optional pipelines (translation pulls in torch and transformers,
# ~3 s and ~300 MB). We only need word/sentence segmentation and the token normaliser, so those optional
# modules are marked unavailable before the first import; underthesea itself treats them as optional.
_OPTIONAL_UNDERTHESEA = (
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.pipeline.translate",
    "underthesea.agent",
    "underthesea.address",
)
_import_lock = threading.Lock()


def _underthesea() -> ModuleType:
    """Import underthesea once, without its heavy optional pipelines."""
    if "underthesea" in sys.modules and sys.modules["underthesea"] is not None:
        return sys.modules["underthesea"]
    with _import_lock:
        for name in _OPTIONAL_UNDERTHESEA:
            sys.modules.setdefault(name, None)  # type: ignore[arg-type]
        import underthesea

        return underthesea


@lru_cache(maxsize=1)
def _token_map() -> dict[str, str]:
    _underthesea()
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    return dict(token_map)


def clean(text: str) -> str:
    """NFC, no zero-width characters, no-break spaces as spaces, `ð` as `đ`. Tone marks untouched."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_ZERO_WIDTH).translate(_CHAR_FIXES)


def canonical(text: str) -> str:
    """`clean` plus one tone-mark placement per syllable (hoà/hòa, thuỷ/thủy, qúy/quý)."""
    text = clean(text)
    table = _token_map()
    return _LETTERS.sub(lambda m: table.get(m.group(0), m.group(0)), text)


def strip_tones(text: str) -> str:
    """Lowercase text with all Vietnamese diacritics removed (`Quyết định` -> `quyet dinh`)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def has_tone_marks(text: str) -> bool:
    """True if any letter carries a Vietnamese diacritic (or đ)."""
    return strip_tones(text) != text.lower()


def looks_vietnamese(text: str, min_share: float = 0.15) -> bool:
    """At least `min_share` of the words (of a sample) carry Vietnamese diacritics."""
    words = text[:20000].split()
    if len(words) < 20:
        return True
    return sum(has_tone_marks(w) for w in words) / len(words) >= min_share


def number(n: float, decimals: int = 0) -> str:
    """A number written the Vietnamese way: `2.500.000`, `3,5`."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def match_form(text: str) -> str:
    """The evidence-matching form: NFC, no zero-width characters, whitespace runs collapsed."""
    return collapse_ws(clean(text))


def syllables(text: str) -> list[str]:
    """Lowercased syllables and numbers of canonical text (`5,5` and `1.000` stay one token)."""
    return _TOKEN.findall(canonical(text).lower())


def words(text: str) -> list[str]:
    """underthesea word segmentation, lowercased, multi-syllable words joined with `_`."""
    segment = _underthesea().word_tokenize
    out: list[str] = []
    for line in canonical(text).split("\n"):
        if line.strip():
            out.extend(w.lower().replace(" ", "_") for w in segment(line) if _TOKEN.search(w))
    return out


_ABBREVIATIONS = frozenset("TP Tp ThS TS GS PGS KT TM TL Q P TT Th BS KS CN ĐC St No Ths".split())
_PERIOD = re.compile(r"(?<=\S)\.\s+(?=\S)")
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")


def _split_periods(sentence: str) -> list[str]:
    """underthesea keeps `... 1.500 m. Nghị quyết ...` together: split where a period ends a word that is not an
    abbreviation (`TP.`, `KT.`) nor an initial, and an upper-case word or a lettered list item (`g) ...`) follows."""
    out, start = [], 0
    for m in _PERIOD.finditer(sentence):
        before = sentence[start : m.start()].split()[-2:] or [""]
        word, nxt = before[-1].strip("(\"'"), sentence[m.end() :][:1]
        starts = nxt.isupper() or _LETTER_ITEM.match(sentence, m.end())  # `... 9611/VPCP-CN. g) Đá phiến ...`
        # an initial stands in a name (`Nguyễn V. A.`); after a lower-case word a capital is a numeral or a
        # letter that numbers (`khoáng sản nhóm I.`, `Phụ lục II.`) and the period ends the sentence
        initial = len(word) == 1 and word.isupper() and (len(before) < 2 or before[0][:1].isupper())
        if starts and word not in _ABBREVIATIONS and not initial:
            out.append(sentence[start : m.start() + 1].strip())
            start = m.end()
    out.append(sentence[start:].strip())
    return [s for s in out if s]


# what continues the sentence before it: a closing quotation mark or bracket (`... cấp tỉnh.” (Công văn ...).`), or
# a parenthesised remark alone, as a citation of the sentence's source is written after its period
_CONTINUES = re.compile(r"[”’)\]]|\([^()]*\)[.;,]?$")


def sentences(text: str) -> list[str]:
    """Sentences of a passage (underthesea, then periods it missed), line breaks treated as boundaries."""
    split = _underthesea().sent_tokenize
    out: list[str] = []
    for line in clean(text).split("\n"):
        pieces = [piece for s in split(line) if s.strip() for piece in _split_periods(s.strip())]
        for i, piece in enumerate(pieces):
            if i and _CONTINUES.match(piece):
                out[-1] += piece if piece[0] in "”’)]" else f" {piece}"
            else:
                out.append(piece)
    return out
