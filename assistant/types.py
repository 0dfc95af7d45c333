"""What the assistant hands to its interfaces: an answer with its citations and calculations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ingest.types import Chunk

if TYPE_CHECKING:
    from .plan import Outcome


@dataclass
class Citation:
    doc: str
    locator: str
    page: int | None
    quote: str
    page_end: int | None = None
    source: str = ""
    note: str = ""
    ocr: bool = False  # the passage was read by OCR from a scanned page

    @classmethod
    def of(cls, chunk: Chunk) -> Citation:
        return cls(chunk.doc, chunk.locator, chunk.page_start, chunk.text, chunk.page_end, chunk.source, chunk.note,
                   chunk.ocr)

    @property
    def page_label(self) -> str:
        if self.page is None:
            return ""
        pages = f"第{self.page}页" if self.page_end in (None, self.page) else f"第{self.page}–{self.page_end}页"
        return pages + ("，扫描件识别" if self.ocr else "")

    @property
    def reference(self) -> str:
        """《document》heading › path（第N页）, as an answer's 依据 line shows it."""
        return f"《{self.doc}》{self.locator}" + (f"（{self.page_label}）" if self.page_label else "")


@dataclass
class Operand:
    """One number a calculation used, and where it came from."""

    value: str
    unit: str  # as shown: 元/月, 个月, 人, %, 元
    source: str  # "document" (a figure of a cited passage), "user" (the user's words), "conversion" (12 months a year), "calculation"
    where: str = ""  # the citation locator, the user's message, or the calculation that produced it

    @property
    def shown(self) -> str:
        return f"{self.value}{self.unit}"


@dataclass
class Calculation:
    expression: str  # 120元/月 × 12个月 = 1440元
    result: str
    unit: str = "元"
    operands: list[Operand] = field(default_factory=list)


@dataclass
class NumberSource:
    """A number in an answer's text and what grounds it: a cited passage, the user's words or a calculation."""

    value: str
    source: str  # "citation", "user", "calculation" or "hotline"
    where: str = ""


@dataclass
class Answer:
    question: str
    text: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    calculations: list[Calculation] = field(default_factory=list)
    asks_for: str = ""  # a quantity the user must give before the amount can be computed
    numbers: list[NumberSource] = field(default_factory=list)  # set by the guard
    guard: str = ""  # "passed", or "fallback" when the composed answer had an ungrounded number
    outcome: Outcome | None = None  # the figure it gave and how, for a follow-up to build on (not serialised)
    answerer: str = ""  # "rules" or "model" where a language model is configured; "" (and not serialised) otherwise

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "answered": self.answered,
            "citations": [asdict(c) for c in self.citations],
            "calculations": [asdict(c) for c in self.calculations],
            "asks_for": self.asks_for,
            "numbers": [asdict(n) for n in self.numbers],
            "guard": self.guard,
            **({"answerer": self.answerer} if self.answerer else {}),
        }
