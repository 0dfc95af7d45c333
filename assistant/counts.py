"""How-many answers: a count the question asks for (times, days, people, counties, titles) or a budget total.

These figures are not paid to anyone, so they are not amounts (assistant/amounts.py): they are quoted
from the clause that states them, chosen by the unit the question asks for and the words it shares
with the question. Nothing is computed from them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.facts import clause_at
from ingest.types import Chunk, Fact

from .amounts import canonical, key_terms

# What a question asks to count → the units of the figures that answer it; first match wins.
MEASURES = [
    (r"几次|几回|几趟|多少次|多少回|几场|多少场", ("次", "场")),
    (r"几天|多少天", ("天",)),
    (r"几个小时|多少个?小时|几个钟头|多少个?钟头", ("小时",)),
    (r"几个月|多少个月", ("个月",)),
    (r"多少人|多少万人|几万人|人次", ("万人次", "人次", "万人", "人", "名")),
    (r"几个县|多少个县|多少县|几个地方", ("个县市", "个县", "个")),
    (r"几本|多少本|多少册|多少种|多少新书|多少书", ("种", "本", "册")),
    (r"多少户|几户|多少家|多少.{0,6}家里", ("万户", "户")),
    # a budget: what the government spent over years, not what a person gets
    (r"^(?!.*(每人|一个人|每个人|每月|每个月|一个月|涨|提高))"
     r".*((花了|投入|拿了|拿出|下达|下了|拨了|掏了|减了|减轻|累计|这几年).{0,8}(多少钱|多少资金|几个亿|多少亿|多少负担)"
     r"|多少亿|几个亿|资金.{0,6}多少)",
     ("亿元", "万元")),
]
# Words just before a figure that belong to it: "不少于60种" must not become "60种".
_QUALIFIER = re.compile(r"(不少于|不低于|不超过|至少|最多|约|超过|近|达到|达|共|累计|合计)\s*$")


def asked_units(message: str) -> tuple[str, ...]:
    return next((units for pattern, units in MEASURES if re.search(pattern, message)), ())


@dataclass
class Counted:
    chunk: Chunk
    fact: Fact

    @property
    def lead(self) -> str:
        """The figure as the passage states it, with its qualifier and range."""
        before = self.chunk.text[max(0, self.fact.start - 4):self.fact.start]
        qualifier = found.group(1) if (found := _QUALIFIER.search(before)) else ""
        value = self.fact.value + (f"—{self.fact.high}" if self.fact.high else "")
        return f"{qualifier}{value}{self.fact.unit}。"


def find(units: tuple[str, ...], candidates: list[list[Chunk]], question: str,
         weight: Callable[[str], float] = lambda word: 1.0) -> Counted | None:
    """The figure in those units whose clause shares most (weighted) words with the question; candidates
    are the passages of each retrieved item, best item first, and a later item needs more words to win."""
    said = key_terms(canonical(question))
    best, best_score = None, 0.0
    for rank, chunks in enumerate(candidates):
        for chunk in chunks:
            counts = [f for f in chunk.facts if f.unit in units]
            heading = key_terms(canonical(" ".join(chunk.path))) if counts else set()
            for fact in counts:
                shared = said & key_terms(canonical(clause_at(chunk.text, fact.start)))
                score = sum(map(weight, shared)) + 0.5 * len((said & heading) - shared) - 0.2 * rank
                if shared and score > best_score:
                    best, best_score = Counted(chunk, fact), score
    return best
