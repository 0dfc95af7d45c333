"""The LangChain baseline: its recipe, citations laid over the structured passages, records the scorer reads,
and the end-to-end run that sets it beside the assistant. Built over the fiscal PDF alone (its 500-character
chunks take the bundled model long to embed), with the real splitter, Chroma and model."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from evals.__main__ import main
from evals.answers import grounded
from evals.baseline import CHUNK_SIZE, Baseline, PassageMap
from evals.cases import KINDS, load
from ingest.config import ROOT
from ingest.pipeline import run
from ingest.types import Chunk

from conftest import FISCAL_PDF, settings_for

FIRST_ARTICLE = "民生保障有力 为新疆经济社会高质量发展筑牢民生根基"


@pytest.fixture(scope="module")
def fiscal_settings(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("fiscal")
    shutil.copy(FISCAL_PDF, corpus / FISCAL_PDF.name)
    settings = settings_for(corpus, tmp_path_factory.mktemp("data"))
    assert not run(settings, progress=False).errors
    return settings


@pytest.fixture(scope="module")
def baseline(fiscal_settings):
    return Baseline(fiscal_settings)


def test_repeated_wording_is_laid_over_the_passages_in_reading_order():
    text = ("1.甲项\n\n服务标准：每人每月50元。\n\n支出责任：由地方财政承担。\n\n"
            "2.乙项\n\n服务标准：按当地标准执行，\n\n具体见附表。\n\n支出责任：由地方财政承担。")
    passages = [Chunk("f", "文件", ["1.甲项"], "每人每月50元。", "服务标准"),
                Chunk("f", "文件", ["1.甲项"], "由地方财政承担。", "支出责任"),
                Chunk("f", "文件", ["2.乙项"], "按当地标准执行，\n具体见附表。", "服务标准"),  # joined across blocks by ingest
                Chunk("f", "文件", ["2.乙项"], "由地方财政承担。", "支出责任"),
                Chunk("f", "文件", ["3.丙项"], "每人每月50元。", "服务标准")]  # its text is already held: placed nowhere
    where = PassageMap(text, passages)
    first, second = text.index("由地方财政承担"), text.rindex("由地方财政承担")
    assert where.overlaps(first, first + 8) == [(passages[1], 8)]
    assert where.overlaps(second, second + 8) == [(passages[3], 8)]
    assert where.owner[text.index("具体见附表")] == 2  # placed line by line
    assert 4 not in where.owner
    item_two = text.index("2.乙项")
    assert where.held(item_two, len(text)) == [passages[2], passages[3]]  # the heading line belongs to no passage
    assert where.held(first - 10, item_two + 10) == [passages[1]]  # 3 of the 8 characters of item 1's standard: not held


def test_baseline_chunks_are_the_recipes_and_live_in_a_store_of_their_own(baseline, fiscal_settings):
    found = baseline._store.get(include=["documents"])
    assert len(found["ids"]) == baseline.size > 3
    assert all(len(text) <= CHUNK_SIZE for text in found["documents"])
    assert (fiscal_settings.data_dir / "baseline").is_dir()
    assert Baseline(fiscal_settings)._store.get(include=[])["ids"] == found["ids"]  # unchanged corpus: nothing re-added


def test_baseline_answers_with_a_sentence_of_its_top_chunk_citing_the_passage_it_comes_from(baseline):
    case = next(c for c in load() if c.id == "q106")
    record = baseline.answer(case, 1)
    assert set(record) >= {"answer", "answered", "citations", "calculations"} and record["calculations"] == []
    citation = record["citations"][0]
    assert record["answered"] and record["answer"] in citation["quote"]  # extractive: quoted from its chunk
    assert case.matches(citation["doc"], citation["locator"]) and citation["page"] in (7, 8)
    assert "低保" in record["answer"]
    assert grounded(case, record)
    hits = baseline.top(case, 5)
    assert len(hits) == 5 and any(case.matches(doc, locator) for doc, locator in hits[0])


def test_product_never_imports_the_evaluation_code():
    product = [*(ROOT / "assistant").glob("*.py"), *(ROOT / "ingest").glob("*.py"), ROOT / "app.py"]
    assert len(product) > 10
    for path in product:
        assert not re.search(r"^\s*(from|import)\s+evals\b", path.read_text(encoding="utf-8"), re.M), path


def test_run_sets_the_assistant_and_a_second_configuration_beside_the_baseline(fiscal_settings, baseline, tmp_path,
                                                                              monkeypatch, capsys):
    fiscal = {FIRST_ARTICLE, "积极发挥财政职能作用 坚决守住不发生规模性返贫致贫底线"}
    usable = [c for c in load() if not c.gold or c.gold["doc"] in fiscal]
    cases = [next(c for c in usable if c.kind == kind) for kind in KINDS]  # one of each kind
    lines = [json.dumps({"id": c.id, "kind": c.kind, "question": c.question, "turns": c.turns, "gold": c.gold,
                         "evidence": c.evidence, "numbers": c.numbers, "answer": c.answer}, ensure_ascii=False) for c in cases]
    cases_file = tmp_path / "cases.jsonl"
    cases_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("POLICY_DESK_CORPUS", str(fiscal_settings.corpus_dir))
    monkeypatch.setenv("POLICY_DESK_DATA", str(fiscal_settings.data_dir))
    for name in ("CHROMA_HOST", "POLICY_DESK_EMBEDDINGS", "POLICY_DESK_LEXICAL_WEIGHT"):
        monkeypatch.delenv(name, raising=False)

    out = tmp_path / "out"
    assert main(["run", "--cases", str(cases_file), "--out", str(out), "--compare", "lexical_weight=0"]) == 0

    printed = capsys.readouterr().out
    for name in ("ours:", "ours (lexical_weight=0):", "baseline:", "ours / baseline"):
        assert name in printed
    assert all(re.search(rf"^{kind}\s+1\s", printed, re.M) for kind in KINDS)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    systems = report["systems"]
    assert list(systems) == ["ours", "ours (lexical_weight=0)", "baseline"]
    assert systems["ours (lexical_weight=0)"]["config"]["lexical weight"] == 0.0
    base = systems["baseline"]["by_kind"]
    assert base["all"]["n"] == len(KINDS) and base["all"]["grounded"] == 1.0  # extractive answers are grounded
    assert base["no_answer"]["declined"] == base["out_of_scope"]["declined"] == 0.0  # it always finds a chunk
    ours = systems["ours"]["by_kind"]["all"]
    if base["all"]["correct"]:
        assert report["ratios"]["ours"]["all"]["correct"] == pytest.approx(ours["correct"] / base["all"]["correct"])
    assert [c["id"] for c in report["cases"]["baseline"]] == [c.id for c in cases]
    assert (out / "accuracy.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![correct answers per kind](accuracy.png)" in (out / "report.md").read_text(encoding="utf-8")
