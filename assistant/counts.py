"""How-many answers: a count the question asks for (times, days, people, counties, titles) or a budget total.

These figures are not paid to anyone, so they are not amounts (assistant/amounts.py): they are quoted
from the clause that states them, chosen by the unit the question asks for and the words it shares
with the question. Nothing is computed from them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.types import Chunk, Fact

from .amounts import clause_of, key_terms, own_words_start, sentence_of
from .lexicon import lexicon
from .understand import canonical

# Words just before a figure that belong to it: "不少于60种" must not become "60种".
_QUALIFIER = re.compile(r"(不少于|不低于|不超过|至少|最多|约|超过|近|达到|达|共|累计|合计)\s*$")
# A figure that says only how much of, or how often, the one before it is: a share (占…的), a yearly or per-head mean.
_QUALIFIES = re.compile(r"\D{0,3}?[、，,]?\s*(占|年均|人均|平均)")


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
         weight: Callable[[str], float] = lambda word: 1.0, latest: str = "", earlier: tuple[str, ...] = ()) -> Counted | None:
    """The figure in those units whose clause shares most (weighted) words with the question; candidates
    are the passages of each retrieved item, best item first, and a later item needs more words to win. Of two
    figures in one clause, the one whose own words (since the figure before it) the latest message uses wins
    ("糖尿病患者呢？" after "管了多少高血压患者？")."""
    said, own = key_terms(canonical(question)), key_terms(canonical(latest))
    # the earlier messages' words count half, and half again for each message further back ("十四五财政衔接资金总共多少"
    # "给35个脱贫县的呢" "占多少比例": 35个脱贫县's share)
    back = {w: 0.5 ** (len(earlier) - i) for i, m in enumerate(earlier) for w in key_terms(canonical(m))}
    # "比2020年末多了多少" asks a stated increase (比2020年末增加38.48万人), not the level beside it
    rise = lexicon().rise_asked(latest or question)
    best, best_score = None, (0.0, 0.0, 0)
    for rank, chunks in enumerate(candidates):
        for chunk in chunks:
            heading = None
            for fact in (f for f in chunk.facts if f.unit in units and (f.kind == "rise") == rise):
                begin, end = clause_of(chunk, fact.start)
                clause = canonical(_lead_in(chunk, begin) + chunk.text[begin:end])
                # its words are cut from it: a clause writing none of the question's words shares none (cutting the
                # clauses of every version of a document would cost more than the rest of the question)
                if not any(w in clause for w in said) or not (shared := said & key_terms(clause)):
                    continue
                heading = key_terms(canonical(" ".join(chunk.path))) if heading is None else heading
                mine = key_terms(canonical(_own_words(chunk, fact, begin)))
                # then those the whole question uses ("给南疆五地州的占多少？" then "平均一年多少？": 年均 of 南疆五地州); the
                # earlier messages' words count half ("养老保险参保多少人" then "那失业保险呢？比2020年末多了多少")
                score = (sum(weight(w) * (1 if w in own or not own else back.get(w, 0.5)) for w in shared)
                         + 0.5 * len((said & heading) - shared) - 0.2 * rank,
                         sum(map(weight, own & mine)), len(said & mine))
                if score[0] > 0 and score > best_score:
                    best, best_score = Counted(chunk, fact), score
    return best


def _lead_in(chunk: Chunk, begin: int) -> str:
    """The words a sentence's list of clauses shares, when the clause at `begin` is a later one of the list: those
    before the first figure's comma part ("截至2024年末，" of 养老保险参保人数…；失业保险参保人数…)."""
    sentence = sentence_of(chunk, begin)[0]
    first = min((f.start for f in chunk.facts if sentence <= f.start < begin), default=None)
    if first is None:
        return ""
    return chunk.text[sentence:max(chunk.text.rfind(p, sentence, first) for p in "，,") + 1]


def _own_words(chunk: Chunk, fact: Fact, begin: int) -> str:
    """A figure's own words: since the figure before it, within its comma clause ("为42.08万户企业返还25.25亿元").
    A figure that only qualifies the one before ("安排至南疆五地州的资金量达到818.33亿元、占…总量的77.9%，年均163.67亿元")
    is about that one's subject too, whose words are its own as well."""
    comma = max(begin, *(chunk.text.rfind(p, begin, fact.start) + 1 for p in "，,；;"))
    start = max(own_words_start(chunk, fact), comma)
    own = chunk.text[start:fact.end]
    before = [f for f in chunk.facts if begin <= f.end <= start and f is not fact]
    if before and _QUALIFIES.match(chunk.text[start:fact.start]):
        subject = max(before, key=lambda f: f.end)
        while (earlier := [f for f in before if f.end <= subject.start]) \
                and _QUALIFIES.match(chunk.text[max(own_words_start(chunk, subject), begin):subject.start]):
            subject = max(earlier, key=lambda f: f.end)  # the share before a yearly mean qualifies the same subject
        return _own_words(chunk, subject, begin) + own
    return own
