"""What a language model may do for an answer, through the same typed boundary as the rules: read the question
against a short table of candidate figures (the cited passages' and the user's, by id) and return a plan, the
calculator's operations over those ids. The plan is checked (every operand exists, units agree, the operation is
allowed) and run by the calculator; the model writes no figure: its sentence names the steps' results as {1}, {2}.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, Field, ValidationError

from ingest.types import Chunk, Fact

from .amounts import YEAR_SAID, clause_of, stated, year_asking, years_unstated
from .calculator import Operation
from .dialogue import Quantities
from .guard import figures, user_numbers
from .numbers import arabic
from .plan import Figure, Plan, Step

# a short prompt: the packaged 1.5B model reads about 40 prompt tokens a second on these 2 cores
MAX_FACTS = 16
CLAUSE = 40  # characters of a figure's clause
# an amount of money (元, 元/月, 万元): the product of two is never meaningful
MONEY_UNIT = re.compile(r"^(?:万|亿)?元")
_STEP = re.compile(r"\{(\d+)\}")
_NUMERAL = re.compile(r"[\d.—\-%]")


class Invalid(ValueError):
    """A plan the code will not run: the answer falls back to the rules'."""


class StepCall(BaseModel):
    op: Operation
    inputs: list[str] = Field(description="F1, U1 (figures of the table) or S1 (the result of step 1)")
    unit: str = Field(description="the result's unit: 元, 元/月, 人, 个 …")


class PlanCall(BaseModel):
    """calculator_plan: the calculation that answers the question, over the table's figures."""

    steps: list[StepCall] = Field(default_factory=list, description="empty when no figure of the table answers it")
    answer: str = Field("", description="one short sentence in Chinese; results written {1}, {2} (by step), no digits")


@dataclass(frozen=True)
class Row:
    id: str
    figure: Figure
    line: str  # as the model reads it


def table(chunks: list[Chunk], messages: tuple[str, ...]) -> list[Row]:
    """The candidate figures, the cited passages' first (F1…), then the user's (U1…)."""
    rows: list[Row] = []
    for chunk in chunks:
        for fact in chunk.facts:
            if len(rows) == MAX_FACTS:  # the user's rows come after
                break
            figure = stated(fact, chunk.locator, chunk)
            where = " › ".join(p for p in (chunk.item or (chunk.path[-1] if chunk.path else chunk.doc), chunk.field) if p)
            year = _year_of(chunk, fact)
            when = "，".join(w for w in (year and f"{year}年", fact.kind == "former" and "已提高前") if w)
            rows.append(Row(f"F{len(rows) + 1}", figure, f"{figure.value}{figure.unit}{f'（{when}）' if when else ''} | "
                                                         f"{where} | “{_around(chunk, fact)}”"))
    users = 0
    for message in messages:
        q = Quantities.read(message)
        said = [(a, "岁") for a in q.ages] + [(v, u) for v, u in ((q.people, "人"), (q.months, "个月"), (q.years, "年"),
                                                                (q.days, "天"), (q.base, "元"), (q.share, "%")) if v is not None]
        said += [(m, "元") for m in q.money if m != q.base]
        for value, unit in said:
            users += 1
            text = format(Decimal(value), "f")
            rows.append(Row(f"U{users}", Figure(text, unit, "user", message), f"{text}{unit} | 用户说：“{message[:40]}”"))
    return rows


def _around(chunk: Chunk, fact: Fact) -> str:
    """Up to CLAUSE characters of the figure's clause around it, mostly before it, where Chinese writes whom and
    when a figure is for ("全区城市低保标准从2020年的每人每月500元"); a long clause's start says nothing of it."""
    start, end = clause_of(chunk, fact.start)
    begin = max(start, min(fact.end + CLAUSE // 4, end) - CLAUSE)
    stop = min(end, begin + CLAUSE)
    text = chunk.text
    while start < begin < fact.start and _NUMERAL.match(text, begin - 1) and _NUMERAL.match(text, begin):
        begin += 1  # no number cut in two (…21—2024年 of 2021—2024年)
    while fact.end < stop < end and _NUMERAL.match(text, stop - 1) and _NUMERAL.match(text, stop):
        stop -= 1
    return text[begin:stop].strip()


SYSTEM = """你为政策咨询助手制定计算方案。只能用下表的数字：F开头的是政策文件写的，U开头的是用户说的。
不要自己计算，也不要写任何数字：用步骤表示计算，输入写编号（F1、U2）或前面步骤的结果（S1、S2），答句里用{1}、{2}代表第几步的结果。
运算：multiply 相乘；add 相加；subtract 第一个减去其余；divide 第一个除以第二个；percentage 金额乘百分比；
monthly_to_yearly 按月的金额折成一年（乘12）；yearly_to_monthly 一年的折成每月；termly_to_yearly 每学期的折成一年；
percent_of 第一个占第二个的百分比；years_spanned 从第一年到第二年共几年；round 取整。
年龄不是金额的乘数。单位不同的数不能相加。
调用 calculator_plan 工具；不能调用工具时只输出 JSON：{"steps":[{"op":"multiply","inputs":["F1","U1"],"unit":"元"}],"answer":"……共{1}元。"}
表里没有能回答问题的数字时输出 {"steps":[],"answer":""}。"""


def prompt(question: str, history: tuple[str, ...], rows: list[Row]) -> list[tuple[str, str]]:
    earlier = "之前的对话：\n" + "\n".join(history[-4:]) + "\n" if history else ""
    lines = "\n".join(f"{r.id} | {r.line}" for r in rows)
    return [("system", SYSTEM), ("human", f"{earlier}问题：{question}\n数字表：\n{lines}")]


def parse(message) -> PlanCall:
    """The model's plan from its tool call, or from JSON in its text (a model or endpoint without tool calling)."""
    calls = getattr(message, "tool_calls", None) or []
    try:
        if calls:
            return PlanCall.model_validate(calls[0]["args"])
        text = message.content if isinstance(message.content, str) else ""
        found = re.search(r"\{.*\}", text, re.S)
        if not found:
            raise Invalid(f"no plan in the reply: {text[:200]!r}")
        return PlanCall.model_validate(json.loads(found.group()))
    except (ValidationError, json.JSONDecodeError) as exc:
        raise Invalid(f"malformed plan: {exc}") from None


def _year_of(chunk: Chunk, fact: Fact) -> str:
    """The fact's year; "" for an earlier figure that has the year of the figure it was raised to, the end of the span
    the sentence opens with (2021—2025年…由每人每年580元提高至700元: 580元 is no figure of 2025)."""
    later = next((f for f in chunk.facts if f.start > fact.start), None)
    return "" if fact.kind == "former" and later is not None and later.year == fact.year else fact.year


# operations that compare figures: an earlier figure is an operand of these whatever time is asked
_COMPARING = ("subtract", "percent_of", "divide", "years_spanned")


def _other_time(figure: Figure, asking: str, op: str) -> str:
    """Why a cited figure is of another time than the question's, "" when it fits: a year asked that its sentence does
    not state, or, with no year asked, an earlier figure the passage says was raised (2020年500元 of 城市低保, when
    2024年 is 712元) in a calculation that is no comparison."""
    fact = figure.fact
    earlier = fact.kind == "former" and op not in _COMPARING
    if asking:
        asked = set(YEAR_SAID.findall(asking))
        # of a year its sentence does not write, or of another year where the passage gives the year asked's in kind
        # (2020年 asked: 从2020年的每人每月500元提高至2024年的…712元 has 500元 for it); an earlier figure of no year
        # stated is of none asked, save in a comparison
        year = _year_of(figure.chunk, fact)
        years = years_unstated(asking, figure.chunk, fact) or (
            year not in asked and any(f.year in asked and (f.unit, f.per) == (fact.unit, fact.per)
                                      for f in figure.chunk.facts) if year else earlier)
        return f"{figure.value}{figure.unit} is not of {'、'.join(sorted(asked))}年 asked" if years else ""
    return f"{figure.value}{figure.unit} is an earlier figure, the question asks for now" if earlier else ""


def checked(call: PlanCall, rows: list[Row], messages: tuple[str, ...]) -> Plan | None:
    """The plan to run, None when the model says no figure answers; Invalid when it cannot be run as written."""
    if not call.steps:
        return None
    # its sentence writes no figure but the user's own (2020年那会儿): a cited passage's other figure put in the
    # sentence would pass the guard under the wrong words (农村 4100元/年 said of 城市, per month)
    said = {n for m in messages for n in user_numbers(m)}
    if written := [n for n in figures(_STEP.sub("", call.answer)) if n not in said]:
        raise Invalid(f"the sentence writes figures of its own: {written}")
    by_id = {r.id: r.figure for r in rows}
    asking = year_asking([arabic(m) for m in messages])
    steps: list[Step] = []
    for number, step in enumerate(call.steps, start=1):
        inputs = []
        for name in step.inputs:
            if name in by_id:
                inputs.append(by_id[name])
            elif re.fullmatch(r"S\d+", name) and 1 <= int(name[1:]) < number:
                inputs.append(int(name[1:]) - 1)
            else:
                raise Invalid(f"step {number}: {name!r} is neither a figure of the table nor an earlier step")
        for figure in (i for i in inputs if not isinstance(i, int) and i.fact is not None):
            if why := _other_time(figure, asking, step.op):
                raise Invalid(f"step {number}: {why}")
        units = [steps[i].unit if isinstance(i, int) else i.unit for i in inputs]
        if any(u in ("岁", "周岁") for u in units) and step.op != "years_spanned":
            raise Invalid(f"step {number}: an age is no operand of {step.op}")
        if step.op in ("add", "subtract") and len(set(units)) > 1:
            raise Invalid(f"step {number}: {step.op} of figures in different units {units}")
        if step.op == "multiply" and sum(bool(MONEY_UNIT.match(u)) for u in units) > 1:
            raise Invalid(f"step {number}: a product of two amounts of money")
        steps.append(Step(step.op, tuple(inputs), step.unit))
    wrong = [n for n in map(int, _STEP.findall(call.answer)) if not 1 <= n <= len(steps)]
    if wrong:
        raise Invalid(f"the answer names results of steps that do not exist: {wrong}")
    # the model's sentence as a plan's lead: its braces kept as text, its {n} (from 1) the steps' results (from 0)
    escaped = call.answer.replace("{", "{{").replace("}", "}}")
    lead = re.sub(r"\{\{(\d+)\}\}", lambda m: "{%d}" % (int(m.group(1)) - 1), escaped) \
        or "计算结果为{%d}%s。" % (len(steps) - 1, steps[-1].unit)
    plan = Plan("model", tuple(steps), lead)
    try:
        plan.run()
    except (ValueError, ArithmeticError) as exc:
        raise Invalid(f"the calculator refused the plan: {exc}") from None
    return plan
