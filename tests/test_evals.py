"""The evaluation cases are well-formed, the metric code scores known inputs right, and retrieval holds up."""
from __future__ import annotations

from collections import Counter

import pytest

from evals.__main__ import retrieval
from evals.cases import KINDS, load
from evals.metrics import recall_at, reciprocal_rank, summarise
from ingest.clean import squash

from conftest import FISCAL_TXT, STANDARD_TXT


def test_metrics_on_hand_made_rankings():
    rankings = [[True, False, False], [False, False, True], [False, False, False, False, False, True]]
    assert recall_at(rankings[1], 1) == 0 and recall_at(rankings[1], 3) == 1
    assert reciprocal_rank(rankings[1]) == pytest.approx(1 / 3)
    scores = summarise(rankings)
    assert scores["R@1"] == pytest.approx(1 / 3)
    assert scores["R@3"] == pytest.approx(2 / 3)
    assert scores["R@5"] == pytest.approx(2 / 3)
    assert scores["MRR"] == pytest.approx((1 + 1 / 3 + 1 / 6) / 3)


def test_cases_are_well_formed_and_evidence_is_verbatim():
    cases = load()
    corpus = squash((STANDARD_TXT.read_text(encoding="utf-8") + FISCAL_TXT.read_text(encoding="utf-8"))
                    .replace("**", "").replace("#", ""))
    assert len(cases) >= 60
    assert not [i for i, n in Counter(c.id for c in cases).items() if n > 1]
    for case in cases:
        assert case.kind in KINDS, case.id
        assert case.messages and all(case.messages), case.id
        if case.gold:
            assert case.evidence and squash(case.evidence) in corpus, case.id
        assert all(n in case.answer for n in case.numbers), case.id


def test_retrieval_recall_on_public_cases(corpus_settings):
    scores = retrieval(corpus_settings, show_misses=False)
    assert scores["R@5"] >= 0.95
