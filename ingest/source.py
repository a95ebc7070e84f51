"""Open a source document for reading in place: a PDF page rendered with the cited passage highlighted.

Every function takes the verified bytes of a `SourceFile` (`Index.source_file`), never a path: what is shown is
what the document's catalog row vouches for."""

from __future__ import annotations

import logging
from pathlib import Path

import pymupdf

from ingest.stored_files import SourceFile
from ingest.vn import vntext

log = logging.getLogger(__name__)
RENDER_DPI = 110


def page_image(file: SourceFile, page: int, passage: str = "") -> bytes | None:
    """PNG of one PDF page (1-based) with the passage's lines highlighted; None if the file cannot be read."""
    try:
        doc = pymupdf.open(stream=file.data, filetype="pdf")
    except Exception as exc:  # unreadable source
        log.warning("cannot open %s for rendering: %r", file.name, exc)
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


def highlight_boxes(file: SourceFile, page: int, sentence: str, color: str = "orange") -> list[dict]:
    """Boxes (PDF points, top-left origin, as pdf.js viewers take them) around `sentence` on a page (1-based).

    The whole sentence is searched first; if the text layer breaks it differently, runs of five words are.
    """
    try:
        doc = pymupdf.open(stream=file.data, filetype="pdf")
    except Exception as exc:
        log.warning("cannot open %s for highlighting: %r", file.name, exc)
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


def full_text(file: SourceFile) -> str | None:
    """The document's text as the index read it (for showing a passage in its context)."""
    from ingest.load import load

    try:
        return vntext.clean(load(Path(file.name), file.data).text)
    except Exception as exc:  # unreadable now (a parser limit, a scan without OCR)
        log.warning("cannot reload %s: %r", file.name, exc)
        return None
