"""The slots of a dialogue: the quantities (age, people, months, money, a local wage) in the user's words.

They are read from the session's own messages each turn (assistant/understand.py decides which messages
belong to the topic), so every session has its own and nothing leaks between them. A follow-up
("那八十七呢？", "一年呢？", "两个人一共呢？") overrides only what it says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .lexicon import lexicon
from .numbers import arabic

# whose age follows ("老头83"): the people a question is about, as the lexicon lists them, longest first
_WHOSE_AGE = "|".join(sorted(lexicon().people | {"我", "他", "她"}, key=len, reverse=True))
# an age, not a bracket of ages ("90岁以上老人" names who qualifies, it is nobody's age); 九十多岁 is in the 90s;
# an adverb may stand between 今年 and the age (今年刚好八十整)
_AGE = re.compile(rf"(\d{{1,3}})\s*多?\s*(?:周岁|岁|高龄|高寿)(?!\s*(?:及)?(?:以上|以下|以内))"
                  rf"|(?:今年|已经|都|满|到)(?:刚好|正好|刚刚|刚|已经|都|也|才|整整)?(\d{{2,3}})(?![\d年元块个天月号日%])"
                  rf"|(?:另?[1一][个位])(?:是|今年)?(\d{{2,3}})(?![\d年元块个天月号日%人名位所户次场万亿])"  # 1个85一个96
                  rf"|(?:{_WHOSE_AGE})[^\d，。、？?]{{0,3}}?(\d{{2,3}})(?![\d年元块个天月号日%])|(\d{{2,3}})(?:多)?了")
# one person an age may be told of, across messages ("我爸八十三" … "要是我爸过了九十呢"): not a household or a group
_ONE_PERSON = re.compile("|".join(sorted(lexicon().people - lexicon().groups | {"他", "她"}, key=len, reverse=True)))
_WHO = r"人|口|老人|孩子|娃|小孩|[小中大]?学生|初中生|高中生|住校生|寄宿生|子女|闺女|儿子|女儿|老的"
# 三个孩子, or the count after whom it counts (学生有500人, 娃有500个); 夫妻, 两口子 and 双胞胎 are two
# (俩101岁的老人: the count before their age); 就一个闺女 describes the family, it counts no one
_PEOPLE = re.compile(rf"(?<![就只仅独])(\d+)\s*(?:个|位|名)?\s*(?:\d{{2,3}}\s*周?岁的?)?(?:{_WHO})|(?:{_WHO})(?:有|共|一共|总共)(\d+)\s*(?:个|位|名|人)"
                     r"|(?:夫妻|夫妇|两口子|老两口|老俩口|俩人|双胞胎|龙凤胎)(?:俩)?")
_OLDER = re.compile(r"(\d{1,3})\s*周?岁\s*(?:及)?以上")  # a bracket of ages: 90岁以上的老人
# A span of a life (从80岁一直领到89岁): one person's age and the years between, both ends counted unless the end is
# the birthday before which it stops (领到90岁生日前: 80 to 89)
_SPAN = re.compile(r"(\d{1,3})\s*周?岁[^，。？?]{0,6}?(?:到|至)\s*(\d{1,3})\s*周?岁(\s*(?:生日)?\s*(?:之|以)?前)?")
_TOGETHER = re.compile(r"一共|总共|合计|加起来|共计|一起|两个人|俩人")
# "加" or "+" as "plus" (高龄津贴加计生扶助), not in 参加, 增加, 加起来 or 加强
PLUS = r"加上|(?<![参增追更施添附叠])加(?![起入强快大班发收重])|\+"
_COUPLE = re.compile(r"爸妈|父母|夫妻|夫妇|两口子|老两口|老俩口|公婆|岳父母")
_MONTHS = re.compile(r"(\d+)\s*个\s*月")
# a span of calendar months counts them, both ends in: 从1月份领到6月份 → 6个月, 3到5月 → 3个月 (2020年1月到2024年 no)
_MONTH_SPAN = re.compile(r"(?<![\d年])(\d{1,2})\s*(?:月份?)?[^，。？?\d]{0,3}?(?:到|至|—|-|~)\s*(\d{1,2})\s*月份?(?!\d)")
# what after N年 makes it no count of years: 三年级, 2020年底, 24年标准 (a year, not 24 of them); 三年初中 is one
NOT_YEARS = r"(?!级|前|后|底|末|初(?![中一二三123])|版|的?标准)"
_YEARS = re.compile(rf"(?<!\d)(\d+)\s*年{NOT_YEARS}")
_DAYS = re.compile(r"(\d+)\s*(?:天|日)")
# (最低工资一个月1900: the period between the wage and its sum is no number of it)
_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(千|万)?\s*(?:元|块)|(?:工资|收入)[^\d，。？?]{0,6}(?:1\s*个月[^\d，。？?]{0,3})?(\d{3,}(?:\.\d+)?|\d+(?:\.\d+)?(?=千|万))(千|万)?")
# About to turn an age: 下个月过90岁生日, 明年满90
_TURNING = re.compile(r"(?:下个?月|明年|快|马上|就要|即将)[^，。？?\d]{0,3}?(?:过|满|到)\s*(\d{2,3})")
# A time ahead the question is about ("再过两年呢", "三年后", "明年呢"): an age told before is that much older then
_LATER = re.compile(r"(?:再过|过)\s*(\d+)\s*年(?![级底末初])|(?<![\d.])(\d+)\s*年(?:以后|之后|后)|(明年)")
_TOGETHER_IDIOM = re.compile(r"[加在合]一块儿?")
# 稳岗返还这一块, 这两块花的钱, 两块合计: pieces of the subject, not 元
_THIS_PIECE = re.compile(r"(?<=[这那哪][一两二三四五几])块|(?<=[两俩二三四五几])块(?=都?(?:合计|加起来|一共|总共|共计|合起来))")
_ABOUT = re.compile(r"(\d+)\s*来(?=[个名位户所种人次场])")
_ROUNDING = re.compile(r"[（(]?(?:保留|精确到)\s*\d+\s*位小数[）)]?")
# A count of things the user gives: 5000个电话, 800万元, 200种出版物, 1500个学生
# (a sum in 万 said without 元 is money: "一共要发200万")
_THINGS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|亿元|万人|万(?=[，,。？?！!\s]|$)|个(?!月)|名|位|户|所|种|人|次|场)")
# Whom a count of 个 counts when they are persons: the word just before (新生45个) or just after (200个农村在园幼儿)
_PERSON = re.compile(rf"[^，。？?\d]{{0,6}}?(?:{_WHO}|新生|幼儿|儿童|患者|服务员|职工|工人)")
_BASE_WORDS = re.compile(r"最低工资|最低收入|最低标准")
_OWN_WAGE = re.compile(r"工资|收入|挣|月薪")  # the user's own pay is no local minimum
_BARE = re.compile(r"(?<![\d.])(\d{2,5})(?![\d.%％]|\s*(?:个|年|元|块|人|口|天|日|月|号|级|次|岁|周岁))")
# What the user claims as a figure ("补3000是吧", "五千出头吧", "都800了吧"): a number put to us for confirmation.
_CLAIMED = re.compile(r"(\d+(?:\.\d+)?)\s*(千|万)?(?:块|元)?\s*(?:出头|左右|多)?\s*(?:了)?\s*(?:是吧|对吧|吧|吗|是不是|对不对)"
                      r"|(?:听说|据说|听人说)[^，。？?]{0,20}?(?<![\d.])(\d+(?:\.\d+)?)\s*(千|万)?(?:块|元)?\s*了?\s*[？?]")
# a figure put to us for confirmation: asked outright (对吧, 是不是), or a statement with no question word, with a
# question mark or without ("35个脱贫县的衔接资金占了总量的77.9%？", "城市低保2024年已经每人每月800了")
CONFIRM = re.compile(r"吧|吗|是不是|对不对|没错|听说|据说"
                     r"|^(?!.*(?:多少|几|啥|什么|哪|怎|咋|谁|多久|多长|是否|能不能|有没有|呢|要不要|可不可以|会不会|行不行|算不算|能否))"
                     r"[^？?]*[？?]?\s*$")
# a sum said with its period and no unit is in 元 ("最低才150一个月吧")
_CLAIM_UNIT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(次|小时|套|种|天|个月|场|本|%|元|块|万人|万(?![元块])|(?=一个月|每个?月|一年|每年))"
                         r"|(?:一个月|每个?月|一年|每年|[提涨增升调]高?到|[提增]至|达到)\s*(?:有|是|就|能)?(?:领|拿|给|发|补)?"
                         r"\s*(\d+(?:\.\d+)?)"  # 每月800了, 提到800了, 每个月有三百
                         r"(?![\d.]|\s*[^\s了吧啊呀，。？?！!])")
_UNIT_SAID = {"块": "元", "": "元"}
_HEADCOUNT = re.compile(r"人数|人次|多少人|[万千]人|参保|户数")
_QUARTERS = re.compile(r"(?:(\d+)\s*个?)?季度")
_CLAIMED_SHARE = re.compile(r"(?<![\d.])(\d)\s*成|(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_ASKED = [("年", r"一年|每年|全年|年均|一整年|年底|一年下来|1年|学年"), ("月", r"一个月|每个月|每月|月均|1个月|月月"),
          ("天", r"一天|每天|每日|1天")]


def _longer_than_one(pattern: re.Pattern, text: str, below: int | None = None) -> int | None:
    """The last count of a period the text gives that is more than one (and below `below`)."""
    counts = [n for m in pattern.finditer(text) if 1 < (n := int(m.group(1))) and (below is None or n < below)]
    return counts[-1] if counts else None


@dataclass
class Quantities:
    """Numbers one message gives, read as people write them."""

    age: int | None = None
    ages: list[int] = field(default_factory=list)  # every age given ("奶奶八十三、姥姥八十六")
    older_than: int | None = None  # a bracket of ages asked about ("90岁以上的"), nobody's age
    people: int | None = None
    months: int | None = None  # a count of months ("半年", "三个月")
    years: int | None = None  # a count of years ("高中三年")
    days: int | None = None
    money: list[Decimal] = field(default_factory=list)  # amounts in 元 the user stated
    base: Decimal | None = None  # a local figure the user gave (最低工资两千)
    wage: Decimal | None = None  # the user's own pay ("我原来一个月工资五千")
    share: Decimal | None = None  # a percentage the user states ("八成" → 80)
    bare: list[int] = field(default_factory=list)  # numbers with no unit ("那八十七呢")
    later: int | None = None  # years ahead the question is about ("再过两年呢"), no count of years
    asked: str = ""  # the period the user asks for: 天 / 月 / 年
    things: list[tuple[str, str, str]] = field(default_factory=list)  # counts of things: (800, 万元, …), (100, 个, 农家书屋)
    claims: list[tuple[Decimal, str]] = field(default_factory=list)  # figures put to us to confirm: (2, 次), (24, 小时)
    persons: list[tuple[int, str]] = field(default_factory=list)  # counts of persons as things: 新生45个 → (45, 个)

    @property
    def headcount(self) -> tuple[int, str] | None:
        """How many people a per-head figure is for: the people the user names (三个孩子, 老两口), else the one count
        of things they give in persons' measure words (一年级新生45个, 住校生三百个, 200个农村在园幼儿)."""
        if self.people and self.people > 1:
            return self.people, "人"
        return self.persons[0] if len(self.persons) == 1 else None

    @classmethod
    def read(cls, message: str) -> Quantities:
        # "保留两位小数" says how to round, it counts nothing; "加一块" is 加起来, not one 块
        text = _ROUNDING.sub("", arabic(_THIS_PIECE.sub("部分", _TOGETHER_IDIOM.sub("加起来", message.replace("半年", "6个月")))))
        text = _ABOUT.sub(r"\1", text)  # "六十来个学生" is about 60: counted as 60
        # a quarter is three months: 一个季度 → 3个月, 两个季度 → 6个月, 每季度 → 3个月
        text = _QUARTERS.sub(lambda m: f"{3 * int(m.group(1) or 1)}个月", text)
        text = _MONTH_SPAN.sub(lambda m: f"{int(m.group(2)) - int(m.group(1)) + 1}个月"
                               if 1 <= int(m.group(1)) <= int(m.group(2)) <= 12 else m.group(), text)
        found = cls()
        found.ages = [age for _, age in _ages_in(text)]
        # "下个月过90岁生日，过了90…多拿多少": one person about to turn 90 is 89 now
        if (turning := _TURNING.search(text)) and set(found.ages) == {int(turning.group(1))}:
            found.ages = [found.ages[0] - 1, found.ages[0]]
        found.age = found.ages[-1] if found.ages else None
        found.older_than = int(older.group(1)) if (older := _OLDER.search(text)) else None
        for match in _PEOPLE.finditer(text):
            found.people = int(match.group(1) or match.group(2) or 2)
        if found.people is None and _COUPLE.search(message) and _TOGETHER.search(message):
            found.people = 2
        # "一个月能领多少？领满12个月一共多少？": a period of one is the rate asked, a longer one is how long
        found.months = _longer_than_one(_MONTHS, text)
        if later := _LATER.search(text):
            found.later = int(later.group(1) or later.group(2) or 1)
            text = text[:later.start()] + " " + text[later.end():]  # 再过两年 is when, not for how long
        found.years = _longer_than_one(_YEARS, text, below=100)
        found.days = _longer_than_one(_DAYS, text)
        if (span := _SPAN.search(text)) and int(span.group(1)) < int(span.group(2)):
            found.ages, found.age = [int(span.group(1))], int(span.group(1))
            found.years = found.years or int(span.group(2)) - int(span.group(1)) + (not span.group(3))
        for match in _MONEY.finditer(text):
            number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            amount = Decimal(number) * {"千": 1000, "万": 10000}.get(scale or "", 1)
            before = text[max(0, match.start() - 8) : match.end()]
            if _BASE_WORDS.search(before):
                found.base = amount
            elif _OWN_WAGE.search(before):
                found.wage = amount
            else:
                found.money.append(amount)
        for match in _CLAIMED.finditer(text):
            number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if scale == "万" and not re.search(r"[块元钱]", match.group()) and _HEADCOUNT.search(text):
                continue  # "参保人数都超过2500万了吧" puts a count of people to us, not money
            amount = Decimal(number) * {"千": 1000, "万": 10000}.get(scale or "", 1)
            if amount >= 10 and amount not in found.money and amount != found.base and int(amount) not in found.ages:
                found.money.append(amount)
        # one share is of a wage ("能拿八成吗"); two are a split ("中央出八成自治区出两成"), no share of anything
        if len(shares := _CLAIMED_SHARE.findall(text)) == 1:
            found.share = Decimal(shares[0][0]) * 10 if shares[0][0] else Decimal(shares[0][1])
        used = {*found.ages, *map(int, found.money), found.people, found.months, found.years, found.days}
        found.bare = [int(n) for n in _BARE.findall(text) if int(n) not in used]
        # the period asked is the one said last: "一年6816，折成每个月是多少" asks for a month
        said = [(m.start(), period) for period, pattern in _ASKED for m in re.finditer(pattern, text)]
        found.asked = max(said)[1] if said else ""
        # a lone 一个 is an article; the people a per-person figure is for (三个人) are not things
        found.things = [(m.group(1), "万元" if m.group(2) == "万" else m.group(2),
                          text[m.end():m.end() + 6]) for m in _THINGS.finditer(text)
                        if Decimal(m.group(1)) > 1 and Decimal(m.group(1)) != found.people]
        found.persons = [(int(m.group(1)), m.group(2)) for m in _THINGS.finditer(text)
                         if m.group(2) in ("个", "名", "位", "人") and "." not in m.group(1) and int(m.group(1)) > 1
                         and (_PERSON.search(text, max(0, m.start() - 5), m.start()) or _PERSON.match(text, m.end()))]
        if CONFIRM.search(text):  # "每孩次免费查两次对吧？": each figure with its unit is a claim
            # 2500万 of people counted (参保人数) is 万人, of anything else 万元
            wan = "万人" if _HEADCOUNT.search(text) else "万元"
            found.claims = [(Decimal(m[1] or m[3]), wan if (m[2] or "").startswith("万") else _UNIT_SAID.get(m[2] or "", m[2] or "元"))
                            for m in _CLAIM_UNIT.finditer(text)]
        return found


def _ages_in(text: str) -> list[tuple[re.Match, int]]:
    """Each age a text (numerals already Arabic) gives, where it says it; a number past any life is none."""
    return [(m, age) for m in _AGE.finditer(text) if (age := int(next(g for g in m.groups() if g))) <= 130]


def _told_ages(message: str) -> list[tuple[str | None, int]]:
    """Each age a message gives, with the person it is told of (the last one named before it in its clause, 我爸 and
    爸爸 alike), or None when it names nobody ("那九十岁呢")."""
    told, message = [], arabic(message)
    for m, age in _ages_in(message):
        opens = max(message.rfind(p, 0, m.start()) for p in "，,。？?；;") + 1
        named = [w.group() for w in _ONE_PERSON.finditer(message, opens, m.end())]
        who = re.sub("^[我俺]", "", named[-1]) if named else None
        told.append((lexicon().same_person.get(who, who), age))
    return told


def merged(messages: tuple[str, ...], topic: tuple[str, ...]) -> Quantities:
    """The topic's quantities, a later message overriding an earlier one."""
    merged = Quantities()
    # a local figure holds for the whole session: the topic may change, the place does not
    merged.base = next((b for m in reversed(messages) if (b := Quantities.read(m).base) is not None), None)
    each_age = []  # the age each message gave, in order: "俩人加一块" after two people's ages means both
    # each person's latest age, while every age is told of someone: "我爸八十三" "我妈八十一" "要是我爸过了九十呢"
    by_person: dict[str, int] | None = {}
    said = Quantities()  # the last message's own quantities (none for an empty topic)
    for message in topic:
        said = Quantities.read(message)
        each_age += said.ages[-1:]
        for who, age in _told_ages(message) if by_person is not None else ():
            who = next(reversed(by_person), None) if who in ("他", "她") else who  # the one named last
            if who is None:
                by_person = None
                break
            by_person.pop(who, None)
            by_person[who] = age
        for name in ("age", "people", "months", "years", "days", "base", "wage"):
            if getattr(said, name) is not None:
                setattr(merged, name, getattr(said, name))
        if said.asked:
            merged.asked = said.asked
            if said.asked == "年" and said.months is None:
                merged.months = None  # "一年呢？" after "三个月" asks for the year
        if said.later and not said.ages and merged.age is not None:  # "再过两年呢" after 89: 91 then
            merged.age += said.later
            by_person = by_person and {who: age + said.later for who, age in by_person.items()}
        if said.bare and said.age is None and merged.age is not None:
            merged.age = said.bare[-1]  # "那他弟弟八十七呢？" after an age: the new age
        if said.older_than is not None and said.age is None:
            merged.age = None  # "那90岁以上呢？" after "我奶奶八十七": a bracket asked about, no one's age
        merged.ages = said.ages or ([merged.age] if merged.age is not None else [])
        # a claim, a bare number or a bracket of ages belongs to its message
        merged.money, merged.share, merged.bare, merged.older_than = said.money, said.share, said.bare, said.older_than
        merged.claims = said.claims
        merged.things, merged.persons = said.things, said.persons
    if said.people == 2 and not said.ages and len(each_age) >= 2:
        merged.ages = each_age[-2:]
    if said.people and said.people >= 2 and by_person and len(by_person) >= said.people:
        merged.ages = list(by_person.values())[-said.people:]
    return merged
