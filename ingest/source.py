"""Open a source document for reading in place: a PDF page rendered with the cited passage highlighted."""

from __future__ import annotations

import logging
from pathlib import Path

import pymupdf

from ingest import vntext

log = logging.getLogger(__name__)
RENDER_DPI = 110


def page_image(path: Path, page: int, passage: str = "") -> bytes | None:
    """PNG of one PDF page (1-based) with the passage's lines highlighted; None if the file cannot be read."""
    try:
        doc = pymupdf.open(path)
    except Exception as exc:  # moved, deleted or unreadable source
        log.warning("cannot open %s for rendering: %r", path, exc)
        return None
    try:
        if not 1 <= page <= doc.page_count:
            return None
        pg = doc[page - 1]
        for line in [ln.strip() for ln in passage.split("\n") if len(ln.strip()) > 12][:40]:
            for probe in (line[:60], line[-60:]):
                for rect in pg.search_for(probe):
                    annot = pg.add_highlight_annot(rect)
                    annot.update()
        return pg.get_pixmap(dpi=RENDER_DPI).tobytes("png")
    finally:
        doc.close()


def highlight_boxes(path: Path, page: int, sentence: str, color: str = "orange") -> list[dict]:
    """Boxes (PDF points, top-left origin, as pdf.js viewers take them) around `sentence` on a page (1-based).

    The whole sentence is searched first; if the text layer breaks it differently, runs of five words are.
    """
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        log.warning("cannot open %s for highlighting: %r", path, exc)
        return []
    try:
        if not 1 <= page <= doc.page_count:
            return []
        pg = doc[page - 1]
        words = vntext.collapse_ws(sentence).split()
        rects = pg.search_for(" ".join(words)) if words else []
        if not rects:
            for i in range(0, len(words), 5):
                piece = " ".join(words[i : i + 5])
                if len(piece) >= 8:
                    rects += pg.search_for(piece)
        return [
            {"page": page, "x": r.x0, "y": r.y0, "width": r.width, "height": r.height, "color": color} for r in rects
        ]
    finally:
        doc.close()


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def full_text(path: Path) -> str | None:
    """The document's text as the index read it (for showing a passage in its context)."""
    from ingest.load import load

    try:
        return vntext.clean(load(path).text)
    except Exception as exc:  # the source may have moved or be unreadable now
        log.warning("cannot reload %s: %r", path, exc)
        return None
