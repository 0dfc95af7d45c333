"""Index versions: a question never sees half a build, and an ingest killed at any point leaves the previous version
serving. Ingest runs as `python -m ingest` in another process, as it does beside a running app."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from assistant.answer import Answerer, ready_answerer
from ingest.index import Versions, indexed_sources, open_store
from ingest.pipeline import read_chunks, run

from conftest import FISCAL_PDF, STANDARD_PDF, settings_for

# one answered from each document: the second is not in the first version
QUESTIONS = ("2020年城乡居民基础养老金最低标准提高到多少", "我奶奶九十二岁，每个月能领多少高龄津贴？")


@pytest.fixture
def first_version(tmp_path):
    """A corpus of the fiscal articles, indexed: the version questions read before the standard is added."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FISCAL_PDF, corpus / "fiscal.pdf")
    settings = settings_for(corpus, tmp_path / "data")
    run(settings, progress=False)
    return settings


def _ingest(settings) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ingest", "--corpus", str(settings.corpus_dir), "--data",
                             str(settings.data_dir), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _said(answerer: Answerer, question: str) -> tuple:
    answer = answerer.ask(question)
    return answer.text, tuple(c.locator for c in answer.citations)


def test_questions_asked_during_ingest_are_answered_from_one_complete_version(first_version):
    answerer = Answerer(first_version)
    before = {q: _said(answerer, q) for q in QUESTIONS}
    shutil.copy(STANDARD_PDF, first_version.corpus_dir / "standard.pdf")
    ingest = _ingest(first_version)
    during = []
    while ingest.poll() is None:
        during += [(q, _said(answerer, q)) for q in QUESTIONS]
    assert ingest.returncode == 0, ingest.stderr.read().decode()
    after = {q: _said(Answerer(first_version), q) for q in QUESTIONS}
    assert before[QUESTIONS[1]] != after[QUESTIONS[1]] and "120元" in after[QUESTIONS[1]][0]
    assert len(during) >= 10
    for question, said in during:
        assert said in (before[question], after[question]), (question, said)
    assert {q: _said(answerer, q) for q in QUESTIONS} == after  # the running answerer has switched


def _new_version_started(settings, current: str) -> bool:
    versions = Versions(settings)
    return any(name != current and versions.read(name).count() > 0 for name in versions._names())


@pytest.mark.parametrize("when", ["reading", "embedding"])
def test_an_ingest_killed_part_way_leaves_the_previous_version_serving(first_version, when):
    settings = first_version
    version = Versions(settings).current()
    passages = indexed_sources(open_store(settings))
    answer = _said(Answerer(settings), QUESTIONS[0])
    shutil.copy(STANDARD_PDF, settings.corpus_dir / "standard.pdf")
    ingest = _ingest(settings)
    deadline = time.time() + 300
    if when == "reading":
        time.sleep(1.0)
    else:
        while not _new_version_started(settings, version) and time.time() < deadline:
            time.sleep(0.05)
    assert ingest.poll() is None, "the ingest finished before it could be killed"
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()

    assert Versions(settings).current() == version
    assert indexed_sources(open_store(settings)) == passages
    assert _said(Answerer(settings), QUESTIONS[0]) == answer

    report = run(settings, progress=False)
    assert report.errors == [] and report.version != version
    expected = {c.id for name in ("fiscal.pdf", "standard.pdf")
                for c in read_chunks(settings.corpus_dir / name, name)[0]}
    store = open_store(settings)
    assert {cid for ids in indexed_sources(store).values() for cid in ids} == expected
    assert store._collection.count() == len(expected)  # nothing duplicated
    assert sorted(Versions(settings)._names()) == sorted([version, report.version])  # what the kill left is gone


def test_an_answerer_over_no_index_yet_builds_the_first_version(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FISCAL_PDF, corpus / "fiscal.pdf")
    settings = settings_for(corpus, tmp_path / "data")
    said = []
    answerer = ready_answerer(settings, log=said.append)
    assert "索引为空" in said[0] and "index version" in said[1]
    assert Versions(settings).current() is not None
    assert answerer.ask("基础养老金这几年涨了多少？").text.startswith("2020—2024年累计提高了50元")
