"""Read a PDF into paragraph blocks using the page layout pypdf reports.

Line breaks in a PDF are only where the typesetter ran out of width, so paragraphs are rebuilt
from geometry, not punctuation: a line continues the one before it when that line ran to the
right margin, the new line starts at the left margin (no first-line indent) and both are set in
the same style. Headings are set apart by style (font, size); titles by a much larger size.
Running headers, footers and page numbers are recognised by position and repetition and dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .clean import tidy
from .types import Block, SourceError

_PAGE_NUMBER = re.compile(r"^[\-—–－\s]*\d{1,4}[\-—–－\s]*$")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…]")


@dataclass
class _Span:
    x: float
    text: str
    style: str
    size: float


@dataclass
class _Line:
    page: int
    y: float
    spans: list[_Span]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def x(self) -> float:
        return self.spans[0].x

    @property
    def end(self) -> float:
        """Estimated right edge: CJK glyphs are one em wide, Latin and digits about half."""
        last = self.spans[-1]
        return last.x + sum(last.size if _WIDE.match(c) else last.size / 2 for c in last.text)

    @property
    def style(self) -> tuple[str, float]:
        weights: Counter = Counter()
        for s in self.spans:
            weights[(s.style, s.size)] += len(s.text.strip())
        return weights.most_common(1)[0][0]


def _font_style(font: dict | None) -> str:
    name = str(font.get("/BaseFont", "")) if font else ""
    return name.split("+", 1)[-1]  # subset prefixes (ABCDEF+) differ for the same face


def _page_lines(reader: PdfReader) -> list[list[_Line]]:
    pages: list[list[_Line]] = []
    for number, page in enumerate(reader.pages, start=1):
        rows: dict[float, list[_Span]] = {}

        def visit(text, cm, tm, font, size, rows=rows):
            if not text.strip():
                return
            scale = (cm[0] or 1.0) * (tm[0] or 1.0)
            x = tm[4] * cm[0] + cm[4]
            y = round(tm[5] * cm[3] + cm[5], 0)
            rows.setdefault(y, []).append(_Span(x, text, _font_style(font), round(size * abs(scale), 1)))

        page.extract_text(visitor_text=visit)
        lines = [_Line(number, y, sorted(spans, key=lambda s: s.x)) for y, spans in rows.items()]
        pages.append(sorted(lines, key=lambda line: -line.y))
    return pages


def _running_lines(pages: list[list[_Line]]) -> set[tuple[int, float]]:
    """Lines to drop: page numbers, and first/last lines repeated across pages in the same style."""

    def key(line: _Line) -> tuple[str, tuple[str, float]]:
        return re.sub(r"\d+", "#", tidy(line.text)), line.style

    edges = [line for lines in pages for line in (lines[:1] + lines[-1:])]
    repeats = Counter(key(line) for line in edges)
    threshold = max(2, len(pages) // 3)
    drop = set()
    for line in edges:
        if _PAGE_NUMBER.match(line.text) or repeats[key(line)] >= threshold:
            drop.add((line.page, line.y))
    return drop


def read_pdf(path: Path) -> tuple[list[Block], int, list[str]]:
    """Blocks in reading order, the page count, and warnings (such as pages with no text layer)."""
    if path.stat().st_size == 0:
        raise SourceError(path, "the file is empty (0 bytes)", "replace it with the complete PDF")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise SourceError(path, "the PDF is encrypted", "save an unprotected copy and put that in corpus/")
        pages = _page_lines(reader)
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(path, f"pypdf cannot read it ({exc})", "check that it is a valid, complete PDF") from exc

    warnings = [
        f"{path.name}: page {n} has no text layer (scanned image?) — its content is not indexed; "
        "supply a PDF with text or an OCR'd copy"
        for n, lines in enumerate(pages, start=1)
        if not lines
    ]
    body = [line for lines in pages for line in lines]
    if not body:
        raise SourceError(path, "no page has extractable text", "supply a PDF with a text layer (OCR it first)")

    drop = _running_lines(pages)
    body = [line for line in body if (line.page, line.y) not in drop]
    blocks = _paragraphs(body)
    return blocks, len(pages), warnings


def _paragraphs(lines: list[_Line]) -> list[Block]:
    style_chars: Counter = Counter()
    for line in lines:
        style_chars[line.style] += len(line.text)
    body_style = style_chars.most_common(1)[0][0]
    body_size = body_style[1]
    body_lines = [line for line in lines if line.style[1] == body_size]
    left = Counter(round(line.x) for line in body_lines).most_common(1)[0][0]
    right = Counter(round(line.end) for line in body_lines).most_common(1)[0][0]  # where full lines stop

    def kind(line: _Line) -> str:
        style, size = line.style
        if size >= 1.3 * body_size:
            return "title"
        if (style, size) != body_style and size >= body_size:
            return "heading"
        return "para"

    def continues(prev: _Line, line: _Line) -> bool:
        if prev.style != line.style:
            return False
        size = line.style[1]
        # the previous line stopped short, so its paragraph ended; the estimate of where a line ends is
        # rough (glyph widths are guessed) and line-start rules can push a character down, hence the slack
        if prev.end < right - 2.5 * size:
            return False
        # body text marks a new paragraph by a first-line indent; titles are centred, so only the fill counts
        return kind(line) == "title" or line.x < left + size / 2

    blocks: list[Block] = []
    texts: list[str] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None and continues(prev, line):
            block = blocks[-1]
            joined = texts[-1] + line.text
            if line.page != prev.page:
                block.page_marks.append((len(tidy(joined[: len(texts[-1])])), line.page))
            texts[-1] = joined
        else:
            blocks.append(Block("", kind(line), [(0, line.page)]))
            texts.append(line.text)
        prev = line
    for block, text in zip(blocks, texts):
        block.text = tidy(text)
    return [b for b in blocks if b.text]
