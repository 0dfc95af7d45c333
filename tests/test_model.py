"""A language model beside the rules, over real HTTP to a scripted OpenAI-compatible server: its plan is checked and
run by the calculator, its answer passes the guard or the rules' answer goes out, and nothing it says is trusted."""
from __future__ import annotations

import re
import time

import pytest

from assistant.guard import Guarded
from assistant.llm import ModelSettings
from assistant.withmodel import ModelAnswerer, with_model

from fake_openai import QUESTION, FakeOpenAI, Reply, row, yearly_for_two

@pytest.fixture
def fake():
    server = FakeOpenAI([])
    yield server
    server.close()


def model_answerer(answerer, fake, **changes) -> ModelAnswerer:
    settings = ModelSettings(**{"backend": "openai", "base_url": fake.url, "model": "fake", "key_variable": "",
                                "timeout": 5, "when": "always", **changes})
    return ModelAnswerer(answerer, settings)


def test_nothing_configured_is_the_rules_alone(answerer, monkeypatch):
    monkeypatch.delenv("POLICY_DESK_LLM", raising=False)
    assert with_model(answerer) is answerer
    assert "answerer" not in answerer.ask(QUESTION).to_json()


def test_a_faithful_plan_is_run_by_the_calculator_and_cited(answerer, fake):
    fake.replies = [yearly_for_two()]
    answer = model_answerer(answerer, fake).ask(QUESTION)
    assert answer.answerer == "model" and answer.guard == "passed"
    assert answer.text.startswith("两位老人一年一共1200元。")
    assert [c.expression for c in answer.calculations] == ["50元/月 × 2人 = 100元/月", "100元/月 × 12个月 = 1200元"]
    assert answer.citations[0].locator.startswith("第十二章") or "老年人福利补贴" in answer.citations[0].locator
    tools = fake.requests[0]["tools"]
    assert tools[0]["function"]["name"] == "calculator_plan"
    assert "F1 |" in fake.requests[0]["messages"][-1]["content"]  # figures by id, not whole passages


def test_a_plan_as_json_text_from_a_model_without_tool_calling(answerer, fake):
    def reply(request):
        plan = yearly_for_two()(request).tool
        return Reply("好的，方案如下：\n```json\n" + __import__("json").dumps(plan, ensure_ascii=False) + "\n```")
    fake.replies = [reply]
    answer = model_answerer(answerer, fake).ask(QUESTION)
    assert answer.answerer == "model" and "1200元" in answer.text


@pytest.mark.parametrize(("reply", "why"), [
    (yearly_for_two("两位老人一年一共{2}元，另有护理补贴777元。"), "failed"),  # a figure the model wrote itself
    (yearly_for_two("两位老人一年一共{2}元，九十岁以后每月120元。"), "failed"),  # one of a cited passage's, all the same
    (lambda request: Reply(tool={"steps": [{"op": "multiply", "inputs": [row(request, "50元/月"), row(request, "2人")],
                                            "unit": "元（第7档）"}], "answer": "共{1}"}), "rejected"),  # the guard: a unit
    (lambda request: Reply(tool={"steps": [{"op": "multiply", "inputs": ["F99", "U1"], "unit": "元"}], "answer": "共{1}元"}),
     "failed"),  # a figure of a passage that was not retrieved
    (lambda request: Reply(tool={"steps": [{"op": "multiply", "inputs": [row(request, "50元/月"), row(request, "85岁")],
                                            "unit": "元"}], "answer": "共{1}元"}), "failed"),  # 50 × the age
    (lambda request: Reply(tool={"steps": [{"op": "add", "inputs": [row(request, "50元/月"), row(request, "2人")],
                                            "unit": "元"}], "answer": "共{1}元"}), "failed"),  # units that differ
    (lambda request: Reply('{"steps": [{"op": "multiply", "inputs": ["F1"'), "failed"),  # malformed JSON
    (lambda request: Reply(tool={"steps": [{"op": "guess", "inputs": ["F1"], "unit": "元"}], "answer": ""}), "failed"),
    (lambda request: Reply(tool={"steps": [], "answer": ""}), "declined"),  # no figure of the table answers
])
def test_whatever_the_model_gets_wrong_the_rules_answer_goes_out(answerer, fake, reply, why):
    fake.replies = [reply]
    with_model_ = model_answerer(answerer, fake)
    answer = with_model_.ask(QUESTION)
    rules = answerer.ask(QUESTION)
    assert answer.answerer == "rules" and answer.text == rules.text and answer.guard == "passed"
    assert with_model_.counts == {why: 1}
    assert "777" not in answer.text


@pytest.mark.parametrize("question, figure, answerer_", [
    ("城里低保一个人一个月多少？我们家三口人一年一共多少？", "712元/月", "model"),  # the figure of now
    ("城里低保一个人一个月多少？我们家三口人一年一共多少？", "500元/月", "rules"),  # the 2020 figure it was raised from
    ("2020年城里低保一个人一个月多少？我们家三口人一年一共多少？", "500元/月", "model"),  # the year asked
    ("2020年城里低保一个人一个月多少？我们家三口人一年一共多少？", "712元/月", "rules"),  # a figure of 2024
])
def test_a_figure_of_another_time_than_asked_is_no_operand(answerer, fake, question, figure, answerer_):
    def reply(request: dict) -> Reply:
        return Reply(tool={"steps": [{"op": "multiply", "inputs": [row(request, figure), row(request, "3人")], "unit": "元/月"},
                                     {"op": "monthly_to_yearly", "inputs": ["S1"], "unit": "元"}],
                           "answer": "三口人一年共{2}元。"})
    fake.replies = [reply]
    answer = model_answerer(answerer, fake).ask(question)
    assert answer.answerer == answerer_
    assert answer.text != answerer.ask(question).text if answerer_ == "model" else answer.text == answerer.ask(question).text


def test_an_earlier_figure_is_not_shown_of_the_year_it_was_raised_by(answerer, fake):
    """2021—2025年…补助标准由每人每年580元提高至700元: 580元 is of no year the sentence states, so of none asked."""
    fake.replies = [lambda request: Reply(tool={"steps": [{"op": "multiply", "unit": "元/年", "inputs": [
        row(request, "580元/年"), row(request, "3人")]}], "answer": "一家三口一年共{1}元。"})]
    question = "2025年居民医保财政补助标准每人每年多少？一家三口一年共补多少？"
    answer = model_answerer(answerer, fake).ask(question)
    table = fake.requests[-1]["messages"][-1]["content"]
    assert re.search(r"^F\d+ \| 580元/年（已提高前）", table, re.M) and re.search(r"^F\d+ \| 700元/年（2025年）", table, re.M)
    assert answer.answerer == "rules" and answer.text == answerer.ask(question).text


def test_a_model_that_times_out_falls_back_in_time(answerer, fake):
    fake.replies = [lambda request: Reply(delay=4)]
    started = time.monotonic()
    answer = model_answerer(answerer, fake, timeout=1).ask(QUESTION)
    assert time.monotonic() - started < 3.5
    assert answer.answerer == "rules" and answer.text == answerer.ask(QUESTION).text


def test_an_unreachable_endpoint_falls_back(answerer, fake):
    url = fake.url
    fake.close()
    answer = model_answerer(answerer, fake, base_url=url).ask(QUESTION)
    assert answer.answerer == "rules"


def test_a_follow_up_is_condensed_for_retrieval_and_planned(answerer, fake):
    fake.replies = [lambda request: Reply("我爸妈都八十五岁，两个人一年一共能领多少高龄津贴？"), yearly_for_two()]
    history = ["我爸妈都八十五了，高龄津贴一个月多少？"]
    answer = model_answerer(answerer, fake).ask("两个人一年一共呢？", history=history)
    condense, planning = fake.requests
    assert "tools" not in condense and "用户：两个人一年一共呢？" in condense["messages"][-1]["content"]
    assert "问题：我爸妈都八十五岁，两个人一年一共能领多少高龄津贴？" in planning["messages"][-1]["content"]
    assert answer.answerer == "model" and "1200元" in answer.text


def test_when_unsure_the_model_is_asked_only_where_the_rules_are(answerer, fake):
    fake.replies = [yearly_for_two()]
    with_model_ = model_answerer(answerer, fake, when="unsure")
    answer = with_model_.ask("高龄津贴的牵头负责单位是哪个部门？")
    assert fake.requests == [] and answer.answerer == "rules" and with_model_.counts == {"rules": 1}
    assert isinstance(with_model_, Guarded)


def test_the_evaluation_compares_the_answerers_per_kind(corpus_settings, fake, monkeypatch):
    """`python -m evals run --compare answerer=openai`: the endpoint from the environment; a model that never gives
    a plan leaves every answer the rules' and the table says so."""
    from evals.__main__ import answerer_of
    from evals.cases import load
    from evals.harness import Assistant, evaluate
    from evals.metrics import by_kind

    for name, value in {"POLICY_DESK_LLM_URL": fake.url, "POLICY_DESK_LLM_MODEL": "fake", "POLICY_DESK_LLM_WHEN": "always"}.items():
        monkeypatch.setenv(name, value)
    cases = [c for c in load() if c.kind == "calc"][:3] + [c for c in load() if c.kind == "multi_turn"][:2]
    rules = evaluate(Assistant(corpus_settings, "rules"), cases, progress=False)
    model = evaluate(Assistant(corpus_settings, "model", answerer_of(corpus_settings, "openai")), cases, progress=False)
    assert [r["model"] for r in model] == ["failed"] * len(cases) and {r["model"] for r in rules} == {None}
    assert [r["record"]["answer"] for r in model] == [r["record"]["answer"] for r in rules]
    assert all(r["record"]["answerer"] == "rules" for r in model)
    table = by_kind(model)["all"]
    assert table["by_model"] == 0 and table["fallback"] == 1 and table["rejected"] == 0
    assert len(fake.requests) == 3 + 2 * 2  # the follow-ups were condensed first


@pytest.mark.parametrize(("dialogue", "asked"), [
    (["高龄津贴的牵头负责单位是哪个部门？"], False),  # not a figure: the rules quote the field
    (["住房公积金能不能提出来交房租？"], False),  # declined, nothing cited: the documents do not cover it
    (["我奶奶九十二岁，每个月能领多少高龄津贴？"], False),  # the rules found the figure
    (["残疾人生活补贴每月发多少？"], True),  # the clause found, no figure in it fitted
])
def test_the_model_is_asked_where_the_rules_are_unsure(answerer, dialogue, asked):
    from assistant.understand import understand
    from assistant.withmodel import unsure

    understanding = understand(dialogue, answerer.vocabulary)
    assert unsure(understanding, answerer.compose(understanding)) is asked
