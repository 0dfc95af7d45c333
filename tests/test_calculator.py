"""The calculator: exact decimal arithmetic, the working shown, provenance kept; usable as a langchain tool."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.calculator import calculate, calculator_tool, plain, result_operand
from assistant.types import Operand

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=1, max_value=1000)


def doc(value, unit="元/月") -> Operand:
    return Operand(plain(Decimal(value)), unit, "document", "48.老年人福利补贴")


def _shown(expression: str) -> list[Decimal]:
    return [Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", expression)]


def test_the_examples_read_as_residents_expect():
    assert calculate("monthly_to_yearly", [doc(200)]).expression == "200元/月 × 12个月 = 2400元"
    assert calculate("termly_to_yearly", [Operand("2", "次", "document")], "次").expression == "2次 × 2个学期 = 4次"
    share = calculate("percentage", [Operand("2000", "元", "user", "最低工资两千"), Operand("90", "%", "document")])
    assert share.expression == "2000元 × 90% = 1800元" and share.result == "1800"
    assert calculate("yearly_to_monthly", [doc(1250, "元/年")]).expression == "1250元/年 ÷ 12个月 ≈ 104.17元"
    years = calculate("years_spanned", [doc(2021, "年"), doc(2024, "年")], "年")
    assert years.expression == "2021年至2024年 = 4年" and years.result == "4"  # both ends counted
    assert calculate("yearly_to_monthly", [doc(6816, "元/年")]).expression == "6816元/年 ÷ 12个月 = 568元"
    assert calculate("subtract", [doc(712), doc(500)]).expression == "712元/月 − 500元/月 = 212元"
    ten = Operand("10", "", "calculation")
    assert calculate("share_of", [Operand("100", "万元", "user"), Operand("9", "", "document"), ten],
                     "万元").expression == "100万元 × 9 ÷ 10 = 90万元"
    assert calculate("divide", [doc("765.65", "亿元"), doc(35, "个")], "亿元").expression == "765.65亿元 ÷ 35个 ≈ 21.88亿元"
    assert calculate("percent_of", [Operand("212", "元", "calculation"), doc(500, "元")],
                     "%").expression == "212元 ÷ 500元 × 100% = 42.4%"
    rough = Operand("6000.48", "元", "calculation")
    assert calculate("round", [rough]).expression == "6000.48元 ≈ 6000元"
    assert calculate("round", [Operand("2340", "元", "calculation")]).expression == "2340元 = 2340元"
    # how many whole people a sum covers: never rounded up (117.96 covers 117)
    assert calculate("whole", [Operand("117.96", "人", "calculation")], "人").expression == "117.96人 ≈ 117人"
    with pytest.raises(ValueError):
        calculate("divide", [doc(1), doc(0)])


@given(amounts, counts, counts)
def test_multiplication_is_exact_and_shows_its_operands(value, people, months):
    calc = calculate("multiply", [doc(value), Operand(str(people), "人", "user"), Operand(str(months), "个月", "user")])
    assert Decimal(calc.result) == value * people * months
    assert _shown(calc.expression) == [Decimal(plain(value)), people, months, Decimal(calc.result)]


@given(st.lists(amounts, min_size=1, max_size=8))
def test_sums_have_no_float_drift(values):
    calc = calculate("add", [doc(v) for v in values])
    assert Decimal(calc.result) == sum(values, Decimal(0))
    tenths = calculate("add", [doc("0.1")] * 10)
    assert tenths.result == "1"


@given(amounts, st.integers(min_value=1, max_value=100))
def test_percentages_are_exact(base, percent):
    calc = calculate("percentage", [Operand(plain(base), "元", "user"), Operand(str(percent), "%", "document")])
    assert Decimal(calc.result) == base * percent / 100


@given(amounts, st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_the_shares_of_a_ratio_add_up_to_the_amount_within_a_fen(amount, a, b):
    whole = Operand(str(a + b), "", "calculation")
    shares = [calculate("share_of", [Operand(plain(amount), "元", "user"), Operand(str(part), "", "document"), whole])
              for part in (a, b)]
    assert abs(sum(Decimal(s.result) for s in shares) - amount) <= Decimal("0.01")
    assert all(("≈" in s.expression) == (Decimal(s.result) != amount * p / (a + b)) for s, p in zip(shares, (a, b)))


@given(amounts)
def test_year_month_round_trip_is_within_half_a_fen_per_month(yearly):
    monthly = calculate("yearly_to_monthly", [doc(yearly, "元/年")])
    back = calculate("monthly_to_yearly", [result_operand(monthly, "元/月")])
    assert abs(Decimal(back.result) - yearly) <= Decimal("0.06")
    assert ("≈" in monthly.expression) == (yearly / 12 != Decimal(monthly.result))


def test_steps_chain_with_provenance():
    first = calculate("percentage", [Operand("1700", "元", "user"), Operand("90", "%", "document")])
    second = calculate("multiply", [result_operand(first, "元/月"), Operand("6", "个月", "user")])
    assert second.expression == "1530元/月 × 6个月 = 9180元"
    assert [o.source for o in second.operands] == ["calculation", "user"]


def test_bad_calls_say_what_is_wrong():
    with pytest.raises(ValueError, match="percent"):
        calculate("percentage", [doc(100)])
    with pytest.raises(ValueError, match="unknown operation"):
        calculate("power", [doc(1)])


def test_langchain_tool_returns_the_calculation():
    out = calculator_tool.invoke({"operation": "multiply", "operands": [
        {"value": "450", "unit": "元/月", "source": "document"}, {"value": "2", "unit": "人", "source": "user"}]})
    assert out["expression"] == "450元/月 × 2人 = 900元" and out["operands"][1]["source"] == "user"
