"""Ask every case of a system and score it: retrieval ranks, answer flags and latency, one row per case.

A system has a name, `top(case, k)` — each of its k best hits as the (document, heading path) sources
it stands for — and `answer(case, number)` returning a record shaped like the batch interface's.
"""
from __future__ import annotations

import json
import time
from collections import Counter

from tqdm import tqdm

from assistant.__main__ import answer_line
from assistant.answer import Answerer
from assistant.guard import Guarded
from ingest.config import Settings

from .answers import judge
from .cases import Case

K = 5  # retrieval depth: R@1, R@3, R@5 and MRR are read off the top 5


class Assistant:
    """The assistant, answering through the same batch interface outside scripts use."""

    def __init__(self, settings: Settings, name: str = "ours", answerer: Guarded | None = None):
        self.name = name
        self._answerer = answerer or Answerer(settings)
        self.outcome: str | None = None  # with a language model: how the last answer came about (ModelAnswerer.counts)

    def top(self, case: Case, k: int) -> list[list[tuple[str, str]]]:
        return [[(h.chunk.doc, h.chunk.locator)] for h in self._answerer.retriever.search(" ".join(case.messages), k=k)]

    def answer(self, case: Case, number: int) -> dict:
        before = Counter(getattr(self._answerer, "counts", {}))
        record = answer_line(self._answerer, json.dumps({"id": case.id, "turns": case.messages}, ensure_ascii=False), number)
        if hasattr(self._answerer, "counts"):
            self.outcome = next(iter(self._answerer.counts - before), None)
        return record


def ranked(case: Case, top: list[list[tuple[str, str]]]) -> list[bool]:
    """For each hit, whether one of its sources is the case's gold passage."""
    return [any(case.matches(doc, locator) for doc, locator in sources) for sources in top]


def evaluate(system, cases: list[Case], progress: bool = True) -> list[dict]:
    """One row per case: id, kind, ranked (None without a gold passage), the answer flags, seconds, record.

    Only the answer is timed: it is what a user waits for (retrieval is searched again for the ranks)."""
    rows = []
    for number, case in enumerate(tqdm(cases, desc=system.name, unit="case", disable=not progress), start=1):
        ranks = ranked(case, system.top(case, K)) if case.gold else None
        started = time.perf_counter()
        record = system.answer(case, number)
        seconds = time.perf_counter() - started
        rows.append({"id": case.id, "kind": case.kind, "ranked": ranks, **judge(case, record), "seconds": seconds,
                     "model": getattr(system, "outcome", None), "record": record})
    return rows
