"""Read a PDF into paragraph blocks using the page layout pypdf reports.

Line breaks in a PDF are only where the typesetter ran out of width, so paragraphs are rebuilt
from geometry, not punctuation: a line continues the one before it when that line ran to the
right margin, the new line starts at the left margin (no first-line indent) and both are set in
the same style. Headings are set apart by style (font, size); titles by a much larger size.
Running headers, footers and page numbers are recognised by position and repetition and dropped.
A page without a text layer (a scan) is read by OCR, and its lines go through the same repairs.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from tqdm import tqdm

from .clean import tidy
from .ocr import OcrLine, read_lines
from .types import Block, SourceError

_PAGE_NUMBER = re.compile(r"^[\-—–－\s]*\d{1,4}[\-—–－\s]*$")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…]")
# punctuation inked in one half of its em: at a line's start or end an OCR box leaves the other half out
_OPENING = "“‘《（〔【「『"
_CLOSING = "。，、；：！？”’》）〕】」』"
# OCR knows no fonts, only how heavy the type is: body weight, or heavier by BOLD_RATIO (bold, sans headings)
OCR_STYLE, OCR_BOLD = "ocr", "ocr-bold"
BOLD_RATIO = 1.15
OCR_DPI = 200  # scanned pages are rendered at this resolution for OCR
OCR_MAX_SIDE = 2000  # rapidocr shrinks a larger image to this many pixels anyway (its max_side_len)
SIZE_STEP = 1.15  # OCR sizes are snapped to steps of this ratio from the body size; two steps make a title
EDGE_SLACK = 0.3  # ems an OCR box edge may stray from the glyphs' own
NARROW_SLACK = 0.15  # ems a digit or Latin letter may differ from the half em it is counted as
# the box of a span shorter than SHORT_UNITS ems is padded out of measure (转。 reads half again as big as it is):
# unless DISPLAY times the size of the line above it (文件, 目录), it is taken to be set like that line
SHORT_UNITS, DISPLAY = 3, 2.0
JUSTIFY = 0.2  # justified lines spread their glyphs (4 ems over 27 where 〔2021〕13号 must not break): still body text
# OCR reads full-width punctuation next to Chinese as its ASCII look-alike: (half-width, full-width) pairs
_FULL_WIDTH = [(",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"), ("<", "《"),
               (">", "》")]
_CJK = "\u4e00-\u9fff"
_DOC_NUMBER = re.compile(r"[\[〔(（](\d{4})[\]〕)）](?=\d+号)")  # 〔2016〕102号, the year bracket of a document number
_LEADER = re.compile(r"^[.．·…]*(\d+)$")  # a contents entry's page number, its dot leader read as a dot or two, or not


@dataclass
class _Span:
    x: float
    text: str
    style: str
    size: float
    end: float | None = None  # right edge as OCR measured it; text layers give none, it is estimated
    weight: float = 0.0  # OCR: stroke width in ems, which tells heavier type (the text layer names the font instead)


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
        if last.end is not None:
            return last.end
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
    """Lines to drop: page numbers, and first/last lines repeated across pages (by their text alone: a scanned
    page's header, read by OCR, has no font to compare with the text layer's)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", tidy(line.text))

    edges = [line for lines in pages for line in (lines[:1] + lines[-1:])]
    repeats = Counter(key(line) for line in edges)
    threshold = max(2, len(pages) // 3)
    drop = set()
    for line in edges:
        if _PAGE_NUMBER.match(line.text) or repeats[key(line)] >= threshold:
            drop.add((line.page, line.y))
    return drop


def _units(text: str) -> float:
    """A text's width in ems: CJK one, Latin and digits half, punctuation at either end half (see _OPENING)."""
    units = sum(1.0 if _WIDE.match(c) else 0.5 for c in text)
    return units - 0.5 * (text[:1] in _OPENING) - 0.5 * (text[-1:] in _CLOSING)


def _ocr_text(text: str) -> str:
    """OCR's reading with the punctuation of Chinese type: full-width beside Chinese characters, 〔〕 for years."""
    for half, full in _FULL_WIDTH:
        text = re.sub(rf"(?<=[{_CJK}]){re.escape(half)}|{re.escape(half)}(?=[{_CJK}])", full, text)
    return _DOC_NUMBER.sub(r"〔\1〕", text)


def _ocr_lines(number: int, found: list[OcrLine], image_size: tuple[int, int], points: float) -> list[_Line]:
    """What OCR read on a page as the text layer would give it: points, y upwards, one line per row.

    The scan's skew (the median slant of wide boxes) is turned back about the image centre, so margins and
    indents line up again. A span's size is its glyph pitch (width over ems): box heights vary with the
    characters (quotes, brackets) and the detector's padding, and do not keep a title apart from body text.
    """
    slants = [math.atan2(b[1][1] - b[0][1], b[1][0] - b[0][0]) for b in (line.box for line in found)
              if b[1][0] - b[0][0] > 8 * (b[3][1] - b[0][1])]
    skew = median(slants) if slants else 0.0
    cx, cy = image_size[0] / 2, image_size[1] / 2
    cos, sin = math.cos(skew), math.sin(skew)

    boxes = []  # (left, top, right, bottom, text, stroke) in straightened pixels
    for line in found:
        if not line.text.strip():
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = [
            (cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos) for x, y in line.box]
        boxes.append(((x0 + x3) / 2, (y0 + y1) / 2, (x1 + x2) / 2, (y2 + y3) / 2, _ocr_text(line.text), line.stroke))
    boxes.sort(key=lambda b: (b[1] + b[3]) / 2)

    def same_row(a: tuple, b: tuple) -> bool:
        """Side by side at one height and size: a header split at a gap, not a big display word beside a line."""
        short, tall = sorted((a[3] - a[1], b[3] - b[1]))
        return abs(a[1] + a[3] - b[1] - b[3]) / 2 < short / 2 and tall < 1.3 * short

    rows: list[list[tuple]] = []
    for box in boxes:
        if rows and same_row(rows[-1][0], box):
            rows[-1].append(box)
        else:
            rows.append([box])

    scale = points / image_size[0]
    lines = []
    for row in rows:
        spans: list[_Span] = []
        for left, _, right, _, text, stroke in sorted(row):
            pitch = (right - left) / max(_units(text), 0.5)
            if spans and (leader := _LEADER.match(text)) and left - spans[-1].end / scale > 2 * pitch:
                spans[-1].text = spans[-1].text.rstrip(".．·… ") + "....." + leader.group(1)
                continue
            # the box holds the ink; half-em punctuation at either end sits in a whole em, as the margins count it
            left -= pitch / 2 * (text[:1] in _OPENING)
            right += pitch / 2 * (text[-1:] in _CLOSING)
            spans.append(_Span(left * scale, text, OCR_STYLE, pitch * scale, right * scale, stroke / pitch))
        bottom = max(b[3] for b in row)
        lines.append(_Line(number, round((image_size[1] - bottom) * scale, 0), spans))
    return lines


def _ocr_styles(lines: list[_Line]) -> None:
    """Give OCR lines set alike one style and size, as a text layer would.

    A pitch from half a step under the body's to JUSTIFY over it (plus what the box edges and narrow characters of
    a short span may stray) is the body size; any other is snapped to the ladder of SIZE_STEP ratios from it. A
    body-size span whose strokes are heavier than the body text's by BOLD_RATIO is bold (in other sizes size alone
    tells the kind). A span too short to measure takes the style of the line above it.
    """
    spans = [s for line in lines for s in line.spans]
    if not spans:
        return

    def units_median(values: list[tuple[float, float]]) -> float:
        """The median of the values weighed by units of text."""
        values.sort()
        half, seen = sum(u for _, u in values) / 2, 0.0
        return next(value for value, units in values if (seen := seen + units) >= half)

    body = units_median([(s.size, _units(s.text)) for s in spans])
    for span in spans:
        units = max(_units(span.text), 0.5)
        slack = EDGE_SLACK + NARROW_SLACK * sum(not _WIDE.match(c) for c in span.text)
        ratio = span.size / body
        if 1 / (math.sqrt(SIZE_STEP) + slack / units) < ratio < 1 + JUSTIFY + slack / units:
            span.size = body
        else:
            span.size = round(body * SIZE_STEP ** round(math.log(ratio, SIZE_STEP)), 1)
    weight = units_median([(s.weight, _units(s.text)) for s in spans if s.size == body])
    for span in spans:
        span.style = OCR_BOLD if span.size == body and span.weight > BOLD_RATIO * weight else OCR_STYLE
    for above, line in zip(lines, lines[1:]):
        for span in line.spans:
            if line.page == above.page and _units(span.text) < SHORT_UNITS and span.size < DISPLAY * above.style[1]:
                span.size, span.style = above.style[1], above.style[0]


def _read_scans(path: Path, numbers: list[int], cache_dir: Path | None, progress: bool) -> dict[int, list[_Line]]:
    """The pages without a text layer, rendered (pypdfium2) and read by OCR."""
    document = pdfium.PdfDocument(path)
    try:
        read = {}
        for number in tqdm(numbers, desc="识别扫描页 OCR", unit="page", disable=not progress, leave=False):
            page = document[number - 1]
            width, height = page.get_size()
            image = page.render(scale=min(OCR_DPI / 72, OCR_MAX_SIDE / max(width, height))).to_pil()
            read[number] = _ocr_lines(number, read_lines(image, cache_dir), image.size, width)
        _ocr_styles([line for lines in read.values() for line in lines])
        return read
    finally:
        document.close()


def read_pdf(path: Path, cache_dir: Path | None = None, progress: bool = False) -> tuple[list[Block], int, list[str]]:
    """Blocks in reading order, the page count, and warnings (pages on which no text was found at all).

    Pages without a text layer are read by OCR; cache_dir keeps what it read, so an unchanged page is read once.
    progress shows a bar while pages are read by OCR.
    """
    if path.stat().st_size == 0:
        raise SourceError(path, "the file is empty (0 bytes)", "replace it with the complete PDF")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise SourceError(path, "the PDF is encrypted", "save an unprotected copy and put that in corpus/")
        pages = _page_lines(reader)
        scanned = [n for n, lines in enumerate(pages, start=1) if not lines]
        for number, lines in _read_scans(path, scanned, cache_dir, progress).items() if scanned else ():
            pages[number - 1] = lines
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(path, f"pypdf cannot read it ({exc})", "check that it is a valid, complete PDF") from exc
    except pdfium.PdfiumError as exc:
        raise SourceError(path, f"its scanned pages cannot be rendered for OCR ({exc})",
                          "check that it is a valid, complete PDF") from exc

    warnings = [f"{path.name}: page {n} has no text, neither in a text layer nor found by OCR — nothing of it is indexed"
                for n, lines in enumerate(pages, start=1) if not lines]
    body = [line for lines in pages for line in lines]
    if not body:
        raise SourceError(path, "no page has text, neither in a text layer nor found by OCR",
                          "check that it holds the document, scanned legibly or with a text layer")

    drop = _running_lines(pages)
    body = [line for line in body if (line.page, line.y) not in drop]
    # OCR lines are measured, not typeset: their margins and sizes are learnt apart from the text layer's
    blocks = []
    for ocr, run in groupby(body, key=lambda line: line.style[0] in (OCR_STYLE, OCR_BOLD)):
        for block in _paragraphs(list(run)):
            block.ocr = ocr
            blocks.append(block)
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
