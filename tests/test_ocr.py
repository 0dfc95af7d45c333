"""Scanned pages are read by OCR: image-only copies of the corpus PDFs read back as their text layers do.

The scans are made here from the corpus, as a scanner would make them (150 dpi greyscale, slightly skewed, specks
of dirt and of dropout), and read once per module: OCR takes seconds a page.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from rapidfuzz.distance import Indel

import ingest.ocr
from assistant.types import Citation
from ingest.clean import squash
from ingest.index import from_metadata, to_metadata
from ingest.pdf import read_pdf
from ingest.pipeline import read_chunks
from ingest.types import Block, Chunk, SourceError

from conftest import FISCAL_PDF, STANDARD_PDF, scanned_copy

# passages the scan gives that the text layer does not: lines told apart there by typeface alone (the articles'
# byline in a kai face, one letterhead line), and a contents line whose dot leader OCR did not see
SCAN_ONLY = {"fiscal": ["新疆维吾尔自治区财政厅", "新疆维吾尔自治区财政厅"],
             "standard": ["新疆维吾尔自治区人力资源和社会保障厅", "幼有所育."]}


@dataclass
class Scan:
    path: Path
    original: list[Block]
    blocks: list[Block]
    chunks: list[Chunk]
    original_chunks: list[Chunk]
    pages: int
    warnings: list[str]
    first_calls: int  # OCR runs of the first read
    again_calls: int  # OCR runs of the second read, same cache
    seconds_per_page: float


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Scan]:
    folder = tmp_path_factory.mktemp("scans")
    calls = []
    recognise = ingest.ocr._recognise

    def counted(image):
        calls.append(image.size)
        return recognise(image)

    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest.ocr, "_recognise", counted)
        for name, source, seed in [("fiscal", FISCAL_PDF, 7), ("standard", STANDARD_PDF, 7)]:
            scan = scanned_copy(source, folder / f"{name}-scan.pdf", seed)
            cache = folder / f"{name}-ocr-cache"
            calls.clear()
            start = time.perf_counter()
            blocks, pages, warnings = read_pdf(scan, cache)
            seconds = (time.perf_counter() - start) / pages
            first = len(calls)
            calls.clear()
            chunks = read_chunks(scan, source.name, cache)[0]
            made[name] = Scan(scan, read_pdf(source)[0], blocks, chunks, read_chunks(source)[0], pages, warnings,
                              first, len(calls), seconds)
            print(f"\n{name}: OCR {seconds:.2f} s per page ({pages} pages)")
    return made


def text(blocks: list[Block]) -> str:
    return squash("".join(b.text for b in blocks))


@pytest.mark.parametrize("name", ["fiscal", "standard"])
def test_scan_reads_as_the_text_layer_does(scans, name):
    """Character similarity (rapidfuzz Indel, normalised: 1 - edits / total length) of all block texts, whitespace
    removed, against the same read of the original's text layer."""
    scan = scans[name]
    similarity = Indel.normalized_similarity(text(scan.blocks), text(scan.original))
    print(f"\n{name}: similarity {similarity:.4f}")
    assert similarity >= 0.97
    assert scan.warnings == [] and scan.pages == len(PdfReader(scan.path).pages)
    assert all(b.ocr for b in scan.blocks) and not any(b.ocr for b in scan.original)


@pytest.mark.parametrize("name", ["fiscal", "standard"])
def test_scan_splits_into_the_same_items_fields_and_headings(scans, name):
    scan = scans[name]
    assert [(c.item, c.field) for c in scan.chunks if c.item] == [(c.item, c.field) for c in scan.original_chunks
                                                                  if c.item]
    extra = [c for c in scan.chunks if c.text not in {o.text for o in scan.original_chunks}
             and c.text in SCAN_ONLY[name]]
    assert [c.text for c in extra] == SCAN_ONLY[name]
    kept = [c for c in scan.chunks if c not in extra]
    assert [c.locator for c in kept] == [c.locator for c in scan.original_chunks]
    assert [(c.page_start, c.page_end) for c in kept] == [(c.page_start, c.page_end) for c in scan.original_chunks]
    assert all(c.ocr for c in scan.chunks)


def test_figures_survive_the_scan(scans):
    chunks = {c.locator: c for c in scans["standard"].chunks}
    standard = chunks["五、老有所养 › （十三）养老助老服务 › 48.老年人福利补贴 › 服务标准"]
    assert "90周岁（含90周岁）至99周岁的老年人每人每月补贴120元" in standard.text
    assert (standard.page_start, standard.page_end) == (37, 38)


def test_second_read_of_an_unchanged_scan_does_no_ocr(scans):
    for scan in scans.values():
        assert scan.first_calls == scan.pages
        assert scan.again_calls == 0


def test_mixed_file_reads_every_page_and_marks_the_scanned_one(scans, tmp_path):
    original, scanned = PdfReader(FISCAL_PDF), PdfReader(scans["fiscal"].path)
    writer = PdfWriter()
    for number, page in enumerate(original.pages, start=1):
        writer.add_page(scanned.pages[2] if number == 3 else page)
    mixed = tmp_path / "mixed.pdf"
    writer.write(mixed)

    chunks, pages, warnings = read_chunks(mixed, "mixed.pdf", tmp_path / "ocr-cache")
    assert pages == 8 and warnings == []
    assert Indel.normalized_similarity(squash("".join(c.text for c in chunks)),
                                       squash("".join(c.text for c in scans["fiscal"].original_chunks))) >= 0.99
    assert {c.page_start for c in chunks} >= set(range(1, 9)) - {8}
    assert all(c.ocr == (c.page_start <= 3 <= c.page_end) for c in chunks)
    insured = next(c for c in chunks if "失业保险参保人数340.16万人" in c.text)  # printed on page 3
    assert insured.ocr and from_metadata(to_metadata(insured)).ocr
    assert "（第3页，扫描件识别）" in Citation.of(insured).reference
    assert "扫描件识别" not in Citation.of(next(c for c in chunks if not c.ocr)).reference
    assert not any("财政支持民生保障专题" in c.text for c in chunks)  # the scanned page's running header too


def test_pages_with_no_text_anywhere_are_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    blank = tmp_path / "blank.pdf"
    writer.write(blank)
    with pytest.raises(SourceError, match="no page has text"):
        read_pdf(blank)
