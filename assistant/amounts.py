"""Amount answers: pick the figure whose condition fits what the user said, and compute what they asked.

Facts come from ingest (ingest/facts.py). A fact is chosen by the words that tell it apart from
its neighbours (小学/初中, 寄宿生/非寄宿生, 死亡/伤残, 城市/农村, 一级/二级) and by the user's age
against its age bracket. Anything derived (a year of a monthly amount, two people, 90 % of a wage)
goes through the calculator. When several figures fit equally, the passage is quoted whole rather
than one of them guessed; when a quantity is missing (the local minimum wage), it is asked for.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from ingest.facts import clause_at, clause_spans
from ingest.types import Chunk, Fact

from .calculator import SCALES, plain
from .dialogue import CONFIRM, NOT_YEARS, PLUS, Quantities
from .numbers import arabic
from .lexicon import lexicon
from .retrieval import words
from .plan import Figure, Result, Step, Working
from .types import Calculation
from .understand import EACH, Understanding, canonical

MONEY = {"元"}  # 万元 and 亿元 are budgets and totals, never what a person is paid
# Words that say nothing about which figure applies: how it is counted is matched by period instead.
_NEUTRAL = set("每人 每月 每年 每生 每天 每户 人均 生均 年生均 发放 补贴 补助 标准 资助 主要 包括 其中 分别 以上 全区 依据 根据 按照".split())
_TITLES_AND_NOTES = re.compile(r"《[^》]*》|〈[^〉]*〉|（[^）]*）|\([^)]*\)")
# "读本费年生均多少，谁承担" asks who pays beside the figure: 承担 tells no figure from another (其他地州由自治区本级承担916元)
_WHO_ASKED = re.compile(r"(?:谁|哪一级|哪级|哪个部门|哪家)[^，。？?\s]{0,3}(?:承担|负担|出钱?|掏钱?|负责|管|给)")
_SUM = re.compile(r"加|和|一共|合计|总共|加起来|共计|算上")
# 加 joining two figures, not the 加 of 参加, 增加, 叠加, 加大, 加发 (plans.py splits on it too)
_PARTS = re.compile(rf"[，,。？?！!；;]|{PLUS}|和|跟|与|同|比")


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[tuple[int, int], ...]:
    """A passage's clause spans, cut once: the same passages are read for many questions."""
    return tuple(clause_spans(text))


def clause_of(chunk: Chunk, offset: int) -> tuple[int, int]:
    """(start, end) of the clause of the passage holding the offset."""
    return next((a, b) for a, b in _clauses(chunk.text) if a <= offset < b)


def sentence_of(chunk: Chunk, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence of the passage holding the offset: from the 。 before it to the next, left out."""
    end = chunk.text.find("。", offset)
    return chunk.text.rfind("。", 0, offset) + 1, end if end >= 0 else len(chunk.text)


def own_words_start(chunk: Chunk, fact: Fact) -> int:
    """Where the words that are a figure's own begin: after the figure before it in its clause, the first of a list
    after the colon that opens it ("公用经费基准定额为:普通小学…650元,普通初中…850元": 公用经费 is the subject of
    both, not of 650 alone)."""
    start = clause_of(chunk, fact.start)[0]
    opened = max(chunk.text.rfind("：", start, fact.start), chunk.text.rfind(":", start, fact.start)) + 1
    # a count inside the words of another kind of figure (安排至35个脱贫县的资金量达到765.65亿元) describes it; only a
    # count before a count (33个试点县市和…9个县) is a figure before it
    return max((f.end for f in chunk.facts if start <= f.end <= fact.start and (not f.unit.startswith("个") or fact.unit.startswith("个"))),
               default=max(start, opened))


def key_terms(text: str) -> set[str]:
    # 每人每年, 每个月: a per-what, as 每人 and 每年 are, says nothing of which figure
    return {w for w in words(text) if (len(w) > 1 or w == "非") and not w.isdigit() and w not in _NEUTRAL
            and not w.startswith("每")}


def payable(chunk: Chunk) -> list[Fact]:
    """The figures of a passage that a person could be paid: amounts in 元 and shares of a wage."""
    return [f for f in chunk.facts if (f.unit in MONEY and f.kind != "rise") or f.kind == "share"]


@dataclass
class Choice:
    facts: list[Fact]  # the figures that fit best; more than one with different values means ambiguous
    outside_age: bool = False  # every figure has an age bracket and the user's age is in none
    summed: bool = False  # the user asked for the total of the figures they named ("伙食费加保教费")
    each: bool = False  # the user asked for each of the figures they named ("小学和初中各补多少")
    said: dict[int, str] = field(default_factory=dict)  # the part of the message that named a figure, by id(fact)
    people: dict[int, int] = field(default_factory=dict)  # how many of the people told one by one each figure is for
    too_young: list[int] = field(default_factory=list)  # the ages given that no bracket holds, left out of the sum


_EACH = re.compile(r"(?<![一二三四五六七八九十])(?=一个(?![月人]))")  # "一个住校上初中一个走读上小学": one part each
# a count of years closes a part: "小学6年初中3年都住校" is 小学 for 6 years, then 初中 for 3 (not 2020年, 三年级, 一年多少)
_YEARS_COUNTED = re.compile(rf"(?<![\d一二两三四五六七八九十])(?:\d{{1,2}}|[一二两三四五六七八九十]{{1,2}})年{NOT_YEARS}")


def _parts(message: str) -> list[str]:
    """The parts of a message that may each name a figure: its clauses, each of two or more children or people
    told one by one ("一个…一个…"), and each span of school years the user counts ("小学6年初中3年")."""
    split = _EACH.split if len(_EACH.findall(message)) >= 2 else lambda part: [part]
    return [p for part in _PARTS.split(message) if part for q in split(part) for p in _after_years(q)]


def _after_years(part: str) -> list[str]:
    """A part cut after each count of years that a case of the same kind follows ("小学6年|初中3年都住校"; not
    "小学六年都走读", whose 走读 is said of those six years)."""
    lex = lexicon()
    pieces, start = [], 0
    for m in _YEARS_COUNTED.finditer(part):
        kinds = {lex.dimension(c) for c in cases_of(part[start:m.end()])}
        if kinds & {lex.dimension(c) for c in cases_of(part[m.end():])}:
            pieces.append(part[start:m.end()])
            start = m.end()
    return [*pieces, part[start:]]


def _named(fact: Fact, pool: list[Fact], terms: dict[int, set[str]], said: set[str]) -> bool:
    """Whether the user said a word that this figure's condition has and no other figure of the pool has."""
    others = set().union(*(terms[id(f)] for f in pool if f is not fact))
    return bool(terms[id(fact)] & said - others)


_CLAUSE_END = re.compile(r"[，,。？?！!；;：:]")
_GRADE = re.compile(r"[一二三四五六1-6]年级|初[一二三123]|高[一二三123]")


def cases_of(text: str) -> set[str]:
    """The cases of a declared kind words name (小学, 寄宿生, 非 of 非寄宿生, 南疆四地州 …): what tells one person's
    figure of a programme from another's."""
    lex = lexicon()
    return {t for t in key_terms(canonical(text)) if t == "非" or t in lex.conditions and lex.dimension(t) != t}


def _members(message: str) -> list[tuple[str, int]]:
    """The people a message tells one by one, each with the words of their own case and how many they are ("老大初二，
    老二四年级" → [("老大初二", 1), ("老二四年级", 1)]; "仨孩子都上小学，一个一年级，另外俩三年级和五年级" → one, then
    two). A part naming no case is the group ("两个孩子，"), so is a first part the others add up to."""
    found = list(lexicon().member.pattern.finditer(message))
    members = []
    for marker, following in zip(found, found[1:] + [None]):
        end = following.start() if following else len(message)
        part = message[marker.start():end]
        part = part[:cut.start()] if (cut := _CLAUSE_END.search(part)) else part
        counted = re.search(r"([两俩仨二三四五]|\d+)个|[俩仨]$", marker.group())
        members.append((part, int(arabic(counted.group().rstrip("个")).strip()) if counted else 1))
    members = [(part, n) for part, n in members if cases_of(part)]
    if len(members) > 2 and members[0][1] == sum(n for _, n in members[1:]):
        members = members[1:]
    return members if len(members) >= 2 else []


def _for_each_member(facts: list[Fact], dialogue: Understanding, terms: dict[int, set[str]]) -> Choice | None:
    """The figures of people told one by one, each getting those fitting their case: the cases the rest of the dialogue
    names, theirs replacing one of its kind (仨孩子都上小学 … 一个一年级), a figure for a grade only for that grade (小学一年级
    字典). Of a programme's figures only those the user names count when they name any (课本加字典: not 营养餐's)."""
    members = _members(dialogue.message)
    if not members:
        return None
    lex = lexicon()
    rest = dialogue.message
    for part, _ in members:
        rest = rest.replace(part, "")
    shared = set().union(*(cases_of(m) for m in (*dialogue.topic[:-1], rest)))
    everything = set().union(*(key_terms(canonical(m)) for m in dialogue.topic))
    cases = {id(f): cases_of(f.condition) for f in facts}
    other = {id(f): terms[id(f)] - cases[id(f)] for f in facts}
    common = set.intersection(*other.values())
    named = [f for f in facts if (other[id(f)] - common) & everything]
    asked = [f for f in facts if f in named or not other[id(f)] - common] if named else facts
    people: dict[int, int] = {}
    said: dict[int, str] = {}
    for part, count in members:
        own = cases_of(part)
        held = own | {c for c in shared if lex.dimension(c) not in {lex.dimension(o) for o in own}}
        fitting = [f for f in asked if cases[id(f)] <= held
                   and all(g in part for g in _GRADE.findall(f.condition))]
        fitting = [f for f in fitting if not any(cases[id(f)] < cases[id(g)] for g in fitting)]
        if not fitting or not any(cases[id(f)] for f in fitting):
            return None
        for fact in fitting:
            people[id(fact)] = people.get(id(fact), 0) + count
            said.setdefault(id(fact), part)
    chosen = sorted((f for f in facts if id(f) in people), key=lambda f: f.start)
    return Choice(chosen, summed=True, said=said, people=people)


LATER = 20  # how much a message's words outweigh the same words one message earlier


def choose(facts: list[Fact], dialogue: Understanding, quantities: Quantities, topic: str = "") -> Choice:
    """The figures that fit; `topic` (the item's heading) names what all of them are about, so its words select none."""
    # who the user is (夫妻俩, 老两口) is a count of people, never what tells one figure from another
    said = [key_terms(canonical(_WHO_ASKED.sub("", m))) - key_terms(topic) - lexicon().people for m in dialogue.topic]
    everything = set().union(*said)
    terms = {id(f): key_terms(canonical(_TITLES_AND_NOTES.sub("", f.condition))) for f in facts}
    common = set.intersection(*terms.values()) if terms else set()
    if quantities.ages and all(f.age_min is not None for f in facts):
        fitting = [next((f for f in facts if f.holds_age(age)), None) for age in quantities.ages]
        if all(f is None for f in fitting):
            return Choice(facts, outside_age=True)
        kept = [f for f in fitting if f is not None]  # "我爸八十三，我妈七十九": only the father's figure counts
        return Choice(kept, summed=len(kept) > 1, too_young=[a for a, f in zip(quantities.ages, fitting) if f is None])
    if quantities.older_than is not None and all(f.age_min is not None for f in facts) \
            and (within := [f for f in facts if f.age_min >= quantities.older_than]):
        return Choice(within)  # "90岁以上的" asks for every bracket from 90 on
    components = [f for f in facts if f.kind == "component"]
    asking = year_asking(dialogue.topic)
    year = YEAR_SAID.findall(asking)[-1] if asking else None
    scores: dict[int, float] = {}
    brackets = all(f.age_min is not None for f in facts)
    last = LATER ** (len(said) - 1)  # the weight of the last message's words, which the penalties match
    for fact in facts:
        own = terms[id(fact)] - common
        # a later message outweighs all before it: "初中呢？" overrides the 小学 said before, "那特教的呢" the 小学 and 不住校
        # of two messages before, and "农村的呢？" still overrides 城市 when "折合每个月是多少？" follows
        hit = sum(LATER ** index * len(own & words_) for index, words_ in enumerate(said))
        # of two figures the one whose condition says less that was not asked, unless they are age brackets: those
        # differ by age, and the words around one (一是根据《通知》要求，年龄在80周岁…) do not make it a special case
        score = hit - (0 if brackets else 0.001 * len(own - everything))
        if "非" in own and "非" not in everything:
            score -= last  # 非寄宿生, 非涉农: a negated category applies only when the user says so
        if fact.kind == "component" and not _named(fact, components, terms, everything):
            score -= 10 * last  # a part of a total is the answer only when the user names that part
        if fact.kind in ("former", "range"):
            score -= 0.5
        if year and fact.year == year:
            score += 0.6  # "2020年多少": the figure of the year said, though it is the former one
        # the period asked for, or counted in ("六年都吃营养餐" is counted in years: 全年800元, not 每天4元); days the user
        # counts make the period theirs ("今年在校220天…一年多少": 每天4元 × 220, not the 全年 of 200 days), unless they
        # put a year's sum to us ("按250天上学算，一年就是1000块对吧": the 全年 stated is what it is checked against)
        counted = "天" if quantities.days and not quantities.money else \
            quantities.asked or ("年" if quantities.years else "月" if quantities.months else "")
        if counted and fact.per == counted:
            score += 0.3
        scores[id(fact)] = score
    best = max(scores.values())
    top = [f for f in facts if scores[id(f)] >= best - 1e-9]
    each = EACH.search(dialogue.message)
    summed = _SUM.search(dialogue.message) and not each  # 和…分别多少 asks each, no sum
    if summed and (members := _for_each_member(facts, dialogue, terms)):
        return members
    if summed or each or _MORE.search(dialogue.message):
        # "小学六年的课本…，一年级那本字典也算上", "一级的跟三级的比差多少": each part of the message names its own figure
        picked, parts = [], {}
        whole = said[-1]  # the rest of the message breaks ties: "课本" is the 小学 one when 一年级 was said
        for part in _parts(dialogue.message):
            # the heading's words count here: of 课本费加字典 the 课本 part names the 教科书 figure, not the 字典 one
            asked = key_terms(canonical(part)) - lexicon().people
            # a negated case (非寄宿生) is this part's only when the part says so: "初中住校" is not "非寄宿生：…初中"
            fits = {id(f): len((terms[id(f)] - common) & asked) + 0.1 * len(terms[id(f)] & whole)
                    - ("非" in terms[id(f)] and "非" not in asked) for f in facts}
            best_fit = max(fits.values())
            fitting = [f for f in facts if fits[id(f)] == best_fit]
            if best_fit >= 1 and len(fitting) == 1 and fitting[0] not in picked:
                picked.append(fitting[0])
                parts[id(fitting[0])] = part
        if each and len(picked) >= 2:
            return Choice(sorted(picked, key=lambda f: f.start), each=True, said=parts)
        if len(picked) == 2 or len(picked) > 2 and _SUM.search(dialogue.message):  # a comparison has two sides
            return Choice(sorted(picked, key=lambda f: f.start), summed=True, said=parts)
        for pool in (top, components) if summed else ():
            named = [f for f in pool if _named(f, pool, terms, everything)]
            if len(named) >= 2 and len({f.per for f in named}) == 1:
                return Choice(named, summed=True)
    return Choice(top)


@dataclass
class Worked:
    """An amount answer in parts: the lead sentence, the offsets to quote, the plan it worked out (its steps and their
    calculations), what is still needed."""

    lead: str
    quote_at: list[int]
    working: Working = field(default_factory=Working)
    asks_for: str = ""
    answered: bool = True

    @property
    def calculations(self) -> list[Calculation]:
        return self.working.done


def _rate(fact: Fact) -> str:
    return fact.unit + (f"/{fact.per}" if fact.per else "")


def stated(fact: Fact, where: str, chunk: Chunk | None = None) -> Figure:
    """A figure as its passage states it, in its rate (元/月), as a plan's operand."""
    return Figure(fact.value, _rate(fact) if fact.kind != "share" else "%", "document", where, chunk, fact)


def _user(value, unit: str, message: str) -> Figure:
    return Figure(plain(Decimal(value)), unit, "user", message)


def _as_worded(chunk: Chunk, fact: Fact) -> str:
    """A figure with the words the passage gives it, back to the last pause: 初中每生每年180元."""
    start = max((chunk.text.rfind(p, 0, fact.start) for p in "，,、：:；;。"), default=-1) + 1
    return chunk.text[start:fact.end + len(fact.unit)].strip()


def _at(facts: list[Fact]) -> list[int]:
    return [f.start for f in facts]


# A clause that says who sets the figure instead of stating it.
_DECIDES = re.compile(r"由.{0,30}(确定|结算|明确|制定|决定)|结合实际|据实|参照|自行")
_RISE = re.compile(r"涨了|涨多少|提高了|提高多少|增加了|增加多少|多了多少|差多少|差了|上调了")
_MORE = re.compile(r"比.{0,10}[多少]|多几|多多少|多了多少|差多少|差几|相差|少[拿领给发]|多[领拿给发补][^，。？?]{0,2}(?:多少|几)")
_LESS = re.compile(r"比[^，。？?]{0,10}?(?<!多)少|少[拿领给发]")  # not the 少 of 多少
_HIGHEST = re.compile(r"最高|顶格|最多")
_LOWEST = re.compile(r"最低|最少|起码")
YEAR_SAID = re.compile(r"(?<!\d)(20\d\d)\s*年")
# a figure of a time of its own: over a period ("十四五"期间, 累计, 2021—2025年) or a year (2024年)
_OWN_TIME = re.compile(r"累计|期间|以来|年均|(?<!\d)20\d\d\s*年")


def given_instead(chunk: Chunk, fact: Fact) -> str:
    """What time the figure given instead is of: the year its own clause writes (2024年…达到195元), else its sentence's
    span of years (2021—2024年，…累计支出2943.6亿元), else its year."""
    start, end = sentence_of(chunk, fact.start)
    span = re.search(r"20\d\d\s*[—\-–~至到]\s*20\d\d\s*年(?:上半年)?", chunk.text[start:end])
    begin, stop = clause_of(chunk, fact.start)
    own = fact.year and re.search(rf"(?<![—\-–~至到\d]){fact.year}\s*年", chunk.text[begin:stop])
    when = f"{fact.year}年" if own or not span and fact.year else span.group() if span else "下面这一时期"
    return f"文件给出的是{when}的："


def years_unstated(message: str, chunk: Chunk, fact: Fact) -> set[str]:
    """The years the user names ("喀什市2025年低保标准是多少", "2023年一年下达了多少") that a figure of a time of its own
    does not state, by the years its own sentence writes (a passage's other sentences may reach 2025 for other
    figures); none for a standard, which states no time."""
    asked = set(YEAR_SAID.findall(message))
    start, end = sentence_of(chunk, fact.start)
    sentence = chunk.text[start:end]
    # every year the sentence writes, a span's first too (2021—2025年上半年 answers "2021年以来")
    if not asked or asked & set(re.findall(r"(?<!\d)20\d\d(?!\d)", sentence)) \
            or not (fact.year or _OWN_TIME.search(sentence)):
        return set()
    return asked
# a figure of the whole region (全区城市低保标准…712元, 全区各级…累计支出), not one that holds in every place alike
_REGIONWIDE = re.compile(r"全区|全疆")
_EVERYWHERE = re.compile(r"统一|执行")
_REGION_NAMES = re.compile(r"^(?:南疆|北疆|东疆|其[他它])")
_PLACE_LEVEL = r"(?:市|县|州|地区|区)?"


def place_unstated(message: str, chunk: Chunk, fact: Fact) -> str:
    """The place the user names ("喀什市2024年城市低保标准") where the figure is the whole region's, counted or set for all
    of it: the place's own figure the documents do not give. "" when the user names none, or the figure's sentence (or
    the one before, which often names its subject: 全区城市低保…。农村低保…) says nothing of 全区, or says it holds
    alike everywhere (统一); a standard like the 高龄津贴 brackets names no 全区 and is answered for any place."""
    start, end = sentence_of(chunk, fact.start)
    before = sentence_of(chunk, start - 1)[0] if start > 0 else start
    said = chunk.text[before:end]
    if not _REGIONWIDE.search(said) or _EVERYWHERE.search(said):
        return ""
    for rule in lexicon().regions:
        for found in re.finditer(f"(?:{rule.pattern.pattern}){_PLACE_LEVEL}", message):
            if not _REGION_NAMES.match(found.group()):
                return found.group()
    return ""


_NOW = re.compile(r"现在|目前|如今|今年|眼下")


def year_asking(messages: Sequence[str]) -> str:
    """The latest message naming a year, whose years are asked ("城市低保 2020年多少", then "2024年呢"); "" when none
    does, or when the last asks for now ("2020年就开始领了，现在每月多少")."""
    if messages and _NOW.search(messages[-1]):
        return ""
    return next((m for m in reversed(messages) if YEAR_SAID.search(m)), "")


def _longest_common(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _figureless_clause(chunk: Chunk, facts: list[Fact], dialogue: Understanding, margin: float) -> int | None:
    """Offset of a clause with no figure that fits the question better (by more than margin) than every clause with one
    ("地方课程教科书补助标准由…据实结算" for a question about 地方课程), else None."""
    asked = canonical(dialogue.query)
    said = key_terms(asked)
    spans = clause_spans(chunk.text)
    texts = [canonical(chunk.text[a:b]) for a, b in spans]
    # words every clause shares, or the item's heading has (义务教育 of 12.义务教育免费提供教科书), tell no clause apart
    common = set.intersection(*(key_terms(t) for t in texts)) if texts else set()
    common |= key_terms(canonical(" ".join(chunk.path)))
    scored = [(len((key_terms(t) - common) & said) + 0.1 * _longest_common(asked, t), a, any(a <= f.start < b for f in facts))
              for (a, b), t in zip(spans, texts)]
    with_figure = max((score for score, _, has in scored if has), default=0)
    best = max(scored, default=None)
    if not best or best[2] or best[0] <= with_figure + margin:
        return None
    clause = next(chunk.text[a:b] for a, b in spans if a == best[1])
    return best[1] if _DECIDES.search(_TITLES_AND_NOTES.sub("", clause)) else None


_ADDED_ASKED = re.compile(r"多加|另加|额外|加多少|增加多少|多给|多补")


def in_scale_asked(message: str, working: Working) -> Step | None:
    """The step writing the last result, a sum in 元, in the 万 or 亿 the user asks it in ("一年补助一共多少万": 400000元
    ÷ 10000 = 40万元), or None; a sum under a tenth of one (涨了多少万: 212元) is said as it is."""
    asked = lexicon().scale_asked.pattern.search(message)
    if not asked or not working.steps or working.steps[-1].unit != "元":
        return None
    scale = SCALES[asked.group("scale")]
    if Decimal(working.done[-1].result) * 10 < Decimal(scale.value):
        return None
    return Step("divide", (len(working.steps) - 1, Figure(scale.value, "", "conversion", scale.where)), f"{asked.group('scale')}元")


def work(chunk: Chunk, dialogue: Understanding, where: str) -> Worked | None:
    """The amount answer for this passage, or None when it states no figure one could be paid; a sum worked out is
    written in the 万 or 亿 asked as well."""
    worked = _work(chunk, dialogue, where)
    if worked and (step := in_scale_asked(dialogue.message, worked.working)):
        worked.lead = f"{worked.lead.rstrip('。')}，即{worked.working.add(step).result}{step.unit}。"
    return worked


def _work(chunk: Chunk, dialogue: Understanding, where: str) -> Worked | None:
    facts = payable(chunk)
    # "每个住校生多加多少": what a standard adds for a case (寄宿制学校…按寄宿生数年均增加200元), no report's rise
    added = [f for f in chunk.facts if f.kind == "rise" and not f.year and f.unit in MONEY]
    if len(added) == 1 and _ADDED_ASKED.search(dialogue.message):
        return Worked(f"{per_words(added[0])}增加{added[0].value}{added[0].unit}。", _at(added))
    if lexicon().percent_asked.pattern.search(dialogue.message):  # a rate was asked: an amount in 元 does not answer it
        facts = [f for f in chunk.facts if f.unit == "%"]
    if not facts:
        return None
    if "一次性" in dialogue.message and not any("一次性" in clause_at(chunk.text, f.start) for f in facts):
        return Worked("文件没有规定一次性发放的金额，规定的是下面的标准：", _at(facts), answered=False)
    quantities = dialogue.quantities
    choice = choose(facts, dialogue, quantities, chunk.locator)
    if choice.outside_age:
        return Worked(f"{quantities.ages[-1]}岁不在这项补贴的发放范围内。文件规定：", _at(facts))
    if choice.too_young:
        # the others are counted alone: one person each, as many as are in a bracket
        kept = [a for a in quantities.ages if a not in choice.too_young]
        quantities = replace(quantities, ages=kept, people=len(kept) if quantities.people else None)
        worked = work_chosen(chunk, facts, choice, dialogue, quantities, where)
        ages = "、".join(f"{a}岁" for a in choice.too_young)
        worked.lead = f"{ages}不在这项补贴的发放范围内，只算{'、'.join(f'{a}岁' for a in kept)}的：{worked.lead}"
        return worked
    return work_chosen(chunk, facts, choice, dialogue, quantities, where)


def work_chosen(chunk: Chunk, facts: list[Fact], choice: Choice, dialogue: Understanding, quantities: Quantities,
                where: str) -> Worked:
    """The amount answer from the figures chosen."""
    # with an age given, the age brackets answer unless a figureless clause fits by two more words (失能, 困难)
    if (clause := _figureless_clause(chunk, facts, dialogue, margin=1.5 if quantities.ages else 0)) is not None:
        return Worked("文件没有写明这一项的具体金额，原文是这样规定的：", [clause], answered=False)
    if choice.summed and len(choice.facts) == 2 and _MORE.search(dialogue.message):
        return _difference(choice.facts, quantities, dialogue, where)
    if choice.summed:
        return _summed(choice, quantities, dialogue, where)
    if choice.each:  # each figure as the clause words it: 小学每生每年105元；初中每生每年180元
        return Worked("；".join(_as_worded(chunk, f) for f in choice.facts) + "。", _at(choice.facts))
    if len({f.value for f in choice.facts}) > 1:
        if _needs_computing(quantities):
            return Worked("文件按不同情况规定了不同标准，请告诉我您属于下面哪一种情况，我再帮您算出总数：",
                          _at(choice.facts), asks_for="适用情形")
        # "90岁以上的每月是100块吧？": a figure put to us that is none of the cases' is corrected first
        put = quantities.money[-1] if quantities.money else None
        wrong = f"不是{plain(put)}元，" if put is not None and all(Decimal(f.value) != put for f in choice.facts) else ""
        return Worked(f"{wrong}文件按不同情况规定了不同标准：", _at(choice.facts))
    fact = choice.facts[0]
    top = next((f for f in facts if f.kind == "range" and f.unit == fact.unit), None)
    if fact.kind in ("average", "range") and top and _HIGHEST.search(dialogue.message):
        if _LOWEST.search(dialogue.message):  # "最少最多是多少": both ends, and the average the range is around
            average = next((f for f in facts if f.kind == "average" and f.unit == top.unit), None)
            lead = (f"平均{per_words(average)}{average.value}{top.unit}，" if average else "") \
                + f"{'' if average else per_words(top)}在{top.value}—{top.high}{top.unit}之间。"
            return Worked(lead, _at([f for f in (average, top) if f]))
        fact = replace(top, value=top.high, high="", kind="amount")  # "评上最高那档": the top of the range
    if fact.kind == "share":
        return _share(fact, quantities, dialogue, where)
    rise = next((f for f in chunk.facts if f.kind == "rise" and f.year and _same_clause(chunk, f, fact)), None)
    if rise and _RISE.search(dialogue.asked_part):
        said = f"{rise.year}—{fact.year}年累计提高了{rise.value}元，{fact.year}年达到{per_words(fact)}{fact.value}元。"
        return Worked(_not_so(dialogue, [fact, rise]) + said, _at([fact]))
    if rise and (rise.year in dialogue.message or lexicon().earlier.pattern.search(dialogue.message)):
        working = Working()
        calc = working.add(Step("subtract", (stated(fact, where), stated(rise, where)), "元"))
        lead = f"{rise.year}年是{per_words(fact)}{calc.result}元：{fact.year}年达到{fact.value}元，比{rise.year}年累计提高了{rise.value}元。"
        return Worked(lead, _at([fact]), working)
    if asked := years_unstated(dialogue.message, chunk, fact):
        return Worked(f"文件没有{'、'.join(sorted(asked))}年的数字，{given_instead(chunk, fact)}", _at([fact]), answered=False)
    if place := place_unstated(dialogue.message, chunk, fact):
        return Worked(f"文件没有{place}的数字，文件给出的是全区的：", _at([fact]), answered=False)
    return _scaled(fact, facts, quantities, dialogue, where)


def _not_so(dialogue: Understanding, facts: list[Fact]) -> str:
    """"不是200元、80元，" for the figures the user puts to us ("最低标准是200元，比2020年涨了80，对吧") that none of the
    facts answering states, "没错，" when they state them all; "" when they ask rather than put figures to us."""
    if not CONFIRM.search(dialogue.message):
        return ""
    said = dialogue.said
    put = [value for value, _ in said.claims] + [Decimal(n) for n in said.bare]
    wrong = [plain(n) for n in dict.fromkeys(put) if all(n != Decimal(f.value) for f in facts)]
    return f"不是{'、'.join(n + facts[0].unit for n in wrong)}，" if wrong else "没错，" if put else ""


def _same_clause(chunk: Chunk, a: Fact, b: Fact) -> bool:
    return clause_at(chunk.text, a.start) == clause_at(chunk.text, b.start)


_PART_COUNT = re.compile(r"^(?:还有|另外|其中)?(\d+)\s*个?(?:孩子|娃|学生)?(?=上|读|在|是)")


def _part_count(part: str) -> int:
    """How many people a part of the message counts ("俩上初中" → 2), 1 when it counts none."""
    return int(found.group(1)) if (found := _PART_COUNT.search(arabic(part).strip())) else 1


def _summed(choice: Choice, quantities: Quantities, dialogue: Understanding, where: str) -> Worked:
    """The total of several figures the user named (two children at two school levels, two grandparents' ages), each
    over the years its own part of the message gives ("小学六年加初中三年"), then for the people the user counts
    ("一年级新生45个"); people told by their ages ("一个85一个96"), or no more of them than figures, have one each."""
    facts = choice.facts
    working = Working()
    own = {id(f): Quantities.read(choice.said[id(f)]) for f in facts if id(f) in choice.said}
    # "一个上小学一年级，俩上初中": a part that counts its own children has its figure for each of them
    many = {id(f): n for f in facts if (n := choice.people.get(id(f)) or (
        _part_count(choice.said[id(f)]) if id(f) in choice.said else 1)) > 1}
    counted = None if quantities.ages or choice.people else quantities.headcount
    if counted and counted[0] <= len(facts):  # 俩娃一个小学一个初中, 媳妇一级我三级: a figure for each of them
        counted = None
    each = replace(quantities, people=None, persons=[])  # one person's figures first
    if len({f.per for f in facts}) > 1 or any(q.years or q.months for q in own.values()) or many:
        parts = []
        for fact in facts:
            part = own.get(id(fact))
            scope = replace(each, years=part.years, months=part.months) if part and (part.years or part.months) else each
            factors, _, to_year = scale_factors(fact, scope, dialogue.query)
            scaled = _steps(working, fact, factors, to_year, where)
            parts.append(stated(fact, where) if scaled is None else scaled)
            if id(fact) in many:
                working.add(Step("multiply", (parts[-1], _user(many[id(fact)], "人", choice.said[id(fact)])), "元"))
                parts[-1] = len(working.done) - 1
        if len(parts) > 1:  # 一个初一一个初三: one figure for both
            working.add(Step("add", tuple(parts), "元"))
        scope = ""
    elif facts[0].per == "月" and quantities.asked == "年" and len(quantities.ages) == len(facts) \
            and "月" not in dialogue.message:
        # people told by their ages, a year asked and no month: each one's year first (120元 × 12 = 1440元, 200元 ×
        # 12 = 2400元), then the two
        for fact in facts:
            working.add(Step("monthly_to_yearly", (stated(fact, where),), "元"))
        years = [c.result for c in working.done]
        working.add(Step("add", tuple(range(len(facts))), "元"))
        scope = f"每人一年{years[0]}元，" if len(set(years)) == 1 else f"一年分别{'元、'.join(years)}元，"
    else:
        working.add(Step("add", tuple(stated(f, where) for f in facts), "元"))
        per = facts[0].per
        scope = f"每{per}" if per else ""
        if per == "月" and quantities.asked == "年":  # "俩人一个月一共多少？一年合计呢": the month's sum, then the year's
            month = working.done[0].result
            working.add(Step("monthly_to_yearly", (Result(0, "元/月"),), "元"))
            scope = f"每月合计{month}元，一年"
    if counted:
        one = working.done[-1].result
        total = working.add(Step("multiply", (len(working.done) - 1, _user(*counted, dialogue.query)), "元"))
        return Worked(f"每人{scope}合计{one}元，{counted[0]}{counted[1]}共{total.result}元。", _at(facts), working)
    return Worked(f"{scope}合计{working.done[-1].result}元。", _at(facts), working)


def _difference(facts: list[Fact], quantities: Quantities, dialogue: Understanding, where: str) -> Worked:
    """How much more one case gets than the other ("满九十以后比现在多几块？一年多多少？"), for a year and for the
    people the user names ("夫妻俩一年少拿多少？")."""
    low, high = sorted(facts, key=lambda f: Decimal(f.value))
    working = Working()
    working.add(Step("subtract", (stated(high, where), stated(low, where)), "元"))
    more = "少" if _LESS.search(dialogue.message) else "多"
    factors, scope, to_year = scale_factors(high, quantities, dialogue.query)
    _then(working, high, factors, to_year)
    steps = working.done
    lead = f"{per_words(high)}{more}{steps[0].result}元" + (f"，{scope}{more}{steps[-1].result}元" if len(steps) > 1 else "")
    return Worked(lead + "。", _at(facts), working)


def _then(working: Working, fact: Fact, factors: list[Figure], to_year: bool) -> None:
    """The last result, an amount per the fact's period, made a year's and multiplied by people, months or years."""
    rate = _rate(fact) if fact.kind != "share" else (f"元/{fact.per}" if fact.per else "元")
    _scale(working, Result(len(working.done) - 1, rate), factors, to_year)


def _needs_computing(quantities: Quantities) -> bool:
    return bool(quantities.headcount or quantities.months or quantities.years or quantities.days)


def scale_factors(fact: Fact, quantities: Quantities, message: str) -> tuple[list[Figure], str, bool]:
    """What to multiply a per-period amount by, the scope in words, and whether a month's amount makes a year's."""
    factors, scope = [], []
    if counted := quantities.headcount:
        factors.append(_user(counted[0], counted[1], message))
        scope.append(f"{counted[0]}{counted[1]}")
    to_year = fact.per == "月" and not quantities.months and (quantities.asked == "年" or bool(quantities.years))
    if fact.per == "月" and quantities.months:
        factors.append(_user(quantities.months, "个月", message))
        scope.append(f"{quantities.months}个月")
    if fact.per in ("月", "年") and quantities.years and not quantities.months:
        factors.append(_user(quantities.years, "年", message))
        scope.append(f"{quantities.years}年")
    elif to_year:
        scope.append("一年")
    if fact.per == "天" and quantities.days:
        factors.append(_user(quantities.days, "天", message))
        scope.append(f"{quantities.days}天")
    return factors, "".join(scope), to_year


def _scaled(fact: Fact, facts: list[Fact], quantities: Quantities, dialogue: Understanding, where: str) -> Worked:
    factors, scope, to_year = scale_factors(fact, quantities, dialogue.query)
    claim = _claim(quantities, fact, facts, dialogue.message)
    # a figure the user got wrong is corrected with the whole rule, so they see which case is theirs
    quoted = _at(facts if claim.startswith("不是") else [fact])
    if fact.kind == "average":  # an average comes with the range it is taken over
        quoted += _at([f for f in facts if f.kind == "range"])
    working = Working()
    if not factors and not to_year:
        if fact.per == "年" and quantities.asked == "月":
            calc = working.add(Step("yearly_to_monthly", (stated(fact, where),), "元"))
            return Worked(f"{claim}折合每月{'约' if '≈' in calc.expression else ''}{calc.result}元。", quoted, working)
        return Worked(claim or f"{per_words(fact)}{fact.value}{fact.unit}。", quoted)
    _steps(working, fact, factors, to_year, where)
    return Worked(f"{claim}{scope}共{working.done[-1].result}元。", quoted, working)


def _steps(working: Working, fact: Fact, factors: list[Figure], to_year: bool, where: str) -> int | None:
    """The fact's amount made a year's, then multiplied by people, months, years or days; the last step's index, or
    None when there is nothing to compute."""
    return _scale(working, stated(fact, where), factors, to_year)


def _scale(working: Working, amount: Figure | Result, factors: list[Figure], to_year: bool) -> int | None:
    """A month's amount made a year's, then multiplied by the factors; the last step's index, or None for no step."""
    if to_year:
        working.add(Step("monthly_to_yearly", (amount,), "元"))
        amount = Result(len(working.done) - 1, "元/年")
    if factors:
        working.add(Step("multiply", (amount, *factors), "元"))
    return len(working.done) - 1 if to_year or factors else None


def per_words(fact: Fact) -> str:
    return "".join(f"每{unit}" for unit in (fact.per_head, fact.per) if unit)


def _claim(quantities: Quantities, fact: Fact, facts: list[Fact], message: str) -> str:
    """A plain correction when the user states a figure the documents do not give, a confirmation when they do; a
    figure the passage states as another, said without asking us to confirm (从79元提到了多少: the figure before the
    rise), is no claim about this one."""
    # a figure in 元 put to us may also read as a local minimum (最低标准是150块吧): it is claimed all the same
    claimed = [value for value, unit in quantities.claims if unit == fact.unit]
    stated = quantities.share if fact.unit == "%" else (quantities.money or claimed or [None])[-1]
    if stated is None or not CONFIRM.search(message) and any(stated == Decimal(f.value) for f in facts if f is not fact):
        return ""
    if stated == Decimal(fact.value):
        if (period := _claimed_period(message, stated)) and fact.per and period != fact.per:
            return f"不对，{fact.value}{fact.unit}是{per_words(fact)}的，不是每{period}。"
        return f"没错，是{per_words(fact)}{fact.value}{fact.unit}。"
    return f"不是{plain(stated)}{fact.unit}，文件规定的是{per_words(fact)}{fact.value}{fact.unit}。"


def _claimed_period(message: str, value: Decimal) -> str:
    """The period the user says a figure put to us is of, written just before it (每人每月6816元吧: 月), else ""."""
    text = arabic(message)
    for found in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)", text):
        if Decimal(found.group(1)) == value and (said := re.search(r"(?:每|一个?)(月|年)[^\d，。？?]{0,4}$",
                                                                   text[:found.start()])):
            return said.group(1)
    return ""


def _share(fact: Fact, quantities: Quantities, dialogue: Understanding, where: str) -> Worked:
    message = dialogue.query
    per = f"每{fact.per}" if fact.per else ""
    base = re.sub(r"^(当地|各地)", "", fact.base)
    if quantities.share is not None and quantities.share != Decimal(fact.value):
        lead = f"不是{plain(quantities.share)}%，文件规定{per}按{fact.base}的{fact.value}%发放。"
        return Worked(lead, _at([fact]))
    if quantities.base is None:
        claim = f"不是固定的{plain(quantities.money[-1])}元。" if quantities.money else ""
        if quantities.wage is not None:
            claim = f"不是按本人工资{plain(quantities.wage)}元算的。"
        lead = (f"{claim}{per}按{fact.base}的{fact.value}%发放，文件没有给出各地{base}的具体数额。"
                f"请告诉我您所在地的{base}（{per}多少元），我帮您算出具体金额。")
        return Worked(lead, _at([fact]), asks_for=base)
    working = Working()
    working.add(Step("percentage", (_user(quantities.base, "元", message), stated(fact, where)), "元"))
    factors, scope, to_year = scale_factors(fact, quantities, message)  # two people, six months, a year
    _then(working, fact, factors, to_year)
    steps = working.done
    each = f"{per}{steps[0].result}元"
    total = f"，{scope}共{steps[-1].result}元" if len(steps) > 1 else ""
    return Worked(f"按{base}{plain(quantities.base)}元计算，{each}{total}。", _at([fact]), working)
