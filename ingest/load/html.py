"""HTML loader: visible text of block elements, table rows kept as cells (standard library parser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ingest.load.blocks import Block, LoadedDocument
from ingest.load.txt import decode

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title", "section", "article"}
_SKIP_TAGS = {"script", "style", "noscript", "head"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._cells: list[str] | None = None
        self._skip = 0
        self._heading = False

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self.blocks.append(Block(text=text, kind="heading" if self._heading else "para"))

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th"):
            self._buf = []
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._heading = tag.startswith("h") and tag[1:].isdigit()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append(" ".join("".join(self._buf).split()))
            self._buf = []
        elif tag == "tr" and self._cells is not None:
            if any(self._cells):
                self.blocks.append(Block(text="\t".join(self._cells), kind="table_row", cells=self._cells))
            self._cells = None
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)


def load_html(path: Path, data: bytes) -> LoadedDocument:
    parser = _Collector()
    parser.feed(decode(data, path.name)[0])
    parser.close()
    parser._flush()
    return LoadedDocument(name=path.name, fmt="html", blocks=parser.blocks)
