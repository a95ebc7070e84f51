"""Who issued and who signed a document, as a draft says it: the generated suite's plants of a wrong issuing body
and a wrong signer, and the same sentences with the right ones (supported paraphrases).

A draft names a cited document's body or signer beside it (`Theo Thông tư số 24/2025/TT-BCT của Bộ Công Thương,
...`, `Quyết định số 334/QĐ-TTg do Phó Thủ tướng Trần Hồng Hà ký ...`); the truth is the document's own header
and signature, read by `eval.draft_patterns` (never by the product).
"""

from __future__ import annotations

import random

from eval import draft_patterns as pat
from eval.draft_plants import Source, lower_first

# `{label}` the document, `{body}` its issuing body, `{text}` the sentence credited to it
ISSUED_FORMS = (
    "Theo {label} của {body}, {text}",
    "{Label} do {body} ban hành xác định {text}",
    "Tại {label} của {body}, {text}",
    "{Text_} ({label} của {body}).",
)
SIGNED_FORMS = (
    "Theo {label} do đồng chí {name} ký, {text}",
    "{Label} (người ký: {name}) nêu rõ: {text}",
)
_PLANTS = ("wrong_issuing_body", "wrong_signer")


def _said(form: str, src: Source, **names: str) -> str:
    body = src.sentence.rstrip(" .;")
    label = src.label
    return form.format(label=label, Label=label[:1].upper() + label[1:], text=lower_first(body) + ".",
                       Text_=body[:1].upper() + body[1:], **names)  # fmt: skip


def _other_bodies(right: str, places: list[str]) -> list[str]:
    """Bodies of the same rank as `right`: another ministry or central body, another department or province."""
    if right.startswith("Ủy ban nhân dân"):
        return [f"Ủy ban nhân dân tỉnh {p}" for p in places if p not in right]
    if right.startswith("Sở "):
        return ["Sở " + m[3:] for m in pat.MINISTRIES if m[3:] != right[3:]]
    return [b for b in (*pat.MINISTRIES, *pat.CENTRAL) if b != right]


def usable(src: Source) -> bool:
    """A sentence that names no document itself, of a document with a label: it can be credited to it."""
    return bool(src.label) and not pat.doc_numbers(src.sentence)


def wrong_issuing_body(src: Source, rng: random.Random, places: list[str]) -> tuple[str, str, str, str] | None:
    """The sentence credited to its own document, said to be issued by another body; also the form used."""
    if not usable(src) or not src.issuer:
        return None
    others = _other_bodies(src.issuer, places)
    if not others:
        return None
    form, wrong = rng.choice(ISSUED_FORMS), rng.choice(others)
    return _said(form, src, body=wrong), wrong, src.issuer, form


def wrong_signer(src: Source, rng: random.Random, people: list[str]) -> tuple[str, str, str, str] | None:
    """The sentence credited to its own document, said to be signed by another person; also the form used."""
    others = [p for p in people if p != src.signer]
    if not usable(src) or not src.signer or not others:
        return None
    form, wrong = rng.choice(SIGNED_FORMS), rng.choice(others)
    return _said(form, src, name=wrong), wrong, src.signer, form


def rightly_credited(src: Source, rng: random.Random) -> tuple[str, str] | None:
    """The sentence credited to its own document with its real issuing body or signer (a supported claim)."""
    ways = []
    if usable(src) and src.issuer:
        form = rng.choice(ISSUED_FORMS)
        ways.append((_said(form, src, body=src.issuer), f"issued by: {form}"))
    if usable(src) and src.signer:
        form = rng.choice(SIGNED_FORMS)
        ways.append((_said(form, src, name=src.signer), f"signed by: {form}"))
    return rng.choice(ways) if ways else None


def planted(kind: str, src: Source, rng: random.Random, pools: dict[str, list[str]]) -> dict | None:
    """The key fields of a wrong issuing body or a wrong signer planted in `src`, or None."""
    if kind not in _PLANTS:
        return None
    made = (
        wrong_issuing_body(src, rng, pools["places"]) if kind == "wrong_issuing_body"
        else wrong_signer(src, rng, pools["people"])
    )  # fmt: skip
    if not made:
        return None
    claim, wrong, right, form = made
    return {"claim": claim, "label": "contradicted", "error_type": kind, "wrong_value": wrong,
            "correct_value": right, "attributed_doc": src.label, "attribution_form": form}  # fmt: skip
