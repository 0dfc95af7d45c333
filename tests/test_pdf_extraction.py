"""The PDFs' text, as ingest rebuilds it, against the seed text the PDFs were made from."""
from __future__ import annotations

import re

import pytest
from rapidfuzz.distance import Indel

from ingest.clean import squash, tidy
from ingest.pdf import read_pdf
from ingest.pipeline import read_chunks

from conftest import FISCAL_PDF, FISCAL_TXT, STANDARD_PDF, STANDARD_TXT

PAIRS = [(STANDARD_PDF, STANDARD_TXT, 61), (FISCAL_PDF, FISCAL_TXT, 8)]


@pytest.mark.parametrize(("pdf", "seed", "pages"), PAIRS, ids=["standard", "fiscal"])
def test_extracted_text_matches_seed(pdf, seed, pages):
    blocks, page_count, warnings = read_pdf(pdf)
    extracted = squash("".join(b.text for b in blocks))
    expected = squash(seed.read_text(encoding="utf-8").replace("**", "").replace("#", ""))
    assert page_count == pages and warnings == []
    assert Indel.normalized_similarity(extracted, expected) >= 0.995


@pytest.mark.parametrize(("pdf", "seed", "pages"), PAIRS, ids=["standard", "fiscal"])
def test_no_running_header_footer_or_page_number_in_chunks(pdf, seed, pages):
    chunks, _, _ = read_chunks(pdf)
    for chunk in chunks:
        for line in chunk.text.splitlines():
            assert not re.fullmatch(r"[\-—–\s]*\d{1,3}[\-—–\s]*", line), chunk.locator
            assert line != "自治区基本公共服务标准（2021年版）", chunk.locator
        assert "财政支持民生保障专题" not in chunk.text
        assert not re.search(r"[—-]\s*\d{1,2}\s*[—-]", chunk.text), chunk.text


def test_paragraphs_rebuilt_across_line_and_page_breaks():
    blocks, _, _ = read_pdf(FISCAL_PDF)
    texts = [b.text for b in blocks]
    # one paragraph, wrapped over several lines in the PDF; headings stay their own blocks
    assert any("自治区财政认真落实就业优先战略和更加积极的就业政策，持续推进援企稳岗" in t for t in texts)
    assert "财政投入持续增加，民生保障有力有为" in texts
    # a paragraph running from page 1 onto page 2 keeps both pages
    spanning = next(b for b in blocks if b.text.startswith("自治区各级财政部门始终将社会保障"))
    assert spanning.pages() == (1, 2)
    assert "占一般公共预算支出的20.74%" in spanning.text


def test_spaces_between_chinese_and_digits_removed():
    assert tidy("财 政衔接资 金 1049.84 亿 元 ， 占 68.7%") == "财政衔接资金1049.84亿元，占68.7%"
    assert tidy("Noto Serif 字体") == "Noto Serif字体"
