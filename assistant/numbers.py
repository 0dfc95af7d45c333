"""Read numbers as people write them: Arabic or full-width digits, and Chinese numerals."""
from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
# 几十, 几百 are "some tens, some hundreds": no number; in 800万 the 万 is the digits' unit; 俩 and 仨 are a count
# of their own (两个, 三个): 夫妻俩一年 is 2 and 1, not 21
_NUMBER = re.compile(r"\d+(?:\.\d+)?|(?<![几\d])(?:[俩仨]|[零〇一二两三四五六七八九十百千万亿]+)")
_DECIMAL = re.compile(r"([零〇一二两三四五六七八九十百千万]+)点([零〇一二三四五六七八九]+)")  # 一点五倍 → 1.5倍
_SPLIT = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])(?=开(?![始学会放展通办])|分(?![钟开]))")  # 五五开, 七三分 → 5:5开, 7:3分: a ratio
_PERCENT = re.compile(r"百分之(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)")  # 百分之八十 → 80%
# words that hold a numeral but say no number: 一共 is no 1, 十四五 (the plan period) no 15
_WORDS = re.compile(r"一共|一起|一般|一样|一定|一直|一些|一旦|一致|一律|一并|一切|一同|统一|唯一|进一步|十[三四五]五(?![岁个人天年元块万千百十])")
_COUNTED = set("人个名位户")  # after these a number in 万 counts people or things, read in full
# after a run of bare numerals (no 十, 百 …) one of these counts with the run's last numeral only: 初二一个 is 初二 and
# 一个, not 21个, 老二四年级 is 老二 and 四年级; a year (一九年, 二〇二一) is read digit by digit
_MEASURE = set("个人名位户岁块元次口")
_FULL_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF0E: ord("."), 0xFF05: ord("%")}


def _digit_by_digit(text: str) -> str:
    """一九 → "19", 零五 → "05": each numeral a digit (a year, the decimals of 一点零五)."""
    return "".join(str(_DIGITS[c]) for c in text)


def chinese_to_int(text: str) -> int:
    """九十六 → 96, 一百零三 → 103, 十五 → 15, 两千 → 2000, 一九 → 19 (digit by digit); a last digit right after a
    unit counts in the unit below it, as people say it: 一千九 → 1900, 两万五 → 25000, 一百二 → 120."""
    if all(c in _DIGITS for c in text):
        return int(_digit_by_digit(text))
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char in _BIG:
            total += (section + (digit or 0)) * _BIG[char]
            section, digit = 0, None
    if digit and len(text) > 1 and (unit := _UNITS.get(text[-2]) or _BIG.get(text[-2])):
        digit *= unit // 10
    return total + section + (digit or 0)


def half_width(text: str) -> str:
    """Full-width digits, point and percent as ASCII: １２．５％ → 12.5%."""
    return text.translate(_FULL_WIDTH)


def _numeral(token: str) -> bool:
    """Chinese numerals that say a number: with a digit (三万, 两千) or starting with 十 or 百 (十五, 百岁); a lone 万
    (多少万人, 万一) is a word."""
    return token[0] in _DIGITS or token[0] in "十百"


def read_numbers(text: str) -> list[Decimal]:
    """Every number in the text, in order."""
    return [Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", arabic(text))]


def arabic(text: str) -> str:
    """The text with every number in Arabic digits: 九十二岁 → 92岁, 两个孩子 → 2个孩子, １２ → 12, 三百万 → 300万."""
    text = _DECIMAL.sub(lambda m: f"{chinese_to_int(m[1])}.{_digit_by_digit(m[2])}", half_width(text))
    text = _PERCENT.sub(r"\1%", text)
    text = _SPLIT.sub(lambda m: f"{_DIGITS[m[1]]}:{_DIGITS[m[2]]}", text)
    out, last = [], 0
    words = [w.span() for w in _WORDS.finditer(text)]
    for m in _NUMBER.finditer(text):
        if any(start < m.end() and m.start() < end for start, end in words):
            continue
        token = m.group()
        written = str(chinese_to_int(token)) if _numeral(token) else token
        if 1 < len(token) < 4 and all(c in _DIGITS for c in token) and not set(token) & set("零〇") \
                and (text[m.end():m.end() + 1] in _MEASURE or text.startswith("年级", m.end())):
            written = " ".join(str(_DIGITS[c]) for c in token)
        if _numeral(token) and len(token) > 1 and token[-1] in _BIG and not set(token[:-1]) & set(_BIG) \
                and text[m.end():m.end() + 1] not in _COUNTED:
            written = f"{chinese_to_int(token[:-1])}{token[-1]}"  # 三百万 → 300万, as a sum is written; 两万人 stays 20000
        # two numbers side by side (夫妻俩一年) stay two: 2 1年, not 21年
        gap = " " if m.start() == last and out and out[-1][-1:].isdigit() and written[:1].isdigit() else ""
        out += [text[last:m.start()], gap + written]
        last = m.end()
    return "".join(out) + text[last:]
