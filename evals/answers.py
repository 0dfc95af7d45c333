"""Answer scoring of one batch record against its case.

correct: the gold numbers are all in the answer (or more precise ones rounding to them) and a citation
is the gold source (a declined question — no_answer, out_of_scope — is correct when the answer declines and, if the case names
the clause that says who decides, cites it; a false premise must also be corrected in words).
grounded: every number in the answer is in a cited passage, the user's messages or a calculation.
declined: a question the documents do not answer was not answered.
corrected: a false premise was rejected in words and the right figures given.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from assistant.guard import HOTLINES
from assistant.numbers import arabic, read_numbers

from .cases import Case

DECLINED_KINDS = {"no_answer", "out_of_scope"}
_CORRECTION = re.compile(r"不是|不在|不对|并非|不属于|没有|不能|不符合|不够|不固定|不是固定")


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


def cites_gold(case: Case, record: dict) -> bool:
    return any(case.matches(c["doc"], c["locator"], c.get("quote", "")) for c in record.get("citations", []))


def _has_numbers(case: Case, text: str) -> bool:
    found = _numbers(text)
    return all(_in(Decimal(n), found) for n in case.numbers)


def _in(gold: Decimal, found: set[Decimal]) -> bool:
    """The gold number is in the answer, or, written with decimals, one more precise that rounds to it: a gold written
    to the documents' one decimal (增幅约25.3%) is the answer's 25.32%; 25.4 is not, and a whole gold (25) is exact."""
    exponent = gold.as_tuple().exponent
    return gold in found or exponent < 0 and any(
        n.as_tuple().exponent < exponent and n.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP) == gold
        for n in found)


def correct(case: Case, record: dict) -> bool:
    text = record.get("answer", "")
    if case.kind in DECLINED_KINDS:
        return not record.get("answered") and (not case.gold or cites_gold(case, record))
    if not _has_numbers(case, text):
        return False
    if case.gold and not cites_gold(case, record):
        return False
    return case.kind != "false_premise" or corrected(case, record)


def corrected(case: Case, record: dict) -> bool:
    text = record.get("answer", "")
    return bool(_CORRECTION.search(text)) and _has_numbers(case, text)


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


def judge(case: Case, record: dict) -> dict[str, bool | None]:
    """The answer flags of one case; declined and corrected only where the case's kind calls for them."""
    return {
        "correct": correct(case, record),
        "grounded": grounded(case, record),
        "declined": not record.get("answered") if case.kind in DECLINED_KINDS else None,
        "corrected": corrected(case, record) if case.kind == "false_premise" else None,
    }
