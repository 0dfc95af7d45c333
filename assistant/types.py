"""What the assistant hands to its interfaces: an answer with its citations and calculations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.types import Chunk


@dataclass
class Citation:
    doc: str
    locator: str
    page: int | None
    quote: str
    page_end: int | None = None
    source: str = ""
    note: str = ""

    @classmethod
    def of(cls, chunk: Chunk) -> Citation:
        return cls(chunk.doc, chunk.locator, chunk.page_start, chunk.text, chunk.page_end, chunk.source, chunk.note)

    @property
    def page_label(self) -> str:
        if self.page is None:
            return ""
        return f"第{self.page}页" if self.page_end in (None, self.page) else f"第{self.page}–{self.page_end}页"


@dataclass
class Calculation:
    expression: str
    result: str


@dataclass
class Answer:
    question: str
    text: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    calculations: list[Calculation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "answered": self.answered,
            "citations": [asdict(c) for c in self.citations],
            "calculations": [asdict(c) for c in self.calculations],
        }
