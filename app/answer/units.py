"""What answering picks from the passages' units (`ingest.units`): the chosen units and why it abstains."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.units import Unit


@dataclass
class Picked:
    """A unit chosen to answer, its score, and the text shown (trimmed)."""

    unit: Unit
    score: float
    text: str
    subject: str | None = None  # the province (or other subject) this part answers, in a comparison

    @property
    def rank(self) -> int:
        return self.unit.rank

    @property
    def sentence(self) -> str:
        return self.unit.body


@dataclass
class Reading:
    """What the answering step concluded: the picked units, or why it abstains."""

    picked: list[Picked] = field(default_factory=list)
    note: str = ""  # said to the user (another subject only, ...)
