"""The calculator: every figure the assistant derives is computed here, in exact decimal, with its working.

Operands carry their provenance (a cited figure, the user's words, a unit conversion or an
earlier result), so the answer can show `120元/月 × 12个月 = 1440元` and say where each part came from.
Division (÷12, a share of a ratio, an average, a rate of change) is the only inexact step; its result is rounded to two
decimals (the fen, 0.01元) and shown with ≈.
"""
from __future__ import annotations

from dataclasses import asdict
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

from .types import Calculation, Operand

Operation = Literal["multiply", "add", "subtract", "percentage", "share_of", "divide", "percent_of",
                    "monthly_to_yearly", "termly_to_yearly", "yearly_to_monthly", "round", "whole", "years_spanned"]
FEN = Decimal("0.01")
MONTHS = Operand("12", "个月", "conversion", "一年按12个月计")
TERMS = Operand("2", "个学期", "conversion", "一学年按2个学期计")
PERCENT = Operand("100", "%", "conversion", "以百分数表示")
# What a figure written with 万 or 亿 counts in ones: 25.25亿元 is 2525000000元.
SCALES = {"万": Operand("10000", "", "conversion", "1万＝10000"), "亿": Operand("100000000", "", "conversion", "1亿＝100000000")}
CONVERSIONS = {Decimal(o.value) for o in (MONTHS, TERMS, PERCENT, *SCALES.values())}


def plain(value: Decimal) -> str:
    """1440, 0.5, 1812.5: no exponent, no trailing zeros."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(operand: Operand) -> Decimal:
    return Decimal(operand.value)


def calculate(operation: Operation, operands: list[Operand], unit: str = "元") -> Calculation:
    """Apply one operation; the result is in `unit` (元 unless the operands are counts)."""
    if not operands:
        raise ValueError(f"{operation} needs at least one operand")
    approx = False
    if operation in ("monthly_to_yearly", "termly_to_yearly"):
        operation, operands = "multiply", [*operands, MONTHS if operation == "monthly_to_yearly" else TERMS]
    if operation == "multiply":
        result, sign = Decimal(1), " × "
        for operand in operands:
            result *= _value(operand)
    elif operation == "add":
        result, sign = sum((_value(o) for o in operands), Decimal(0)), " + "
    elif operation == "subtract":
        result, sign = _value(operands[0]) - sum((_value(o) for o in operands[1:]), Decimal(0)), " − "
    elif operation == "percentage":
        if len(operands) != 2 or operands[1].unit != "%":
            raise ValueError("percentage takes a base and a percent operand, e.g. 2000元 and 90%")
        result, sign = _value(operands[0]) * _value(operands[1]) / 100, " × "
    elif operation == "share_of":  # a part of an amount split by a ratio: 100万元 × 9 ÷ 10
        if len(operands) != 3 or _value(operands[2]) == 0:
            raise ValueError("share_of takes an amount, its part of the ratio and the ratio's whole, e.g. 100, 9, 10")
        exact = _value(operands[0]) * _value(operands[1]) / _value(operands[2])
        result = exact.quantize(FEN, rounding=ROUND_HALF_UP) if exact != exact.quantize(FEN) else exact
        approx, sign = result != exact, None
    elif operation in ("divide", "percent_of"):  # an average (765.65亿元 ÷ 35); a change as a share (212 ÷ 500 × 100%)
        if len(operands) != 2 or _value(operands[1]) == 0:
            raise ValueError(f"{operation} takes a dividend and a divisor that is not zero")
        exact = _value(operands[0]) / _value(operands[1]) * (100 if operation == "percent_of" else 1)
        result = exact.quantize(FEN, rounding=ROUND_HALF_UP)
        approx, sign = result != exact, " ÷ "
        operands = [*operands, PERCENT] if operation == "percent_of" else operands
    elif operation == "yearly_to_monthly":
        if len(operands) != 1:
            raise ValueError("yearly_to_monthly takes one yearly amount")
        exact = _value(operands[0]) / 12
        result = exact.quantize(FEN, rounding=ROUND_HALF_UP)
        approx = result != exact
        operands, sign = [*operands, MONTHS], " ÷ "
    elif operation == "round":  # "大概多少": a result to the whole unit, 6000.48元 ≈ 6000元
        if len(operands) != 1:
            raise ValueError("round takes one figure")
        result = _value(operands[0]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        approx, sign = result != _value(operands[0]), ""
    elif operation == "whole":  # "够保多少人": the whole ones a quotient covers, 117.04人 → 117人 (a part of one is none)
        if len(operands) != 1:
            raise ValueError("whole takes one figure")
        result = _value(operands[0]).quantize(Decimal(1), rounding=ROUND_FLOOR)
        approx, sign = result != _value(operands[0]), ""
    elif operation == "years_spanned":  # 2021年至2024年 is 4 years: both ends counted
        if len(operands) != 2 or _value(operands[1]) < _value(operands[0]):
            raise ValueError("years_spanned takes the first and the last year, e.g. 2021 and 2024")
        result, sign = _value(operands[1]) - _value(operands[0]) + 1, "至"
    else:
        raise ValueError(f"unknown operation {operation!r}")
    shown = plain(result)
    if operation == "share_of":
        working = f"{operands[0].shown} × {operands[1].shown} ÷ {operands[2].shown}"
    elif operation == "percent_of":
        working = f"{operands[0].shown} ÷ {operands[1].shown} × {operands[2].shown}"
    else:
        working = sign.join(o.shown for o in operands)
    expression = f"{working} {'≈' if approx else '='} {shown}{unit}"
    return Calculation(expression, shown, unit, list(operands))


def result_operand(calculation: Calculation, unit: str | None = None) -> Operand:
    """A result used as the operand of the next step of a multi-step calculation."""
    return Operand(calculation.result, unit or calculation.unit, "calculation", calculation.expression)


class _OperandInput(BaseModel):
    value: str = Field(description="the number exactly as written, e.g. '120' or '0.5'")
    unit: str = Field(description="元/月, 个月, 人, %, 元 …")
    source: Literal["document", "user", "conversion", "calculation"]
    where: str = Field("", description="citation locator or the user's words")


class _CalculatorInput(BaseModel):
    operation: Operation
    operands: list[_OperandInput]
    unit: str = "元"


def _run(operation: Operation, operands: list, unit: str = "元") -> dict:
    given = [o.model_dump() if isinstance(o, BaseModel) else o for o in operands]
    return asdict(calculate(operation, [Operand(**o) for o in given], unit))


# The same calculator for a language-model answerer: it must call this rather than do arithmetic itself.
calculator_tool = StructuredTool.from_function(
    func=_run,
    name="calculator",
    description="Exact decimal arithmetic on policy amounts: multiply, add, subtract, percentage, share_of (an amount "
    "× its part of a ratio ÷ the ratio's whole), "
    "divide (an average, rounded to 0.01), percent_of (the first as a percentage of the second), "
    "monthly_to_yearly (×12), termly_to_yearly (× 2 school terms), yearly_to_monthly (÷12), round (to the whole unit), years_spanned (2021 to 2024: 4 years). Returns the expression, the result and the operands.",
    args_schema=_CalculatorInput,
)
