"""The answerer with a language model beside the rules. The rules answer first; where they are unsure (or for every
question, if so configured) the model condenses a follow-up into a standalone question for retrieval and plans the
calculation over the candidate figures (assistant/modelplan.py). Its answer goes out only if the plan checks, the
calculator runs it and the guard passes it; a timeout, a connection error, malformed JSON, an invalid plan or a number
nobody can trace gives the rules' answer instead, logged and counted.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import httpx
import openai

from ingest.config import Settings

from .guard import Guarded, check
from .llm import ModelSettings, chat_model, served
from .modelplan import Invalid, PlanCall, checked, parse, prompt, table
from .types import Answer
from .understand import Understanding

if TYPE_CHECKING:
    from .answer import Answerer

log = logging.getLogger(__name__)
CONDENSE = ("把用户最后一句话改写成一个完整、独立的问题，补上前文省略的对象和条件，保留用户说的所有数字，"
            "不要回答，只输出改写后的问题。")
TOOL = {"type": "function", "function": {"name": "calculator_plan", "description": PlanCall.__doc__.split(": ", 1)[1],
                                         "parameters": PlanCall.model_json_schema()}}
FAILURES = (Invalid, openai.APIError, httpx.HTTPError, TimeoutError)


def unsure(understanding: Understanding, answer: Answer) -> bool:
    """Where the rules have no confident answer to a question asking a figure: they found the passage but no figure in
    it fitted (they quote it, unanswered), or the user gave quantities to compute with (two or more people, months,
    years, amounts) and nothing was computed; or what they composed failed the guard. A decline with nothing cited stays a
    decline: the documents do not cover it, and a model would answer from figures about something else."""
    if answer.guard == "fallback":
        return True
    if understanding.intent not in ("figure", "count"):
        return False
    said = understanding.said
    given = said.headcount or said.months or said.years or said.days or said.money
    return bool(answer.citations) if not answer.answered else bool(given) and not answer.calculations


class ModelAnswerer(Guarded):
    def __init__(self, rules: Answerer, model: ModelSettings):
        self.rules, self.model = rules, model
        # the operators' look-ups (assistant/desk.py) are the rules' own
        self.retriever, self.vocabulary, self.retrieve = rules.retriever, rules.vocabulary, rules.retrieve
        self.chat = chat_model(model)
        self.counts: Counter[str] = Counter()  # rules, model, declined, failed, rejected

    def compose(self, understanding: Understanding) -> Answer:
        ruled = replace(self.rules.compose(understanding), answerer="rules")
        if self.model.when == "unsure" and not unsure(understanding, ruled):
            self.counts["rules"] += 1
            return ruled
        try:
            drafted = self._drafted(understanding)
        except FAILURES as exc:
            log.warning("language model failed, the rules answer: %s", exc)
            self.counts["failed"] += 1
            return ruled
        if drafted is None:
            self.counts["declined"] += 1
            return ruled
        verified = check(drafted, list(understanding.messages))
        if verified.guard == "fallback":
            log.warning("the model's answer failed the guard, the rules answer: %r", drafted.text)
            self.counts["rejected"] += 1
            return ruled
        self.counts["model"] += 1
        return replace(verified, answerer="model")

    def _drafted(self, understanding: Understanding) -> Answer | None:
        """The model's planned answer, None when it finds no figure that answers."""
        history = understanding.messages[:-1]
        # a follow-up is asked and searched as the model restates it; a first question as the rules search it
        question = self._condensed(understanding) if history else understanding.message
        query = question if history else understanding.search_query
        rows = table(self.rules.near(self.retriever.search(query), query), understanding.messages)
        if not any(r.id.startswith("F") for r in rows):
            return None
        reply = self.chat.bind_tools([TOOL]).invoke(prompt(question, history, rows))
        planned = checked(parse(reply), rows, understanding.messages)
        return None if planned is None else self.rules.planned(understanding, planned)

    def _condensed(self, understanding: Understanding) -> str:
        """The follow-up as a standalone question, for retrieval only: the figures still come from the messages."""
        dialogue = "\n".join(f"用户：{m}" for m in understanding.messages)
        said = self.chat.invoke([("system", CONDENSE), ("human", dialogue)]).content
        said = said.strip() if isinstance(said, str) else ""
        return said if 0 < len(said) <= 200 else understanding.search_query


def with_model(rules: Answerer, model: ModelSettings | None = None, settings: Settings | None = None) -> Guarded:
    """The rules alone when no model is configured (the default), else the rules with the model beside them."""
    model = model or ModelSettings()
    if model.backend == "none":
        return rules
    return ModelAnswerer(rules, served(model, settings or rules.retriever.settings))
