"""The benchmark's own parts (python -m evals bench): synthetic copies, the embedding cache, the growth table.
No benchmark is run here; nothing about time is asserted."""
from __future__ import annotations

import random
import re

import pytest
from langchain_core.embeddings import Embeddings

from evals.bench import METRICS, growth_rows
from evals.embedcache import CachedEmbeddings
from evals.synthetic import original_title, perturb_numbers, replicate, revise
from ingest.config import ROOT
from ingest.pipeline import read_chunks


def _digits_masked(text: str) -> str:
    return re.sub(r"\d", "#", text)


@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    out = tmp_path_factory.mktemp("x3")
    copies = replicate(ROOT / "corpus", out, 3)
    return out, copies


def test_perturbed_numbers_keep_length_years_and_item_numbers_but_change_the_figures():
    text = "48.高龄津贴：自2021年起，90周岁至99周岁每人每月120元，资助比例为0.5，热线12333。"
    copy = perturb_numbers(text, random.Random(1))
    assert len(copy) == len(text) and _digits_masked(copy) == _digits_masked(text)
    assert copy.startswith("48.") and "自2021年" in copy and "为0." in copy and "为0.5" not in copy
    figures = lambda t: re.findall(r"\d+", t)[2:]  # after 48 and 2021
    assert all(a != b for a, b in zip(figures(text), figures(copy)) if not a.startswith("0"))
    assert perturb_numbers(text, random.Random(1)) == copy  # deterministic for a seed
    assert perturb_numbers(text, random.Random(2)) != copy


def test_copies_have_their_own_titles_and_split_into_the_same_passages(replicated):
    out, copies = replicated
    assert len(copies) == 4 and sorted(p.name for p in out.glob("*.pdf")) == sorted(
        p.name for p in (ROOT / "corpus").glob("*.pdf"))
    titles = set()
    for source in sorted((ROOT / "corpus").glob("*.pdf")):
        original = read_chunks(source)[0]
        for copy in (p for p in copies if p.name.startswith(source.stem)):
            chunks = read_chunks(copy)[0]
            assert len(chunks) == len(original)
            assert [(c.path, c.field, c.item) for c in chunks] == [(c.path, c.field, c.item) for c in original]
            assert [_digits_masked(c.text) for c in chunks] == [_digits_masked(c.text) for c in original]
            docs = {c.doc for c in chunks}
            assert not docs & {c.doc for c in original} and not docs & titles
            assert {original_title(d) for d in docs} == {c.doc for c in original}
            assert sum(a.text != b.text for a, b in zip(chunks, original)) >= 10  # its figures are its own
            titles |= docs


def test_no_two_copies_alike_and_a_revised_copy_changes_only_figures(replicated, tmp_path):
    out, copies = replicated
    bodies = [re.sub(r"^#.*$", "", p.read_text(encoding="utf-8"), flags=re.M) for p in copies]
    assert len(set(bodies)) == len(bodies)
    revised = tmp_path / copies[0].name
    revised.write_text(copies[0].read_text(encoding="utf-8"), encoding="utf-8")
    revise(revised, seed=1)
    before, after = read_chunks(copies[0])[0], read_chunks(revised)[0]
    assert [(c.doc, c.locator) for c in after] == [(c.doc, c.locator) for c in before]
    assert any(a.text != b.text for a, b in zip(after, before))


class Counting(Embeddings):
    def __init__(self):
        self.seen: list[str] = []

    def embed_documents(self, texts):
        self.seen += texts
        return [[float(len(t)), 1.0] for t in texts]

    def embed_query(self, text):
        return [0.0, 0.0]


def test_embedding_cache_embeds_each_text_once_and_counts_hits(tmp_path):
    inner = Counting()
    cache = CachedEmbeddings(inner, "m", tmp_path / "c.sqlite")
    assert cache.embed_documents(["甲", "乙乙", "甲"]) == [[1.0, 1.0], [2.0, 1.0], [1.0, 1.0]]
    assert inner.seen == ["甲", "乙乙"] and cache.counts.model_texts == 2 and cache.counts.cached_texts == 1
    again = CachedEmbeddings(inner, "m", tmp_path / "c.sqlite")
    assert again.embed_documents(["乙乙", "丙"]) == [[2.0, 1.0], [1.0, 1.0]]
    assert inner.seen[-1:] == ["丙"] and again.counts.cached_texts == 1
    other_model = CachedEmbeddings(inner, "n", tmp_path / "c.sqlite")
    other_model.embed_documents(["甲"])
    write_only = CachedEmbeddings(inner, "m", tmp_path / "c.sqlite", read=False)
    write_only.embed_documents(["甲"])
    assert inner.seen[-2:] == ["甲", "甲"] and write_only.counts.cached_texts == 0


def test_growth_table_puts_scales_side_by_side_with_the_last_over_the_first():
    results = [{"factor": 1, "chunks": 433, "ingest_s": 40.0, "R@5": 0.97},
               {"factor": 10, "chunks": 4330, "ingest_s": 400.0, "R@5": 0.5, "changed_s": 12.0}]
    rows = growth_rows(results)
    assert rows[0] == ["metric", "×1", "×10", "×10 / ×1"] and len(rows) == len(METRICS) + 1
    by_label = {row[0].strip(): row[1:] for row in rows}
    assert by_label["passages"] == ["433", "4330", "10.0×"]
    assert by_label["cold ingest, measured (s)"] == ["40.0", "400.0", "10.0×"]
    assert by_label["retrieval R@5"] == ["0.970", "0.500", "0.5×"]
    assert by_label["re-ingest, one copy revised (s)"] == ["—", "12.0", "—"]
    assert growth_rows(results[:1])[0] == ["metric", "×1"]
