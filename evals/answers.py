"""Answer accuracy: each case asked through the batch interface, scored per kind.

correct: the gold numbers are all in the answer and a citation is the gold source (a declined
question — no_answer, out_of_scope — is correct when the answer declines and, if the case names
the clause that says who decides, cites it; a false premise must also be corrected in words).
grounded: every number in the answer is in a cited passage, the user's messages or a calculation.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal

from assistant.__main__ import answer_line
from assistant.guard import HOTLINES
from assistant.numbers import arabic, read_numbers

from .cases import Case

DECLINED_KINDS = {"no_answer", "out_of_scope"}
_CORRECTION = re.compile(r"不是|不在|不对|并非|不属于|没有|不能|不符合|不够|不固定|不是固定")


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


def cites_gold(case: Case, record: dict) -> bool:
    return any(case.matches(c["doc"], c["locator"]) for c in record.get("citations", []))


def correct(case: Case, record: dict) -> bool:
    text = record.get("answer", "")
    if case.kind in DECLINED_KINDS:
        return not record.get("answered") and (not case.gold or cites_gold(case, record))
    found = _numbers(text)
    if not all(Decimal(n) in found for n in case.numbers):
        return False
    if case.gold and not cites_gold(case, record):
        return False
    return case.kind != "false_premise" or bool(_CORRECTION.search(text))


def grounded(case: Case, record: dict) -> bool:
    """Checked from the record alone, independently of the assistant's own guard."""
    allowed: set[Decimal] = set(HOTLINES)
    for c in record.get("citations", []):
        allowed |= set(read_numbers(" ".join(str(c.get(k) or "") for k in ("quote", "locator", "doc", "page", "page_end"))))
    for message in case.messages:
        allowed |= set(read_numbers(message))
        allowed |= {Decimal(tenths) * 10 for tenths in re.findall(r"(\d)\s*成", arabic(message))}  # 八成 is 80 %
    for calc in record.get("calculations", []):
        allowed |= {Decimal(calc["result"])} | {Decimal(o["value"]) for o in calc["operands"]}
    return _numbers(record.get("answer", "")) <= allowed


def score(cases: list[Case], answerer) -> tuple[dict[str, dict[str, float]], list[tuple[Case, dict]]]:
    """Per kind and overall: n, correct share, grounded share; and the records of wrong answers."""
    tally: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    wrong = []
    for number, case in enumerate(cases, start=1):
        line = json.dumps({"id": case.id, "turns": case.messages}, ensure_ascii=False)
        record = answer_line(answerer, line, number)
        ok, safe = correct(case, record), grounded(case, record)
        tally[case.kind].append((ok, safe))
        tally["all"].append((ok, safe))
        if not ok or not safe:
            wrong.append((case, record))
    table = {kind: {"n": len(rows), "correct": sum(o for o, _ in rows) / len(rows), "grounded": sum(g for _, g in rows) / len(rows)}
             for kind, rows in tally.items()}
    return table, wrong
