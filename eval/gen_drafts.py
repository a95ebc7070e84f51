"""A generated draft suite for the draft checker: `python -m eval.gen_drafts [--seed 7] [--per-type 40]`.

Claims are made from real sentences of a corpus, reproducibly (a seeded random generator), read and changed by
the suite's own patterns (`eval.draft_patterns`, `eval.draft_plants`), never by the product's fact extractor,
so the suite can show what the checker misses:
- `supported`: a corpus sentence, unchanged; `paraphrase`: the same facts said another way (a date respelled,
  an official abbreviation, a time phrase moved, the sentence credited to its own document in one of the
  attribution forms), still supported;
- planted contradictions: a date moved (`wrong_date`), a figure changed (`wrong_number`), a document number
  changed (`wrong_doc_number`), a ministry or department replaced by another (`wrong_issuer`), a named person
  replaced by another name of the corpus (`wrong_person`), the sentence credited to another document of the
  corpus in any attribution form (`wrong_document`);
- `internal_conflict`: a sentence stated once as it is and restated later with a figure or date changed;
- `unsupported`: the same figure said of another province (`wrong_subject`), and claims written from
  templates whose facts no document states.
The draft (`eval/out/drafts/gen-<seed>.txt`) puts the claims into sections of connective text; the key
(`...-key.json`) follows the format of ../shared/eval/drafts/draft_dev_key.json, each claim with its half.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

from eval import draft_credits as credit
from eval import draft_patterns as pat
from eval import draft_plants as plant
from eval import draft_tables as tables
from eval.indexes import CORPORA, OUT
from eval.sets import half

TYPES = ("supported", "paraphrase", "merged", "wrong_date", "wrong_number", "wrong_doc_number", "wrong_provision",
         "wrong_issuer", "wrong_issuing_body", "wrong_signer", "wrong_person", "wrong_document", "wrong_subject",
         "internal_conflict", "unsupported")  # fmt: skip
EXPECTED = {"wrong_subject": "unsupported"}
_TEMPLATES = (
    "Năm {year}, Ủy ban nhân dân tỉnh {province} đã thu hồi {n} giấy phép khai thác {mineral} do vi phạm quy định "
    "về bảo vệ môi trường.",
    "Trong giai đoạn 2016 - 2020, tỉnh {province} đã tổ chức {n} cuộc thanh tra chuyên đề về khai thác {mineral}.",
    "Tổng số tiền cấp quyền khai thác khoáng sản tỉnh {province} thu được trong năm {year} đạt {n} tỷ đồng.",
    "Đến hết năm {year}, tỉnh {province} đã hoàn thành cắm mốc {n} khu vực cấm hoạt động khoáng sản {mineral}.",
    "Bộ {ministry} đã tổ chức {n} hội nghị tập huấn về quản lý khoáng sản {mineral} cho cán bộ cấp xã trong năm "
    "{year}.",
)
# a document card's notes on the copy itself (how complete, where from), not what the document says
_CARD_NOTES = ("TÌNH TRẠNG:", "NGUỒN", "GHI CHÚ", "GIÁ TRỊ SỬ DỤNG:", "LOẠI:", "NGÀY:")
_MINERALS = ("cát, sỏi lòng sông", "đá vôi", "than", "quặng sắt", "đất hiếm", "vàng", "đá ốp lát", "titan")
# provinces a template may name when the corpus names fewer than two (any of the 63 would do)
_PLACES = ("Lào Cai", "Yên Bái", "Hà Giang", "Quảng Ninh", "Thái Nguyên", "Lâm Đồng", "Bình Định", "Nghệ An")


def _paragraphs(path: Path) -> list[str] | None:
    """A document's paragraphs: a text file's lines, a DOCX file's paragraphs; None for other formats."""
    if path.suffix.lower() == ".txt":
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    if path.suffix.lower() == ".docx":  # a header is a table of two columns: its cells come first
        import docx

        document = docx.Document(str(path))
        head = [ln for c in document.tables[0].rows[:3] for cell in c.cells for ln in cell.text.splitlines()] if (
            document.tables) else []  # fmt: skip
        return head + [p.text for p in document.paragraphs]
    return None


_ITEM = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•]|Điều \d|Chương |Mục \d)")


_FIELD = re.compile(r"^[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,}:")  # a card's field (`NGUỒN:`) or a label line


def joined(lines: list[str]) -> list[str]:
    """A text copy's paragraphs: a line wrapped mid-sentence (a PDF's line ends) joins the next one, unless the
    next one opens a list item, an article or a heading; a blank line ends a paragraph."""
    out: list[str] = []
    open_ = False
    for raw in lines:
        line = raw.strip()
        if not line:
            open_ = False
            continue
        if open_ and not _ITEM.match(line) and line.upper() != line and not _FIELD.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        open_ = not line.endswith((".", ";", ":", "!", "?"))
    return out


def _checkable(sentence: str) -> bool:
    finders = (pat.dates, pat.figures, pat.doc_numbers, pat.bodies, pat.people, pat.places, pat.provisions,
               pat.quarters)  # fmt: skip
    return any(f(sentence) for f in finders)


def corpus_sentences(root: Path, signers: list[str] | None = None) -> list[plant.Source]:
    """Running-text sentences of the corpus that state something checkable, with their document's label
    (and the names that sign its documents, into `signers`)."""
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        paragraphs = _paragraphs(path)
        if paragraphs is None:
            continue
        head = pat.header("\n".join(paragraphs))
        signed = pat.signers(paragraphs)
        if signers is not None:
            signers.extend(signed)
        label, issuer = (head.label if head else ""), pat.issuer(paragraphs)
        for para in joined(paragraphs) if path.suffix.lower() == ".txt" else paragraphs:
            if para.strip().startswith(_CARD_NOTES):
                continue
            for s in map(pat.without_lead, pat.sentences(para)):
                words = len(s.split())
                form = "…" in s or "..." in s or "Ví dụ" in s or s.startswith("(")  # form templates
                plain = 12 <= words <= 60 and s[-1:] in ".;" and not s.startswith(("-", "+", "Căn cứ")) and not form
                if plain and _checkable(s):
                    said = s.rstrip(";") + ("" if s.endswith(".") else ".")
                    out.append(plant.Source(path.name, said, label, issuer, signed[0] if signed else ""))
    return out


def invented(rng: random.Random, places: list[str]) -> str:
    return rng.choice(_TEMPLATES).format(
        year=rng.randint(2016, 2024), province=rng.choice(places), n=rng.randint(3, 97),
        mineral=rng.choice(_MINERALS), ministry=rng.choice(pat.MINISTRIES)[3:],
    )  # fmt: skip


def _entry(seed: int, n: int, **fields: object) -> dict:
    entry = {"id": f"g{seed}-{n:04d}", **fields}
    entry["half"] = half(str(entry["id"]))
    return entry


def _planted(kind: str, src: plant.Source, rng: random.Random, pools: dict[str, list[str]]) -> dict | None:
    """The key fields of one planted error of `kind` in `src`, or None."""
    if fields := credit.planted(kind, src, rng, pools):
        return fields
    if kind == "wrong_document":
        made = plant.wrong_document(src, rng, pools["labels"])
        if not made:
            return None
        claim, wrong, right, form = made
        return {"claim": claim, "label": "contradicted", "error_type": kind, "wrong_value": wrong,
                "correct_value": right, "attributed_doc": wrong, "attribution_form": form}  # fmt: skip
    if kind in ("wrong_issuing_body", "wrong_signer"):
        return None
    makers = {
        "wrong_date": plant.wrong_date, "wrong_number": plant.wrong_number, "wrong_doc_number": plant.wrong_doc_number,
        "wrong_issuer": plant.wrong_issuer, "wrong_provision": plant.wrong_provision,
        "wrong_person": lambda s, r: plant.wrong_person(s, r, pools["people"]),
        "wrong_subject": lambda s, r: plant.wrong_subject(s, r, pools["places"]),
    }  # fmt: skip
    made = makers[kind](src, rng)
    if not made or not made[0]:
        return None
    claim, wrong, right = made
    return {"claim": claim, "label": EXPECTED.get(kind, "contradicted"), "error_type": kind, "wrong_value": wrong,
            "correct_value": right}  # fmt: skip


def _made(kind: str, src: plant.Source, rng: random.Random, pools: dict[str, list[str]], new: Callable,
          after: plant.Source | None = None) -> list[dict]:  # fmt: skip
    """The key entries `kind` makes of `src` (two for an internal conflict: the statement and its restatement;
    `after`: the next sentence of the same document, which a merged claim joins)."""
    origin = {"source_doc": src.doc, "evidence": src.sentence}
    if kind == "supported":
        return [new(claim=src.sentence, label="supported", **origin)]
    if kind == "merged":
        return [new(claim=plant.merged(src, after), label="supported", variant="merged", **origin)] if after else []
    if kind == "paraphrase":
        ways = [w for w in (plant.paraphrase(src, rng), credit.rightly_credited(src, rng)) if w]
        said = rng.choice(ways) if ways else None
        return [new(claim=said[0], label="supported", variant=said[1], **origin)] if said else []
    if kind == "internal_conflict":
        made = plant.restated(src, rng)
        if not made:
            return []
        first = new(claim=src.sentence, label="supported", variant="stated, then restated otherwise", **origin)
        second = new(claim=made[0], label="internal_conflict", wrong_value=made[1], correct_value=made[2],
                     conflicts_with=first["id"], **origin)  # fmt: skip
        return [first, second]
    fields = _planted(kind, src, rng, pools)
    return [new(**fields, **origin)] if fields else []


def make_suite(sources: list[plant.Source], seed: int, per_type: int, signers: list[str] | None = None,
               source_tables: list[tables.SourceTable] | None = None) -> dict:  # fmt: skip
    rng = random.Random(seed)
    pools = {
        "people": sorted({p[2] for s in sources for p in pat.people(s.sentence)} | set(signers or [])),
        "places": sorted({p[2] for s in sources for p in pat.places(s.sentence)}),
        "labels": sorted({s.label for s in sources if s.label}),
    }
    if len(pools["places"]) < 2:
        pools["places"] = sorted({*pools["places"], *_PLACES})
    ids = itertools.count(1)

    def new(**fields: object) -> dict:
        return _entry(seed, next(ids), **fields)

    claims: list[dict] = []
    pairs: list[list[dict]] = []  # a statement and its conflicting restatement
    for _ in range(per_type):
        claims.append(new(claim=invented(rng, pools["places"]), label="unsupported",
                          note="Mẫu câu với số liệu không có trong kho."))  # fmt: skip
    used: set[str] = set()
    said = {pat.flat(s.sentence) for s in sources}  # a planted error must not be what another document says
    order = list(range(len(sources)))
    for kind in TYPES[:-1]:
        rng.shuffle(order)
        made = 0
        for i in order:
            src = sources[i]
            if made >= per_type:
                break
            if src.sentence in used:
                continue
            after = sources[i + 1] if i + 1 < len(sources) and sources[i + 1].doc == src.doc else None
            entries = _made(kind, src, rng, pools, new, after)
            if entries and not any(e["label"] != "supported" and pat.flat(e["claim"]) in said for e in entries):
                used.add(src.sentence)
                made += 1
                (pairs.append(entries) if len(entries) == 2 else claims.extend(entries))
    rows = tables.table_claims(source_tables or [], rng, max(1, per_type // 4), new)
    rng.shuffle(claims)
    for first, second in pairs:  # the restatement comes after the statement, somewhere later in the draft
        at = rng.randint(0, len(claims))
        claims.insert(at, first)
        claims.insert(rng.randint(at + 1, len(claims)), second)
    _restated_dates(claims)
    _restated_numbers(claims)
    _figure_beside_its_words(claims)
    return {"draft": f"gen-{seed}", "split": "generated", "seed": seed, "corpus": "shared/corpus/mineral",
            "description": "Bộ dự thảo sinh tự động từ câu thật trong kho, có lỗi cài đặt (eval/gen_drafts.py).",
            "claims": claims, "rows": rows}  # fmt: skip


def _restated_dates(claims: list[dict]) -> None:
    """A document's date planted wrong where another claim of the draft states its right date: the draft states
    one fact two ways, an internal conflict by definition, whatever the sources say."""
    for c in claims:
        if c.get("error_type") != "wrong_date" or c["label"] != "contradicted":
            continue
        wrong, right = pat.date_value(c["wrong_value"]), pat.date_value(c["correct_value"])
        keys = [k for k, v in pat.own_dates(c["claim"]).items() if wrong in v]
        other = next((o for o in claims if o is not c and o["label"] == "supported" and any(
            right in pat.own_dates(o["claim"]).get(k, set()) for k in keys)), None)  # fmt: skip
        if other is not None:
            c["label"], c["conflicts_with"] = "internal_conflict", other["id"]


def _restated_numbers(claims: list[dict]) -> None:
    """A figure planted wrong where another claim of the draft states its whole source sentence with the right
    figure (a merged claim holding it, say): one fact stated two ways, an internal conflict by definition."""
    for c in claims:
        if c.get("error_type") != "wrong_number" or c["label"] != "contradicted" or not c.get("evidence"):
            continue
        sentence = " ".join(c["evidence"].split()).lower().rstrip(".;,")
        other = next((o for o in claims if o is not c and o["label"] == "supported"
                      and sentence in " ".join(o["claim"].split()).lower()), None)  # fmt: skip
        if other is not None:
            c["label"], c["conflicts_with"] = "internal_conflict", other["id"]


# a figure with its numeral in words after it, as legal writing gives a duration (`03 (ba) ngày`)
_WORDS_AFTER = r"\s*(\([^()\d]{2,40}\))"


def _figure_beside_its_words(claims: list[dict]) -> None:
    """A figure planted wrong where the source writes its numeral in words after it (`05 (hai) tháng` for `02 (hai)
    tháng`): the draft still says the right value in words, so it states one fact two ways, an internal conflict
    by definition."""
    for c in claims:
        if c.get("error_type") != "wrong_number" or c["label"] != "contradicted" or not c.get("evidence"):
            continue
        said = re.search(re.escape(str(c["wrong_value"])) + _WORDS_AFTER, c["claim"])
        source = re.search(re.escape(str(c["correct_value"])) + _WORDS_AFTER, c["evidence"])
        if said and source and said.group(1) == source.group(1):
            c["label"] = "internal_conflict"


def write_draft(suite: dict, path: Path) -> None:
    """The claims as a DOCX draft: numbered sections of six sentences, then the copied tables; the rows join the
    key's claims."""
    claims, rows = suite["claims"], suite.pop("rows")
    sections = [claims[start : start + 6] for start in range(0, len(claims), 6)]
    tables.write_docx(path, "BÁO CÁO TỔNG KẾT (DỰ THẢO SINH TỰ ĐỘNG ĐỂ KIỂM THỬ)", sections, rows)
    claims.extend(entry for _, entry in rows)


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
    signers: list[str] = []
    sources = corpus_sentences(args.corpus, signers)
    suite = make_suite(sources, args.seed, args.per_type, signers, tables.corpus_tables(args.corpus))
    args.out.mkdir(parents=True, exist_ok=True)
    write_draft(suite, args.out / f"gen-{args.seed}.docx")
    (args.out / f"gen-{args.seed}-key.json").write_text(
        json.dumps(suite, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    counts: dict[str, int] = {}
    for c in suite["claims"]:
        k = c.get("error_type") or c.get("variant", c["label"]).split(":")[0]
        counts[k] = counts.get(k, 0) + 1
    print(f"{len(suite['claims'])} nhận định từ {len(sources)} câu nguồn: {counts} -> {args.out}/gen-{args.seed}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
