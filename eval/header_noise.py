"""Header metadata under copy damage: `python -m eval.header_noise [--root DIR] [--final]`.

Each document of a metadata set (ext/C by default: `docs/` and `key.json`) is read as it is (the baseline, same
run) and again after one kind of damage that copies and text extraction do to official headers and signature
blocks (Nghị định 30/2020/NĐ-CP, Phụ lục I sets their layout; the damage is what the set's README lists of its
real sources and what scanned and re-typed copies show):
- letters split at a tone mark (`CH Ủ TỊCH`, `n ăm`), in the header and the signature block;
- a digital-signature stamp above the header (`Ký bởi: ...`, `Thời gian ký: ...`);
- a Công báo page header (`CÔNG BÁO/Số ... /Ngày ...`, another date) just above the signature block;
- the header's two columns run together on one line (body and motto, number and place-date);
- `Số` without its colon, stray spaces in the number;
- `(Đã ký)` above the signer's name, the name in capitals, a page number after it;
- the place-date line with a numeric date (`ngày 30/7/2024`);
- an appendix after the signature (`PHỤ LỤC I`, a list `(Kèm theo ...)`), as decrees attach forms and lists.
The damage is written here from those rules, not from the reader under test. The table gives each field's accuracy
per damage beside the undamaged baseline; documents are scored by the set's own scorer, on its tune half (`--final`
adds the report half and all, once, for a closing note).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from eval.run import label
from eval.sets import EXT, half, scorer, show_final, shown
from eval.tables import table

_TONED_VOWEL = re.compile(r"[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]", re.IGNORECASE)
HEAD_LINES, TAIL_LINES = 20, 12  # the header's and the signature block's share of a document
SPLIT_SHARE = 0.3  # of the syllables there that carry a tone mark
STAMP = ("Ký bởi: Cổng Thông tin điện tử Chính phủ\nEmail: thongtinchinhphu@chinhphu.vn\n"
         "Cơ quan: Văn phòng Chính phủ\nThời gian ký: 03.02.2019 10:20:31 +07:00\n")  # fmt: skip
PAGE_HEADER = "18 CÔNG BÁO/Số 15 + 16/Ngày 12-01-2019"


def split_at_tone_marks(text: str, rng: random.Random) -> str:
    """Some syllables of the header and the signature block split before their marked vowel (`CH Ủ TỊCH`)."""
    lines = text.splitlines()
    ends = [*range(min(HEAD_LINES, len(lines))), *range(max(0, len(lines) - TAIL_LINES), len(lines))]
    for i in ends:
        words = lines[i].split(" ")
        for j, w in enumerate(words):
            m = _TONED_VOWEL.search(w)
            if m and m.start() > 0 and w.isalpha() and rng.random() < SPLIT_SHARE:
                words[j] = f"{w[: m.start()]} {w[m.start() :]}"
        lines[i] = " ".join(words)
    return "\n".join(lines)


def stamped(text: str, rng: random.Random) -> str:
    return STAMP + text


def page_header_above_signature(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    at = max(0, len(lines) - 8)
    return "\n".join([*lines[:at], "", PAGE_HEADER, "", *lines[at:]])


def columns_run_together(text: str, rng: random.Random) -> str:
    """The body's line joined to the motto's, the number's to the place-date line (a two-column table flattened)."""
    lines = text.splitlines()
    motto = next((i for i, ln in enumerate(lines[:HEAD_LINES]) if ln.upper().startswith(("CỘNG HÒA", "CỘNG HOÀ"))),
                 None)  # fmt: skip
    if motto and lines[motto - 1].strip():
        lines[motto - 1 : motto + 1] = [f"{lines[motto - 1]} {lines[motto]}"]
    number = next((i for i, ln in enumerate(lines[:HEAD_LINES]) if re.match(r"^Số\s*:", ln)), None)
    date = next((i for i, ln in enumerate(lines[:HEAD_LINES]) if re.search(r",\s*ngày\b", ln)), None)
    if number is not None and date is not None and date != number:
        lines[number] = f"{lines[number]}    {lines[date]}"
        del lines[date]
    return "\n".join(lines)


def number_without_colon(text: str, rng: random.Random) -> str:
    return re.sub(r"^(Số)\s*:\s*", r"\1 ", text, count=1, flags=re.MULTILINE)


def number_spaced(text: str, rng: random.Random) -> str:
    return re.sub(r"^(Số\s*:?\s*)(\d+)/", r"\1\2 /", text, count=1, flags=re.MULTILINE)


def signed_mark(text: str, rng: random.Random) -> str:
    lines = text.rstrip().splitlines()
    return "\n".join([*lines[:-1], "(Đã ký)", lines[-1]])


def name_in_capitals(text: str, rng: random.Random) -> str:
    lines = text.rstrip().splitlines()
    return "\n".join([*lines[:-1], lines[-1].upper()])


def page_number_after(text: str, rng: random.Random) -> str:
    return text.rstrip() + "\n\n12\n"


def appendix_after(text: str, rng: random.Random) -> str:
    """A list attached after the signature, as decrees and decisions attach forms and lists of procedures."""
    rows = [f"{i}. Thủ tục cấp giấy chứng nhận loại {i}; cơ quan thực hiện: Sở Tài chính; thời hạn giải quyết 15 ngày "
            "làm việc." for i in range(1, 40)]  # fmt: skip
    return (
        text.rstrip() + "\n\nPHỤ LỤC I\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n(Kèm theo văn bản này)\n" + "\n".join(rows) + "\n"
    )


def numeric_date(text: str, rng: random.Random) -> str:
    return re.sub(r"(,\s*ngày\s+)(\d{1,2}) tháng (\d{1,2}) năm (\d{4})", r"\1\2/\3/\4", text, count=1)


DAMAGE: dict[str, Callable[[str, random.Random], str]] = {
    "letters split at a tone mark": split_at_tone_marks, "signature stamp above the header": stamped,
    "Công báo page header above the signature": page_header_above_signature,
    "header columns run together": columns_run_together, "`Số` without its colon": number_without_colon,
    "stray space in the number": number_spaced, "`(Đã ký)` above the name": signed_mark,
    "name in capitals": name_in_capitals, "page number after the name": page_number_after,
    "numeric date line": numeric_date, "an appendix after the signature": appendix_after,
}  # fmt: skip


def described(path: Path) -> dict:
    from ingest.describe import describe
    from ingest.load import load

    return describe(load(path, ocr=False)).as_payload()


def accuracy(mod, key: list[dict], docs: Path, damage: Callable[[str, random.Random], str], work: Path) -> dict:
    """Each field's share right over the key's documents read after `damage` (text documents only)."""
    right = {f: [0, 0] for f in mod.FIELDS}
    for k in key:
        source = docs / k["doc"]
        copy = work / source.name
        copy.write_text(damage(source.read_text(encoding="utf-8"), random.Random(k["doc"])), encoding="utf-8")
        meta = described(copy)
        for f in mod.FIELDS:
            if k.get(f) is None:
                continue
            gold = k[f] if isinstance(k[f], list) else [k[f]]
            right[f][0] += meta.get(f) is not None and any(mod.NORM[f](meta[f]) == mod.NORM[f](g) for g in gold)
            right[f][1] += 1
    return {f: a / b for f, (a, b) in right.items() if b}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=EXT / "C", help="a folder with docs/ and key.json")
    ap.add_argument("--final", action="store_true", help="also the report half and all (once, for a closing note)")
    args = ap.parse_args(argv)
    show_final(args.final)
    if not (args.root / "key.json").exists():
        print(f"Không thấy {args.root / 'key.json'}.", file=sys.stderr)
        return 2
    mod = scorer(EXT / "C" / "score_metadata.py")
    key = [k for k in json.loads((args.root / "key.json").read_text(encoding="utf-8")) if k["doc"].endswith(".txt")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for h in shown():
            part = [k for k in key if h == "all" or half(k["doc"]) == h]
            if not part:
                continue
            fields = [f for f in mod.FIELDS if any(k.get(f) is not None for k in part)]
            for name, damage in {"baseline: the document as it is": lambda t, r: t, **DAMAGE}.items():
                acc = accuracy(mod, part, args.root / "docs", damage, Path(work))
                rows.append([label(h), len(part), name, *[acc.get(f, float("nan")) for f in fields]])
    table("Header metadata after copy damage: field accuracy per damage (baseline: undamaged, same run)", rows,
          ["documents", "n", "damage", *fields])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
