"""Legacy Vietnamese font encodings: detect TCVN3 (ABC, `.VnTime`) and VNI-Windows text and convert to Unicode.

Both predate Unicode: TCVN3 puts each accented lowercase letter in one byte of 0xA1-0xFE; VNI writes a
base letter followed by one modifier byte. Read as Windows-1252/Latin-1 they look like `Céng hoµ` or
`Coäng hoøa`. No maintained PyPI package converts them, so the tables are generated here from the rules.
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}
_TONES = (None, "acute", "grave", "hook", "tilde", "dot")


def _compose(base: str, tone: str | None) -> str:
    return unicodedata.normalize("NFC", base + (_TONE_MARKS[tone] if tone else ""))


# --- TCVN3 (TCVN 5712:1993, ABC): one byte per accented letter ----------------------------------------
_TCVN3_ROWS = {  # base letter -> bytes for (none, acute, grave, hook, tilde, dot)
    "a": "a¸µ¶·¹",
    "ă": "¨¾»¼½Æ",
    "â": "©ÊÇÈÉË",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\xadøõö÷ù",
    "y": "yýúûüþ",
}
TCVN3_TO_UNICODE: dict[str, str] = {"®": "đ", "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư"}
for _base, _codes in _TCVN3_ROWS.items():
    for _tone, _code in zip(_TONES, _codes, strict=True):
        if _code != _base:
            TCVN3_TO_UNICODE[_code] = _compose(_base, _tone)

# --- VNI-Windows: base letter + modifier byte ------------------------------------------------------
_VNI_TONE = dict(zip(_TONES, ("", "ù", "ø", "û", "õ", "ï"), strict=True))
_VNI_CIRCUMFLEX = dict(zip(_TONES, ("â", "á", "à", "å", "ã", "ä"), strict=True))
_VNI_BREVE = dict(zip(_TONES, ("ê", "é", "è", "ú", "ü", "ë"), strict=True))
_VNI_I = dict(zip(_TONES, ("i", "í", "ì", "æ", "ó", "ò"), strict=True))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    for tone in _TONES:
        pairs = {
            **{v + _VNI_TONE[tone]: _compose(v, tone) for v in "aeouy"},
            **{v + _VNI_CIRCUMFLEX[tone]: _compose({"a": "â", "e": "ê", "o": "ô"}[v], tone) for v in "aeo"},
            "a" + _VNI_BREVE[tone]: _compose("ă", tone),
            "ô" + _VNI_TONE[tone]: _compose("ơ", tone),
            "ö" + _VNI_TONE[tone]: _compose("ư", tone),
            _VNI_I[tone]: _compose("i", tone),
        }
        if tone == "dot":
            pairs["î"] = _compose("y", "dot")
            pairs.pop("y" + _VNI_TONE["dot"], None)
        for src, dst in pairs.items():
            if src != dst:
                table[src] = dst
                table[src.upper()] = dst.upper()
    return table


VNI_TO_UNICODE = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_TO_UNICODE), key=len, reverse=True)))
_VNI_SIGNS = re.compile(r"[aeouyAEOUYôöÔÖ][ùøûõïáàåãäéèúüëâêÙØÛÕÏÁÀÅÃÄÉÈÚÜËÂÊ]")
_TCVN3_SIGNS = set("µ¸¶·¹¨»¾¼½Æ©ÊÇÈÉË®ÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáäèåæçé¬íêëìîóïñòôøõö÷ùýúûüþ\xad")
_VIETNAMESE_UNICODE = re.compile(r"[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")


def detect(text: str) -> str | None:
    """`tcvn3`, `vni` or None for text already in Unicode code points (e.g. a `.VnTime` Word file)."""
    sample = text[:20000]
    letters = sum(c.isalpha() for c in sample)
    if letters < 20 or len(_VIETNAMESE_UNICODE.findall(sample)) > letters * 0.01:
        return None
    words = sample.split()
    vni = sum(1 for w in words if _VNI_SIGNS.search(w))
    tcvn3 = sum(1 for w in words if any(c in _TCVN3_SIGNS for c in w) and not _VNI_SIGNS.search(w))
    guess = None
    if vni >= max(3, 0.08 * len(words)) and vni > tcvn3:
        guess = "vni"
    elif tcvn3 >= max(3, 0.08 * len(words)):
        guess = "tcvn3"
    if guess and vietnamese_score(to_unicode(sample, guess)) > vietnamese_score(sample):
        return guess
    return None


def to_unicode(text: str, encoding: str) -> str:
    """Convert text in a legacy encoding (as read through Latin-1/Windows-1252) to NFC Unicode."""
    if encoding == "tcvn3":
        out = "".join(TCVN3_TO_UNICODE.get(c, c) for c in text)
    elif encoding == "vni":
        out = _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    else:
        raise ValueError(encoding)
    return unicodedata.normalize("NFC", out)


_VIET_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
_ODD = re.compile(r"[µ¸¶·¹¨»¾¼½©®ª«¬¡¢£¤¥¦§×÷þð\u0300-\u036f\ufffd]")
_VOWELS = "aăâeêioôơuưy"
_VOWEL_RUN = re.compile(f"[{_VOWELS}]+")
# Vowel groups of Vietnamese syllables (tone marks removed, vowel marks kept); `gi`/`qu` onsets stripped first.
_CLUSTERS = frozenset(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu "
    "yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu".split()
)


def _strip_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    kept = "".join(c for c in decomposed if c not in "\u0300\u0301\u0303\u0309\u0323")
    return unicodedata.normalize("NFC", kept)


def _plausible(word: str) -> bool:
    base = re.sub(r"^(gi|qu)(?=[" + _VOWELS + "])", "", _strip_tone(word))
    return all(run in _CLUSTERS for run in _VOWEL_RUN.findall(base))


def vietnamese_score(text: str) -> int:
    """Plausible Vietnamese words minus words no Vietnamese text contains (higher reads more like Vietnamese)."""
    score = 0
    for w in re.findall(r"[^\s\d.,;:!?()\[\]\"'/-]+", text):
        if _ODD.search(w):
            score -= 3
        elif _VIET_LETTER.search(w):
            score += 1 if _plausible(w) else -3
    return score


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese. Returns (text, legacy)."""
    candidates = {
        None: unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": to_unicode(data.decode("latin-1"), "tcvn3"),
        "vni": to_unicode(data.decode("cp1252", errors="replace"), "vni"),
    }
    best = max(candidates, key=lambda k: vietnamese_score(candidates[k]))
    return candidates[best], best
