"""The number guard: no answer leaves the assistant with a figure nobody can trace.

Every number in an answer's text must be in a cited passage (its quote, heading path, document
title or page), in the user's own messages, or be a calculator result or operand, and every
calculator operand must itself come from a cited passage, the user or an earlier result. An answer
that fails is replaced by one that only quotes its passages. Every answerer inherits `ask` from
`Guarded`, so one added later (a language model, say) goes through the same check.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .calculator import CONVERSIONS, plain
from .dialogue import Quantities
from .numbers import half_width, read_numbers
from .types import Answer, NumberSource
from .understand import Understanding, Vocabulary, understand

# Arabic numbers, and Chinese numerals that carry a place (九十, 两千四百): a lone 一 is a word, not a figure.
_FIGURE = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九]*[十百千万亿][零〇一二两三四五六七八九十百千万亿]*")


# The hotlines the assistant refers people to are the product's own words, not figures of a policy.
HOTLINES = {Decimal(12345): "12345政务服务便民热线", Decimal(12333): "12333人社服务热线"}


def figures(text: str) -> list[Decimal]:
    return [n for token in _FIGURE.findall(half_width(text)) for n in read_numbers(token)]


def user_numbers(message: str) -> set[Decimal]:
    """The numbers in a user's message, including those said in words (爸妈 → 2 people, 半年 → 6 months)."""
    q = Quantities.read(message)
    implied = [q.age, q.people, q.months, q.years, q.days, q.base, q.share, *q.money]
    return set(read_numbers(message)) | {Decimal(n) for n in implied if n is not None}


def _sources(answer: Answer, messages: list[str]) -> list[tuple[set[Decimal], str, str]]:
    found = [({Decimal(c.result)}, "calculation", c.expression) for c in answer.calculations]
    for number, c in enumerate(answer.citations, start=1):
        text = " ".join([c.quote, c.locator, c.doc, c.page_label])
        found.append((set(read_numbers(text)), "citation", f"[{number}] {c.locator}"))
    found += [(user_numbers(m), "user", m) for m in reversed(messages)]  # the latest message that says it
    found += [({number}, "hotline", name) for number, name in HOTLINES.items()]
    for calculation in answer.calculations:
        found.append(({Decimal(o.value) for o in calculation.operands}, "calculation", calculation.expression))
    return found


def _operands_grounded(answer: Answer, messages: list[str]) -> bool:
    cited = {n for c in answer.citations for n in read_numbers(c.quote)}
    said = {n for m in messages for n in user_numbers(m)}
    results: set[Decimal] = set()
    for calculation in answer.calculations:
        for operand in calculation.operands:
            value = Decimal(operand.value)
            allowed = {"document": cited, "user": said, "calculation": results, "conversion": CONVERSIONS}
            if value not in allowed.get(operand.source, set()):
                return False
        results.add(Decimal(calculation.result))
    return True


def quotes_only(answer: Answer) -> Answer:
    """The safe answer: the cited passages verbatim, nothing composed."""
    if not answer.citations:
        text = "抱歉，这个问题我没法给出有依据的数字。请拨打12345政务服务热线或12333人社服务热线咨询。"
        return Answer(answer.question, text, False, guard="fallback")
    body = "\n\n".join(f"“{c.quote}”\n——{c.reference}" for c in answer.citations)
    return Answer(answer.question, f"以下是相关条款原文，请以原文为准：\n\n{body}", answer.answered,
                  answer.citations, guard="fallback", answerer=answer.answerer)


def check(answer: Answer, messages: list[str]) -> Answer:
    """The answer with each of its numbers traced, or the quotes-only fallback when one is not."""
    sources = _sources(answer, messages)
    traced, grounded = [], _operands_grounded(answer, messages)
    for value in figures(answer.text) if grounded else []:
        origin = next(((kind, where) for numbers, kind, where in sources if value in numbers), None)
        if origin is None:
            grounded = False
            break
        if (plain(value), *origin) not in {(n.value, n.source, n.where) for n in traced}:
            traced.append(NumberSource(plain(value), *origin))
    if not grounded:
        if answer.guard == "fallback":  # cannot happen: a fallback holds only cited text and hotlines
            raise AssertionError(f"quotes-only answer failed the guard: {answer.text!r}")
        return check(quotes_only(answer), messages)
    answer.numbers, answer.guard = traced, answer.guard or "passed"
    return answer


class Guarded:
    """Base of every answerer: `compose` drafts an answer from the understood dialogue, `ask` lets only a checked
    one out."""

    vocabulary: Vocabulary | None = None  # what the corpus knows of a word, for cutting a dialogue into topics

    def compose(self, understanding: Understanding) -> Answer:
        raise NotImplementedError

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        understanding = understand([*(history or []), question], self.vocabulary)
        return check(self.compose(understanding), list(understanding.messages))
