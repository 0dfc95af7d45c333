"""Data that flows out of ingest: layout blocks read from a file, and the chunks that get indexed."""
from __future__ import annotations

import hashlib
from functools import cached_property
from dataclasses import dataclass, field
from dataclasses import field as _field  # Chunk has a member named field


@dataclass
class Block:
    """One paragraph-like unit of a source file, in reading order.

    kind is "title" (document title), "heading" (set apart by layout or markup) or "para".
    page_marks lists (offset in text, page number) where a page starts; empty for text files.
    """

    text: str
    kind: str = "para"
    page_marks: list[tuple[int, int]] = field(default_factory=list)
    ocr: bool = False  # read by OCR from scanned pages

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, number in self.page_marks:
            if start <= offset:
                page = number
        return page

    def pages(self, start: int = 0, end: int | None = None) -> tuple[int | None, int | None]:
        """First and last page covered by text[start:end]."""
        end = len(self.text) if end is None else end
        return self.page_at(start), self.page_at(max(end - 1, start))

    def split(self, at: int) -> tuple[Block, Block]:
        """Two blocks, text[:at] and text[at:], each keeping its own page marks."""
        head_marks = [(o, p) for o, p in self.page_marks if o < at]
        tail_page = self.page_at(at)
        tail_marks = [(0, tail_page)] if tail_page is not None else []
        tail_marks += [(o - at, p) for o, p in self.page_marks if o > at]
        return (
            Block(self.text[:at], self.kind, head_marks),
            Block(self.text[at:], self.kind, tail_marks),
        )


@dataclass
class Fact:
    """A figure a passage states, verbatim at text[start:end] of that passage.

    kind: amount, range (value to high), average, share (value % of base, an outside quantity),
    total (the sum of the components that follow it), component, or former (an earlier figure the
    passage says was raised: "从…500元提高至…712元"), or rise (by how much: "累计提高50元"; its year is
    the one it is counted from). per is the period an amount
    is paid for (天/月/年), per_head whom it is counted by (人/生/户); condition is the passage
    text that selects this figure among its neighbours (an age bracket, a school level, a region).
    """

    value: str
    unit: str
    kind: str = "amount"
    condition: str = ""
    per: str = ""
    per_head: str = ""
    high: str = ""
    base: str = ""
    year: str = ""
    age_min: int | None = None
    age_max: int | None = None
    start: int = 0
    end: int = 0

    def holds_age(self, age: int) -> bool:
        """Whether the figure's age bracket (80 to 89, 100 and over) holds the age; False when it has none."""
        return self.age_min is not None and self.age_min <= age <= (self.age_max or 10**3)

    @property
    def rate_unit(self) -> str:
        """元/人/月 style: the unit with what it is counted by."""
        return "/".join([self.unit, *([self.per_head] if self.per_head else []), *([self.per] if self.per else [])])


@dataclass
class Chunk:
    """One citable passage: a field of a numbered item, or a paragraph (window) of an article."""

    source: str  # file name inside corpus/
    doc: str  # document title
    path: list[str]  # heading path below the title, e.g. ["五、老有所养", "（十三）养老助老服务", "48.老年人福利补贴"]
    text: str  # the passage itself, quoted verbatim in answers
    field: str = ""  # 服务对象 / 服务内容 / 服务标准 / 支出责任 / 牵头负责单位, or ""
    item: str = ""  # numbered item heading, e.g. "48.老年人福利补贴"
    page_start: int | None = None
    page_end: int | None = None
    note: str = ""  # how ingest repaired the source here, if it did
    ocr: bool = False  # some of its pages were scanned images, read by OCR
    point: str = ""  # the run-in point of an article or notice the passage is under: 三是待遇水平稳步提高, 一、严格按标执行
    facts: list[Fact] = _field(default_factory=list)  # figures it states, set at ingest

    # locator, search_text and id are computed once, on first use: a chunk is not changed once built, and answering
    # one question reads them millions of times at ×100 the corpus
    @cached_property
    def locator(self) -> str:
        return self._headed(self.point)

    def _headed(self, point: str) -> str:
        return " › ".join([*self.path, *([point] if point else []), *([self.field] if self.field else [])])

    @cached_property
    def id(self) -> str:
        """Content-derived id: unchanged passages keep their id, so re-ingest embeds nothing; what is embedded
        (search_text) is part of it, so a change there is embedded anew."""
        key = "\x1f".join([self.doc, self.locator, self.search_text, str(self.page_start), str(self.page_end)])
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    @cached_property
    def search_text(self) -> str:
        """What gets embedded and lexically indexed: the heading path gives a bare field its topic; a run-in point
        is cited, not searched (its first passage begins with it)."""
        return f"{self._headed('')}：{self.text}"


class SourceError(Exception):
    """A corpus file that cannot be ingested: names the file, what is wrong, and the fix."""

    def __init__(self, path, problem: str, fix: str):
        self.path, self.problem, self.fix = path, problem, fix
        super().__init__(f"{path}: {problem} — {fix}")
