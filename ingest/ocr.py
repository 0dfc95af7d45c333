"""Read the text lines of a page image by OCR, each with its box.

The engine is rapidocr with the PP-OCRv6 Chinese detection and recognition models its wheel ships, so it
works offline (other models would be downloaded at first use). What it reads is cached by the image's
content: an unchanged scanned page is read once, however often the corpus is ingested.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

INK = 128  # grey level below which a pixel is ink


@dataclass
class OcrLine:
    text: str
    box: list[list[float]]  # corners in pixels, y downwards: top-left, top-right, bottom-right, bottom-left
    score: float
    stroke: float = 0.0  # mean stroke width in pixels: bold type and the sans of headings have wider strokes


def _stroke(grey: Image.Image, box: list[list[float]]) -> float:
    """Mean stroke width inside the box: twice the ink area over the ink's edge, whatever the characters."""
    left, top = (int(min(c)) for c in zip(*box))
    right, bottom = (int(max(c)) + 1 for c in zip(*box))
    mask = Image.new("1", (right - left, bottom - top))
    ImageDraw.Draw(mask).polygon([(x - left, y - top) for x, y in box], fill=1)
    ink = (np.asarray(grey.crop((left, top, right, bottom))) < INK) & np.asarray(mask)
    inner = ink[1:-1, 1:-1] & ink[:-2, 1:-1] & ink[2:, 1:-1] & ink[1:-1, :-2] & ink[1:-1, 2:]
    edge = int(ink.sum()) - int(inner.sum())
    return 2 * float(ink.sum()) / edge if edge else 0.0


@lru_cache(maxsize=1)
def _engine():
    from rapidocr import RapidOCR  # loads onnxruntime: only when a page needs it

    return RapidOCR(params={"Global.log_level": "error"})  # a blank page is no warning of its own


def _recognise(image: Image.Image) -> list[OcrLine]:
    found = _engine()(np.asarray(image.convert("RGB")))
    if found.boxes is None:
        return []
    return [OcrLine(text, box.tolist(), float(score)) for box, text, score in zip(found.boxes, found.txts, found.scores)]


def read_lines(image: Image.Image, cache_dir: Path | None = None) -> list[OcrLine]:
    """The text lines OCR finds in the image, top to bottom, with their stroke widths; what OCR read comes from
    cache_dir when this image was read before."""
    digest = hashlib.sha256(f"rapidocr {version('rapidocr')} {image.mode} {image.size}".encode())  # a new engine reads anew
    digest.update(image.tobytes())
    cached = cache_dir / f"{digest.hexdigest()}.json" if cache_dir else None
    if cached and cached.exists():
        lines = [OcrLine(**line) for line in json.loads(cached.read_text(encoding="utf-8"))]
    else:
        lines = _recognise(image)
        if cached:
            cache_dir.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps([asdict(line) for line in lines], ensure_ascii=False), encoding="utf-8")
    grey = image.convert("L")
    for line in lines:
        line.stroke = _stroke(grey, line.box)
    return lines
