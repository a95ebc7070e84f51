"""How Vietnamese questions say what they ask: the kind of answer, its unit, a position, a named part, a type.

One table of cues (`data/intents.tsv`) serves toned and tone-free questions: the tone-free patterns are
derived from the toned ones. With tone marks the toned cues decide (`mấy` asks for a count, `máy móc` does
not); without, the tone-free ones do, and a dictionary word (`may moc`) is not read as `mấy`.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import doctypes, vntext, vocab
from ingest.vn.words import flat_syllables

_PART = re.compile(r" (phu luc|dieu|chuong|muc|phan) ([ivxlc]+|\d+[a-z]?)(?= )")
_HOW_MANY = re.compile(r" bao nhieu ((?:\w+ ){1,2})")


Cues = tuple[tuple[str, re.Pattern[str]], ...]


@cache
def _cues(table: str = "intents") -> tuple[Cues, Cues]:
    """(kind, cue) of a question-cue table, as written (for toned questions) and tone-free (derived)."""
    types = doctypes.alternation().lower()
    bodies = "|".join(re.escape(word) for word, _ in _asked_bodies())
    toned, flat = [], []
    for kind, cue in vocab.rows(table):
        cue = cue.replace("{types}", types).replace("{bodies}", bodies)
        toned.append((kind, re.compile(cue)))
        flat.append((kind, re.compile(vntext.strip_tones(cue))))
    return tuple(toned), tuple(flat)


@cache
def _asked_bodies() -> tuple[tuple[str, str], ...]:
    """(noun, what names answer it) for `Bộ nào`, `Tỉnh nào`, ... (data/asked_bodies.tsv), longest first."""
    pairs = [(r[0], r[1]) for r in vocab.rows("asked_bodies")]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _asked_body_pattern() -> re.Pattern[str]:
    nouns = "|".join(re.escape(flat_form(word).strip()) for word, _ in _asked_bodies())
    return re.compile(rf" (?<!nhung )(?<!cac )({nouns}) nao ")


def asked_body(flat: str) -> str | None:
    """`Bộ nào chủ trì ...?` -> ministry; `Tỉnh nào ...?` -> province; `Cơ quan nào ...?` -> body; else None."""
    m = _asked_body_pattern().search(flat)
    if not m:
        return None
    return next(kind for word, kind in _asked_bodies() if flat_form(word).strip() == m.group(1))


@cache
def _positions() -> str:
    return "(?:" + "|".join(vocab.column("positions")) + ")"


@cache
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    pos = _positions()
    role = re.compile(r" ai (?:(?:giu chuc|giu vi tri|la|lam|dam nhiem|phu trach|chu tri) )?((?:\w+ ){1,4})")
    named = re.compile(
        rf" ai (?:giu chuc|giu vi tri|la|dam nhiem) ({pos} (?:\w+ ){{0,2}})| ({pos} (?:\w+ ){{0,4}})la ai "
    )
    return role, named


@cache
def _type_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    types = doctypes.alternation(flat=True)
    return re.compile(rf" ({types}) nao "), re.compile(rf" ({types}) ")


@cache
def _flat_words() -> frozenset[str]:
    """Tone-free multi-syllable words of the Viet74K list (`may moc`, `may bay`)."""
    from ingest.vn.spelling import dictionary_words

    return frozenset(vntext.strip_tones(w) for w in dictionary_words() if " " in w)


def flat_form(text: str) -> str:
    """` quyet dinh 502 `: tone-free syllables between spaces, the form the patterns below read."""
    return " " + " ".join(flat_syllables(text)) + " "


def wants(text: str, toned: bool) -> str | None:
    """The kind of answer asked for (number, duration, date, when, signer, person, docref, summary, list,
    definition, class, how), or None."""
    toned_cues, flat_cues = _cues()
    if toned:
        low = _toned_form(text)
        return next((kind for kind, rx in toned_cues if rx.search(low)), None)
    flat = flat_form(text)
    for kind, rx in flat_cues:
        for m in rx.finditer(flat):
            if m.group(0) == "may" and _counting_may_is_a_word(flat, m.end()):
                continue
            return kind
    return None


def _counting_may_is_a_word(flat: str, end: int) -> bool:
    """`may moc`, `may bay`: unmarked `may` followed by a word it forms in the dictionary is `máy`, not `mấy`."""
    nxt = flat[end:].split()[:1]
    return bool(nxt) and f"may {nxt[0]}" in _flat_words()


def unit(flat: str) -> tuple[str, ...] | None:
    """`bao nhiêu tấn` -> the forms documents write the unit in (`tấn`), from data/units.tsv."""
    m = _HOW_MANY.search(flat)
    if not m:
        return None
    following = m.group(1).strip()
    for key, forms, kind, *_ in vocab.rows("units"):
        if kind == "quantity" and (following == key or following.startswith(key + " ")):
            return tuple(forms.split(","))
    return None


def role(flat: str) -> tuple[list[str], bool]:
    """The syllables of the role a `ai ...` question asks about, and whether it names a position."""
    role_rx, named_rx = _role_patterns()
    named = named_rx.search(flat)
    found = named or role_rx.search(flat)
    return ((found.group(1) or found.group(2)).split() if found else []), bool(named)


def parts(flat: str) -> list[str]:
    """`Phụ lục II`, `Điều 5` named in the question (tone-free, lowercased)."""
    return [f"{a} {b}" for a, b in _PART.findall(flat)]


def asked_type(flat: str) -> str | None:
    """`Quyết định nào` -> Quyết định; `Quyết định phê duyệt ... có số hiệu ...`: the document whose number is asked
    is the last one named before `số hiệu`."""
    asked_rx, type_rx = _type_patterns()
    m = asked_rx.search(flat)
    if not m:
        at = flat.find(" so hieu ")
        m = next(reversed(list(type_rx.finditer(flat, 0, at + 1))), None) if at >= 0 else None
    return doctypes.of_words(m.group(1)) if m else None


def _toned_form(text: str) -> str:
    """` quyết định 502 `: the lower-case question with its tone marks, the form the toned cues read."""
    return " " + vntext.canonical(text).lower() + " "


def asks_issue(text: str) -> bool:
    """The question asks about a document's own issue (when it was signed or issued), which its header states, and
    not a date it sets (`có hiệu lực`): `data/header_questions.tsv`, read as `intents.tsv` is."""
    toned = vntext.has_tone_marks(text)
    cues = _cues("header_questions")[0 if toned else 1]
    form = _toned_form(text) if toned else flat_form(text)
    found = {kind for kind, rx in cues if rx.search(form)}
    return "issued" in found and "other_date" not in found
