"""What the generated draft suite does to a corpus sentence: plant one error, or say the same thing another way.

Every change reads the sentence with `eval.draft_patterns` (never the product's readers) and returns
`(claim, wrong value, right value)`, or None when the sentence offers nothing to change. Paraphrases keep every
fact: a date respelled, an official abbreviation, a fronted time phrase moved to the end, the sentence credited
to its own document in one of the attribution forms drafts use.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from eval import abbreviations
from eval import draft_patterns as pat

Made = tuple[str, str, str] | None
ROW_SEP = " | "  # how a draft's table row is named in the key (cells in order), as the checker names it

# How a draft credits a sentence to a document (Nghị định 30/2020/NĐ-CP, Phụ lục I: the report form; and the
# phrasing of the Editorial Group's drafts): `{label}` is the document, `{body}` the sentence.
ATTRIBUTION_FORMS = (
    "Theo {label}, {body}",
    "{Label} xác định {body}",
    "Tại {label}, {body}",
    "Như {label} đã nêu, {body}",
    "{Body}, theo {label}.",
    "{Body} ({label}).",
    "Căn cứ {label}, {body}",
    "{Label} nêu rõ: {body}",
)
# Official abbreviations a draft may use for a full form (eval/data/abbreviations.tsv)
ABBREVIATIONS = abbreviations.pairs("draft")
_ROMAN = ("I", "II", "III", "IV")
_FRONTED = re.compile(r"^((?:Năm|Trong năm|Trong giai đoạn|Giai đoạn|Đến hết năm|Đến năm|Tính đến|Từ năm|Sau)"
                      r" [^,]{1,40}), (.{20,})\.$")  # fmt: skip


@dataclass
class Source:
    doc: str
    sentence: str
    label: str  # how a draft names the sentence's document (`Nghị quyết số 02-NQ/TW`), or ""
    issuer: str = ""  # the body that issued it, as its header says (`Bộ Công Thương`), or ""
    signer: str = ""  # the name under its signature, or ""


def _changed(src: Source, span: tuple[int, int, str], new: str) -> Made:
    """The plant that writes `new` for `span` in the sentence: (claim, wrong value, right value), None if unchanged."""
    claim = _swap(src.sentence, span, new)
    return (claim, new, span[2]) if claim else None


def _swap(text: str, span: tuple[int, int, str], new: str) -> str | None:
    start, end, old = span
    return None if old == new else text[:start] + new + text[end:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def wrong_date(src: Source, rng: random.Random) -> Made:
    """A day moved; in a sentence without a full date, a quarter or a year moved (the figure said of another
    period)."""
    spans = pat.dates(src.sentence)
    if not spans:
        return _wrong_period(src, rng)
    span = rng.choice(spans)
    day = re.search(r"\d{1,2}", span[2])
    old = int(day.group(0))
    new = old + rng.choice([-5, -3, -2, 2, 3, 4, 6])
    new = new if 1 <= new <= 28 else (old % 28) + 1
    written = span[2][: day.start()] + f"{new:0{len(day.group(0))}d}" + span[2][day.end() :]
    return _changed(src, span, written)


def _wrong_period(src: Source, rng: random.Random) -> Made:
    if quarters := pat.quarters(src.sentence):
        span = rng.choice(quarters)
        m = pat.QUARTER.search(span[2])
        q = m.group(1)
        n = int(q) if q.isdigit() else _ROMAN.index(q) + 1
        other = rng.choice([k for k in (1, 2, 3, 4) if k != n])
        said = str(other) if q.isdigit() else _ROMAN[other - 1]
        written = span[2][: m.start(1)] + said + span[2][m.end(1) :]
    elif years := pat.years(src.sentence):
        span = rng.choice(years)
        year = int(span[2][-4:])
        written = span[2][:-4] + str(year + rng.choice([-3, -2, -1, 1, 2]))
    else:
        return None
    return _changed(src, span, written)


def wrong_provision(src: Source, rng: random.Random) -> Made:
    """The clause or the article of a cited provision changed (`khoản 2 Điều 60` -> `khoản 3 Điều 60`)."""
    spans = pat.provisions(src.sentence)
    if not spans:
        return None
    span = rng.choice(spans)
    m = pat.PROVISION.search(span[2])
    group = rng.choice([1, 2])
    old = int(m.group(group))
    new = old + rng.choice([1, 2, 3]) if old < 3 else old + rng.choice([-2, -1, 1, 2])
    written = span[2][: m.start(group)] + str(new) + span[2][m.end(group) :]
    return _changed(src, span, written)


def _respelled_figure(written: str, value: float) -> str:
    if "," in written:
        return f"{value:.{len(written.split(',')[1])}f}".replace(".", ",")
    if "." in written or value >= 10000:
        return f"{round(value):,}".replace(",", ".")
    return f"{round(value):0{len(written)}d}" if written.startswith("0") else str(round(value))


def wrong_number(src: Source, rng: random.Random) -> Made:
    spans = [s for s in pat.figures(src.sentence) if pat.figure_value(s[2]) not in (0, 1)]
    if not spans:
        return None
    span = rng.choice(spans)
    value = pat.figure_value(span[2])
    new_value = value * rng.choice([0.5, 0.8, 1.25, 1.5, 2.0]) if value > 12 else value + rng.choice([1, 2, 3])
    new = _respelled_figure(span[2], new_value)
    return _changed(src, span, new) if pat.figure_value(new) != value else None


def wrong_doc_number(src: Source, rng: random.Random) -> Made:
    spans = pat.doc_numbers(src.sentence)
    if not spans:
        return None
    span = rng.choice(spans)
    digits = re.match(r"\d+", span[2])
    new = str(int(digits.group(0)) + rng.choice([1, 2, 3, 5, 7])).zfill(len(digits.group(0))) + span[2][digits.end() :]
    return _changed(src, span, new)


def wrong_issuer(src: Source, rng: random.Random) -> Made:
    """A ministry or department the sentence names replaced by another of the same rank."""
    spans = pat.bodies(src.sentence)
    if not spans:
        return None
    span = rng.choice(spans)
    head = span[2].split()[0]
    pool = [head + m[2:] for m in pat.MINISTRIES if head + m[2:] not in src.sentence]
    new = rng.choice(pool)
    return _changed(src, span, new)


def wrong_person(src: Source, rng: random.Random, people: list[str]) -> Made:
    spans = pat.people(src.sentence)
    others = [p for p in people if not any(p == s[2] for s in spans)]
    if not spans or not others:
        return None
    span = rng.choice(spans)
    new = rng.choice(others)
    return _changed(src, span, new)


def wrong_subject(src: Source, rng: random.Random, places: list[str]) -> Made:
    """The same figure or date said of another province."""
    spans = pat.places(src.sentence)
    if len({s[2] for s in spans}) != 1 or not (pat.figures(src.sentence) or pat.dates(src.sentence)):
        return None
    if pat.doc_numbers(src.sentence):  # `Văn bản số N của UBND tỉnh A`: the document's issuer, not a figure's place
        return None
    others = [p for p in places if p not in src.sentence]
    if not others:
        return None
    new = rng.choice(others)
    claim = src.sentence
    for span in reversed(spans):
        claim = claim[: span[0]] + new + claim[span[1] :]
    return claim, new, spans[0][2]


def attributed(sentence: str, label: str, form: str) -> str:
    """`sentence` credited to `label` in one attribution form."""
    body = sentence.rstrip(" .;")
    return form.format(label=label, Label=label[:1].upper() + label[1:], body=lower_first(body) + ".",
                       Body=body[:1].upper() + body[1:])  # fmt: skip


def wrong_document(src: Source, rng: random.Random, labels: list[str]) -> tuple[str, str, str, str] | None:
    """The sentence credited to another document of the corpus; also returns the form used."""
    others = [lab for lab in labels if lab and lab != src.label]
    if not src.label or not others or pat.doc_numbers(src.sentence):
        return None
    form, label = rng.choice(ATTRIBUTION_FORMS), rng.choice(others)
    return attributed(src.sentence, label, form), label, src.label, form


def paraphrase(src: Source, rng: random.Random) -> tuple[str, str] | None:
    """The same facts said another way, and how: a date respelled, an abbreviation, a moved time phrase, or
    the sentence credited to its own document."""
    ways = []
    for span in pat.dates(src.sentence):
        y, m, d = pat.date_value(span[2])
        said_day = src.sentence[: span[0]].endswith("ngày ")  # `ngày 25/4/2011` -> `ngày 25 tháng 4 năm 2011`
        other = (
            f"{span[2][:4]} {d}/{m}/{y}"
            if span[2].lower().startswith("ngày")
            else f"{'' if said_day else 'ngày '}{d} tháng {m} năm {y}"
        )
        ways.append((_swap(src.sentence, span, other), "date respelled"))
        lead = f"{span[2][:4]} " if span[2].lower().startswith("ngày") else ("" if said_day else "ngày ")
        ways.append((_swap(src.sentence, span, f"{lead}{d:02d}-{m:02d}-{y}"), "date respelled"))  # `22-12-2011`
    for full, short in ABBREVIATIONS:
        if full in src.sentence:
            ways.append((src.sentence.replace(full, short), f"abbreviation {short}"))
    if m := _FRONTED.match(src.sentence):
        ways.append((f"{m.group(2)[:1].upper()}{m.group(2)[1:]} {lower_first(m.group(1))}.", "time phrase moved"))
    if src.label and not pat.doc_numbers(src.sentence):
        form = rng.choice(ATTRIBUTION_FORMS)
        ways.append((attributed(src.sentence, src.label, form), f"attributed: {form}"))
    ways = [w for w in ways if w[0] and w[0] != src.sentence]
    return rng.choice(ways) if ways else None


def merged(first: Source, second: Source) -> str:
    """Two sentences of one document said as one (`...; đồng thời, ...`), every fact kept."""
    return f"{first.sentence.rstrip(' .;')}; đồng thời, {lower_first(second.sentence)}"


def restated(src: Source, rng: random.Random) -> Made:
    """A later restatement of the sentence with one figure or date changed: an internal conflict."""
    made = wrong_number(src, rng) or wrong_date(src, rng)
    if not made:
        return None
    claim, wrong, right = made
    return f"Như đã nêu ở trên, {lower_first(claim)}", wrong, right
