"""A generated draft suite for the draft checker: `python -m eval.gen_drafts [--seed 7] [--per-type 40]`.

Claims are made from real sentences of the mineral corpus, reproducibly (a seeded random generator):
- `supported`: a corpus sentence, unchanged;
- planted contradictions: a date moved (`wrong_date`), a number changed (`wrong_number`), a document number
  changed (`wrong_doc_number`), the acting body replaced by another ministry (`wrong_issuer`), a person
  replaced by another name from the corpus (`wrong_person`), the content attributed to another document of
  the corpus (`wrong_document`);
- `unsupported`: the same figure said of another province or year (`wrong_subject`), and claims written from
  templates whose facts no document states.
The draft (`eval/out/drafts/gen-<seed>.txt`) puts the claims into sections of connective text; the key
(`...-key.json`) follows the format of ../shared/eval/drafts/draft_dev_key.json, each claim with its half.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from eval.indexes import CORPORA, OUT
from eval.sets import half
from ingest.vn import gazetteer, identifiers, vntext
from ingest.vn.facts import Fact, extract

TYPES = ("supported", "wrong_date", "wrong_number", "wrong_doc_number", "wrong_issuer", "wrong_person",
         "wrong_document", "wrong_subject", "unsupported")  # fmt: skip
EXPECTED = {"supported": "supported", "wrong_subject": "unsupported", "unsupported": "unsupported"}
_TEMPLATES = (
    "Năm {year}, Ủy ban nhân dân tỉnh {province} đã thu hồi {n} giấy phép khai thác {mineral} do vi phạm quy định "
    "về bảo vệ môi trường.",
    "Trong giai đoạn 2016 - 2020, tỉnh {province} đã tổ chức {n} cuộc thanh tra chuyên đề về khai thác {mineral}.",
    "Tổng số tiền cấp quyền khai thác khoáng sản tỉnh {province} thu được trong năm {year} đạt {n} tỷ đồng.",
    "Đến hết năm {year}, tỉnh {province} đã hoàn thành cắm mốc {n} khu vực cấm hoạt động khoáng sản {mineral}.",
    "Bộ {ministry} đã tổ chức {n} hội nghị tập huấn về quản lý khoáng sản {mineral} cho cán bộ cấp xã trong năm "
    "{year}.",
)
_MINERALS = ("cát, sỏi lòng sông", "đá vôi", "than", "quặng sắt", "đất hiếm", "vàng", "đá ốp lát", "titan")
_BODY_SWAPS = ("Bộ Công Thương", "Bộ Xây dựng", "Bộ Tài chính", "Bộ Tư pháp", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ",
               "Bộ Kế hoạch và Đầu tư", "Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường")  # fmt: skip


@dataclass
class Source:
    doc: str
    sentence: str
    facts: list[Fact]
    number: str | None  # the document's own number
    label: str  # how a draft names the document (`Nghị quyết số 10-NQ/TW`)


def corpus_sentences(root: Path) -> list[Source]:
    """Sentences of the corpus that state at least one checkable fact, with their document."""
    from ingest.describe import describe
    from ingest.load import load

    out = []
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in (".txt", ".docx", ".pdf", ".doc")):
        try:
            doc = load(path, ocr=False)
        except Exception:  # a scan without text layer: not a source of sentences here
            continue
        meta = describe(doc)
        label = f"{meta.doc_type} số {meta.number}" if meta.doc_type and meta.number else ""
        for block in doc.blocks:
            if block.kind == "table_row":
                continue
            for s in vntext.sentences(block.text):
                words = len(s.split())
                form = "…" in s or "..." in s or "Ví dụ" in s or re.match(r"^\(\d+\)", s)  # form templates
                if 12 <= words <= 60 and s[-1:] in ".;" and not s.startswith(("-", "+", "Căn cứ")) and not form:
                    facts = extract(s)
                    if facts:
                        out.append(Source(path.name, s.rstrip(";") + ("" if s.endswith(".") else "."), facts,
                                          meta.number, label))  # fmt: skip
    return out


def _fmt_number(value: float, like: str) -> str:
    if "," in like and "." not in like:
        return f"{value:.{len(like.split(',')[1])}f}".replace(".", ",")
    if value >= 1000 and re.search(r"\d\.\d{3}", like):
        return f"{round(value):,}".replace(",", ".")
    return str(round(value)) if float(value).is_integer() or "." not in like else f"{value:g}"


def _swap(text: str, old: str, new: str, at: int | None = None) -> str | None:
    """`text` with `old` (at offset `at`, if given, else its first occurrence) replaced by `new`."""
    if old == new:
        return None
    if at is not None and text[at : at + len(old)] == old:
        return text[:at] + new + text[at + len(old) :]
    return text.replace(old, new, 1) if old in text else None


def wrong_date(src: Source, rng: random.Random) -> tuple[str, str, str] | None:
    facts = [f for f in src.facts if f.kind == "date"]
    if not facts:
        return None
    f = rng.choice(facts)
    d = int(f.value.split("-")[2])
    nd = d + rng.choice([-5, -3, -2, 2, 3, 4, 6])
    nd = nd if 1 <= nd <= 28 else (d % 28) + 1
    if nd == d:
        return None
    old_written = re.search(r"\d{1,2}(?=\s*(?:[/.-]|tháng))", f.text)
    if not old_written:
        return None
    new_written = f.text[: old_written.start()] + f"{nd:0{len(old_written.group(0))}d}" + f.text[old_written.end() :]
    claim = _swap(src.sentence, f.text, new_written)
    return (claim, new_written, f.text) if claim else None


def wrong_number(src: Source, rng: random.Random) -> tuple[str, str, str] | None:
    facts = [f for f in src.facts if f.kind == "number" and float(f.value) not in (0, 1)]
    if not facts:
        return None
    f = rng.choice(facts)
    value = float(f.value.replace(",", ".")) if "," in f.value else float(f.value)
    written = re.match(r"[\d.,]+", f.text)
    if not written:
        return None
    factor = rng.choice([0.5, 0.8, 1.25, 1.5, 2.0]) if value > 12 else None
    new_value = value * factor if factor else value + rng.choice([1, 2, 3])
    new_text = _fmt_number(new_value, written.group(0))
    if new_text == written.group(0):
        return None
    claim = _swap(src.sentence, f.text, f.text.replace(written.group(0), new_text, 1), f.start)
    return (claim, new_text, written.group(0)) if claim else None


def wrong_doc_number(src: Source, rng: random.Random) -> tuple[str, str, str] | None:
    numbers = identifiers.find_doc_numbers(src.sentence)
    if not numbers:
        return None
    n = rng.choice(numbers)
    digits = re.match(r"\d+", n.text)
    if not digits:
        return None
    changed = str(int(digits.group(0)) + rng.choice([1, 2, 3, 5, 7])).zfill(len(digits.group(0)))
    new = changed + n.text[digits.end() :]
    claim = _swap(src.sentence, n.text, new)
    return (claim, new, n.text) if claim else None


def wrong_issuer(src: Source, rng: random.Random) -> tuple[str, str, str] | None:
    """The body that acts (`X chủ trì`, `giao X`) replaced by another of the same rank."""
    bodies = [f for f in src.facts if f.kind == "body" and f.text.split()[0] in ("Bộ", "Sở", "Cục", "Tổng", "Ủy")]
    if not bodies:
        return None
    f = rng.choice(bodies)
    head = f.text.split()[0]
    if head == "Bộ":
        pool = list(_BODY_SWAPS)
    elif head == "Sở":
        pool = ["Sở " + b.split(" ", 1)[1] for b in _BODY_SWAPS]
    else:
        pool = ["Bộ Công Thương", "Bộ Xây dựng", "Bộ Tài chính", "Sở Xây dựng", "Sở Công Thương"]
    other = rng.choice([b for b in pool if vntext.strip_tones(b.lower()) != f.value and b not in src.sentence])
    claim = _swap(src.sentence, f.text, other)
    return (claim, other, f.text) if claim else None


def wrong_person(src: Source, rng: random.Random, people: list[str]) -> tuple[str, str, str] | None:
    names = [f for f in src.facts if f.kind == "person"]
    if not names or len(people) < 2:
        return None
    f = rng.choice(names)
    other = rng.choice([p for p in people if p != f.value])
    claim = _swap(src.sentence, f.text, other)
    return (claim, other, f.text) if claim else None


def wrong_document(src: Source, rng: random.Random, labels: dict[str, str]) -> tuple[str, str, str] | None:
    others = [(doc, label) for doc, label in labels.items() if doc != src.doc and label]
    if not src.label or not others or identifiers.find_doc_numbers(src.sentence):
        return None
    _, label = rng.choice(others)
    body = src.sentence[0].lower() + src.sentence[1:]
    return f"Theo {label}, {body}", label, src.label


def wrong_subject(src: Source, rng: random.Random) -> tuple[str, str, str] | None:
    named = gazetteer.provinces_in(src.sentence)
    if len(named) != 1 or not any(f.kind in ("number", "date") for f in src.facts):
        return None
    old = named[0]
    spelled = next((m.group(0) for m in re.finditer(re.escape(old), src.sentence)), None)
    if spelled is None:
        return None
    new = rng.choice([p for p in gazetteer.PROVINCES if p != old and p not in src.sentence])
    claim = _swap(src.sentence, spelled, new)
    return (claim, new, old) if claim else None


def invented(rng: random.Random) -> str:
    return rng.choice(_TEMPLATES).format(
        year=rng.randint(2016, 2024), province=rng.choice(gazetteer.PROVINCES), n=rng.randint(3, 97),
        mineral=rng.choice(_MINERALS), ministry=rng.choice(_BODY_SWAPS)[3:],
    )  # fmt: skip


def make_suite(sources: list[Source], seed: int, per_type: int) -> dict:
    rng = random.Random(seed)
    people = sorted({f.value for s in sources for f in s.facts if f.kind == "person"})
    labels = {s.doc: s.label for s in sources}
    makers = {
        "wrong_date": wrong_date, "wrong_number": wrong_number, "wrong_doc_number": wrong_doc_number,
        "wrong_issuer": wrong_issuer, "wrong_subject": wrong_subject,
        "wrong_person": lambda s, r: wrong_person(s, r, people),
        "wrong_document": lambda s, r: wrong_document(s, r, labels),
    }  # fmt: skip
    claims: list[dict] = []
    used: set[str] = set()
    order = list(range(len(sources)))
    for kind in TYPES:
        rng.shuffle(order)
        made = 0
        for i in order:
            if made >= per_type:
                break
            src = sources[i]
            if kind == "unsupported":
                text = invented(rng)
                entry = {"claim": text, "label": "unsupported", "note": "Mẫu câu với số liệu không có trong kho."}
            elif kind == "supported":
                if src.sentence in used:
                    continue
                entry = {"claim": src.sentence, "label": "supported", "source_doc": src.doc, "evidence": src.sentence}
            else:
                if src.sentence in used:
                    continue
                made_claim = makers[kind](src, rng)
                if not made_claim or not made_claim[0]:
                    continue
                text, wrong, right = made_claim
                label = EXPECTED.get(kind, "contradicted")
                entry = {"claim": text, "label": label, "error_type": kind, "wrong_value": wrong, "correct_value": right,
                         "source_doc": src.doc, "evidence": src.sentence}  # fmt: skip
            used.add(src.sentence)
            entry["id"] = f"g{seed}-{len(claims) + 1:04d}"
            entry["half"] = half(entry["id"])
            claims.append(entry)
            made += 1
    rng.shuffle(claims)
    return {"draft": f"gen-{seed}", "split": "generated", "seed": seed, "corpus": "shared/corpus/mineral",
            "description": "Bộ dự thảo sinh tự động từ câu thật trong kho, có lỗi cài đặt (eval/gen_drafts.py).",
            "claims": claims}  # fmt: skip


def draft_text(suite: dict) -> str:
    """The claims as a draft: numbered sections of a few claims each, with a connective opening line."""
    lines = ["BÁO CÁO TỔNG KẾT (DỰ THẢO SINH TỰ ĐỘNG ĐỂ KIỂM THỬ)", ""]
    claims = suite["claims"]
    for n, start in enumerate(range(0, len(claims), 6), start=1):
        part = claims[start : start + 6]
        lines.append(f"{n}. Nội dung thứ {n}")
        lines.append(" ".join(c["claim"] for c in part))
        for c in part:
            c["location"] = f"{n}"
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-type", type=int, default=40)
    ap.add_argument("--corpus", type=Path, default=CORPORA["mineral"])
    ap.add_argument("--out", type=Path, default=OUT / "drafts")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"Không thấy kho tài liệu {args.corpus}.", file=sys.stderr)
        return 2
    sources = corpus_sentences(args.corpus)
    suite = make_suite(sources, args.seed, args.per_type)
    args.out.mkdir(parents=True, exist_ok=True)
    text = draft_text(suite)
    (args.out / f"gen-{args.seed}.txt").write_text(text, encoding="utf-8")
    (args.out / f"gen-{args.seed}-key.json").write_text(
        json.dumps(suite, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    counts: dict[str, int] = {}
    for c in suite["claims"]:
        k = c.get("error_type") or c["label"]
        counts[k] = counts.get(k, 0) + 1
    print(f"{len(suite['claims'])} nhận định từ {len(sources)} câu nguồn: {counts} -> {args.out}/gen-{args.seed}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
