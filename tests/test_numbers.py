"""Reading numbers as people write them."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from assistant.numbers import arabic, chinese_to_int, read_numbers

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Reference spelling of 0 ≤ n < 10000 as written in everyday Chinese (一百零三, 九十六, 两千 not used)."""
    if n < 10:
        return DIGITS[n]
    parts, zero = [], False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def test_everyday_forms():
    assert chinese_to_int("九十六") == 96
    assert chinese_to_int("一百零三") == 103
    assert chinese_to_int("十五") == 15
    assert chinese_to_int("两千") == 2000
    assert chinese_to_int("一千九百") == 1900
    # a last digit right after a unit is of the unit below, as people say amounts; after 零 it is a digit
    assert [chinese_to_int(t) for t in ("一千九", "两万五", "一百二", "三千五", "一千零九")] == [1900, 25000, 120, 3500, 1009]
    assert arabic("失业金是最低工资的百分之八十吧，一点五倍，一点零五") == "失业金是最低工资的80%吧，1.5倍，1.05"
    # a sum in 万 or 亿 is written as people write it in digits (300万), so it is read as a sum of money either way
    assert arabic("中央和自治区五五开，本级和县里三七分担") == "中央和自治区5:5开，本级和县里3:7分担"
    assert arabic("补贴要三百万，又两亿，两万五，一亿五千万") == "补贴要300万，又2亿，25000，150000000"
    # a count of people or things in 万 is read in full (两万人 is 20000 people to the slot grammar)
    assert arabic("两万人，一万个学生，收入十二万") == "20000人，10000个学生，收入12万"
    assert arabic("六一开始报名，一一分开") == "61开始报名，11分开"
    # bare numerals before a measure word: the last one counts, the others end the word before (初二, 老二)
    assert arabic("一个初二一个小学三年级，老二四年级，三四个人") == "1个初2 1个小学3年级，老2 4年级，3 4个人"
    assert arabic("二〇二一年，一九年") == "2021年，19年"
    assert read_numbers("俩老人，大的八十七，小的１００岁，月收入1900.5元") == [
        Decimal(2), Decimal(87), Decimal(100), Decimal("1900.5")]
    # 俩 and 仨 count on their own: the 一 of 一年 after them is another number
    assert arabic("夫妻俩一年少拿多少？仨孩子，两千块") == "夫妻2 1年少拿多少？3孩子，2000块"
    # a word holding a numeral says no number: 一共 is no 1 (it would leave the fragment 共下), 十四五 no 15
    assert arabic("十四五衔接资金一共下了多少，一般给三个人") == "十四五衔接资金一共下了多少，一般给3个人"


@given(st.integers(min_value=0, max_value=9999))
def test_round_trip_chinese_numerals(n):
    assert chinese_to_int(to_chinese(n)) == n
    assert read_numbers(f"今年{to_chinese(n)}岁") == [Decimal(n)]


@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip_digits_ascii_and_full_width(n):
    full_width = str(n).translate({ord("0") + i: 0xFF10 + i for i in range(10)})
    assert read_numbers(f"共{n}元") == read_numbers(f"共{full_width}元") == [Decimal(n)]
