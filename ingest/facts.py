"""Amount facts: every monetary or numeric standard in a passage, with what selects it and where it stands.

A fact keeps its value exactly as written (offsets into the passage text prove it) and is typed
as what it is: a plain amount, a range, an average, a share of an outside quantity, or a total
made of components. The answerer picks facts by their condition; the calculator uses their values.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .types import Fact

_VALUE = r"\d+(?:\.\d+)?"
# Longest first: 万人次 before 万人 before 人次 before 人. Counts (次, 人, 个县 …) answer "how many" questions.
_UNIT = r"亿元|万元|元|%|％|个月|天|万人次|人次|万人|万户|个县市|个县|次|场|小时|套|种|档|本|册|名|户|人|个"
_FACT = re.compile(
    rf"(?<![\d.第〔])(?P<low>{_VALUE})(?:\s*(?:—|-|～|~|至|到)\s*(?P<high>{_VALUE}))?\s*(?P<unit>{_UNIT})(?P<suffix>/[人生户]?/?[年月天])?"
)
_CLAUSE = re.compile(r"[^。；;\n]+[。；;]?")
_HEAD_END = re.compile(r"[：:，,]")
_YEAR = re.compile(r"(?<![〔\d])(\d{4})年(?!版)")
_SPAN = re.compile(r"(?<![〔\d])(\d{4})\s*(?:—|-|～|~|至|到)\s*\d{4}\s*年")
_AGES = re.compile(r"(\d+)\s*(?:周岁|岁)(?:（含\s*\d+\s*周岁）)?\s*(?:(?:至|到|—|-|～|~)\s*(\d+)\s*(?:周岁|岁)|以上)")
# "按当地最低工资标准的90%": a share of an outside quantity ("占…支出的20.74%" is a statistic, not a rule)
_SHARE_BASE = re.compile(r"([^，。；、,\s按]{2,16})的\s*$")
_CHANGE = re.compile(r"^(?:提高|增加|增长|调整|上调|提升)(?:至|到|为)")
_RISE = re.compile(r"(?:提高|增加|增长|上调|提升)了?\s*$")  # "累计提高50元": by how much, not to what
_TITLES = re.compile(r"《[^》]*》|〈[^〉]*〉")
_PERIODS = [("天", r"每天|每日|/天|日均"), ("月", r"每月|/月|月均|月最低|月标准"), ("年", r"每年|/年|年生均|年均|全年|一年(?!级)")]
_AVERAGED = re.compile(r"[年月日]均")
_PER_HEAD = [("人", r"每人|人均|/人"), ("生", r"每生|生均|/生"), ("户", r"每户|户均|/户")]


def _first(patterns: list[tuple[str, str]], text: str) -> str:
    """The label of the pattern found last in the text (closest to the value), or ""."""
    best, where = "", -1
    for label, pattern in patterns:
        for match in re.finditer(pattern, text):
            if match.start() > where:
                best, where = label, match.start()
    return best


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: a run of text up to and including its 。or ；, lines kept apart."""
    return [m.span() for m in _CLAUSE.finditer(text)]


def clause_at(text: str, offset: int) -> str:
    """The clause holding the offset."""
    return next((text[start:end] for start, end in clause_spans(text) if start <= offset < end), "")


def _distributed(clause: str, count: int) -> list[str] | None:
    """Labels of a "A、B、C…分别 x、y、z" list, one per value, when the clause has one of that length."""
    before, found, _ = clause.partition("分别")
    if not found or count < 2:
        return None
    parts = re.split(r"[、，,]", before.strip())
    if len(parts) < count:
        return None
    labels = parts[-count:]
    rest = labels[-1][len(labels[-2]):]  # "三级计划生育手术并发症人员…" → shared "计划生育手术并发症人员…"
    labels[-1] = labels[-1][: len(labels[-2])]
    return [label + rest for label in labels]


def extract_facts(text: str) -> list[Fact]:
    facts: list[Fact] = []
    per, per_head = "", ""  # "生均标准为：…；…" states them once for the clauses that follow
    previous = ""  # what was said before the figure before
    for clause_start, clause_end in clause_spans(text):
        clause = text[clause_start:clause_end]
        matches = list(_FACT.finditer(clause))
        if not matches:
            continue
        head_end = max((m.end() for m in _HEAD_END.finditer(clause, 0, matches[0].start())), default=0)
        money = [m for m in matches if "元" in m.group("unit")]
        labels = _distributed(clause, len(money))
        previous_end = head_end
        clause_facts: list[Fact] = []
        for match in matches:
            local = clause[previous_end : match.start()].lstrip("、，,： ")
            condition = (clause[:head_end] + local).strip()
            if labels and match in money:
                condition = (clause[:head_end] + labels[money.index(match)]).strip()
            elif clause_facts and _CHANGE.match(local):  # "从…500元提高至…712元": same subject, later figure
                condition = clause_facts[-1].condition + local
                clause_facts[-1].kind = "former"
            unit = match.group("unit").replace("％", "%")
            said = local + (match.group("suffix") or "")
            own_head = _first(_PER_HEAD, said)
            # "字典每生14元" names whom it is counted by and no period: a one-off, not the period said before; an
            # average's period (…765.65亿元、年均153.13亿元，…818.33亿元) is that figure's alone
            per = _first(_PERIODS, said) or ("" if own_head or _AVERAGED.search(previous) else per) \
                or _first(_PERIODS, clause[:head_end])
            previous = said
            per_head = own_head or per_head or _first(_PER_HEAD, clause[:head_end])
            kind = "amount"
            base = ""
            if match.group("high"):
                kind = "range"
            elif "平均" in local:
                kind = "average"
            elif _RISE.search(local):
                kind = "rise"
            elif unit == "%" and (found := _SHARE_BASE.search(clause[: match.start()])) and not found.group(1).startswith("占"):
                kind, base = "share", found.group(1)
            years = _YEAR.findall(local) or _YEAR.findall(clause[: match.start()])
            if kind == "rise" and (span := _SPAN.findall(clause[: match.start()])):
                years = [span[-1]]  # "2020—2024年…累计提高50元" counts from 2020
            ages = ([None] + list(_AGES.finditer(_TITLES.sub("", condition))))[-1]
            start = clause_start + match.start("low")
            fact = Fact(
                value=match.group("low"),
                unit=unit,
                kind=kind,
                condition=condition,
                per=per if "元" in unit or kind == "share" else "",
                per_head=per_head if "元" in unit or kind == "share" else "",
                high=match.group("high") or "",
                base=base,
                year=years[-1] if years else "",
                age_min=int(ages.group(1)) if ages else None,
                age_max=(int(ages.group(2)) if ages.group(2) else None) if ages else None,
                start=start,
                end=start + len(match.group("low")),
            )
            clause_facts.append(fact)
            previous_end = match.end()
        _mark_components(clause, clause_facts)
        facts += clause_facts
    return facts


def _mark_components(clause: str, facts: list[Fact]) -> None:
    """A total followed by "包括" and parts that add up to it: the parts become its components."""
    for index, total in enumerate(facts):
        if "元" not in total.unit or "包括" not in clause:
            continue
        parts = [f for f in facts[index + 1 :] if f.unit == total.unit]
        if len(parts) >= 2 and sum(Decimal(p.value) for p in parts) == Decimal(total.value):
            total.kind = "total"
            for part in parts:
                part.kind, part.per, part.per_head = "component", part.per or total.per, part.per_head or total.per_head
            return
