"""Shared fixtures: the real corpus indexed once into a temporary Chroma store with the default embedder."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assistant.answer import Answerer
from ingest.config import ROOT, Settings
from ingest.pipeline import run

FIXTURES = Path(__file__).parent / "fixtures"
STANDARD_PDF = ROOT / "corpus" / "xinjiang_basic_public_service_standard_2021.pdf"
FISCAL_PDF = ROOT / "corpus" / "xinjiang_fiscal_livelihood_articles.pdf"
STANDARD_TXT = FIXTURES / "basic_public_service_standard_2021.txt"
FISCAL_TXT = FIXTURES / "fiscal_livelihood_articles.txt"


def settings_for(corpus: Path, data: Path, **changes) -> Settings:
    return dataclasses.replace(Settings(), corpus_dir=corpus, data_dir=data, **{"chroma_host": None, **changes})


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    settings = settings_for(ROOT / "corpus", tmp_path_factory.mktemp("index"))
    report = run(settings, progress=False)
    assert report.errors == [] and report.embedded == report.chunks > 0
    return settings


@pytest.fixture(scope="session")
def answerer(corpus_settings) -> Answerer:
    return Answerer(corpus_settings)
