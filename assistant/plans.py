"""Answers as plans over facts: which figures (each a cited fact or a quantity the user gave) go through which
operations. A plan is data — typed operands and steps — and the calculator executes it, so the arithmetic is
exact and every operand traceable; a language model could propose the same plan and the same executor and guard
would check it.

Each planner is a rule with an example question and its results (PLANNERS; tests/test_answer.py asks each). They read
the figures of the retrieved passages and the user's words, and make a plan only when every operand is found:
- a figure for each thing times the user's count of things (每个农家书屋 2000元 × 100个农家书屋);
- a rate applied to the user's count or amount (80 % of 5000 calls, 50 % of 800万元), then to a per-head sum;
- a figure before a stated increase (1463.96万人, 比2020年末增加151.34万人 → 2020年末);
- the sum of several named figures (budget lines, increases of several programmes);
- an amount the user names split by the ratio the passage sets (按9：1, 8:2), and one party's part split again by
  the next ratio of the passage (5：5, then the 自治区 half 7：3);
- a yearly figure once for each school year the item covers (一、二年级在校生: 2000元 + 2000元);
- a product as the text writes it (每周5×8小时 → 40小时);
- the difference of two named figures (建档立卡 against 南疆四地州, 直播卫星 against 地面).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache

from ingest.types import Chunk, Fact

from .amounts import choose, in_scale_asked, years_unstated, clause_of, key_terms, own_words_start, per_words, scale_factors, sentence_of, stated
from .calculator import SCALES, plain
from .dialogue import CONFIRM, PLUS, Quantities
from .numbers import arabic, chinese_to_int, read_numbers
from .plan import Figure, Input, Outcome, Plan, Result, Step, Working
from .types import Calculation
from .lexicon import lexicon
from .understand import SUMMED, Understanding, canonical, normalize


_SUM = re.compile(rf"{SUMMED.pattern}|加上")
_CLAIMED_RISE = re.compile(r"(\d+(?:\.\d+)?)\s*[元块]?\s*(?:涨|提|提高|增加|调|升)(?:到|至)\s*(\d+(?:\.\d+)?)")
_RISE_WORDS = {"增加", "增长", "提高", "提到", "上调", "提升", "涨了", "多了"}
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_PARTS = re.compile(rf"[、，,？?；;\s]|和|及|与|以及|{PLUS}")  # a space parts questions typed without punctuation
THINGS = {"个", "名", "所", "户"}  # measure words of things counted one by one (not 种, 万元, 人)
NOT_MONEY = {"亿元", "万元", "万人", "万人次", "人次", "万户", "户", "个", "人", "名", "个县", "个县市"}


_PURPOSE = re.compile(r"[^，,；;。]{0,3}[，,](?:主要|重点|专项)?(?:支持|用于)")  # a sum's purpose: 7.18亿元，支持…


@dataclass(frozen=True)
class Pool:
    """The figures a plan may use: each fact of the retrieved passages with its passage and citation locator."""

    facts: tuple[tuple[Fact, Chunk], ...]
    chunks: tuple[Chunk, ...] = ()  # every passage, figures or not (a ratio is no fact: 按9：1)
    earlier: tuple[Outcome, ...] = ()  # the figures the conversation's earlier answers gave, oldest first

    def first(self, chunk: Chunk) -> bool:
        """Whether the passage is of the item the search ranked first (its passages come first)."""
        return self.rank(chunk) == 0

    @cached_property
    def _sections(self) -> dict[tuple, int]:
        """Each searched section (document, heading path) by its rank, read once per pool, not once per figure."""
        return {section: rank for rank, section in enumerate(dict.fromkeys((c.doc, tuple(c.path)) for c in self.chunks))}

    def rank(self, chunk: Chunk) -> int:
        """Which of the searched sections the passage is of, 0 for the one ranked first (after all of them for none)."""
        return self._sections.get((chunk.doc, tuple(chunk.path)), len(self._sections) + 1)

    def context(self, fact: Fact, chunk: Chunk) -> tuple[set[str], set[str]]:
        """What a figure is a figure of: the words just before it (since the figure before it in its clause), and
        the words of its clause up to it, with what a sum is for when the clause goes on to say so ("下达补助资金7.18
        亿元，支持80岁以上老年人基本生活津贴…": up to the next figure)."""
        start, end = clause_of(chunk, fact.start)
        after = fact.end
        if _PURPOSE.match(chunk.text, fact.end):
            after = min((f.start for f in chunk.facts if fact.end < f.start < end), default=end)
        return _terms(chunk.text[own_words_start(chunk, fact):fact.end]), \
            _terms(chunk.text[start:fact.end] + "，" + chunk.text[fact.end:after])



@lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """The words of a passage's text, cut once: the same clauses are read for many questions."""
    return frozenset(key_terms(canonical(text)))


def _named(pool: Pool, candidates: list[tuple[Fact, Chunk]], asked: set[str]) -> tuple[Fact, Chunk] | None:
    """The candidate a part of a question names: the best, when its clause has two of the part's words at least
    (就业补助资金 names 130.3亿元 by 就业 and 资金) or it is of the passage searched first (养老 of "养老、失业、工伤三项
    保险"); "我家情况是这样的" names no figure by the 情况 of a later passage's 财力情况."""
    best = _best(pool, candidates, asked)
    return best if best and (len(asked & pool.context(*best)[1]) >= 2 or pool.first(best[1])) else None


def _best(pool: Pool, candidates: list[tuple[Fact, Chunk]], asked: set[str],
          cases: bool = False, near: int = 2) -> tuple[Fact, Chunk] | None:
    """The one candidate whose words share most with what is asked (and at least one), else None. The cases a figure
    depends on (城市, 寄宿生) say which of a programme's figures applies, not which programme: they count only when
    `cases` (two figures of one programme compared)."""
    tied = _tied_best(pool, candidates, asked, cases, near)
    return tied[0] if len(tied) == 1 else None


def _tied_best(pool: Pool, candidates: list[tuple[Fact, Chunk]], asked: set[str],
               cases: bool = False, near: int = 2) -> list[tuple[Fact, Chunk]]:
    """The candidates whose words share most with what is asked (at least one), as `_best` scores them."""
    if not candidates:
        return []
    asked = asked if cases else asked - lexicon().conditions - _region_words()
    # of figures of several programmes, a word few of the candidates' clauses have tells them apart more than one
    # most have (托育 of 3.51亿元, not the 服务 of 93.62亿元 for 基本公共卫生服务): weighted as in inverse document
    # frequency, in whole steps; the cases of one programme's figures (小学, 住校) count alike
    contexts = [pool.context(f, c) for f, c in candidates]
    weights = {w: 1 + (not cases and int(math.log2(len(contexts) / max(1, sum(w in c for _, c in contexts)))))
               for w in asked}
    scores = [_score(local, clause, weights, near) for local, clause in contexts]
    top = max(scores)
    return [fc for fc, score in zip(candidates, scores) if score == top] if top > 0 else []


def _score(local: frozenset[str], clause: frozenset[str], asked: dict[str, int], near: int) -> int:
    """The weights of the words asked that a figure's clause has, and `near` for each just before it."""
    # 非寄宿生 applies only when the user says so, to every figure of its clause (非寄宿生：小学625元/年、初中750元/年)
    negated = "非" in clause and "非" not in asked
    return near * _matched(asked.keys() & local) + _matched(asked.keys() & clause, asked) - 2 * negated


def _matched(found: set[str], weights: dict[str, int] | None = None) -> int:
    """How much of what is asked the words found cover: the search cut gives 城乡居民 with 城乡, 居民 and 乡居, so a word
    inside a longer one found counts nothing of its own, and each counts by its length in two-character words
    (城乡居民 two, as 中央 and 财政 written apart are two)."""
    whole = [w for w in found if not any(w != longer and w in longer for longer in found)]
    return sum((weights[w] if weights else 1) * max(1, len(w) // 2) for w in whole)


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    """The words of the regions' names (南疆, 地州): a region is a case, whatever word the user calls it by."""
    return frozenset(w for r in lexicon().regions for w in key_terms(r.name))


def cases_held(u: Understanding) -> set[str]:
    """The cases the topic's messages name (寄宿生, 初中, 农村 …), a later message's case replacing an earlier one of
    its kind ("2024年城市低保…" then "农村的比2020年涨了多少": 农村; "初中呢？" then "我们村小学才60个学生": 小学)."""
    lex = lexicon()
    held: dict[str, set[str]] = {}
    for message in u.topic:
        said = key_terms(canonical(message)) & lex.conditions
        for kind in {lex.dimension(case) for case in said}:
            held[kind] = {case for case in said if lex.dimension(case) == kind}
    return set().union(*held.values())


def _per_part(message: str, pick: Callable[[str], tuple | None]) -> list[tuple]:
    """What each part of the question picks ("推荐目录的至少几种？本省出的最多几种？"), each pick once, in order."""
    chosen: dict[int, tuple] = {}
    for part in _PARTS.split(message):
        if (best := pick(part)) is not None:
            chosen.setdefault(id(best[0]), best)
    return list(chosen.values())


def _payers(text: str) -> list[str]:
    """Who shares a cost, as a ratio's wording names them (自治区本级, 地县 …), in order."""
    return lexicon().payer_pattern.findall(text)


def _payer(fact: Fact, chunk: Chunk) -> str:
    """Who pays the share a rate states, as its own words name them ("当地财政承担50%" → 当地), else ""."""
    return ([""] + _payers(chunk.text[own_words_start(chunk, fact):fact.start]))[-1]  # the nearest


def _document(fact: Fact, chunk: Chunk) -> Figure:
    return Figure(fact.value, fact.unit, "document", chunk.locator, chunk, fact)


def _count_of_things(u: Understanding, pool: Pool) -> tuple[str, str, str] | None:
    """The one count of things the user gives in the message (100个农家书屋, 5000个电话, 800万元): value, unit and
    what is counted. A count the passages state in the same words ("比35个脱贫县多多少") names what it counts."""
    things = u.said.things
    if len(things) != 1:
        return None
    value, unit, counted = things[0]
    return None if any(f"{value}{unit}{counted[:2]}" in c.text for c in pool.chunks) else things[0]


def per_thing_times_count(u: Understanding, pool: Pool) -> Plan | None:
    """"县里有100个农家书屋，一年出版物配备资金至少多少？新书至少补多少种？" → 100 × 2000元, 100 × 60种 (每个农家书屋 …)."""
    if not (given := _count_of_things(u, pool)) or given[1] not in THINGS:
        return None
    value, unit, things = given
    named = [w for w in key_terms(canonical(things)) if len(w) > 1]
    each = [(f, c) for f, c in pool.facts if f.kind in ("amount", "average") and f.unit != "%"
            and any(re.search(f"每[个名所户]?{re.escape(w)}", c.text[max(0, f.start - 40):f.start])
                    for w in named)]
    def pick(part: str) -> tuple[Fact, Chunk] | None:
        units = set(lexicon().units_asked(part))
        fitting = [(f, c) for f, c in each if f.unit in units] or each
        # "新书至少补多少种": the one figure in the unit asked for
        return fitting[0] if units and len(fitting) == 1 else _best(pool, fitting, key_terms(canonical(part)))

    chosen = _per_part(u.message, pick)
    if not chosen:
        return None
    given_figure = Figure(value, unit, "user", u.message)
    # "五年下来": a yearly figure over the years the user gives too
    years = u.quantities.years
    over = lambda f: (Figure(str(years), "年", "user", u.message),) if years and f.per == "年" else ()
    steps = tuple(Step("multiply", (given_figure, _document(f, c), *over(f)), f.unit) for f, c in chosen)
    leads = [f"{value}{unit}{things[:4].rstrip('，,。？?')}{f'{years}年' if over(f) else ''}共{{{i}}}{f.unit}"
             for i, (f, _) in enumerate(chosen)]
    return Plan("per_thing_times_count", steps, "；".join(leads) + "。")


def _quantity_rated(u: Understanding, pool: Pool) -> tuple[str, str] | None:
    """What the user gives for a rate to apply to, value and unit: a count of things (5000个电话); else the one sum
    of money they give with no other figure beside it ("两项补贴要发360000元", while "那2670元，自治区本级出2154" asks
    what is left); else, when how many of them is asked, the people they count ("在校生一千人，能有多少人拿")."""
    said = u.said
    if given := _count_of_things(u, pool):
        return given[0], given[1]
    # "在校生500人，按20%定困难生、每人2000元": a sum each gets is no quantity to rate, the people counted are
    # "按每年2000块算" is a yearly sum, not a total to take a share of
    if len(said.money) == 1 and not said.bare and not _EACH_GETS.search(u.message) \
            and not re.search(r"每[年月]\s*\d", u.message):
        return plain(said.money[0]), "元"
    if (_HOW_MANY_PEOPLE.search(u.message) or _EACH_GETS.search(u.message)) and (people := said.headcount):
        return str(people[0]), people[1]
    return None


_EACH_GETS = re.compile(r"每(?:人|生|个人|名|个学生)\s*\d")
# how many people: 多少人, 几个 (名额按比例能有几个？), 名额
_HOW_MANY_PEOPLE = re.compile(r"(?:多少|几)个?[人名]|(?:多少|几)[个名位](?![月年天小钟星])|名额")


def rate_of_users_count(u: Understanding, pool: Pool) -> Plan | None:
    """"12333一天打进来5000个电话，按标准至少要接通多少？" → 5000个 × 80%."""
    message = u.message
    rates = [(f, c) for f, c in pool.facts if f.unit == "%" and f.kind == "amount"]
    if not (given := _quantity_rated(u, pool)) or not rates or "多少" not in message and "几" not in message:
        return None
    value, unit = given
    # a count the passage found first states (托育那99个项目) is the documents' own, no population of the user's
    if any(f.value == value and f.unit == unit and pool.first(c) for f, c in pool.facts):
        return None
    given = Figure(value, unit, "user", u.message)
    steps, leads = [], []
    chosen = _per_part(message, lambda part: _best(pool, rates, key_terms(canonical(part))))
    if not chosen and (one := _best(pool, rates, key_terms(canonical(message)))):
        chosen = [one]
    if len(chosen) == 1 and re.search(r"各|分别", message):  # "各掏多少": every payer's rate of the clause
        fact, chunk = chosen[0]
        clause = clause_of(chunk, fact.start)
        chosen = [(f, c) for f, c in rates if c is chunk and clause_of(c, f.start) == clause and _payer(f, c)] or chosen
    for fact, chunk in chosen:
        steps.append(Step("percentage", (given, _document(fact, chunk)), unit))
        leads.append(f"{_payer(fact, chunk)}按{fact.value}%计算，为{{{len(steps) - 1}}}{unit}")
    if not steps:
        return None
    if len(steps) == 1 and unit in THINGS | {"人"} and (each := _each_gets(u, pool, chosen[0][1])):
        # "能领助学金的多少人，一年一共多少钱": each of those counted gets the amount ("按2000元算…" or the item's)
        steps.append(Step("multiply", (0, each), "元"))
        leads.append(f"每{unit}{each.value}元，共{{1}}元")
    return Plan("rate_of_users_count", tuple(steps), "；".join(leads) + "。")


def _in_ones(figure: Figure) -> Step:
    """The step writing a figure said in 万 or 亿 in ones: 60万元 × 10000 = 600000元, 42.08万户 → 户."""
    scale = SCALES[figure.unit[0]]
    return Step("multiply", (figure, Figure(scale.value, "", "conversion", scale.where)), figure.unit[1:])


_COVERS = re.compile(r"够|能(?:保|养|发|补|供|管|覆盖|救助)|可以(?:保|养|发|补|供|管|覆盖|救助)")
_WHOLE_YEAR = re.compile(r"一整年|一年|全年|今年|每年|一年到头")
_ONE_MONTH = re.compile(r"(?<!每人)(?<!每生)(?:一个月|一月|当月)")


def people_covered(u: Understanding, pool: Pool) -> Plan | None:
    """"社区今年有100万元，按2024年城市低保每人每月标准发，够保多少人一整年？" → 712元 × 12 = 8544元，1000000元 ÷
    8544元 ≈ 117.04，117人: the whole people a sum the user gives covers at a per-person standard, for a year unless a
    month is said."""
    message, said = u.message, u.said
    # the sum: in 元, or in 万 said as a count of 万元 ("预算60万"), worked in 元
    sums = [(plain(m), "元") for m in said.money] or [(v, unit) for v, unit, _ in said.things if unit in ("元", "万元")]
    if len(sums) != 1 or not _HOW_MANY_PEOPLE.search(message) or not _COVERS.search(message):
        return None
    heads = [(f, c) for f, c in pool.facts if f.unit == "元" and f.per_head in ("人", "生", "户")
             and f.kind in ("amount", "average") and f.per in ("月", "年")]
    if said.age is not None:  # "全给90到99岁老人发": the figure of the bracket the age is in, if a figure has one
        heads = [(f, c) for f, c in heads if f.age_min is not None and f.age_min <= said.age
                 and (f.age_max is None or said.age <= f.age_max)] or heads
    # the standard's case (城市, 农村) says which of its figures is meant
    if not (best := heads[0] if len(heads) == 1 else _best(pool, heads, key_terms(canonical(message)), cases=True)):
        return None
    fact, chunk = best
    period = "月" if _ONE_MONTH.search(message) and not _WHOLE_YEAR.search(message) else "年"
    working = Working()
    value, unit = sums[0]
    budget: Figure | int = Figure(value, unit, "user", message)
    if unit == "万元":
        working.add(_in_ones(budget))
        budget = len(working.steps) - 1
    each = _in_period(best, period, working)
    whom = "户" if fact.per_head == "户" else "人"
    steps = (*working.steps, Step("divide", (budget, each), whom))
    steps += (Step("whole", (len(steps) - 1,), whom),)
    per = "一年" if period == "年" else "一个月"
    cost = f"每{whom}{per}{{{each}}}元，" if isinstance(each, int) else f"每{whom}{per}{fact.value}元，"
    return Plan("people_covered", steps, f"{cost}{value}{unit}够{{{len(steps) - 1}}}{whom}{per}（零头不计）。")


def _each_gets(u: Understanding, pool: Pool, rated: Chunk) -> Figure | None:
    """The amount each person counted gets: the one the user gives ("按2000元算"), else, when money is asked, the
    yearly amount per head that the question's words choose, of the rate's own item if it states one."""
    if money := u.said.money:
        return Figure(plain(money[-1]), "元", "user", u.message)
    if not lexicon().money_asked.pattern.search(u.message):
        return None
    heads = [(f, c) for f, c in pool.facts if f.unit == "元" and f.per_head in ("人", "生")
             and f.kind in ("amount", "average")]
    own = [(f, c) for f, c in heads if (c.doc, c.item) == (rated.doc, rated.item)]
    if own and not (own := [(f, c) for f, c in own if f.per == "年"]):
        return None  # the item pays by the month: another item's yearly amount is not it
    heads = [(f, c) for f, c in heads if f.per == "年"]
    best = own[0] if len(own) == 1 else _best(pool, own or heads, key_terms(canonical(u.message)))
    return best and _document(*best)


_THRESHOLD_ASKED = re.compile(r"以下|以内|以上|不超过|不到|低于|高于|超过|倍|范围|区间|之间")
# A sum of money said bare or in 元 (850, 600元, 一千一), not a count, an age, a multiple or a period (5岁, 1.5倍, 8个月)
_SUM_OF_MONEY = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?=(?:元|块钱?)?(?![\d.倍岁个级年月周天次人%％万亿]))")
_TIMES = re.compile(r"(?P<of>[^，,。；;、]{2,16}?)的\s*(?P<n>\d+(?:\.\d+)?)\s*倍")


def _multiple_named(u: Understanding, pool: Pool, words: set[str]) -> tuple[re.Match, Chunk] | None:
    """The multiple of a figure ("低于低保标准的1.5倍") whose words the given words name best, when one does."""
    found = [(m, c) for c in pool.chunks for m in _TIMES.finditer(c.text)]
    scored = sorted(((len(words & _terms(m.group("of"))), -i) for i, (m, c) in enumerate(found)), reverse=True)
    if not scored or scored[0][0] == 0 or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return found[-scored[0][1]]


def _factor(times: re.Match, chunk: Chunk) -> Figure:
    n = times.group("n")
    return Figure(n, "倍", "document", chunk.locator, chunk, Fact(n, "倍", "multiple", start=times.start("n"),
                                                                  end=times.end("n")))


def multiple_of_users_amount(u: Understanding, pool: Pool) -> Plan | None:
    """"我们这低保标准一个月650，收入在多少以下的重度残疾人可以参照单人户纳入低保？" → 650元 × 1.5 (低于低保标准的1.5倍):
    a multiple the text sets of a local figure it does not give, applied to the one the user gives. Given with the
    user's own figure ("低保标准每月600，家里人均850，他能…吗"), that figure is checked against the band the multiple
    bounds (高于当地低保标准，但低于低保标准的1.5倍)."""
    if lexicon().yes_no.pattern.search(u.message) and not re.search(r"多少|几", u.message):
        return _within_band(u, pool)
    said = u.said
    given = [said.base] if said.base is not None else said.money or [Decimal(n) for n in said.bare]
    # a multiple of a local figure is a band's edge: the question asks for a threshold, or names the multiple
    if len(given) != 1 or not re.search(r"多少|几|什么|哪", u.message) or not _THRESHOLD_ASKED.search(u.message):
        return None
    if not (named := _multiple_named(u, pool, key_terms(canonical(u.message)))):
        return None
    times, chunk = named
    step = Step("multiply", (Figure(plain(given[0]), "元", "user", u.message), _factor(times, chunk)), "元")
    return Plan("multiple_of_users_amount", (step,), f"{plain(given[0])}元的{times.group('n')}倍为{{0}}元。")


def _within_band(u: Understanding, pool: Pool) -> Plan | None:
    """Whether the user's figure lies in the band the text bounds by a multiple of a local figure: the figure whose
    own words (just before it in the message) the multiple names is that local figure, the other is the user's."""
    message = arabic(u.message)
    said = {Decimal(n) for n in [*u.said.money, *u.said.bare]}  # what the slot grammar reads as sums (not 三十多岁)
    numbers = [m for m in _SUM_OF_MONEY.finditer(message) if Decimal(m.group()) in said]
    if len(numbers) != 2:
        return None
    before = [_terms(canonical(message[max(0, m.start() - 8):m.start()])) for m in numbers]
    named = [_multiple_named(u, pool, words) for words in before]
    if sum(bool(n) for n in named) != 1:
        return None
    which = 0 if named[0] else 1
    times, chunk = named[which]
    base, value = Decimal(numbers[which].group()), Decimal(numbers[1 - which].group())
    edge = base * Decimal(times.group("n"))
    # the band's lower edge is the local figure itself when the text says so (高于当地低保标准，但低于…的1.5倍)
    clause = chunk.text[clause_of(chunk, times.start())[0]:times.start()]
    floor = base if "高于" in clause else None
    lines = [f"{plain(base)}元的{times.group('n')}倍为{{0}}元"]
    if value >= edge:
        lines.append(f"{plain(value)}元不低于{{0}}元，不在文件规定的范围内。")
    elif floor is not None and value <= floor:
        lines.append(f"{plain(value)}元不高于{plain(base)}元，不在文件规定的“高于…但低于…{times.group('n')}倍”这一档内。")
    else:
        bounds = f"高于{plain(base)}元、" if floor is not None else ""
        lines.append(f"{plain(value)}元{bounds}低于{{0}}元，在文件规定的范围内。")
    step = Step("multiply", (Figure(plain(base), "元", "user", u.message), _factor(times, chunk)), "元")
    return Plan("multiple_of_users_amount", (step,), "，".join(lines))


def before_an_increase(u: Understanding, pool: Pool) -> Plan | None:
    """"2020年末养老保险参保多少人？" → 1463.96万人 − (比2020年末增加) 151.34万人."""
    message = u.message
    years = _YEAR.findall(arabic(message))
    # a rise the user states is their premise, unless its rate is asked ("到2024年末增长了百分之多少")
    rate = bool(lexicon().percent_asked.pattern.search(u.asked_part))
    if not years or lexicon().rise.pattern.search(u.asked_part) and not rate:
        return None
    asked = key_terms(canonical(message))
    def now_of(rise: Fact, chunk: Chunk) -> list[Fact]:  # the current figure the passage states before the rise
        return [f for f, c in pool.facts if c is chunk and f.unit == rise.unit and f.end <= rise.start
                and f.kind != "rise" and not chunk.text[f.end:rise.start].count("；")]

    # the rise the question is about, of people with their current figure before it; one of money is an amount's
    # (assistant/amounts.py)
    rises = [(f, c) for f, c in pool.facts if f.kind == "rise" and f.year in years
             and (f.unit not in NOT_MONEY or now_of(f, c)) and (not u.units or f.unit in u.units)]
    if not (best := _best(pool, rises, asked)) or best[0].unit not in NOT_MONEY:
        return None
    rise, chunk = best
    now = now_of(rise, chunk)[-1]
    steps = (Step("subtract", (_document(now, chunk), _document(rise, chunk)), now.unit),)
    lead = f"{rise.year}年末为{{0}}{now.unit}（现为{now.value}{now.unit}，比{rise.year}年末增加{rise.value}{rise.unit}）"
    if rate:
        steps += (Step("percent_of", (_document(rise, chunk), 0), "%"),)
        lead += "，增长{1}%"
    return Plan("before_an_increase", steps, lead + "。")


_ADDED_TO_EARLIER = re.compile(rf"^(?:那|再)*(?:{PLUS}|算上)")


def sum_of_named(u: Understanding, pool: Pool) -> Plan | None:
    """"就业补助资金和养老保险财政补助这两笔钱加起来多少亿？" → 130.3亿元 + 1088.36亿元. A figure asked as part of
    another ("总共下达多少，其中财政衔接资金多少") is asked beside it, never added to it."""
    if not _SUM.search(u.message) or "其中" in u.message:
        return None
    message = u.message
    rises = bool(lexicon().rise.pattern.search(message))
    units = set(u.units) or NOT_MONEY  # "多少亿" asks for 亿元, "多少万人" for people
    candidates = [(f, c) for f, c in pool.facts if f.unit in units & NOT_MONEY and (f.kind == "rise") == rises
                  and f.kind != "former"]
    # a figure is named by what it is a figure of: "国家" or "合计" of "国家规定课程教科书…一共合计多少钱" names no budget line
    unnamed = lexicon().generic | lexicon().operations
    # "两项加起来" counts what is summed, it names none of it (两项支出合计4845.5亿元 is their sum)
    named = lexicon().both.pattern.sub("，", message)
    chosen = _per_part(named, lambda part: _named(pool, candidates, key_terms(canonical(part)) - unnamed))
    if len(chosen) == 1 and pool.earlier and _ADDED_TO_EARLIER.match(message) and pool.earlier[-1].unit == chosen[0][0].unit:
        # "卫生健康累计支出多少" then "加上社保和就业的呢": the figure named now added to the one the answer before gave
        steps, earlier = pool.earlier[-1].placed(0)
        steps += (Step("add", (earlier, _document(*chosen[0])), chosen[0][0].unit),)
        return Plan("sum_of_named", steps, f"合计{{{len(steps) - 1}}}{chosen[0][0].unit}。")
    if len(chosen) < 2 or len({f.unit for f, _ in chosen}) > 1:
        return None
    unit = chosen[0][0].unit
    step = Step("add", tuple(_document(f, c) for f, c in chosen), unit)
    return Plan("sum_of_named", (step,), f"合计{{0}}{unit}。")


_MONEY_UNITS = ("元", "万元", "亿元")


def _current(former: Fact, chunk: Chunk, pool: Pool) -> Fact | None:
    """The figure a former one was raised to: the next figure of its clause in its unit ("从…500元提高至…712元")."""
    end = clause_of(chunk, former.start)[1]
    return next((f for f, c in pool.facts if c is chunk and former.end <= f.start < end and f.unit == former.unit
                 and f.kind != "former"), None)


def _before_a_stated_rise(u: Understanding, rise: Fact, chunk: Chunk) -> Plan | None:
    """"2020年基础养老金最低是多少？涨了百分之多少？" of "2020—2024年…累计提高50元，2024年…达到195元": the level before
    the rise, 195元 − 50元, and the rise as a share of it. A rise asked alone is quoted by the amount answer."""
    message = u.message
    now = next((f for f in chunk.facts if f.start > rise.end and f.unit == rise.unit and f.kind == "amount"
                and f.per == rise.per and sentence_of(chunk, f.start)[0] == sentence_of(chunk, rise.start)[0]), None)
    percent = bool(lexicon().percent_asked.pattern.search(message))
    # the level of the year the rise starts from (那2020年是多少), not a rise over it (比2020年末多了多少)
    earlier = bool(rise.year and re.search(rf"(?<![比从到至—\-~]){rise.year}\s*年[末底]?[^，,。？?比涨提增多]{{0,8}}?多少",
                                           arabic(message)))
    if not now or not (percent or earlier):
        return None
    unit = now.unit
    when = f"{rise.year}年" if rise.year else "提高前"
    steps = [Step("subtract", (_document(now, chunk), _document(rise, chunk)), unit)]
    per = per_words(now)
    leads = [f"{now.year + '年' if now.year else '现在'}{per}{now.value}{unit}，累计提高{rise.value}{unit}，{when}{per}{{0}}{unit}"]
    if percent:
        steps.append(Step("percent_of", (_document(rise, chunk), 0), "%"))
        leads.append(f"增长{{{len(steps) - 1}}}%")
    if _YEARLY_ASKED.search(message) and rise.year and now.year:  # "平均每年涨几块": the rise over the years between
        _per_year(steps, leads, _document(rise, chunk), now, rise, chunk)
    return Plan("change_over_time", tuple(steps), "；".join(leads) + "。")


def _per_year(steps: list[Step], leads: list[str], rise: Input, later: Fact, earlier: Fact, chunk: Chunk) -> None:
    """Adds the rise spread over the years between the two figures' years (2024年 − 2020年 = 4年; 50元 ÷ 4年)."""
    steps.append(Step("subtract", (_year_of(later, chunk), _year_of(earlier, chunk)), "年"))
    steps.append(Step("divide", (rise, len(steps) - 1), later.unit))
    leads.append(f"{{{len(steps) - 2}}}年间平均每年提高{{{len(steps) - 1}}}{later.unit}")


def _year_of(fact: Fact, chunk: Chunk) -> Figure:
    """The year a figure is of, as its passage writes it (从2020年的…), as an operand."""
    at = chunk.text.rfind(fact.year, 0, fact.start)
    return _document(Fact(fact.year, "年", start=at, end=at + len(fact.year)), chunk)


def change_over_time(u: Understanding, pool: Pool) -> Plan | None:
    """"城市低保从2020到2024涨了多少？涨了百分之几？" → 712元 − 500元, 212元 ÷ 500元 × 100% (从…500元提高至…712元);
    then the current figure as the rest of the question asks for it: a month's (÷ 12), for the user's household (× 5人)."""
    message = u.message
    if CONFIRM.search(message) and lexicon().risen_to.pattern.search(message) and (u.said.money or u.said.claims) \
            and not _CLAIMED_RISE.search(arabic(message)):
        return None  # "听说城市低保涨到每人每月800了？" puts a level to us: the amount answer checks it (从580涨到650 is a rise)
    compared = _COMPARED.search(message)
    # "比2020年多了多少", "比原来580的标准多多少": compared with a time before
    than = compared and compared.group("than") or ""
    if not (lexicon().rise.pattern.search(message) or _YEAR.search(arabic(than)) or lexicon().earlier.pattern.search(than)):
        return None
    pairs = {id(f): (f, now, c) for f, c in pool.facts if f.kind == "former" and (now := _current(f, c, pool))}
    # a stated rise ("累计提高50元") competes: when it fits best, the amount answer quotes it
    rises = [(f, c) for f, c in pool.facts if f.kind == "rise"]
    # "涨了多少？" after "居民医保财政补助标准现在多少？": what rose is what the topic is about, and a clause's subject
    # often stands before other figures ("居民医保财政补助资金473.24亿元，…补助标准由每人每年580元"): the whole clause
    # counts; the words for rising say nothing of what rose; a pair the user quotes (从580提到700) is that one
    numbers = {n for m in u.topic for n in read_numbers(m)}
    quoted = [(f, c) for f, now, c in pairs.values() if {Decimal(f.value), Decimal(now.value)} <= numbers]
    asked = key_terms(canonical(u.query)) - _RISE_WORDS - lexicon().conditions | cases_held(u)
    best = quoted[0] if len(quoted) == 1 else _best(pool, [(f, c) for f, _, c in pairs.values()] + rises, asked,
                                                     cases=True, near=0)
    if best and best[0].kind == "rise":
        return _before_a_stated_rise(u, *best)
    if not best:
        return None
    former, now, chunk = pairs[id(best[0])]
    if years_unstated(message, chunk, now):  # "2025年城市低保涨到多少了": the 2020→2024 rise is not 2025's
        return None
    unit = now.unit
    # "听说从580涨到650了？": the figure it rose to, put to us wrongly, is corrected first
    claimed = _CLAIMED_RISE.search(arabic(message))
    wrong = claimed and Decimal(claimed.group(1)) == Decimal(former.value) and Decimal(claimed.group(2)) != Decimal(now.value)
    before, after = _document(former, chunk), _document(now, chunk)
    steps = [Step("subtract", (after, before), unit)]
    when = (f"{former.year}年的", f"{now.year}年的") if former.year and now.year and former.year != now.year else ("", "")
    leads = [("不是" + claimed.group(2) + unit + "，" if wrong else "")
             + f"从{when[0]}{former.value}{unit}提高到{when[1]}{now.value}{unit}，{per_words(now)}提高了{{0}}{unit}"]
    if lexicon().percent_asked.pattern.search(message):
        steps.append(Step("percent_of", (0, before), "%"))
        leads.append(f"增长{{{len(steps) - 1}}}%")
    if _YEARLY_ASKED.search(message) and when[0]:  # "平均每年提了多少": the rise over the years between the two
        _per_year(steps, leads, 0, now, former, chunk)
    said = u.said
    if said.people and said.people > 1:  # 一家三口比原来多了多少: the rise for each of them, and what they now get
        people = Figure(str(said.people), "人", "user", message)
        steps.append(Step("multiply", (0, people), unit))
        leads.append(f"{said.people}人合计多{{{len(steps) - 1}}}{unit}")
        steps.append(Step("multiply", (after, people), unit))
        leads.append(f"按{now.value}{unit}计共{{{len(steps) - 1}}}{unit}")
    elif now.per == "年" and said.asked == "月" or "按月" in message:
        steps.append(Step("yearly_to_monthly", (after,), unit))
        leads.append(f"现在折合每月{{{len(steps) - 1}}}{unit}")
    elif now.per == "月" and said.asked == "年":  # "2024年一年是多少钱？比2020年一年多了多少": both a year's
        steps.append(Step("monthly_to_yearly", (stated(now, chunk.locator, chunk),), unit))
        steps.append(Step("monthly_to_yearly", (Result(0, f"{unit}/月"),), unit))
        leads.append(f"一年是{{{len(steps) - 2}}}{unit}，一年多{{{len(steps) - 1}}}{unit}")
    return Plan("change_over_time", tuple(steps), "；".join(leads) + "。")


# 平均每户, 平均到每户企业, 平均下来每年: how the average is spread may be said between 平均 and 每
_SPREAD = r"(?:到|分到|算到|摊到|落到|下来|分摊到|算下来)?"
_EVENLY = r"(?:平均|平摊|均摊|分摊)"  # 平摊到每个县 spreads a total as 平均每个县 does
# 平均每个县, 平均一个项目, 一个项目平均 (not 平均一个月: a period, which _YEARLY_ASKED and the amounts read)
_AVERAGE_ASKED = re.compile(rf"{_EVENLY}{_SPREAD}(?:每[个位名所家]?|一[个位名所家](?!月))(?P<what>[一-龥])"
                            rf"|(?:每[个位名所家]?|一[个位名所家])(?P<after>(?![月年天])[一-龥])[一-龥]?(?:{_EVENLY})")
_EACH_YEAR = re.compile(r"每年|一年|年均")
_YEARLY_ASKED = re.compile(rf"{_EVENLY}{_SPREAD}(?:每年|一年)|年均|每年{_EVENLY}|一年{_EVENLY}")
# whole years a report's total is over (2021—2024年), not a part of one (2021—2025年上半年)
_SPAN_OF_YEARS = re.compile(r"(?P<first>20\d\d)\s*[—\-–~至到]\s*(?P<last>20\d\d)\s*年(?![上下]半年)")


def yearly_average(u: Understanding, pool: Pool) -> Plan | None:
    """"2021到2024这四年社保和就业支出平均每年多少？" → 2943.6亿元 ÷ 4年 (2021—2024年，…社会保障和就业累计支出2943.6亿元):
    a total over whole years of a report paragraph of the three sections the search ranked first, per year, unless it
    states its own yearly average (年均153.13亿元). A total counts both ends (2021—2024年 is 4 years of spending); a rise over a span
    counts the years between its ends (2020—2024年…累计提高50元: 4 yearly rises from the 2020 level)."""
    if not _YEARLY_ASKED.search(u.message):
        return None
    totals = {}
    for fact, chunk in pool.facts:
        if chunk.field or pool.rank(chunk) > 2 or fact.unit not in _MONEY_UNITS + tuple(NOT_MONEY) \
                or fact.kind not in ("amount", "total", "rise"):
            continue
        start, end = clause_of(chunk, fact.start)
        spans = list(_SPAN_OF_YEARS.finditer(chunk.text, sentence_of(chunk, fact.start)[0], fact.start))
        # the time nearest before the figure is its own: "2024年…达到195元" is a level of one year, not a total
        if spans and "年均" not in chunk.text[start:end] and not _YEAR.search(chunk.text, spans[-1].end(), fact.start):
            totals[id(fact)] = spans[-1]
    candidates = [(f, c) for f, c in pool.facts if id(f) in totals and (not u.units or f.unit in u.units)]
    if lexicon().rise.pattern.search(u.message):  # "平均每年涨几块" asks of a rise, a total of spending rose nothing
        candidates = [(f, c) for f, c in candidates if f.kind == "rise"] or candidates
    if not (best := _best(pool, candidates, key_terms(canonical(u.query)))):  # a follow-up's topic names the figure
        return None
    fact, chunk = best
    span = totals[id(fact)]
    first, last = (_document(Fact(span[end], "年", start=span.start(end), end=span.end(end)), chunk)
                   for end in ("first", "last"))
    steps = (Step("subtract", (last, first), "年") if fact.kind == "rise" else Step("years_spanned", (first, last), "年"),
             Step("divide", (_document(fact, chunk), 0), fact.unit))
    over = f"从{first.value}年到{last.value}年" if fact.kind == "rise" else span.group()
    return Plan("yearly_average", steps, f"{over}共{{0}}年，平均每年{{1}}{fact.unit}。")


def average_per(u: Understanding, pool: Pool) -> Plan | None:
    """"35个脱贫县平均每个县分到多少亿衔接资金？" → 765.65亿元 ÷ 35个 (安排至35个脱贫县的资金量达到765.65亿元); a total
    in 亿元 over a count in 万户 is worked in 元 and 户 (25.25亿元 → 2525000000元)."""
    if not (asked := _AVERAGE_ASKED.search(u.message)):
        return None
    what = asked.group("what") or asked.group("after")
    each_year = bool(_EACH_YEAR.search(u.message))
    pairs = {}
    for fact, chunk in pool.facts:
        # what is counted is named after the count (35个脱贫县) or before it (托育服务项目99个)
        counted = chunk.text[max(fact.start - 4, 0):fact.start] + fact.unit \
            + chunk.text[fact.end + len(fact.unit):fact.end + len(fact.unit) + 4]
        if fact.unit in _MONEY_UNITS or fact.unit == "%" or what not in counted:
            continue
        end = clause_of(chunk, fact.start)[1]
        totals = [f for f, c in pool.facts if c is chunk and fact.end <= f.start < end
                  and f.unit in _MONEY_UNITS and f.kind in ("amount", "total")]
        # "平均每个县每年": the clause's own yearly figure (765.65亿元…年均153.13亿元) when it states one
        yearly = [f for f in totals if f.per == "年"] if each_year else []
        if totals := yearly or totals:
            pairs[id(fact)] = (fact, totals[0], chunk)
    candidates = [(f, c) for f, _, c in pairs.values()]
    # a follow-up ("平均每户大概多少") names its topic in the messages before
    best = _best(pool, candidates, key_terms(canonical(u.message))) or _best(pool, candidates, key_terms(canonical(u.query)))
    if not best:
        return None
    count, total, chunk = pairs[id(best[0])]
    each = f"平均每{what}{'每年' if total.per == '年' else ''}"
    if count.unit[0] not in SCALES:  # 765.65亿元 ÷ 35个: the answer in the total's unit (in_wan says one below 1亿)
        steps = [Step("divide", (_document(total, chunk), _document(count, chunk)), total.unit)]
        return Plan("average_per", tuple(steps), f"{each}{{0}}{total.unit}。")
    if not any(unit[0] in SCALES for unit in (total.unit, count.unit)):
        return None
    steps, operands = [], []
    for fact in (total, count):
        if fact.unit[0] in SCALES:  # in ones first, so that the average is in 元
            steps.append(_in_ones(_document(fact, chunk)))
            operands.append(len(steps) - 1)
        else:
            operands.append(_document(fact, chunk))
    money = total.unit[1:] if total.unit[0] in SCALES else total.unit
    steps.append(Step("divide", tuple(operands), money))
    return Plan("average_per", tuple(steps), f"{each}{{{len(steps) - 1}}}{money}。")


_REST_ASKED = re.compile(r"(?:除了?|除去|刨去|扣除|扣掉)(?P<cut>[^，,。？?]{2,20}?)(?:以外|之外)?(?:[，,][^。？?]{0,12}?)?"
                         r"(?:其他|其它|别的|其余|剩下|还剩|还差|还有)"
                         r"|(?P<part>[^，,。？?]{2,20}?)(?:以外|之外)|不是(?P<other>[^，,。？?]{2,20}?)的部分"
                         r"|没有?(?:给|安排|分|拨|投)到?(?P<missed>[^，,。？?]{2,20}?)的(?:那)?部分|其余|剩下|剩余|还剩")


def rest_asked(message: str) -> bool:
    """Whether the message asks of what is left of a whole once a part is taken out (其余, 以外, 没给…的那部分)."""
    return bool(_REST_ASKED.search(message))


# "伙食费占整个补助标准的百分之多少": the part before 占, the whole after it
_SHARE_OF = re.compile(r"(?P<part2>[^，,。？?；;]+?)在(?P<whole2>[^，,。？?；;]+?)[里中]占[^，,。？?；;]{0,3}"
                       r"(?:百分之|百分比|比例|比重|几成)"  # "社保就业在两项合计里占多大比重": the whole before 占
                       r"|(?P<part>[^，,。？?；;]+?)占(?P<whole>[^，,。？?；;]+?)的?(?:多大|多少|几)?的?"
                       r"(?:百分之|百分比|比例|比重|几成|占比)")


def whole_asked(message: str) -> frozenset[str]:
    """The words naming the whole a share is asked of ("占这两项合计支出的比重": 两项 合计 支出), none when none is."""
    asked = _SHARE_OF.search(message)
    return frozenset(key_terms(canonical(asked["whole"] or asked["whole2"]))) if asked else frozenset()


def states_share_of(whole: frozenset[str], fact: Fact, chunk: Chunk) -> bool:
    """Whether a % figure is stated of that whole: its own words name it (占巩固衔接任务资金总量的68.7%)."""
    return bool(whole) and whole <= _terms(chunk.text[own_words_start(chunk, fact):fact.end])


def _whole_of(pool: Pool, part: tuple[Fact, Chunk], figures: list[tuple[Fact, Chunk]],
              named: set[str]) -> tuple[Fact, Chunk] | None:
    """The figure a part is a share of: the larger one in its unit the words name (of two named alike, the larger:
    "社保就业和卫生健康两项合计" names 2943.6亿元 and 4845.5亿元), else the total its sentence opens with before the
    part ("补助标准为年生均2800元，主要包括：幼儿伙食费1450元" for "整个补助标准")."""
    larger = [(f, c) for f, c in figures if f.unit == part[0].unit and Decimal(f.value) > Decimal(part[0].value)]
    if tied := _tied_best(pool, larger, named, cases=True):
        return max(tied, key=lambda fc: Decimal(fc[0].value))
    sentence = sentence_of(part[1], part[0].start)
    return next(((f, c) for f, c in larger if c is part[1] and sentence[0] <= f.start < part[0].start), None)


def share_of_whole(u: Understanding, pool: Pool) -> Plan | None:
    """"学前教育幼儿资助里头，伙食费占整个补助标准的百分之多少？" → 1450元 ÷ 2800元 × 100% (补助标准为年生均2800元，
    主要包括：幼儿伙食费1450元…); a share the documents state of that whole (财政衔接资金…占巩固衔接任务资金总量的
    68.7%) is quoted by the amount answer instead."""
    if not (asked := _SHARE_OF.search(u.message)):
        return None
    part_words, whole_words = key_terms(canonical(asked["part"] or asked["part2"])), whole_asked(u.message)
    if any(f.unit == "%" and states_share_of(whole_words, f, c) for f, c in pool.facts):
        return None
    figures = [(f, c) for f, c in pool.facts if f.unit != "%" and f.kind not in ("former", "rise", "share")]
    # the part may be a case of the whole (伙食费 of a 补助标准): its words count as cases do; of the passage searched
    # first, if it has one; of parts alike (伙食费1450元, 伙食费、保教费…2670元), the one a whole is found for
    first = [fc for fc in figures if pool.first(fc[1])]
    parts = next((tied for among in (first, figures) if (tied := _tied_best(pool, among, part_words, cases=True))), [])
    pairs = [(part, whole) for part in parts if (whole := _whole_of(pool, part, figures, whole_words))]
    if len(pairs) != 1:
        return None
    part, whole = pairs[0]
    step = Step("percent_of", (_document(*part), _document(*whole)), "%")
    return Plan("share_of_whole", (step,), f"{part[0].value}{part[0].unit}占{whole[0].value}{whole[0].unit}的{{0}}%。")


def total_less_part(u: Understanding, pool: Pool) -> Plan | None:
    """"巩固衔接任务资金里，财政衔接资金以外的部分是多少亿？" → 1528.61亿元 − 1049.84亿元 (…资金1528.61亿元，其中财政衔接
    资金1049.84亿元)."""
    if not (asked := _REST_ASKED.search(u.message)):
        return None
    # "中央出多少？剩下自治区本级和地县各出多少": the rest of a split asked share by share, no part of a stated total
    if _shares_asked(u.message) and re.search(r"各|分别", u.message) \
            and not (asked.group("cut") or asked.group("part") or asked.group("other")):
        return None
    pairs = _parts_listed(pool) | _parts_stated_as_shares(pool)
    named = next((g for g in ("cut", "part", "other", "missed") if asked.group(g)), None)
    # what the rest is of, said before 里 ("财政衔接资金里安排给35个脱贫县以外的"), names no part
    named = re.split(r"[里中]", asked.group(named))[-1] if named else u.message
    # the part the user names by its figure ("2670元里自治区本级出916，剩下的…") is that part
    said = {Decimal(n) for n in u.said.bare} | set(u.said.money)
    best = next(((p.fact, p.chunk) for p in pairs.values() if Decimal(p.fact.value) in said), None) \
        or _best(pool, _for_region(pool, [(p.fact, p.chunk) for p in pairs.values()], u.query), key_terms(canonical(named)))
    if not best:
        return None
    part = pairs[id(best[0])]
    unit = part.fact.unit
    steps = [Step("subtract", (_document(*part.whole), _document(part.fact, part.chunk)), unit)]
    lead = f"{part.whole[0].value}{unit}中除去{part.fact.value}{unit}，其余{{0}}{unit}"
    if part.share and lexicon().percent_asked.pattern.search(u.message):  # the rest's share: what the stated one leaves
        steps.append(Step("subtract", (Figure("100", "%", "conversion", "整体为100%"), _document(*part.share)), "%"))
        lead += f"，占{{1}}%（100% − {part.share[0].value}%）"
    return Plan("total_less_part", tuple(steps), lead + "。")


@dataclass(frozen=True)
class _Part:
    """A figure stated as a part of a whole, the whole, and the share of it the passage states, if it does."""

    fact: Fact
    chunk: Chunk
    whole: tuple[Fact, Chunk]
    share: tuple[Fact, Chunk] | None = None


def _parts_listed(pool: Pool) -> dict[int, _Part]:
    """The figures a "其中" lists as parts of the total before it: "其中" opens a list that runs to the end of its
    sentence ("…2670元,其中南疆…2154元;其他地…916元。")."""
    pairs = {}
    for fact, chunk in pool.facts:
        start = sentence_of(chunk, fact.start)[0]
        among = chunk.text.rfind("其中", start, fact.start)
        whole = [f for f, c in pool.facts if c is chunk and start <= f.start < among and f.unit == fact.unit]
        if among >= 0 and whole and fact.kind != "former":
            pairs[id(fact)] = _Part(fact, chunk, (whole[-1], chunk))
    return pairs


@dataclass(frozen=True)
class _Stated:
    """A sum whose clause states its share of a whole: 4845.5亿元 …占一般公共预算支出的20.74%."""

    part: Fact
    share: Fact
    chunk: Chunk
    whole: str  # the words naming the whole (一般公共预算支出)


def _stated_shares(pool: Pool) -> list[_Stated]:
    """Every sum of the pool whose clause goes on to state its share of a whole (…占…的N%)."""
    found = []
    of_chunk: dict[int, list[Fact]] = {}  # each passage's facts in the pool, in pool order
    for fact, chunk in pool.facts:
        of_chunk.setdefault(id(chunk), []).append(fact)
    for share, chunk in pool.facts:
        if share.unit != "%":
            continue
        words = chunk.text[own_words_start(chunk, share):share.start]
        if "占" not in words:
            continue
        part = next((f for f in reversed(of_chunk[id(chunk)]) if f.end <= share.start and f.unit in _MONEY_UNITS
                     and f.kind == "amount" and clause_of(chunk, share.start)[0] <= f.start), None)
        if part:
            found.append(_Stated(part, share, chunk, words[words.rindex("占") + 1:].rstrip("的")))
    return found


def whole_of_a_share(u: Understanding, pool: Pool) -> Plan | None:
    """"两项支出合计占一般公共预算支出的20.74%，倒推一般公共预算支出是多少亿" → 4845.5亿元 × 100% ÷ 20.74%: a whole no
    passage states, asked by the words a stated share names it by."""
    if "多少" not in u.message and "几" not in u.message \
            or lexicon().percent_asked.pattern.search(without_shares_stated(u.message)):
        return None
    asked = key_terms(canonical(u.message))
    named = [s for s in _stated_shares(pool) if (terms := _whole_terms(s)) and terms <= asked]
    # a whole some passage states (累计下达巩固衔接任务资金1528.61亿元) is quoted, not worked out
    if len(named) != 1 or any(_whole_terms(named[0]) <= pool.context(f, c)[0] for f, c in pool.facts
                              if f.unit in _MONEY_UNITS and f is not named[0].part):
        return None
    s = named[0]
    step = Step("share_of", (_document(s.part, s.chunk), Figure("100", "%", "conversion", "以百分数表示"),
                             _document(s.share, s.chunk)), s.part.unit)
    return Plan("whole_of_a_share", (step,),
                f"{s.part.value}{s.part.unit}占{s.whole}的{s.share.value}%，倒推{s.whole}约{{0}}{s.part.unit}。")


_TOTAL_WORDS = frozenset({"总量", "总额", "总数"})


def _whole_terms(stated: _Stated) -> set[str]:
    """The words naming the whole of a stated share, without those saying it is a total (巩固衔接任务资金总量)."""
    return key_terms(canonical(stated.whole)) - _TOTAL_WORDS
_SHARE_STATED = re.compile(r"(?:比重|比例|占比)?\s*(?:是|为|有)?\s*\d+(?:\.\d+)?\s*%")


def without_shares_stated(message: str) -> str:
    """The message without the shares it states (占…的比重是20.74%): given, they ask nothing."""
    return _SHARE_STATED.sub("", message)


def _parts_stated_as_shares(pool: Pool) -> dict[int, _Part]:
    """The figures whose clause states their share of a whole ("安排至35个脱贫县的资金量达到765.65亿元、占衔接资金总量的
    72.9%"), each with the one figure of the pool it is that share of, to the share's precision: 1049.84亿元 of 财政
    衔接资金, not the 1528.61亿元 of 巩固衔接任务资金 whose words are alike."""
    pairs = {}
    for stated in _stated_shares(pool):
        part, share, chunk = stated.part, stated.share, stated.chunk
        places = -Decimal(share.value).as_tuple().exponent
        wholes = [(f, c) for f, c in pool.facts if f.unit == part.unit and f.kind == "amount" and f.value != part.value
                  and round(Decimal(part.value) / Decimal(f.value) * 100, places) == Decimal(share.value)]
        if len(wholes) == 1:
            pairs[id(part)] = _Part(part, chunk, wholes[0], (share, chunk))
    return pairs


def _for_region(pool: Pool, candidates: list[tuple[Fact, Chunk]], text: str) -> list[tuple[Fact, Chunk]]:
    """The figures that are not another region's: a place the user names (昌吉 → 其他地（州、市）) rules out a figure
    whose own words name a region it is not in (南疆四地州…2154元)."""
    named, others = _regions_in(text)
    if not named:
        return candidates
    kept = [(f, c) for f, c in candidates if not pool.context(f, c)[0] & others]
    own = set().union(*(key_terms(name) for name in named))
    return [(f, c) for f, c in kept if pool.context(f, c)[0] & own] or kept  # the figures naming it, if any do


def _regions_in(text: str) -> tuple[set[str], set[str]]:
    """The regions a text names (昌吉 → 其他地（州、市）), and the words of the other regions' names."""
    named = {r.name for r in lexicon().regions if r.name in canonical(text)}
    return named, set().union(*(key_terms(r.name) for r in lexicon().regions if r.name not in named))


_COST_NAMED = re.compile(r"[一-龥]{2}费")  # one cost of several: 伙食费, 读本费, 保教费


def party_total(u: Understanding, pool: Pool) -> Plan | None:
    """"伊犁的农村幼儿园，一个娃一年自治区本级一共出多少（读本费也算上）？" → 130元 + 916元: what one payer bears in all,
    the sum of the figures the item's 支出责任 puts on that payer, of the user's region (南疆四地州…2154元 is not 伊犁's)."""
    # "俩娃…一共出多少" sums over the children, not over the payer's figures, unless one is added (读本费也算上)
    added = re.search(r"算上|加上|连", u.message)
    one = (u.quantities.people or 1) <= 1
    # the payer named last in the topic: "在喀什的话自治区本级承担多少？" then "那在昌吉呢？"
    payers = next((p for m in reversed(u.topic) if (p := _payers(m))), [])
    duty = next((c for c in pool.chunks if c.field == "支出责任" and pool.first(c)), None)
    if not payers or duty is None or not (added or one):
        return None
    borne = [(f, duty) for f in duty.facts if f.unit == "元" and payers[-1] in "".join(_payers(_said_with(duty, f)))]
    # the region named last: "在喀什的话…" then "那在昌吉呢？" is 昌吉's
    _, others = next((named for m in reversed(u.topic) if (named := _regions_in(m))[0]), _regions_in(u.query))
    borne = [(f, c) for f, c in borne if not key_terms(_said_with(c, f)) & others]
    # without 一共, what the payer bears of the whole standard is asked unless the question names a cost the clause
    # lists (伙食费那块自治区本级出多少: 916元 alone)
    named = any(cost in duty.text for cost in _COST_NAMED.findall(canonical(u.query)))
    # and asks what the payer bears (自治区本级出多少), not what is given (自治区每年补多少: the standard, 2800元)
    bears = any(re.search(rf"{re.escape(payers[-1])}[^，。？?]{{0,6}}(出|承担|负担|掏)", m) for m in u.topic)
    if len(borne) < 2 or not (added or _SUM.search(u.message) or bears and not named):
        return None
    steps = [Step("add", (_document(*borne[0]), _document(*borne[1])), "元")]
    for figure in borne[2:]:
        steps.append(Step("add", (len(steps) - 1, _document(*figure)), "元"))
    return Plan("party_total", tuple(steps), f"{payers[-1]}合计承担{{{len(steps) - 1}}}元。")


def _said_with(chunk: Chunk, fact: Fact) -> str:
    """A figure's own words and those after it up to the next comma ("幼儿读本费年生均130元由自治区本级全额承担")."""
    after = re.search(r"[，,；;。]", chunk.text[fact.end:])
    return chunk.text[own_words_start(chunk, fact):fact.end + (after.start() if after else len(chunk.text))]


def _topic(asked: set[str]) -> set[str]:
    """The words asked that are no case a figure depends on, nor part of one (寄宿 of 寄宿生): what it is about."""
    return {w for w in asked if not any(w in case for case in lexicon().conditions)}


def with_supplement(u: Understanding, pool: Pool) -> Plan | None:
    """"寄宿制初中，一个住校生一年的公用经费按多少算？" → 850元 + 200元 (普通初中每生每年850元；寄宿制学校公用经费按寄宿生
    数年均增加200元): a standard's "增加" for a case the user is in (no year: a report's rise is history) adds to the
    figure that case starts from."""
    if lexicon().rise.pattern.search(u.message):
        return None
    text = canonical(u.query)
    asked = key_terms(text)
    cases = cases_held(u)
    for extra, chunk in pool.facts:
        if extra.kind != "rise" or extra.year or extra.unit not in _MONEY_UNITS:
            continue
        local, clause = pool.context(extra, chunk)
        named = local & cases
        # the case is the user's (不是寄宿制的 → 非寄宿生 is not), and the clause is about what is asked (公用经费)
        if not named or any(f"非 {w}" in text or f"非{w}" in text for w in named) or not clause & _topic(asked):
            continue
        bases = [(f, c) for f, c in pool.facts if c is chunk and f.kind == "amount" and f.unit == extra.unit]
        if not (base := _best(pool, bases, cases, cases=True)):  # the case picks the figure (初中 → 850元)
            continue
        if part := _part_in_case(u, named):  # 300个学生，其中120个住校: the base for all, the supplement for the part
            (whole, _), some = part
            everyone, those = (Figure(str(n), "人", "user", u.message) for n in (whole, some))
            steps = (Step("multiply", (_document(*base), everyone), extra.unit),
                     Step("multiply", (_document(extra, chunk), those), extra.unit), Step("add", (0, 1), extra.unit))
            return Plan("with_supplement", steps, f"{whole}人每人{base[0].value}{extra.unit}，共{{0}}{extra.unit}；"
                                                  f"其中{some}人另加{extra.value}{extra.unit}，共{{1}}{extra.unit}；"
                                                  f"合计{{2}}{extra.unit}。")
        step = Step("add", (_document(*base), _document(extra, chunk)), extra.unit)
        return Plan("with_supplement", (step,), f"{per_words(base[0])}{base[0].value}{extra.unit}，"
                                                f"另加{extra.value}{extra.unit}，共{{0}}{extra.unit}。")
    return None


_SAID_BEFORE = re.compile(r"[^\d，,。；;\s]*$")  # the words before a count, back to a number or a pause


def _part_in_case(u: Understanding, cases: set[str]) -> tuple[tuple[int, str], int] | None:
    """The people the user counts and, of them, those in the case a supplement is for ("一共300个学生，其中120个住校"
    → (300, 个), 120): the count whose own words, after it or before it back to the number or pause before ("其中住校的
    100个"), name the case, when fewer than everyone."""
    said = u.quantities
    whole = said.headcount or (said.persons[0] if said.persons else None)
    text = arabic(u.message)

    def words(n: str, unit: str, after: str) -> str:
        at = text.find(f"{n}{unit}")
        return _SAID_BEFORE.search(text, 0, max(at, 0)).group() + after

    some = [int(Decimal(n)) for n, unit, after in said.things if key_terms(canonical(words(n, unit, after))) & cases]
    return (whole, some[0]) if whole and len(some) == 1 and some[0] < whole[0] else None


_FLOOR = re.compile(r"不足\s*(?P<n>\d+)\s*(?P<unit>人|个|名)[^，,。；;]{0,30}?按\s*(?P=n)\s*(?P=unit)")


def floor_of_count(u: Understanding, pool: Pool) -> Plan | None:
    """"我们村小一共才80个学生，一年公用经费能拨多少？" → 650元 × 100人 (农村地区不足100人的规模较小学校按100人核定)."""
    said = u.said
    count = said.people or (int(Decimal(given[0])) if (given := _count_of_things(u, pool)) else None)
    if not count or count == 1:  # "一个小学生公用经费…" is each pupil's, not a school of one
        return None
    asked = key_terms(canonical(u.query))
    cases = cases_held(u)
    for chunk in pool.chunks:
        for floor in _FLOOR.finditer(chunk.text):
            start, end = clause_of(chunk, floor.start())
            if count >= int(floor.group("n")) or not _topic(asked) & _terms(chunk.text[start:end]):
                continue
            # a floor qualifies the standards stated before it (not 特殊教育学校…6000元 after it)
            each = [(f, c) for f, c in pool.facts if c is chunk and f.kind == "amount" and f.unit in _MONEY_UNITS
                    and f.per_head in ("人", "生") and f.end <= floor.start()]
            if not (base := _best(pool, each, cases, cases=True)):  # the case picks the figure (小学 → 650元)
                continue
            n, unit = floor.group("n"), floor.group("unit")
            counted = Figure(n, unit, "document", chunk.locator, chunk,
                             Fact(n, unit, "floor", start=floor.start("n"), end=floor.end("n")))
            step = Step("multiply", (_document(*base), counted), base[0].unit)
            return Plan("floor_of_count", (step,), f"{count}{unit}不足{n}{unit}，按{n}{unit}核定，"
                                                   f"每{unit}{base[0].value}{base[0].unit}，共{{0}}{base[0].unit}。")
    return None


# "比其他地州多多少", and "喀什和昌吉比，…多出多少" / "南疆的跟其他地州比": the other side after 比, or between 跟 and 比
# 比 of a comparison (比2020年, 比伤残家庭), not of a ratio (7比3, 七比三) or a share (比例, 比重)
_THAN = r"(?<![\d一二三四五六七八九])比(?![例重率])(?![\d一二三四五六七八九](?!\d))"
# 跟…比 ends its side where 比 is followed by no other side: "社保和就业累计支出比卫生健康支出多" compares with the latter
_COMPARED = re.compile(rf"(?:跟|和|与|同)(?P<other>[^，,。？?跟和与同]{{1,20}}?)(?:相)?{_THAN}"
                       r"(?=[，,。？?\s]|$|起来|较|一下|的话|[多少高低差])"
                       rf"|{_THAN}(?P<than>[^，,。？?]{{1,20}}?)(?:多|高|少|低|差)|相差|差多少|差几")


def difference_of_named(u: Understanding, pool: Pool) -> Plan | None:
    """"独生子女死亡家庭的特别扶助金比伤残家庭每月多多少？" → 450元 − 350元; the side the message leaves out is the
    one the conversation was about ("直播卫星能看多少套？" → "比地面无线的多几套？")."""
    message = u.message
    found = _COMPARED.search(message)
    other = found and (found.group("other") or found.group("than"))
    one = message[:found.start()].strip("，, ") if found else ""
    joined = found and not other and len(both := [p for p in re.split(r"和|跟|与|同", one) if p.strip("，, ")]) == 2
    if joined:  # "城市低保一年的标准和农村低保一年的标准差多少"
        one, other = both
    elif found and not other and len(u.topic) > 1 and (before := _COMPARED.search(u.topic[-2])) \
            and (before.group("other") or before.group("than")):
        # "南疆五地州比35个脱贫县多安排了多少？" then "年均差多少": the sides compared before, with this message's words
        own = message[:found.start()] + message[found.end():]
        one, other = u.topic[-2][:before.start()] + own, (before.group("other") or before.group("than")) + own
    if not other or _YEAR.search(arabic(other)) or lexicon().earlier.pattern.search(other):
        return None  # "比2020年底多了多少", "比原来多多少" ask for a stated increase, not a comparison of two figures
    one = one or (u.topic[-2] if len(u.topic) > 1 else "")
    # the cases the conversation set that neither side changes hold for both ("初中走读的…" then "要是住校呢，比走读多多少？")
    sides = [key_terms(canonical(side)) for side in (one, other)]
    contrasted = _contrasted(one, other) if joined else ()
    if contrasted:
        # "伙食保教采暖这块，南疆四地州和其他地州自治区本级承担的…差多少": two cases of one kind joined by 和 differ
        # in that case alone; the message's other words, before the first or after the second, are said of both
        shared = (sides[0] | sides[1]) - contrasted[0] - contrasted[1]
        sides = [shared | own for own in contrasted]
    held = key_terms(canonical(" ".join(u.topic[:-1]))) & lexicon().conditions - sides[0] - sides[1]
    units = set(u.units)
    candidates = [(f, c) for f, c in pool.facts if f.kind in ("amount", "average") and f.unit != "%"
                  and (not units or f.unit in units)]
    # two figures of one programme compared: the best-ranked passage that has both sides, else any two
    # both sides "年均" (南疆五地州年均…比35个脱贫县年均…): the figures stated for the period asked, if any are
    asked = u.said.asked
    pools = [[(f, c) for f, c in candidates if f.per == asked]] if asked else []
    for top, pooled in [(i, p) for p in pools + [candidates] for i, n in Counter(c.id for _, c in p).items()
                        if n >= 2] + [(None, candidates)]:
        within = [(f, c) for f, c in pooled if c.id == top] or pooled
        first = _best(pool, _for_region(pool, within, one), sides[0] | held, cases=True)
        # the other side is another figure in the same unit (比35个脱贫县多: 765.65亿元, not the 35个 that names them)
        alike = [(f, c) for f, c in within if first and f.unit == first[0].unit and f is not first[0]]
        second = _best(pool, _for_region(pool, alike, other), sides[1] | held, cases=True)
        if first and second:
            break
    else:
        return None
    if joined and not contrasted and first[0].per == second[0].per:
        return None  # two figures of one period joined by 和 are the amount answer's to compare, a year's worth too
    # a month's figure and a year's are compared in the period asked ("按一年算", "折成每月"), else the first side's;
    # two of one period are compared as stated (a year's worth of the difference is for_the_count's)
    period = (u.said.asked or first[0].per) if first[0].per != second[0].per else ""
    working = Working()
    sides = [_in_period(fc, period, working) for fc in (first, second)]
    values = [Decimal(working.done[i].result) if isinstance(i, int) else Decimal(i.value) for i in sides]
    high, low = sides if values[0] >= values[1] else sides[::-1]
    unit = first[0].unit
    steps = (*working.steps, Step("subtract", (high, low), unit))
    shown = [plain(v) for v in sorted(values, reverse=True)]
    lead = f"相差{{{len(steps) - 1}}}{unit}（{shown[0]}{unit}比{shown[1]}{unit}）"
    if not period and first[0].per == "月" and u.said.asked == "年":  # two months' figures, a year's difference asked
        steps += (Step("monthly_to_yearly", (Result(len(steps) - 1, f"{unit}/月"),), unit),)
        lead = f"每月{lead}，一年相差{{{len(steps) - 1}}}{unit}"
    return Plan("difference_of_named", steps, lead + "。")


def _contrasted(one: str, other: str) -> tuple[set[str], set[str]] | tuple[()]:
    """The words of the cases of one kind that two sides joined by 和 name each (南疆四地州 | 其他地（州、市）, 住校 |
    不住校), or () when they name no case of a kind in common."""
    lex = lexicon()

    def cases(side: str) -> set[str]:
        said = key_terms(canonical(side))
        found = (said & lex.conditions) | _regions_in(side)[0]
        # 不住校 reads 非 寄宿生: the case is 非寄宿生
        return {f"非{c}" if "非" in said and f"非{c}" in lex.conditions else c for c in found}

    named = [cases(side) for side in (one, other)]
    kinds = {lex.dimension(c) for c in named[0]} & {lex.dimension(c) for c in named[1]}
    own = [{c for c in cases if lex.dimension(c) in kinds} for cases in named]
    return tuple(own_cases | set().union(*map(key_terms, own_cases)) for own_cases in own) if kinds else ()


def _in_period(figure: tuple[Fact, Chunk], period: str, working: Working) -> Figure | int:
    """A figure as its passage states it, or the step converting it to the period asked (712元/月 → a year's)."""
    fact, chunk = figure
    if not period or not fact.per or fact.per == period or {fact.per, period} != {"月", "年"}:
        return _document(fact, chunk)
    working.add(Step("monthly_to_yearly" if period == "年" else "yearly_to_monthly", (stated(fact, chunk.locator, chunk),),
                     fact.unit))
    return len(working.steps) - 1


_RATIO = re.compile(r"(?P<who>[^，,。；按]{2,24}?)(?:统一)?按\s*(?P<a>\d+)\s*[:：]\s*(?P<b>\d+)")


def _shares_asked(text: str) -> bool:
    return bool(lexicon().share_asked.pattern.search(text))


def split_by_ratio(u: Understanding, pool: Pool) -> Plan | None:
    """"义务教育免费课本今年县里要花100万元，自治区本级和地县各出多少？" → 100万元 × 9 ÷ 10, 100万元 × 1 ÷ 10 (按9：1)."""
    if not _shares_asked(u.message):
        return None
    said = u.said
    # 100万元 is read as money too (1000000): the figure as said comes first
    amounts = [(v, unit) for v, unit, _ in said.things if unit in ("万元", "亿元")] or [(plain(m), "元") for m in said.money] \
        or [(str(n), "元") for n in said.bare]  # "小学生公用经费一年650，…各出多少": a bare figure is the amount split
    if len(amounts) != 1:
        return None
    value, unit = amounts[0]
    split = _split_by_passage(u, Figure(value, unit, "user", u.message), [], unit, pool.chunks)
    return Plan("split_by_ratio", tuple(split[0]), split[1]) if split else None


def standard_split(u: Understanding, pool: Pool) -> Plan | None:
    """"县里有两千个小学生，国家课程教科书补助一年总共多少？自治区本级和地县各出多少？" → 105元 × 2000人, then that total
    split by the ratio of the same item (按9：1); with no count, the standard's own figure is split ("伊宁一个普通小学生的
    公用经费，自治区承担的那部分里，自治区本级和地县各出多少钱" → 650元 by 8:2, the 自治区 part by 3:7)."""
    people = u.said.people
    if not _shares_asked(u.message) or u.said.money or u.said.bare:
        return None
    each = [(f, c) for f, c in pool.facts if f.kind == "amount" and f.unit in _MONEY_UNITS and f.per_head in ("人", "生")]
    # the figure is named where the total is asked, not where the payers are: in this message or the topic's earlier
    # ones ("初中生均公用经费多少？" then "中央出多少钱？")
    total_asked = "，".join(p for p in re.split(r"[？?]", u.query) if not _shares_asked(p)) or u.message
    asked = key_terms(canonical(total_asked))
    # the figure that fits best, or the first of one clause's that fit equally (105元 and the 14元 字典 of 教科书加字典:
    # the clause's own figures are chosen below); among equals of several items, the best-retrieved item's (公用经费
    # is item 11's, though item 13 says 经费 and 小学 too)
    items = dict.fromkeys(c.item for _, c in each)
    tied = _tied_best(pool, each, asked, cases=True)
    best = tied[0] if len({id(c) for _, c in tied}) == 1 else next(
        (b for item in items if (b := _best(pool, [fc for fc in each if fc[1].item == item], asked, cases=True))), None)
    if not best:
        return None
    fact, chunk = best
    same_item = tuple(c for c in pool.chunks if c.item == chunk.item)
    # "课本费加字典一共补多少？按比例自治区本级和地县各出多少" splits the sum of the figures each part names
    named = choose([f for f, c in each if c is chunk], u, u.quantities, chunk.locator)
    if named.summed and len(named.facts) >= 2 and not named.people and len({f.unit for f in named.facts}) == 1:
        steps = [Step("add", tuple(_document(f, chunk) for f in named.facts), fact.unit)]
        lead = f"{'加'.join(f.value + f.unit for f in named.facts)}，每人合计{{0}}{fact.unit}"
        if people and people > 1:
            steps.append(Step("multiply", (0, Figure(str(people), "人", "user", u.message)), fact.unit))
            lead += f"，{people}人共{{1}}{fact.unit}"
        split = _split_by_passage(u, len(steps) - 1, steps, fact.unit, same_item)
        return Plan("standard_split", tuple(split[0]), f"{lead}；{split[1]}") if split else None
    if people and people > 1:
        total: Figure | int = 0
        steps = [Step("multiply", (_document(fact, chunk), Figure(str(people), "人", "user", u.message)), fact.unit)]
        lead = f"{people}人每人{fact.value}{fact.unit}，共{{0}}{fact.unit}；"
    elif "多少" in u.message:  # "…各出多少钱" asks for amounts; "是怎么分摊的" asks for the rule, which is quoted
        total, steps, lead = _document(fact, chunk), [], f"{per_words(fact)}{fact.value}{fact.unit}："
    else:
        return None
    if not (split := _split_by_passage(u, total, steps, fact.unit, same_item)):
        return None
    return Plan("standard_split", tuple(split[0]), lead + split[1])


def _split_by_passage(u: Understanding, amount: Figure | int, steps: list[Step], unit: str,
                      chunks: tuple[Chunk, ...]) -> tuple[list[Step], str] | None:
    """The steps splitting an amount by the ratio of the passages whose parties the question names most, and again by
    the next ratio when the question names the parties one part splits into; None when no ratio fits."""
    asked = key_terms(canonical(u.message))
    found = [(m, c) for c in chunks for m in _RATIO.finditer(c.text)]
    # the ratio whose parties the question names most, the best-retrieved item first among equals
    scored = sorted(((len(asked & key_terms(canonical(m.group("who")))), -i) for i, (m, c) in enumerate(found)),
                    reverse=True)
    if not scored or scored[0][0] == 0:
        return None
    ratio, chunk = found[-scored[0][1]]
    # a ratio that splits one party's part ("自治区承担部分由自治区本级财政和县（市、区）按7：3") is the second level of
    # the ratio before it that names that party ("中央和自治区按5：5"): the amount goes through that one first
    upper = [m for m, c in found if c is chunk and m.end() <= ratio.start()
             and _part_split(chunk, m, ratio) in _payers(m.group("who"))[-2:]]
    ratio = upper[-1] if upper else ratio
    steps, lead = _split(amount, ratio, chunk, unit, steps)
    # a second level: one party's part split again by a later ratio of the same passage, when the question names
    # the parties it splits into and the user's region is the one it is for
    first = _payers(ratio.group("who"))[-2:]
    regions = {r.name[:3] for r in lexicon().regions if r.pattern.search(u.query)}
    for later, where in found:
        if where is not chunk or later.start() <= ratio.end() or (party := _part_split(chunk, ratio, later)) not in first:
            continue
        into = [p for p in _payers(later.group("who")) if p != party]
        named_regions = {r.name[:3] for r in lexicon().regions if r.name[:3] in later.group("who")}
        if _names_a_part(u.message, into, party) and not (regions and named_regions and not regions & named_regions):
            steps, more = _split(len(steps) - 2 + first.index(party), later, chunk, unit, steps)
            lead += more
            break
    return steps, lead


def _names_a_part(question: str, into: list[str], party: str) -> bool:
    """Whether the question names a party that one party's part splits into: by its words ("本级和县里各出多少") or by
    a payer's name, short forms included (县里 → 地县)."""
    into_text, said = canonical(" ".join(into)), canonical(question)
    return bool(key_terms(said) & key_terms(into_text) - key_terms(canonical(party))
                or set(_payers(said)) & set(_payers(into_text)) - set(_payers(canonical(party))))


def _part_split(chunk: Chunk, upper: re.Match, later: re.Match) -> str | None:
    """The party of the upper ratio whose part the later ratio splits: the first of its three payers
    ("自治区承担部分由自治区本级财政和县（市、区）按7：3"), or the one whose part the text between names ("自治区分担部分中，
    …其他地(州、市)由自治区本级和地县按3:7")."""
    named = _payers(later.group("who"))
    if len(named) >= 3:
        return named[0]
    between = chunk.text[upper.end():later.start()]
    found = re.search(f"({lexicon().payer_pattern.pattern})(?:分担|承担)部分", between)
    return found.group(1) if found else None


def _split(amount: Figure | int, ratio: re.Match, chunk: Chunk, unit: str, steps: list[Step]) -> tuple[list[Step], str]:
    """The steps splitting an amount (a figure, or an earlier step's result) by a ratio, and the sentence saying so."""
    parts = [Figure(ratio.group(k), "", "document", chunk.locator, chunk,
                    Fact(ratio.group(k), "", "ratio", start=ratio.start(k), end=ratio.end(k))) for k in ("a", "b")]
    names = _payers(ratio.group("who"))[-2:]
    names = names if len(names) == 2 else ["一方", "另一方"]
    whole = len(steps)
    steps = [*steps, Step("add", tuple(parts), ""), Step("share_of", (amount, parts[0], whole), unit),
             Step("share_of", (amount, parts[1], whole), unit)]
    return steps, (f"按{parts[0].value}：{parts[1].value}分担，{names[0]}{{{whole + 1}}}{unit}，"
                   f"{names[1]}{{{whole + 2}}}{unit}。")


_DIFFERENCE_ASKED = re.compile(r"差了?多少|差几|相差|多多少|多几|少多少|少几")
_PRODUCT = re.compile(r"(?P<a>\d+)\s*[×xX*]\s*(?P<b>\d+)\s*(?P<unit>小时|天|次|元)")


def product_as_written(u: Understanding, pool: Pool) -> Plan | None:
    """"12333人工服务一周总共多少个小时？自助语音呢？" → 5 × 8小时, 7 × 24小时 (每周5×8小时 … 每周7×24小时)."""
    if "多少" not in u.message and "几" not in u.message:
        return None
    found = [(m, c) for c in pool.chunks for m in _PRODUCT.finditer(c.text)]
    # what each product is of: its passage's text since the product before it
    about = [_terms(c.text[max((x.end() for x, y in found[:i] if y is c), default=0):m.end()])
             for i, (m, c) in enumerate(found)]
    def pick(part: str) -> tuple[re.Match, Chunk] | None:
        asked = key_terms(canonical(part)) - lexicon().conditions
        scored = sorted(((len(asked & words), i) for i, words in enumerate(about)), reverse=True)
        # one word in common is enough in the item the search ranks first, elsewhere it is a coincidence (人工耳蜗 is
        # not 人工服务)
        if scored and scored[0][0] >= 1 + (not pool.first(found[scored[0][1]][1])) \
                and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return found[scored[0][1]]
        return None

    chosen = _per_part(u.message, pick)
    if not chosen:
        return None
    steps, leads = [], []
    for m, c in chosen:
        factors = tuple(Figure(m.group(k), m.group("unit") if k == "b" else "", "document", c.locator, c,
                               Fact(m.group(k), "", "factor", start=m.start(k), end=m.end(k))) for k in ("a", "b"))
        steps.append(Step("multiply", factors, m.group("unit")))
        leads.append(f"{m.group()}即共{{{len(steps) - 1}}}{m.group('unit')}")
    if len(steps) == 2 and steps[0].unit == steps[1].unit and _DIFFERENCE_ASKED.search(u.message):
        # "人工服务一周多少个钟头 自助语音一周多少小时 差了多少": the larger less the smaller
        results = [Decimal(c.result) for c in Plan("", tuple(steps), "").run()]
        steps.append(Step("subtract", (0, 1) if results[0] >= results[1] else (1, 0), steps[0].unit))
        leads.append(f"相差{{2}}{steps[0].unit}")
    return Plan("product_as_written", tuple(steps), "；".join(leads) + "。")


# The school years a grant or a waiver covers, as who qualifies lists them: 一、二年级在校生, 学前三年在园幼儿.
YEARS_COVERED = re.compile(r"(?P<listed>(?:[一二三四五六]、)+[一二三四五六])年级在校生|学前(?P<n>[一二三两])年在园")
# A question about the whole course rather than one year: 从入学到毕业, 读完, 最多能拿 …
_WHOLE_COURSE = re.compile(r"到毕业|读完|上完|毕业前|整个|全程|几年下来|(?:最多|总共|一共|加起来)(?:能|可以)?(?:拿|领|免|给|补|资助|享受|得到|获得)")
_ONE_YEAR = re.compile(r"一年|每学年|每年(?!\s*\d)")  # 一年最多多少 asks one year; 按每年2000 gives the figure


def over_the_years_covered(u: Understanding, pool: Pool) -> Plan | None:
    """"娃读中职，国家助学金从入学到毕业最多能拿多少？" → 2000元 + 2000元 (每生每年2000元, only 一、二年级在校生): a yearly
    figure once for each school year the item covers, also when the user counts more years than it covers (读中职三年)."""
    if not (_WHOLE_COURSE.search(u.message) or u.quantities.years) or _ONE_YEAR.search(u.message) or not pool.chunks:
        return None
    item = [c for c in pool.chunks if pool.first(c)]
    covered = next(((c, m) for c in item for m in YEARS_COVERED.finditer(c.text)), None)
    if covered is None:
        return None
    chunk, found = covered
    years = found.group("listed").count("、") + 1 if found.group("listed") else chinese_to_int(found.group("n"))
    # years the user counts ("读完三年一共") are multiplied as the user says, unless the grant covers fewer (读三年 of a
    # grant paid in 一、二年级 is two years' worth)
    if u.quantities.years and u.quantities.years <= years:
        return None
    yearly = [(f, c) for c in item if c.field == "服务标准" for f in c.facts
              if f.kind in ("amount", "total") and f.unit == "元" and f.per == "年"]
    if not yearly:
        return None
    figure = _document(*(_best(pool, yearly, key_terms(canonical(u.message))) or yearly[0]))
    step = Step("add", (figure,) * years, "元")
    return Plan("over_the_years_covered", (step,), f"{found.group()}每年{figure.value}元，共{years}年，合计{{0}}元。",
                ((chunk, found.start()),))


# a count stated for each thing in each period, in either order: 每个行政村每月一场电影, 每名中小学生每学期至少观看2次,
# 每年每个农家书屋补充更新图书不少于60种 (the thing's words are what follows, up to the count)
_PER_THING_PER_PERIOD = re.compile(r"每[个名所户]?(?P<thing>[\u4e00-\u9fa5]{1,6}?)每(?P<per>月|学期|年)"
                                   r"|每(?P<first>月|学期|年)每[个名所户]?(?P<after>[\u4e00-\u9fa5]{2,8})")
# the counts of the rest of its clause: 一场电影; 不少于60种、开展阅读活动不少于4次
_COUNT_IN_CLAUSE = re.compile(r"(?P<n>[一二两三四五六七八九十\d]+)\s*(?P<unit>场|次|期|种|册)")
_PERIODS = {"月": "monthly_to_yearly", "学期": "termly_to_yearly"}


def _thing_named(found: re.Match, named: list[str], message: str) -> str | None:
    """The thing a per-thing count is for, when the user names it: by a suffix of the passage's word (村 for 行政村), or,
    where the period comes first, by the longest start of the words after 每个 that the message writes (农家书屋)."""
    if thing := found.group("thing"):
        if any(name.startswith(thing[i:]) for name in named for i in range(len(thing))) or normalize(thing) in message:
            return thing
        return None
    after = found.group("after")
    return next((after[:n] for n in range(len(after), 1, -1) if after[:n] in message or after[:n] in named), None)


def count_per_period(u: Understanding, pool: Pool) -> Plan | None:
    """"我们乡有30个行政村，一年下来要放多少场电影？" → 30个 × 一场 × 12个月 (每个行政村每月一场电影); of one of them
    ("一个村一年能看几场", "中小学生一年最少看几次": 每名中小学生每学期至少观看2次) a month's or a term's count made a
    year's; over the years the user gives ("农家书屋3年下来至少补充多少种图书": 60种 × 3年)."""
    given = _count_of_things(u, pool)
    if given and given[1] not in THINGS:
        return None
    # the things counted, or one of them ("一个村", "每个村"): the user may name it short, 村 for 行政村
    named = [given[2]] if given else re.findall(r"(?:(?<!\d)1个|每个?)([\u4e00-\u9fa5]{1,6})", arabic(u.message))
    message = normalize(u.message)
    years = u.quantities.years
    for chunk in pool.chunks:
        for found in _PER_THING_PER_PERIOD.finditer(chunk.text):
            if not (thing := _thing_named(found, named, "" if given else message)):
                continue
            per = found.group("per") or found.group("first")
            end = next((i for i in range(found.end(), len(chunk.text)) if chunk.text[i] in "。；;，,"), len(chunk.text))
            counts = list(_COUNT_IN_CLAUSE.finditer(chunk.text, found.end(), end))
            # of several (60种、4次) the one in the unit asked
            count = next((c for c in counts if c.group("unit") in u.units), counts[0] if given and counts else None)
            if count is None:
                continue
            n, counted = count.group("n"), count.group("unit")
            each = Figure(str(chinese_to_int(n)) if not n.isdigit() else n, counted, "document", chunk.locator, chunk,
                          Fact(n, counted, "count", start=count.start("n"), end=count.end("n")))
            over_years = bool(years) and years > 1
            yearly = per != "年" and (u.said.asked == "年" or over_years)
            if not given and not (yearly or over_years and per == "年"):  # "每生每年补多少" asks no count of 次
                return None
            steps: list[Step] = []
            # the thing and the count's own words: 每年每个农家书屋 … 开展阅读活动不少于4次
            named_end = found.end() if found.group("thing") else found.start("after") + len(thing)
            own = max(named_end, chunk.text.rfind("、", named_end, count.start()) + 1)
            lead = normalize(chunk.text[found.start():named_end] + chunk.text[own:count.end()])
            if given:
                value, unit, _ = given
                steps.append(Step("multiply", (Figure(value, unit, "user", u.message), each), counted))
                lead = f"{value}{unit}{thing}每{per}共{{0}}{counted}"
            if yearly:
                steps.append(Step(_PERIODS[per], (each if not steps else len(steps) - 1,), counted))
                lead += f"，一年共{{{len(steps) - 1}}}{counted}"
            if over_years:  # a year's count over the years the user gives
                steps.append(Step("multiply", (each if not steps else len(steps) - 1,
                                               Figure(str(years), "年", "user", u.message)), counted))
                lead += f"，{years}年共{{{len(steps) - 1}}}{counted}"
            return Plan("count_per_period", tuple(steps), lead + "。")
    return None


def earlier_answers(u: Understanding, pool: Pool) -> Plan | None:
    """"管了多少高血压患者？" "糖尿病呢？" "两个加起来多少？" → 110.22万人 + 44万人: the figures of the two answers
    before, each with the steps that derived it, added or the smaller taken from the larger; a month's sum is made a
    year's when the message asks for a year."""
    operation = next((rule.name for rule in lexicon().combine if rule.pattern.search(u.message)), None)
    # "领三个月一共多少钱" takes the topic's figure over a period of its own; two answers that are one figure worked
    # the same way (the rate asked twice) are one answer
    said = u.said
    if operation is None or len(pool.earlier) < 2 or said.months or said.years or said.days \
            or pool.earlier[-2] == pool.earlier[-1] or _worked_on(*pool.earlier[-2:]):
        return None
    # "夫妻俩都领，一年一共多少" totals the last figure over the people counted; the two answers are two people's only
    # when the conversation told people by their ages ("我爷爷85" … "我奶奶九十一呢")
    if said.people and not any(Quantities.read(m).ages for m in u.topic[:-1]):
        return None
    return combined(*pool.earlier[-2:], operation, u.said.asked, "earlier_answers")


def _worked_on(earlier: Outcome, later: Outcome) -> bool:
    """Whether the later answer worked the earlier one's figures further ("每人每月80元", then "夫妻两个呢" → 80元 × 2人):
    the same money seen twice, nothing to add to itself."""
    cited = {(f.value, f.unit, f.where) for f in earlier.figures()}
    return bool(later.steps) and bool(cited) and cited <= {(f.value, f.unit, f.where) for f in later.figures()}


def _by_the_month(outcome: Outcome) -> Outcome:
    """A year's figure made of a month's (50元/月 × 12个月) read as the month's, so that two are added month by month
    (50元 + 80元 = 130元, then a year's 1560元); any other outcome as it is."""
    if not outcome.steps or outcome.steps[-1].operation != "monthly_to_yearly" or len(outcome.steps[-1].inputs) != 1:
        return outcome
    (month,), earlier = outcome.steps[-1].inputs, outcome.steps[:-1]
    if isinstance(month, Figure):
        return Outcome(month.unit, (), month) if not earlier else outcome
    last = month.step if isinstance(month, Result) else month
    unit = month.unit if isinstance(month, Result) else earlier[last].unit
    return Outcome(unit if "/" in unit else f"{unit}/月", earlier) if last == len(earlier) - 1 else outcome


def combined(first: Outcome, second: Outcome, operation: str, asked: str, rule: str) -> Plan | None:
    """Two figures, each with the steps that derived it, added or the smaller taken from the larger; a month's sum
    is made a year's when a year is asked. Figures of different units or periods are not combined."""
    if {first.steps[-1].operation if first.steps else "", second.steps[-1].operation if second.steps else ""} \
            == {"monthly_to_yearly"}:
        first, second = _by_the_month(first), _by_the_month(second)
    # 105元/年 and a one-off 14元 add up to a year's 119元; 元/年 and 元/月 do not
    (unit, _, per), (other, _, its) = first.unit.partition("/"), second.unit.partition("/")
    if unit != other or len({per, its} - {""}) > 1:
        return None
    steps, a = first.placed(0)
    later, b = second.placed(len(steps))
    steps += later
    working = Working()
    for step in steps:
        working.add(step)
    value = lambda i: Decimal(working.done[i].result if isinstance(i, int) else i.value)
    if operation == "subtract" and value(a) < value(b):
        a, b = b, a
    per = per or its
    steps += (Step(operation, (a, b), unit),)
    # 2000元/年 + 2000元/年 is what the two give a year, not the two over the years
    lead = f"{'每' + per if per else ''}两项{'合计' if operation == 'add' else '相差'}{{{len(steps) - 1}}}{unit}"
    if per == "月" and asked == "年":
        steps += (Step("monthly_to_yearly", (Result(len(steps) - 1, f"{unit}/月"),), unit),)
        lead = f"{lead}，一年共{{{len(steps) - 1}}}{unit}"
    return Plan(rule, steps, lead + "。")


@dataclass(frozen=True)
class Planner:
    make: Callable[[Understanding, Pool], Plan | None]
    example: str | tuple[str, ...]  # a question it answers, or a conversation whose last message it answers
                                    # (tests/test_answer.py asks it)
    results: tuple[str, ...]  # what its plan computes for the example


# The planners in the order they are tried.
PLANNERS = [
    Planner(earlier_answers, ("慢性病健康管理了多少高血压患者？", "糖尿病患者呢？", "两个加起来多少？"), ("154.22",)),
    Planner(per_thing_times_count, "县里有100个农家书屋，一年出版物配备资金至少多少？新书至少补多少种？", ("200000", "6000")),
    Planner(people_covered, "我们社区今年有100万元，要是按2024年城市低保每人每月标准发，够保多少人一整年？",
            ("8544", "117.04", "117")),
    Planner(rate_of_users_count, "我们乡有一千二百个适龄儿童，按标准疫苗接种率至少要打多少个？", ("1080",)),
    Planner(count_per_period, "我们乡有30个行政村，一年下来要放多少场电影？", ("30", "360")),
    Planner(multiple_of_users_amount, "我们这低保标准一个月650，家庭人均收入在多少以下的重度残疾人可以参照单人户纳入低保？",
            ("975",)),
    Planner(share_of_whole, "学前教育幼儿资助里，伙食费占整个补助标准的百分之多少？", ("51.79",)),
    Planner(whole_of_a_share, "社保就业和卫生健康支出占一般公共预算支出的比重是20.74%，那一般公共预算支出一共多少亿？",
            ("23363.07",)),
    Planner(before_an_increase, "2020年末养老保险参保多少人？", ("1312.62",)),
    Planner(change_over_time, "城市低保从2020年到2024年涨了多少？涨了百分之几？", ("212", "42.4")),
    Planner(yearly_average, "2021到2024这四年社保和就业支出平均每年多少？", ("4", "735.9")),
    Planner(average_per, "35个脱贫县那笔衔接资金，平摊到每个县大约多少亿", ("21.88",)),
    Planner(total_less_part, "巩固衔接任务资金里，财政衔接资金以外的部分是多少亿？", ("478.77",)),
    Planner(with_supplement, "寄宿制初中，一个住校生一年的公用经费按多少算？", ("1050",)),
    Planner(floor_of_count, "我们村小学一共才80个学生，一年公用经费能拨多少？", ("65000",)),
    Planner(difference_of_named, "独生子女死亡家庭的特别扶助金比伤残家庭每月多多少？", ("100",)),
    Planner(party_total, "伊犁的农村幼儿园，一个娃一年自治区本级一共出多少（读本费也算上）？", ("1046",)),
    Planner(split_by_ratio, "义务教育免费课本今年县里要花100万元，自治区本级和地县各出多少？", ("10", "90", "10")),
    Planner(standard_split, "县里有两千个小学生，国家课程教科书补助一年总共多少？自治区本级和地县各出多少？",
            ("210000", "10", "189000", "21000")),
    Planner(over_the_years_covered, "娃读中职，国家助学金从入学到毕业最多能拿多少？", ("4000",)),
    Planner(product_as_written, "12333的人工服务一个星期加起来能打通几个小时？", ("40",)),
    Planner(sum_of_named, "就业补助资金和养老保险财政补助这两笔钱加起来多少亿？", ("1218.66",)),
]


def plan(u: Understanding, chunks: list[Chunk], earlier: tuple[Outcome, ...] = ()) -> Plan | None:
    pool = Pool(tuple((f, c) for c in chunks for f in c.facts), tuple(chunks), earlier)
    found = next((p for planner in PLANNERS if (p := planner.make(u, pool))), None)
    return found and in_scale(split_as_well(rounded(in_wan(for_the_count(found, u)), u), u, pool), u)


def in_wan(p: Plan) -> Plan:
    """A share of a sum in 亿元 below one 亿 said in 万元 as well, worked from the sum in 万元 so nothing is lost to
    rounding ("托育项目平均每个多少": 3.51亿元 ÷ 99个 ≈ 0.04亿元, i.e. 35100万元 ÷ 99个 ≈ 354.55万元)."""
    last = p.steps[-1]
    if last.operation != "divide" or last.unit != "亿元" or abs(Decimal(p.run()[-1].result)) >= 1 \
            or not isinstance(last.inputs[0], Figure) or last.inputs[0].unit != "亿元":
        return p
    wan = Figure(SCALES["万"].value, "", "conversion", SCALES["万"].where)
    steps = (*p.steps, Step("multiply", (last.inputs[0], wan), "万元"),
             Step("divide", (len(p.steps), *last.inputs[1:]), "万元"))
    return Plan(p.rule, steps, f"{p.lead.rstrip('。')}，即{{{len(steps) - 1}}}万元。", p.basis)


def in_scale(p: Plan, u: Understanding) -> Plan:
    """A sum in 元 written in the 万 or 亿 the user asks it in as well ("一共多少万": 840000元, 即84万元)."""
    if not (step := in_scale_asked(u.message, Working(list(p.steps), p.run()))):
        return p
    return Plan(p.rule, (*p.steps, step), f"{p.lead.rstrip('。')}，即{{{len(p.steps)}}}{step.unit}。", p.basis)


def split_as_well(p: Plan, u: Understanding, pool: Pool) -> Plan:
    """A sum of money a plan worked out, split as well by the ratio its item states when the question asks who pays
    what ("全校才60个娃…一年公用经费按多少给？中央和自治区各出多少" → 65000元, then 8：2)."""
    figures = p.figures()
    if p.rule in ("split_by_ratio", "standard_split") or not _shares_asked(u.message) or not figures \
            or p.steps[-1].unit not in _MONEY_UNITS:
        return p
    chunk = figures[0].chunk
    same_item = tuple(c for c in pool.chunks if (c.doc, c.item) == (chunk.doc, chunk.item)) if chunk.item else ()
    if not (split := _split_by_passage(u, len(p.steps) - 1, list(p.steps), p.steps[-1].unit, same_item)):
        return p
    steps, more = split
    return Plan(p.rule, tuple(steps), f"{p.lead}{more}", p.basis)


def rounded(p: Plan, u: Understanding) -> Plan:
    """A sum of money with a fraction rounded to the whole 元 beside it when the user asks roughly ("平均每户大概多少")."""
    if not lexicon().roughly.pattern.search(u.message) or p.steps[-1].unit != "元" or "." not in p.run()[-1].result:
        return p  # 154.22万人 is already as round as a count in 万 is said
    last = len(p.steps) - 1
    steps = (*p.steps, Step("round", (last,), p.steps[-1].unit))
    return Plan(p.rule, steps, f"{p.lead.rstrip('。')}，约{{{last + 1}}}{p.steps[-1].unit}。", p.basis)


def for_the_count(p: Plan, u: Understanding) -> Plan:
    """A figure per head that a plan worked out from the documents alone (850元 and 200元 more for a boarder; 2670元
    less 916元) for the people the user counts (住校生三百个) and the years they give, by the same factors as a
    stated amount's (assistant/amounts.py)."""
    figures = p.figures()
    used = any(isinstance(i, Figure) and i.source == "user" for step in p.steps for i in step.inputs)
    if used or not figures or not all(f.fact.per_head in ("人", "生") and f.unit == "元" for f in figures):
        return p
    # a plan over the years a grant covers has counted the years already: only the people remain
    quantities = replace(u.quantities, years=None) if p.rule == "over_the_years_covered" else u.quantities
    factors, scope, to_year = scale_factors(figures[0].fact, quantities, u.query)
    if not factors:  # a year asked of a plan's figure alone ("涨了多少？…一年算多少？") is another question's
        return p
    steps = list(p.steps)
    if to_year and p.steps[-1].operation != "monthly_to_yearly":  # a plan may have made it a year's already
        steps.append(Step("monthly_to_yearly", (Result(len(steps) - 1, "元/月"),), "元"))
    steps.append(Step("multiply", (len(steps) - 1, *factors), "元"))
    total = "相差" if p.rule == "difference_of_named" else "共"
    return Plan(p.rule, tuple(steps), f"{p.lead}{scope}{total}{{{len(steps) - 1}}}元。", p.basis)


def lead(p: Plan, calculations: list[Calculation]) -> str:
    return p.lead.format(*(c.result for c in calculations))
