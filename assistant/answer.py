"""The default answerer: deterministic, no language model. It quotes, and it computes only through the calculator.

It finds the item the question is about, picks the field the question asks for (amount →
服务标准, who → 服务对象, which department → 牵头负责单位 …). An amount question is answered from the
passage's amount facts (assistant/amounts.py); any other question gets the sentences of the field
that match it. Every answer cites its passage, and goes out through the number guard (assistant/guard.py).
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ingest.config import Settings
from ingest.facts import clause_spans, extract_facts
from ingest.pipeline import run as ingest
from ingest.types import Chunk

from .amounts import YEAR_SAID, Worked, cases_of, given_instead, key_terms, payable, sentence_of, stated, work, years_unstated
from .calculator import plain
from .lexicon import lexicon
from .counts import Counted, find
from .dialogue import CONFIRM
from .numbers import arabic, chinese_to_int
from .plan import Figure, Outcome, Step
from .plans import YEARS_COVERED, Plan, combined, lead, plan, rest_asked, states_share_of, whole_asked, \
    without_shares_stated
from .guard import Guarded
from .retrieval import Hit, PolicyRetriever
from .types import Answer, Citation
from .understand import DEPARTMENT, Understanding, canonical, content_words, known_words, each_asked, summands, understand
from .withmodel import with_model

# Below this cosine similarity the best passage is not about the question (calibrated on evals/).
MIN_SCORE = 0.865
# A figure needs more: below this, an amount is given only if the item shares a topic word with the question.
FIGURE_SCORE = 0.89
# A word used by fewer than this share of items names a topic precisely.
RARE = 0.05
COMMON = 0.5  # a word more than half the items use
# A word in the names of at most this many items names one of them.
NAMING = 2
# Where a clause's reference preamble ends ("根据《…》规定，"): quotes start after it.
_PREAMBLE = re.compile(r"(?:要求|规定|）|\))，")
_COUNTY = re.compile(r"(?![我咱你他这那本全各每])[一-龥]{2}县")  # 疏附县, not 我们县
LEVEL = 0.005  # two search scores this close rank the passages level
# passages stating a figure in the unit a count asks for, looked through beyond the items found: the nearest the
# question (the real corpus has 47 passages with a figure at all; ×100 the corpus about 4,700)
NEAR_COUNTS = 200
PINNED = 1.0  # the score of an item the user named by number: it is the answer's source, whatever the search says


def _cited(question: str, body: str, citation: Citation, answered: bool, *more: Citation) -> Answer:
    """An answer whose text ends with the lines naming its sources."""
    cited = [citation, *more]
    return Answer(question, body + "\n\n" + "\n".join(f"依据：{c.reference}" for c in cited), answered, cited)


# An age limit as the user puts it ("满四十岁才管吧", "未满18周岁的吧") and as the documents state it.
# An age limit put to us for confirmation ("只管到16岁吧", "18岁以下的都算吧") is one too.
_CLAIMED_AGE = re.compile(r"(?:满|到|过|得|要)(\d{1,3})\s*周?岁(?:以上|以后)?[^，。？?]{0,3}(?:才|就|能|可以)|[未不]满(\d{1,3})\s*周?岁"
                          r"|到(\d{1,3})\s*周?岁[^，。？?]{0,4}(?:吧|是吧|对吧|吗)|(?:是不是|是否)[^，。？?\d]{0,6}到(\d{1,3})\s*周?岁"
                          r"|(\d{1,3})\s*周?岁(?:以上|以下|以内|之前)[^。？?\d]{0,12}(?:吧|是吧|对吧|吗|是不是|对不对)"
                          r"|(?<![\d.])(\d{2,3})\s*周?岁?(?:以上|以下)[^，。？?\d]{0,3}(?:才|就)|(?<![\d.])(\d{2,3})(?:就|\s*周?岁就(?=能|可以|可))"  # 八十五以上才, 60岁以上就, 五十五就能领, 55岁就能领 (not 30岁就查出)
                          r"|(?<![\d.])(\d{2,3})\s*周?岁[就才]?(?:开始|起)(?=领|享受|发|拿|给)")  # 55岁开始领 (not 30岁开始交)
_BRACKET_SAID = re.compile(r"(?<![\d.])(\d{2,3})\s*周?岁(?:（含\d+周?岁）)?\s*及?以[上下]")
_STATED_AGE = re.compile(r"(\d{1,3})\s*周?岁(?:（含\s*\d+\s*周岁）)?\s*(?:及)?以上|未满(\d{1,3})\s*周?岁|(\d{1,3})\s*周?岁以下"
                         r"|年满(\d{1,3})\s*周?岁|(?:延长|提高|放宽|调整)至(\d{1,3})\s*周?岁")  # 从16周岁延长至18周岁: 18


_PUT_TO_US = re.compile(r"吧|是不是|对不|没错|听说|据说")  # a figure said with these is put to us to confirm
BUDGET = ("亿元", "万元")  # the units of a report's totals (budgets, funds), never of what one person gets
_AGE_ASKED = re.compile(r"多大岁数|多大年[纪龄]|什么年龄|年龄段|多少岁|几岁|岁数|到多大|多大的")  # a question about the age one qualifies at
# An age range who qualifies states: 0—6岁, 年满60周岁, 80周岁（含80周岁）以上
_RANGE = re.compile(r"(?P<low>\d{1,3})\s*[—\-至到~～]\s*(?P<high>\d{1,3})\s*周?岁"
                    r"|(?:年满)?(?P<from>\d{1,3})\s*周?岁(?:（含\s*\d+\s*周岁）)?\s*(?:及)?以上|年满(?P<reached>\d{1,3})\s*周?岁")
_FIELDS_IN_ORDER = ("服务对象", "服务内容", "服务标准", "支出责任")  # where an item may state an age or a time limit
# How fast or how long ("急难型的多快能先救上") is answered by the clause that states a time limit (24小时先行救助).
_TIME_ASKED = re.compile(r"多快|多久|好久|很久|多长时间|几个?小时|几天|几个工作日|时限")
_TIME_LIMIT = re.compile(r"\d+\s*(?:个)?(?:小时|工作日|日内|天内|天)")
# What a question asks that one kind of clause states, wherever in the item it is: (asked, stated).
# An age limit of any kind: a range, or a bound (未满16周岁 is how old one may be, 管到多大)
_AGE_LIMIT = re.compile(f"{_RANGE.pattern}|{_STATED_AGE.pattern}")
_STATED_WHERE = ((_AGE_ASKED, _AGE_LIMIT), (_TIME_ASKED, _TIME_LIMIT))


def _rarest(known: dict[str, float]) -> str:
    """The word that names the topic most precisely: the one fewest items use (of equally rare words the longer, then
    the first in code order: never the order of a set, which changes from one process to the next)."""
    return min(known, key=lambda w: (known[w], -len(w), w))


def _age_premise(question: str, quote: str) -> str:
    """A correction when the user's age limit is not the one the quoted clause sets, else ""."""
    claimed = {age for groups in _CLAIMED_AGE.findall(arabic(question)) if (age := int(next(g for g in groups if g))) <= 120}
    # "是60岁以上的老人每年免费体检一次，对吗？": a bracket of ages in a message put to us to confirm is a claim
    if CONFIRM.search(question):
        claimed |= {int(age) for age in _BRACKET_SAID.findall(arabic(question)) if int(age) <= 120}
    stated = {int(next(g for g in groups if g)) for groups in _STATED_AGE.findall(quote)}
    ranges = [(int(m["low"]), int(m["high"])) for m in _RANGE.finditer(quote) if m["low"]]  # 16—24岁
    stated |= {age for pair in ranges for age in pair}
    within = any(low <= age <= high for age in claimed for low, high in ranges)  # 满18岁就能领: 18 is in 16—24岁
    # "以前是不是只管到十六岁": a limit of before is no claim about the limit the clause sets now
    if not claimed or not stated or claimed & stated or within or lexicon().earlier.pattern.search(question):
        return ""
    said = sorted({age for age in stated if not any(age in pair for pair in ranges)})
    told = [f"{age}岁" for age in said] + [f"{low}—{high}岁" for low, high in ranges]
    return f"不是{'、'.join(map(str, sorted(claimed)))}岁，文件规定的年龄是{'、'.join(told)}：\n"


def _figure_premise(understanding: Understanding, quote: str) -> str:
    """A correction when a figure the user puts to us ("每孩次免费查两次对吧？") is not what the quoted clause states
    in that unit, else ""."""
    asked = {w for w in content_words(understanding.message) if not w.isdigit()}
    for value, unit in understanding.said.claims:
        facts = [f for f in extract_facts(quote) if f.unit == unit]
        # the figures said of what the question names: "人工客服是24小时的吧" is about 人工服务为每周5×8小时, not about
        # 自助语音服务为每周7×24小时
        # and of the year it names ("2024年已经每月800了" is about 2024年的每人每月712元, not 2020年的500元)
        years = set(YEAR_SAID.findall(arabic(understanding.message)))
        facts = [f for f in facts if f.year in years] or facts
        facts = [f for f in facts if f.kind != "former"] or facts  # what it was raised to, not from (580 → 700元)
        named = [len({w for w in asked if w in _part_at(quote, f.start)}) for f in facts]
        stated = [f.value for f, n in zip(facts, named) if n == max(named)]
        if stated and not any(Decimal(v) == value for v in stated):
            return f"不是{plain(value)}{unit}，文件规定的是{'、'.join(v + unit for v in stated)}：\n"
    return ""


def _part_at(text: str, offset: int) -> str:
    """The part of a sentence, between commas, holding the offset."""
    return text[max(text.rfind(p, 0, offset) for p in "，,；;。") + 1:min(
        (i for p in "，,；;。" if (i := text.find(p, offset)) >= 0), default=len(text))]


# A split the user puts to us ("是五五开吧？", "七三分担的吧", "一半一半出的吧", "按7:3吧") and the ratios a clause states.
_CLAIMED_RATIO = re.compile(r"(?P<a>\d+)\s*[:：比]\s*(?P<b>\d+)|(?P<x>[一二三四五六七八九])(?P<y>[一二三四五六七八九])(?:开|分担|分摊|承担|分|摊|出)"
                            r"|(?P<p>[一二两三四五六七八九\d])成[^，。？?\d]{1,8}?(?P<q>[一二两三四五六七八九\d])成"  # 中央出八成自治区出两成
                            r"|(?P<half>一半一半|对半|各一半|平摊|平分)")
_STATED_RATIO = re.compile(r"(\d+)\s*[:：]\s*(\d+)")
# A share put to us, with how it bounds the true one: 八成以上, 三成左右, 不到70%, 68.7%
_ABOVE, _BELOW = ("超过", "以上", "多", "出头", "往上"), ("不到", "不足", "以下", "将近")
_SHARE_ASKED = re.compile(r"占[^，。？?]{0,15}(比例|比重|多少|几成|百分之几|多大)|占比|百分之几")
# a share put to us: 三成左右, 超过70%, 一半都不到 (a half is 1半 once numerals are read)
_SHARE_CLAIM = re.compile(r"(?P<before>超过|不到|不足|将近|约|大概)?\s*(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<u>成|%|半)"
                          r"\s*(?:都|还)?(?P<after>以上|多|出头|往上|以下|左右|上下|不到|不足)?")
_GRADES_SAID = re.compile(r"(?P<grades>[一二三四五六](?:[、，, 和跟]?[一二三四五六])*)\s*年级")  # 一二三年级, 一、二年级
_RATIO_STATED = re.compile(r"[%％]|\d\s*[:：]\s*\d|[一二三四五六七八九十\d]成")
_SHARE_UNITS = {"成": 10, "半": 50, "%": 1}  # what one of each is in %


def _ratio_premise(question: str, quote: str) -> str:
    """A correction when the split the user puts to us is not a ratio the quoted clause states, else ""."""
    if not (found := _CLAIMED_RATIO.search(question)) or not (stated := _STATED_RATIO.findall(quote)):
        return ""
    if found.group("half"):
        claimed = (5, 5)
    elif found.group("x") or found.group("p"):
        one, other = found.group("x", "y") if found.group("x") else found.group("p", "q")
        claimed = tuple(int(n) if n.isdigit() else chinese_to_int(n) for n in (one, other))
    else:
        claimed = (int(found.group("a")), int(found.group("b")))
    if claimed in {(int(a), int(b)) for a, b in stated}:
        return ""
    # a split said in words is repeated in the user's words: 七三 is no number the user wrote
    shown = found.group() if found.group("x") else f"{found.group('p')}成和{found.group('q')}成" if found.group("p") \
        else f"{claimed[0]}：{claimed[1]}"
    return f"不是{shown}，文件规定按{'、'.join(dict.fromkeys(f'{a}：{b}' for a, b in stated))}分担：\n"


def _department_premise(question: str, chunk: Chunk, quote: str) -> str:
    """A correction when the user puts to us a lead department (是卫健委牵头的吧) that the quoted 牵头负责单位 does not
    name, else "". A short name is the full name's characters in order (卫健 of 卫生健康委, 人社 of 人力资源和社会保障厅)."""
    if chunk.field != "牵头负责单位" or not lexicon().yes_no.pattern.search(question) and "吧" not in question:
        return ""
    names = re.split(r"[、，,；;和及]", quote)
    claimed = list(dict.fromkeys(m.group() for m in DEPARTMENT.finditer(question)
                                 if not any(_in_order(m.group("core"), name) for name in names)))
    return f"不是{'、'.join(claimed)}，牵头负责单位是：\n" if claimed else ""


# A party put to us as the one who pays or decides ("是地方财政出的吧", "中央全额出的，对不？", "自治区统一定的吧")
_PARTY_CLAIM = re.compile(rf"(?<![有没])(?P<party>{lexicon().payer_pattern.pattern})(?:财政|政府)?"
                          rf"(?:[和与跟、](?P<with>{lexicon().payer_pattern.pattern})(?:财政|政府)?)?[^，。？?\d]{{0,6}}?"
                          r"(?P<all>全额|全部|全|统一)?\s*(?:出|承担|负担|掏|定|确定|制定)")


# A clause that only names the documents to follow ("按照《…》《…》执行。"), and a question asking for them
_ONLY_REFERENCES = re.compile(r"(?:依据|按照|根据|参照)[^。；;]*《[^。；;]*》[^。；;《》]{0,12}(?:执行|落实|实施|界定服务对象)[。；;]?")
_REFERENCES_ASKED = re.compile(r"依据|根据|文件|哪个规定|什么规定|哪些规定|政策名")


# The user put to us as paying their own share ("我们职工自己每个月也得交一部分吧"), which a clause may rule out
_SELF_CLAIM = re.compile(r"(?:个人|自己|本人|职工)[^，。？?\d]{0,8}(?:交|缴|出钱|掏钱)")
_SELF_EXEMPT = re.compile(r"个人不(?:缴|交|承担|出)")


def _party_premise(question: str, quote: str) -> str:
    """A correction when the party the user puts to us as paying or deciding is not one the quoted clause names (of
    parties joined, 中央和地方一起出, each), or is said to pay all of what the clause shares out, or is the user, whom
    the clause exempts; else ""."""
    lex = lexicon()
    if not (lex.yes_no.pattern.search(question) or _PUT_TO_US.search(question)):
        return ""
    if _SELF_CLAIM.search(question) and _SELF_EXEMPT.search(quote):
        return f"{'不对' if _PUT_TO_US.search(question) else '不用'}，个人不缴费。文件规定：\n"
    if not (claim := _PARTY_CLAIM.search(canonical(question))):
        return ""
    named = {lex.party(p) for p in lex.payer_pattern.findall(canonical(quote))}
    alone = claim.group("all") in ("全额", "全部", "全") and (len(named) > 1 or _STATED_RATIO.search(quote))
    claimed = {lex.party(claim.group("party"))} | ({lex.party(claim.group("with"))} if claim.group("with") else set())
    if claimed <= named and not alone:
        return ""
    return f"不是{''.join(claim.group().split())}的，文件规定：\n"


def _beyond_heading(question: str, chunk: Chunk) -> set[str]:
    """The question's key terms other than those of the passage's heading path (its item's own name)."""
    return key_terms(canonical(question)) - key_terms(canonical(" ".join(chunk.path)))


def _in_order(short: str, name: str) -> bool:
    rest = iter(name)
    return all(ch in rest for ch in short)


def clauses_of(text: str, starts: list[int]) -> str:
    """The clauses holding the given offsets, verbatim and in order, each without its reference preamble."""
    kept = []
    for start, end in clause_spans(text):
        inside = [o for o in starts if start <= o < end]
        if not inside:
            continue
        clause = text[start:end]
        cut = [m.end() for m in _PREAMBLE.finditer(clause) if m.end() <= min(inside) - start]
        clause = clause[max(cut, default=0):].strip()
        kept.append(clause[:-1] + "。" if clause[-1] in "；;" else clause)
    return "".join(kept)


def _outcome(chunk: Chunk, worked: Worked) -> Outcome | None:
    """The figure an amount answer gave: its last result with the steps that derived it (each figure tied to its
    passage), or the one figure it quoted; None when it quoted several."""
    if steps := worked.working.steps:
        tied = tuple(Step(s.operation, tuple(replace(i, chunk=chunk) if isinstance(i, Figure) and i.source == "document"
                                             else i for i in s.inputs), s.unit) for s in steps)
        return Outcome(steps[-1].unit, tied)
    quoted = [f for f in payable(chunk) if f.start in worked.quote_at]
    # the figure the lead gives, of a clause that quotes others beside it (2000元, not 可分为…1000—3000元)
    quoted = [f for f in quoted if f.value + f.unit in worked.lead] if len(quoted) > 1 else quoted
    if len(quoted) != 1:
        return None
    figure = stated(quoted[0], chunk.locator, chunk)
    return Outcome(figure.unit, figure=figure)


_QUESTIONS = re.compile(r"([？?；;，,])")  # where one question of a message may end and the next begin


def _questions(message: str) -> list[str]:
    """The questions of a message, each with what the user says before it ("我们这最低工资1800，那一个月能领多少"
    is one; "2020年是多少，平均每年涨几块" two). What the message says before its first question is said of every
    later question that does not refer back to the one before ("农家书屋配了200种出版物，推荐目录的至少多少种？本区
    出版的最多多少种？": 200种 is of both; "…一年多少？读满三年呢？" follows the first)."""
    lex = lexicon()
    asks, questions, said, told = lex.question.pattern, [], "", None
    pieces = _QUESTIONS.split(message)
    # each part with the mark ending it: a question mark asks, whatever the words (…占多大比重？)
    for part, mark in zip(pieces[::2], [*pieces[1::2], ""]):
        if asks.search(part + mark) and part.strip():
            if told is None:
                told = before = said
            else:
                before = said if lex.reference.pattern.search(part + mark) else "，".join(p for p in (told, said) if p)
            questions.append("，".join(p for p in (before, part.strip()) if p))
            said = ""
        else:
            said = f"{said}，{part.strip()}" if said else part.strip()
    return questions


def _given(answer: Answer) -> str:
    """The figure an answer gave: its last result, or the figure it quoted."""
    return answer.calculations[-1].result if answer.calculations else answer.outcome.figure.value


def _workings(answer: Answer) -> set[tuple[str, str, frozenset]]:
    """Each cited figure an answer's working used, with the operation it went into (× or +, by its expression) and
    the units of what it went in with: 712元 × 3人 and 712元 × 12个月 are two workings, 650元 × 60人 and 650元 ×
    100人 one worked twice."""
    return {(o.value, sign, frozenset(p.unit for p in c.operands if p is not o))
            for c in answer.calculations for o in c.operands if o.source == "document"
            for sign in "×+−÷" if sign in c.expression}


def _sources(answer: Answer) -> list[tuple[str, str]]:
    return [(c.doc, c.locator) for c in answer.citations]


def _joined(answer: Answer, part: Answer) -> Answer:
    """Two answers to two questions of one message, one after the other, with both answers' sources and working."""
    citations = answer.citations + [c for c in part.citations if c not in answer.citations]
    return Answer(answer.question, f"{answer.text}\n\n{part.text}", True, citations,
                  answer.calculations + part.calculations, answer.asks_for or part.asks_for, outcome=part.outcome)


class Answerer(Guarded):
    """compose is five named steps: understand (in `ask`) → retrieve → select → answer by intent → guard (in `ask`)."""

    def __init__(self, settings: Settings | None = None, retriever: PolicyRetriever | None = None):
        self.retriever = retriever or PolicyRetriever(settings=settings or Settings())
        self.vocabulary = self.retriever

    def compose(self, understanding: Understanding) -> Answer:
        question = understanding.message
        if not question:
            return Answer(question, "请输入您想咨询的问题，例如：“八十五岁老人每月有多少高龄津贴？”", False)
        if understanding.intent == "outside":
            return self._referred(understanding) or Answer(question, understanding.outside, False)
        hits = self.retrieve(understanding)
        # a question naming the item outright (打12333能办啥: a number names no topic word), or quoting the passage's
        # own words (三重保障机制指的是哪三重), is about it
        names_item = bool(hits) and (self._names_item(understanding, hits[0].chunk) or self._quotes(understanding, hits[0].chunk))
        if not hits or (hits[0].score < MIN_SCORE and not names_item) \
                or (hits[0].score < FIGURE_SCORE and not self._names_a_topic(understanding) and not names_item):
            return self._decline(question)
        hits = self._paying_first(understanding, hits)
        chunk = self.select(understanding, hits)
        answer = self._every_question(understanding, self._of_each(understanding, self.answer(understanding, hits, chunk)))
        return self._which_version(understanding, answer)

    def _which_version(self, understanding: Understanding, answer: Answer) -> Answer:
        """Where other documents hold the cited item too (another region's or year's version of a standard), the answer
        says which document it followed, and when their clauses differ, that they do: never one picked silently."""
        if not answer.citations or not (others := self.retriever.versions_of(answer.citations[0].doc,
                                                                             answer.citations[0].locator)):
            return answer
        cited = answer.citations[0]
        differ = [c for c in others if c.text != cited.quote]
        if any(c.doc == cited.doc for c in self.retriever.named_versions(others[0], understanding.query)):
            note = f"以上依据您说的《{cited.doc}》。"
        elif not differ:
            note = f"以上依据《{cited.doc}》；其他文件中的这一条与之相同。"
        else:
            note = (f"注意：其他文件（如《{differ[0].doc}》）也有这一条，规定不同；以上依据《{cited.doc}》。"
                    "如需按其他地区或年份的文件回答，请说明是哪一份。")
            return replace(answer, text=f"{answer.text}\n{note}", citations=[*answer.citations, Citation.of(differ[0])])
        return replace(answer, text=f"{answer.text}\n{note}")

    def _referred(self, understanding: Understanding) -> Answer | None:
        """A question of where to go or what papers to bring about an item it names outright ("申请法律援助要准备哪些
        材料"): the documents' silence said, with the item and the department leading it, whom to ask; unanswered. A
        topic they do not cover asked of an item they do ("职工医保个人缴费比例是多少") gets the field that says what they
        say of it (支出责任: 由用人单位和职工共同缴费), quoted; unanswered too."""
        uncovered = understanding.uncovered
        nearest = uncovered[0].nearest if uncovered else ""
        if not (understanding.procedural_only or nearest) or not (hits := self.retrieve(understanding)) \
                or not hits[0].chunk.item:
            return None
        item = hits[0].chunk
        # named by a rare word of its own name, not one asking where or how to reach it (电话 of 12333电话服务), or by
        # an everyday name the lexicon says is its (高龄津贴)
        asking = uncovered[0].pattern if nearest else lexicon().procedure.pattern
        topic = asking.sub(" ", understanding.search_query)
        if not self._names_item(understanding, item, topic) and (item.doc, item.item) not in self._identified(understanding):
            return None
        if nearest:
            if (said := self.retriever.item_field(item, nearest)) is None:
                return None
            return _cited(understanding.message, f"{understanding.outside}\n文件中“{item.item}”的{nearest}是：“{said.text}”",
                          Citation.of(said), False)
        lead = self.retriever.item_field(item, "牵头负责单位")
        who = f"，牵头负责单位是{lead.text.rstrip('。')}，可向其咨询" if lead else ""
        return _cited(understanding.message, f"{understanding.outside}\n文件中相关的服务是“{item.item}”{who}。",
                      Citation.of(lead or item), False)

    def _paying_first(self, understanding: Understanding, hits: list[Hit]) -> list[Hit]:
        """How much a person of the age the user gives gets is answered by an item that pays that age an amount: of
        the items the search ranks level with the first (within LEVEL), the first whose standard has an age bracket
        holding it comes first ("100岁以上老人每个月补多少": 老年人福利补贴, not 老年人健康管理, whose clause of
        65岁及以上 shares the words)."""
        said = understanding.said
        ages = [*said.ages, *([said.older_than] if said.older_than is not None else [])]
        if understanding.intent != "figure" or not ages or understanding.item is not None or self._pays(hits[0].chunk, ages):
            return hits
        for i, hit in enumerate(hits[1:], start=1):
            if hits[0].score - hit.score > LEVEL:
                break
            if self._pays(hit.chunk, ages):
                return [hit, *hits[:i], *hits[i + 1:]]
        return hits

    def _pays(self, chunk: Chunk, ages: list[int]) -> bool:
        """Whether the item's standard pays an amount to an age bracket holding one of the ages."""
        standard = self.retriever.item_field(chunk, "服务标准") if chunk.item and chunk.field != "服务标准" else chunk
        return standard is not None and bool(standard.item) and any(
            f.holds_age(age) for f in payable(standard) for age in ages)

    def _identified(self, understanding: Understanding) -> frozenset:
        """The items the programmes' everyday names in the question identify (高龄津贴 → 48.老年人福利补贴)."""
        return frozenset().union(*(self.retriever.items_named(name) for name in understanding.identified))

    def retrieve(self, understanding: Understanding) -> list[Hit]:
        """The passages to answer from, best first: an item named by number, then what the search finds for the
        topic's messages (a follow-up is searched with the messages it follows)."""
        named = self.retriever.item_by_number(understanding.item) if understanding.item is not None else []
        pinned = [Hit(chunk, PINNED) for chunk in named]
        identified = self._identified(understanding)
        # two or more figures the user quotes ("2670里自治区本级只出916") point to the passage stating them all
        if len(given := understanding.figures_given) >= 2 \
                and len(stating := frozenset.intersection(*map(self.retriever.items_stating, given))) <= NAMING:
            identified |= stating
        # a phrase the documents write word for word ("居民医保财政补助") names the passages writing it
        identified |= self.retriever.items_quoting(*understanding.wordings)
        found = [self._named_version(understanding, hit) for hit in
                 self.retriever.search(understanding.search_query, favoured=identified, scope=understanding.scope)]
        return pinned + [hit for hit in found if hit.chunk.item != (named[0].item if named else None)]

    def _named_version(self, understanding: Understanding, hit: Hit) -> Hit:
        """The hit's passage in the document the user names, where several documents hold it (按2021年版的标准)."""
        named = self.retriever.named_versions(hit.chunk, understanding.query)
        return hit if not named or hit.chunk.doc in {c.doc for c in named} else Hit(named[0], hit.score)

    def select(self, understanding: Understanding, hits: list[Hit]) -> Chunk:
        """The top passage, or the field of the same item that the question asks for."""
        top = hits[0].chunk
        wanted = understanding.field
        if wanted in ("支出责任", "牵头负责单位") and understanding.intent == "field" and not top.item:
            # who pays and who leads are an item's fields (低保的钱谁掏): a report paragraph ranked first says neither
            top = next((hit.chunk for hit in hits[:3] if hit.chunk.item), top)
        if not top.item or not wanted or top.field == wanted:
            return top
        other = self.retriever.item_field(top, wanted) or top
        # "有没有免费的哈萨克文报纸": 免费 asks what is offered, but the item writes it in its standard (免费赠阅…):
        # a word asking what is offered is the passage's own when only the passage found says it
        said = understanding.field_wording
        return top if wanted == "服务内容" and said and said in top.text and said not in other.text else other

    def answer(self, understanding: Understanding, hits: list[Hit], chunk: Chunk) -> Answer:
        """The answer the intent calls for: a count, a figure, the whole item named by number, or the field quoted."""
        question = understanding.message
        if (checked := self._share(understanding, hits)) is not None:
            return checked
        if (summed := self._summed(understanding)) is not None:
            return summed
        if planned := plan(understanding, self.near(hits, understanding.search_query), self._earlier(understanding)):
            return self.planned(understanding, planned)
        if (claimed := self._age_claim(understanding, chunk) or self._grades_claim(understanding, chunk)) is not None:
            return claimed
        # "配备资金最低多少" of an item whose standard sets it in 元 asks for that standard, not a budget total in 亿元
        budget = understanding.intent == "count" and set(understanding.units) <= set(BUDGET) \
            and chunk.field == "服务标准" and self._states_it(understanding, chunk)
        if understanding.intent == "count" and not budget:
            return self._count(understanding, hits, chunk)
        said = understanding.quantities
        # "老伴六十二，我五十九，俩人现在都能领吗？" asks whether, not how much: the ages are checked first, and so is
        # one age that is too young ("老两口今年都58，能领吗？": not yet, whatever the amount)
        if understanding.said.ages and (checked := self._age_check(
                understanding, chunk, only_outside=len(understanding.said.ages) == 1)) is not None:
            return checked
        # a report's figures are the region's, never one person's by age ("我儿子刚满14周岁，还在范围里吗")
        if understanding.intent == "figure" or budget or (said.ages and chunk.item and payable(chunk)) \
                or self._case_of_a_standard(understanding, chunk):
            if hits[0].score < FIGURE_SCORE and not self._shares_topic(understanding, chunk):
                return self._decline(question)
            if answer := self._figure(understanding, hits, chunk, understanding.intent == "figure" or budget):
                return self._who_qualifies(understanding, chunk, answer)
        if (checked := self._age_check(understanding, chunk)) is not None:
            return checked
        if understanding.item is not None:  # an operator's lookup by number gets the whole field, or the whole item
            if understanding.field is None:
                return self._item_card(understanding, hits)
            return _cited(question, chunk.text, Citation.of(chunk), True)
        quote = self._pick_sentences(understanding, chunk)
        # "多大岁数开始领" / "多久能到" is answered with the clause that sets the age / the time, whichever field says it
        for asked, stated in _STATED_WHERE:
            if asked.search(question) and not stated.search(quote) \
                    and (setting := self._clause_stating(understanding, chunk, stated)):
                chunk, found = setting
                quote = clauses_of(chunk.text, [found.start()])
                break
        premise = _age_premise(question, quote) or _figure_premise(understanding, quote) or _ratio_premise(question, quote) \
            or _department_premise(question, chunk, quote) or _party_premise(question, quote)
        # "能选哪几个缴费档次": a clause that only names the documents to follow says nothing of what was asked
        if _ONLY_REFERENCES.fullmatch(quote.strip()) and not premise and not _REFERENCES_ASKED.search(question):
            return self._beside_references(understanding, hits, chunk, quote)
        if chunk.field == "服务对象" and lexicon().yes_no.pattern.search(question):
            # "是不是所有学生都免": a clause naming a region or a condition does not cover everyone
            if not premise and lexicon().all_claimed.pattern.search(question) and self._restricts(quote):
                premise = "不是所有人都可以，文件规定的对象是：\n"
            return self._with_standard(understanding, premise + quote, chunk)
        # "单位缴费比例是百分之几": a clause of who pays that states no share does not answer it
        if lexicon().percent_asked.pattern.search(question) and not premise and not _RATIO_STATED.search(quote):
            return _cited(question, f"文件没有写明具体比例，相关的规定是：\n“{quote}”", Citation.of(chunk), False)
        return _cited(question, premise + quote, Citation.of(chunk), True)

    @staticmethod
    def _case_of_a_standard(understanding: Understanding, chunk: Chunk) -> bool:
        """Whether a follow-up only names another case (走读的呢, 那小学走读呢) of a standard whose amounts that case tells
        apart: it asks that case's figure ("初中住校的困难学生有生活补助吗" then "那小学走读呢": 小学非寄宿生 625元)."""
        message = understanding.message
        conditions = lexicon().conditions
        if len(understanding.topic) < 2 or chunk.field != "服务标准" or len(facts := payable(chunk)) < 2 \
                or any(not any(w in c for c in conditions) for w in content_words(canonical(message))):
            return False
        named = cases_of(message)
        return bool(named) and any(named & cases_of(f.condition) for f in facts)

    def _share(self, understanding: Understanding, hits: list[Hit]) -> Answer | None:
        """A share asked ("35个脱贫县的资金占衔接资金的比例是多少") or put to us ("南疆五地州占了68.7%，对吗？",
        "占一般公共预算支出三成左右吧？"), answered or checked from the share the passages state for what the question
        names: the % figure whose clause shares most words with it. A payer's share of a cost is a ratio (支出责任)."""
        question = understanding.message
        claim = _SHARE_CLAIM.search(arabic(question)) if CONFIRM.search(question) else None
        said = understanding.said  # a share of the user's own wage or sum is worked out elsewhere (按工资的九成算)
        # the share of what a part leaves (没给35个脱贫县的那部分…占多少) is not the part's: worked out by the plan
        if not (claim or _SHARE_ASKED.search(without_shares_stated(question))) or lexicon().payer_pattern.search(question) \
                or said.wage is not None or said.base is not None or said.money or rest_asked(question):
            return None
        candidates = [self.retriever.item_chunks(hit.chunk) for hit in hits[:3]]
        # the share put to us is what is checked, no word to find it by (77.9% is another clause's figure)
        unsaid = (lambda text: _SHARE_CLAIM.sub(" ", arabic(text))) if claim else (lambda text: text)
        if not (counted := find(("%",), candidates, unsaid(understanding.search_query), self._weight, unsaid(question),
                                tuple(map(unsaid, understanding.topic[:-1])))):
            return None
        if not claim:
            # "社保和就业支出占这两项合计支出的比重": a share stated of another whole (占一般公共预算支出的20.74%) is
            # no answer; the share is worked out (plans.share_of_whole)
            whole = whole_asked(question)
            return None if whole and not states_share_of(whole, counted.fact, counted.chunk) \
                else self._counted(question, counted)
        put = Decimal(claim["n"]) * _SHARE_UNITS[claim["u"]]
        stated = Decimal(counted.fact.value)
        rough = claim["u"] != "%"  # 三成, 一半: a share said roughly
        bound = claim["before"] or claim["after"] or ("左右" if rough else "")
        holds = stated >= put if bound in _ABOVE else stated < put if bound in _BELOW \
            else abs(stated - put) <= (5 if rough else 1) if bound else stated == put
        shown = "一半" if claim["u"] == "半" else f"{plain(put)}%"  # in the user's words: 50 is no number they said
        verdict = "对" if holds else f"不对，不是{claim['before'] or ''}{shown}{claim['after'] or ''}"
        body = f"{verdict}，文件写的是{stated}%。\n原文：“{clauses_of(counted.chunk.text, [counted.fact.start])}”"
        return _cited(question, body, Citation.of(counted.chunk), True)

    def _states_it(self, understanding: Understanding, chunk: Chunk) -> bool:
        """Whether an amount in 元 the standard states sits in a clause that says what is asked: two words of the
        question at least besides the item's name (每个农家书屋出版物配备资金…2000元 for 农家书屋出版物配备资金最低多少)."""
        asked = _beyond_heading(understanding.message, chunk)
        return any(len(asked & key_terms(canonical(clauses_of(chunk.text, [f.start])))) >= 2
                   for f in payable(chunk) if f.unit == "元")

    def _who_qualifies(self, understanding: Understanding, chunk: Chunk, answer: Answer) -> Answer:
        """A figure asked together with whether one qualifies ("能拿国家助学金吗？", "见习有钱拿没", "多大岁数开始领钱")
        comes with the clause of who qualifies that fits the question best (服务对象, or a rule of 服务内容), cited."""
        if not chunk.item or not (lexicon().yes_no.pattern.search(understanding.message)
                                  or _AGE_ASKED.search(understanding.message)):
            return answer
        # an age asked, or an age given (我跟老伴都六十一了，能领不), is answered with the clause that sets the age,
        # unless the answer states one already (80周岁（含80周岁）至89周岁…50元)
        if (_AGE_ASKED.search(understanding.message) or understanding.said.ages) and not re.search(r"\d\s*周?岁", answer.text) \
                and (aged := self._age_range(understanding, chunk)):
            who, found = aged
            quote = clauses_of(who.text, [found.start()])
        else:
            fields = [c for f in ("服务对象", "服务内容") if (c := self.retriever.item_field(chunk, f)) is not None]
            asked = content_words(canonical(understanding.message))
            scored = [(len(asked & content_words(canonical(quote))), -i, quote, c)
                      for i, c in enumerate(fields) if (quote := self._pick_sentences(understanding, c))]
            if not scored:
                return answer
            _, _, quote, who = max(scored)
        if quote in answer.text:
            return answer
        head, _, sources = answer.text.partition("\n依据：")
        text = f"{head.rstrip()}\n{who.field}：“{quote}”\n依据：{sources}\n依据：{Citation.of(who).reference}"
        return Answer(answer.question, text, answer.answered, [*answer.citations, Citation.of(who)],
                      answer.calculations, answer.asks_for, outcome=answer.outcome)

    def _age_claim(self, understanding: Understanding, chunk: Chunk) -> Answer | None:
        """A wrong age limit ("要满85岁才能领吧？") corrected from the clause the question is about when it sets the age
        (体检: 每年为65岁及以上…提供1次), else from who qualifies (服务对象), whatever else is asked."""
        question = understanding.message
        if not chunk.item or not _CLAIMED_AGE.search(arabic(question)):
            return None
        qualifies = self.retriever.item_field(chunk, "服务对象") or chunk
        # a payment's standard is added below in any case: its age is then said from who qualifies
        for who in (qualifies,) if chunk.field == "服务标准" else (chunk, qualifies):
            quote = self._pick_sentences(understanding, who)
            if premise := _age_premise(question, quote):
                break
        # who qualifies may set no age where another field does (慢性病: 35岁及以上 in 服务内容)
        if not premise and (aged := self._age_range(understanding, chunk)):
            who, found = aged
            quote = clauses_of(who.text, [found.start()])
            premise = _age_premise(question, quote)
        if not premise:
            return None
        return self._with_standard(understanding, premise + quote, who)

    def _grades_claim(self, understanding: Understanding, chunk: Chunk) -> Answer | None:
        """School years put to us as all qualifying ("一二三年级都能领，对吧") checked against those who qualifies lists
        (一、二年级在校生); a figure put beside them (每年三千对吧) is the amount answer's to check."""
        question = understanding.message
        said = _GRADES_SAID.search(question)
        who = self.retriever.item_field(chunk, "服务对象") if chunk.item else None
        grades = set(said.group("grades")) - set("、，, 和跟") if said else set()
        if len(grades) < 2 or "都" not in question[said.end():] \
                or not CONFIRM.search(question) or understanding.said.money or understanding.said.claims or who is None \
                or not (listed := next((m for m in YEARS_COVERED.finditer(who.text) if m.group("listed")), None)):
            return None
        verdict = "对" if grades <= set(listed.group("listed").replace("、", "")) else f"不对，只有{listed.group()}"
        return self._with_standard(understanding, f"{verdict}。\n“{clauses_of(who.text, [listed.start()])}”", who)

    def _beside_references(self, understanding: Understanding, hits: list[Hit], chunk: Chunk, quote: str) -> Answer:
        """A field that only names the documents to follow: what the item's other fields say of a word of the question
        that few items use (人事档案, 烈士, 见习; not 缴费), else that the documents do not say, with the references
        and what a report found beside it says of that word."""
        question = understanding.message
        rare = self._rare_beyond(question, chunk)
        for name in ("服务内容", "服务对象"):
            other = self.retriever.item_field(chunk, name)
            if other is None or other is chunk:
                continue
            said = self._pick_sentences(understanding, other)
            if not _ONLY_REFERENCES.fullmatch(said.strip()) and rare.keys() & key_terms(canonical(said)):
                return _cited(question, said, Citation.of(other), True)
        return self._reported_beside(question, hits, chunk, rare,
                                     f"文件没有写明这方面的具体规定，只写明按下列文件执行：\n“{quote}”", Citation.of(chunk))

    def _rare_beyond(self, question: str, chunk: Chunk) -> dict[str, float]:
        """The question's words beyond the passage's heading that few items use (档次 of 缴费档次), with that share."""
        share = {w: self.retriever.share_of_items_with(w) for w in _beyond_heading(question, chunk)}
        return {w: s for w, s in share.items() if 0 < s < RARE}

    def _reported_beside(self, question: str, hits: list[Hit], chunk: Chunk, rare: dict[str, float], body: str,
                         citation: Citation) -> Answer:
        """A declined answer from a clause that only names documents to follow, with the clause of a report paragraph
        the search found beside it that writes a rare word of the question ("有几个缴费档次": 优化缴费档次，放开年缴费次数):
        what the region did of it, still no figure or rule of the standard's."""
        # the rarest of them: 年限 of 加发年限基础养老金, not 养老金 that every pension paragraph writes
        rarest = {w for w, share in rare.items() if share == min(rare.values())}
        for hit in hits[:4]:
            report = hit.chunk
            at = [report.text.find(w) for w in sorted(rarest) if w in report.text]
            if not report.item and report is not chunk and at:
                said = clauses_of(report.text, at)
                return _cited(question, f"{body}\n报告中相关的表述：“{said}”", citation, False, Citation.of(report))
        return _cited(question, body, citation, False)

    @staticmethod
    def _restricts(clause: str) -> bool:
        """Whether a clause of who qualifies names a region or a condition (南疆四地州, 家庭经济困难, 农村)."""
        lex = lexicon()
        return any(rule.pattern.search(clause) for rule in lex.regions) \
            or any(rule.kind == "condition" and rule.pattern.search(clause) for rule in lex.synonyms)

    def _with_standard(self, understanding: Understanding, body: str, who: Chunk) -> Answer:
        """Who qualifies, asked of a payment ("是不是得65岁才能领？", "和田的娃…也能免学杂费吗"): what it pays is said
        too, cited, and corrected when the user put another figure to us ("是55岁开始领、每月100块吧？")."""
        question = understanding.message
        standard = self.retriever.item_field(who, "服务标准")
        if standard is None or standard is who or not (paid := payable(standard)):
            return _cited(question, body, Citation.of(who), True)
        quote = clauses_of(standard.text, [f.start for f in paid])
        body = f"{body}\n{_figure_premise(understanding, quote)}标准：“{quote}”"
        return _cited(question, body, Citation.of(who), True, Citation.of(standard))

    def _age_check(self, understanding: Understanding, chunk: Chunk, only_outside: bool = False) -> Answer | None:
        """Whether the age the user gives ("孩子7岁，还能申请…吗？") is in the age range who qualifies (服务对象) states;
        with `only_outside`, None unless some age is outside it."""
        question = understanding.message
        ages = understanding.said.ages
        if not ages or not lexicon().yes_no.pattern.search(question) \
                or _CLAIMED_AGE.search(arabic(question)):  # "要满八十岁才给做？" claims a limit, it gives no age
            return None
        if (source := self._age_range(understanding, chunk)) is None:
            return None
        who, found = source
        low, high, single = found.group("low"), found.group("high"), found.group("from") or found.group("reached")
        low, high = (int(low), int(high)) if low else (int(single), None)
        stated = found.group().strip()
        inside = [low <= age and (high is None or age <= high) for age in ages]
        if only_outside and all(inside):
            return None
        lead = "".join(f"{age}岁{'在' if within else '不在'}文件规定的“{stated}”范围内。" for age, within in zip(ages, inside))
        body = f"{lead}\n“{clauses_of(who.text, [found.start()])}”"
        if not all(inside) and (wider := self._widened(understanding, who, found)) is not None:
            later, clause = wider
            body += f"\n不过《{later.doc}》写明年龄范围已放宽：\n“{clause}”"
            return _cited(question, body, Citation.of(who), True, Citation.of(later))
        # one who qualifies is told what the payment is ("爸62妈58，能领吗": the father's 80元 a month), and so is one
        # who will once of age, with no upper limit ("两口子都58": 年满60周岁后 80元)
        later = high is None and not any(inside)
        if later:
            body = body.replace(lead, f"{lead}年满{low}周岁后符合条件。", 1)
        return self._with_standard(understanding, body, who) if any(inside) or later \
            else _cited(question, body, Citation.of(who), True)

    def _widened(self, understanding: Understanding, who: Chunk, found: re.Match) -> tuple[Chunk, str] | None:
        """A report paragraph (later than the standard) whose own age range for what the standard's clause is about
        holds every age given ("对0—14岁（含14周岁）残疾儿童和孤独症儿童实施康复救助" beside the standard's 0—6岁)."""
        about = key_terms(canonical(understanding.message)) & key_terms(canonical(clauses_of(who.text, [found.start()])))
        for chunk in self.retriever.chunks():
            for wider in ([] if chunk.field else _RANGE.finditer(chunk.text)):
                if not wider.group("low") or not all(int(wider["low"]) <= age <= int(wider["high"])
                                                     for age in understanding.said.ages):
                    continue
                clause = clauses_of(chunk.text, [wider.start()])
                if len(about & key_terms(canonical(clause))) >= 2:
                    return chunk, clause
        return None

    def _age_range(self, understanding: Understanding, chunk: Chunk) -> tuple[Chunk, re.Match] | None:
        return self._clause_stating(understanding, chunk, _RANGE)

    def _clause_stating(self, understanding: Understanding, chunk: Chunk, stated: re.Pattern) -> tuple[Chunk, re.Match] | None:
        """Where the item states what the pattern finds (an age range, a time limit), and the passage stating it: the
        clause the question is about may state its own (能力综合评估: 65岁及以上), else who qualifies, else any other
        field (城乡居民养老保险 says 年满60周岁 where it says who pays)."""
        quote = self._pick_sentences(understanding, chunk)
        if stated.search(quote):
            return chunk, stated.search(chunk.text, max(chunk.text.find(quote), 0))
        fields = (self.retriever.item_field(chunk, f) for f in _FIELDS_IN_ORDER)  # looked up only until one states it
        return next(((c, found) for c in fields if c is not None and (found := stated.search(c.text))), None)

    def near(self, hits: list[Hit], query: str) -> list[Chunk]:
        """Where a plan finds its figures: the passages of the best three items, and the report paragraphs nearest the
        query (a region's statistics and budgets rank below the standards' items)."""
        near = [c for hit in hits[:3] for c in self.retriever.item_chunks(hit.chunk)]
        return list({c.id: c for c in near + self.retriever.report_figures(query)}.values())

    def _every_question(self, understanding: Understanding, answer: Answer) -> Answer:
        """The answer with the figures of the message's other questions when it answered only one of them ("…涨了多少？
        2024年一个人一年按标准算多少？"): each question is asked in the conversation as it stands at that point, and the
        figure of each other one is added, with its working and sources, when it comes from a passage the answer cites
        and the answer does not have it yet."""
        questions = _questions(understanding.message)
        if len(questions) < 2 or not answer.answered or answer.outcome is None:
            return answer
        earlier, parts = list(understanding.messages[:-1]), []
        for question in questions:
            parts.append(self.compose(understand([*earlier, question], self.vocabulary)))
            earlier.append(question)
        figures = [_given(p) if p.answered and p.outcome is not None else None for p in parts]
        if _given(answer) not in figures:  # the answer took the questions together ("多几块？一年算下来多多少？")
            return answer
        # a part that works a figure again the same way ("一年一共多少？": 650元 × 60人, after 650元 × 100人 for a school
        # counted as 100) would contradict the answer
        done, at = _workings(answer), figures.index(_given(answer))
        for i, (part, figure) in enumerate(zip(parts, figures)):
            if figure is not None and figure not in answer.text and set(_sources(part)) & set(_sources(answer)) \
                    and not _workings(part) & done:
                # in the order asked: "一年多少？读满三年呢？" gives the year's figure first
                answer = replace(_joined(part, answer), question=answer.question) if i < at else _joined(answer, part)
        return answer

    def _of_each(self, understanding: Understanding, answer: Answer) -> Answer:
        """Two things named together and asked the same of each ("失业保险和工伤保险2020年末参保各是多少万人"): when the
        answer does not give both, each is asked on its own after the conversation so far and both answers are given."""
        parts = each_asked(understanding.message)
        if len(parts) != 2:
            return answer
        each = self._asked_apart(understanding, parts)
        figures = [_given(a) for a in each if a.answered and a.outcome is not None]
        # the answer gives a figure in its lead or its working, not in the clause it quotes
        given = answer.text.split("\n")[0] + " ".join(c.result for c in answer.calculations)
        if len(figures) < 2 or figures[0] == figures[1] or all(f in given for f in figures):
            return answer
        return replace(_joined(*each), question=understanding.message)

    def _asked_apart(self, understanding: Understanding, parts: list[str]) -> list[Answer]:
        """Each part of the message answered as the message would be, after the messages of its topic (a part naming
        no programme of its own, 保教费 of "伙食费和保教费", is no follow-up of an unrelated question before)."""
        return self._each_in_place(understanding, parts, len(understanding.topic) - 1)

    def _each_in_place(self, understanding: Understanding, parts: list[str], at: int) -> list[Answer]:
        """The topic's conversation asked once for each part put in place of its message at `at`."""
        topic = list(understanding.topic)
        return [self.compose(understand([*topic[:at], part, *topic[at + 1:]], self.vocabulary)) for part in parts]

    def _summed(self, understanding: Understanding) -> Answer | None:
        """What two programmes named in one message give together ("农村老人82岁，还领着计生奖励扶助，两项加一起一年
        多少"): each asked on its own after the conversation so far, the two figures added by the calculator and both
        passages cited; only when the two answers are two different items' standards (a report's figures summed are
        a plan's: sum_of_named). A follow-up referring back ("…两项一年多少？" then "读满三年呢？") asks that sum again:
        each part's conversation is asked with the follow-up."""
        topic = understanding.topic
        at, parts = len(topic) - 1, summands(understanding.message)
        if len(parts) != 2 and len(topic) > 1 and lexicon().reference.pattern.search(understanding.message):
            at, parts = next(((i, p) for i in range(len(topic) - 2, -1, -1) if len(p := summands(topic[i])) == 2),
                             (at, parts))
        if len(parts) != 2:
            return None
        answers = self._each_in_place(understanding, parts, at)
        if not all(a.answered and a.outcome is not None for a in answers):
            return None
        items = [{f.chunk.item for f in a.outcome.figures()} for a in answers]
        if not all(len(i) == 1 and "" not in i and None not in i for i in items) or items[0] == items[1]:
            return None
        planned = combined(answers[0].outcome, answers[1].outcome, "add", understanding.said.asked, "summed")
        return planned and self.planned(understanding, planned)

    def _earlier(self, understanding: Understanding) -> tuple[Outcome, ...]:
        """The figures the topic's earlier answers gave, oldest first, when the message combines them ("两个加起来多少？");
        the answerer is deterministic, so asking the earlier messages again gives the answers the user saw."""
        if not any(rule.pattern.search(understanding.message) for rule in lexicon().combine):
            return ()
        messages, found = list(understanding.messages), []
        for end in range(len(messages) - 1, len(messages) - len(understanding.topic), -1):
            earlier = self.compose(understand(messages[:end], self.vocabulary))
            if earlier.answered and earlier.outcome is not None:
                found.insert(0, earlier.outcome)
                if len(found) == 2:  # only the two latest are combined
                    break
        return tuple(found)

    def planned(self, understanding: Understanding, planned: Plan) -> Answer:
        """A plan's answer: its result, the working, and each passage it took a figure from, quoted and cited."""
        calculations, figures = planned.run(), planned.figures()
        # "都涨到每月800了吧？": a figure put to us that the plan neither takes nor gives is corrected first
        known = {Decimal(f.value) for f in figures} | {Decimal(c.result) for c in calculations}
        wrong = [m for m in understanding.said.money if m not in known] if _PUT_TO_US.search(understanding.message) else []
        by_chunk: dict[str, tuple[Chunk, list[int]]] = {}
        for chunk, start in [(f.chunk, f.fact.start) for f in figures] + list(planned.basis):
            by_chunk.setdefault(chunk.id, (chunk, []))[1].append(start)
        citations = [Citation.of(chunk) for chunk, _ in by_chunk.values()]
        quotes = [f"原文：“{clauses_of(chunk.text, starts)}”" for chunk, starts in by_chunk.values()]
        said = lead(planned, calculations)  # a plan that corrects the figure itself (从580涨到650) is not corrected twice
        text = "\n".join([(f"不是{plain(wrong[-1])}元，" if wrong and not said.startswith("不是") else "") + said,
                          "计算：" + "；".join(c.expression for c in calculations), *quotes,
                          *(f"依据：{c.reference}" for c in citations)])
        return Answer(understanding.message, text, True, citations, calculations,
                      outcome=Outcome(planned.steps[-1].unit, planned.steps))

    def _item_card(self, understanding: Understanding, hits: list[Hit]) -> Answer:
        """Every field of the item an operator named by number, each with its citation."""
        chunks = [hit.chunk for hit in hits if hit.score == PINNED]
        citations = [Citation.of(c) for c in chunks]
        body = "\n".join(f"{c.field}：{c.text}" if c.field else c.text for c in chunks)
        return Answer(understanding.message, f"{chunks[0].item}\n{body}\n\n依据：{citations[0].reference}", True, citations)

    def _figure(self, understanding: Understanding, hits: list[Hit], chunk: Chunk, money: bool) -> Answer | None:
        """The answer to a question about an amount: computed from a fact, or saying the documents set none."""
        question = understanding.message
        # a figure is stated in the item's standard; a share of the cost where the cost is split
        if money and chunk.item and chunk.field not in ("服务标准", "支出责任"):
            chunk = self.retriever.item_field(chunk, "服务标准") or chunk
        citation = Citation.of(chunk)
        worked = work(chunk, understanding, citation.locator)
        # a share may be set where the item says what it provides ("非涉农专业学生按照在校生20%确定家庭经济困难学生")
        if not worked and chunk.item and (content := self.retriever.item_field(chunk, "服务内容")) is not None \
                and any(f.unit == "%" for f in content.facts) \
                and (found := work(content, understanding, Citation.of(content).locator)):
            chunk, citation, worked = content, Citation.of(content), found
        # a report paragraph speaks of several programmes: its figure answers only in a clause about the question's
        # topic (2024年基础养老金最低多少 is not the 低保 figure of the paragraph that ranks first)
        off_topic = worked and not chunk.field and not self._on_topic(understanding, clauses_of(chunk.text, worked.quote_at))
        if (not worked or off_topic) and (elsewhere := self._figure_elsewhere(understanding, hits[1:])):
            chunk, citation = elsewhere, Citation.of(elsewhere)
            worked = work(chunk, understanding, citation.locator)
        if (local := self._for_county(understanding, chunk)) is not None:
            return local
        if worked:
            return self._amount(question, chunk, citation, worked)
        # a report paragraph states the region's totals, not what a person gets: "中央给了多少钱" asks for one of them
        if money and not chunk.field and not lexicon().per_one.pattern.search(understanding.amount_asked) \
                and (counted := find(BUDGET, [[chunk]], understanding.search_query, self._weight, question)):
            return self._counted(question, counted)
        if money and chunk.field in ("服务标准", ""):  # a standard or a report paragraph with no figure for it
            lead = "文件没有写明具体金额或比例，原文是这样规定的："
            said = self._pick_sentences(understanding, chunk)
            if chunk.field and _ONLY_REFERENCES.fullmatch(said.strip()):
                return self._reported_beside(question, hits, chunk, self._rare_beyond(question, chunk),
                                             f"{lead}\n“{said}”", citation)
            return _cited(question, f"{lead}\n“{said}”", citation, False)
        return None

    def _count(self, understanding: Understanding, hits: list[Hit], chunk: Chunk) -> Answer:
        """A how-many question: the count quoted from the clause that states it, or the documents say none."""
        question = understanding.message
        candidates = [self.retriever.item_chunks(hit.chunk) for hit in hits[:5]]
        # a statistic (万人次, 亿元) is often in a report paragraph the search ranks below the standards
        near = {c.id for chunks in candidates for c in chunks}
        units = understanding.units
        candidates.append(self.retriever.stating_in(units, understanding.search_query, NEAR_COUNTS, frozenset(near)))
        if counted := find(units, candidates, understanding.search_query, self._weight, understanding.message,
                           understanding.topic[:-1]):
            if asked := years_unstated(question, counted.chunk, counted.fact):  # 2023年一年 of a 累计 over 十四五
                lead = f"文件没有{'、'.join(sorted(asked))}年的数字，{given_instead(counted.chunk, counted.fact)}"
                start, end = sentence_of(counted.chunk, counted.fact.start)  # the whole sentence: its time is said first
                return _cited(question, f"{lead}\n“{counted.chunk.text[start:end].strip()}”", Citation.of(counted.chunk), False)
            local = self._for_county(understanding, counted.chunk)
            return self._counted(question, counted) if local is None else local
        lead = "文件没有写明具体的数目，相关的规定是："
        return _cited(question, f"{lead}\n“{self._pick_sentences(understanding, chunk)}”", Citation.of(chunk), False)

    @staticmethod
    def _counted(question: str, counted: Counted) -> Answer:
        """A count or total quoted from the clause that states it, as the answer's outcome."""
        body = f"{counted.lead}\n原文：“{clauses_of(counted.chunk.text, [counted.fact.start])}”"
        answer = _cited(question, body, Citation.of(counted.chunk), True)
        figure = stated(counted.fact, counted.chunk.locator, counted.chunk)
        answer.outcome = Outcome(figure.unit, figure=figure)
        return answer

    def _amount(self, question: str, chunk: Chunk, citation: Citation, worked: Worked) -> Answer:
        parts = [worked.lead]
        if worked.calculations:
            parts.append("计算：" + "；".join(c.expression for c in worked.calculations))
        parts.append(f"原文：“{clauses_of(chunk.text, worked.quote_at)}”")
        parts.append(f"依据：{citation.reference}")
        answered = worked.answered and not worked.asks_for
        return Answer(question, "\n".join(parts), answered, [citation], worked.calculations, worked.asks_for,
                      outcome=_outcome(chunk, worked))

    def _topic_words(self, understanding: Understanding) -> dict[str, float]:
        """The question's words that name a topic the corpus knows, with the share of items using each."""
        return known_words(canonical(understanding.query), self.retriever)

    def _weight(self, word: str) -> float:
        """A word few items use names the topic precisely, and counts double; one most items use (自治区, 财政: every
        item's department or payer) names none."""
        share = self.retriever.share_of_items_with(word)
        return 2.0 if share < RARE else 0.0 if share > COMMON else 1.0

    def _figure_elsewhere(self, understanding: Understanding, hits: list[Hit]) -> Chunk | None:
        """A report paragraph, the nearest first, whose figure sits in a clause about the question's own topic:
        the standard may say only which rules apply while a report gives the current figure (基础养老金, 低保,
        公卫补助). Another item's standard is another programme, so its figure never answers."""
        known = self._topic_words(understanding)
        if not known:
            return None
        rarest = _rarest(known)
        best, most = None, 1  # and one more of the question's words at least
        near = [hit.chunk for hit in hits if not hit.chunk.field]
        seen = {c.id for c in near}
        for chunk in near + [c for c in self.retriever.report_figures(understanding.search_query) if c.id not in seen]:
            for fact in payable(chunk):
                clause = clauses_of(chunk.text, [fact.start])
                if rarest in clause and (shared := len([w for w in known if w in clause])) > most:
                    best, most = chunk, shared
        return best

    def _on_topic(self, understanding: Understanding, clause: str) -> bool:
        """Whether the clause uses the word that names the question's topic most precisely (True when none does)."""
        known = self._topic_words(understanding)
        return not known or _rarest(known) in clause

    def _quotes(self, understanding: Understanding, chunk: Chunk) -> bool:
        """Whether the latest message writes a run of the passage's own words that few passages write."""
        return (chunk.doc, chunk.item or chunk.id) in self.retriever.items_quoting(*understanding.wordings)

    def _names_item(self, understanding: Understanding, chunk: Chunk, text: str | None = None) -> bool:
        """Whether a word of the question (or of `text`) that few items use is in the item's own name ("12333 服务标准"):
        an operator's terse lookup scores low against whole sentences, yet names its item outright."""
        said = understanding.search_query if text is None else text
        return any(chunk.item and (chunk.doc, chunk.item) in (named := self.retriever.items_named(w)) and len(named) <= NAMING
                   and self.retriever.share_of_items_with(w) < RARE for w in content_words(canonical(said)))

    def _for_county(self, understanding: Understanding, chunk: Chunk) -> Answer | None:
        """A standard holds in every county; a report's figure (a sum, a count) is the region's, not that of the county
        the user names (叶城县分到多少衔接资金): said so, with the region's clause, unanswered."""
        if chunk.field or not (county := self._unknown_county(understanding.message)):
            return None
        lead = f"文件没有{county}的具体数字，{county}的情况请向当地有关部门或12345热线咨询。文件中相关的内容是："
        return _cited(understanding.message, f"{lead}\n“{self._pick_sentences(understanding, chunk)}”",
                      Citation.of(chunk), False)

    def _unknown_county(self, question: str) -> str:
        """A county the documents never name: its own figure is set locally, so no regional figure answers for it."""
        return next((name for name in _COUNTY.findall(question) if self.retriever.share_of_items_with(name) == 0), "")

    def _names_a_topic(self, understanding: Understanding) -> bool:
        """Whether the question uses a word of the corpus beyond where it is asked about: 新疆手抓饭怎么做 names none."""
        lex = lexicon()
        return understanding.item is not None or any(not lex.is_place(w) for w in self._topic_words(understanding))

    def _shares_topic(self, understanding: Understanding, chunk: Chunk) -> bool:
        """Whether the item uses a word of the question that the corpus knows and that is not money-question boilerplate."""
        item = self.retriever.item_text(chunk)
        return any(w in item for w in self._topic_words(understanding))

    def _decline(self, question: str) -> Answer:
        text = (
            "抱歉，现有的政策文件里没有找到与这个问题相关的规定，我不能凭猜测回答。"
            "您可以换个说法再问，或拨打12345政务服务热线、12333人社服务热线咨询。"
        )
        return Answer(question, text, False)

    @staticmethod
    def _names_only(message: str, chunk: Chunk) -> bool:
        """Whether a message only names the item and the field, asking nothing ("义务教育免费教科书 补助标准"): an
        operator's lookup, answered with the whole field."""
        lex = lexicon()
        said = {w for w in content_words(message) if w not in chunk.item
                and not any(f.named.fullmatch(w) or f.asked.fullmatch(w) for f in lex.fields)}
        return bool(chunk.item) and not said and not lex.question.pattern.search(message)

    def _pick_sentences(self, understanding: Understanding, chunk: Chunk) -> str:
        """The clause of the passage that shares most words with the question, verbatim; the whole passage if none stands out."""
        clauses = [c for a, b in clause_spans(chunk.text) if (c := chunk.text[a:b].strip())]
        if len(clauses) <= 2 or self._names_only(understanding.message, chunk):
            return chunk.text
        # the topic's words, the latest message's counting twice ("生育保险是谁交钱？" then "生育津贴是按什么工资算的？")
        asked, latest = content_words(understanding.query), content_words(understanding.message)
        scored = [(len(asked & (words := content_words(clause))) + len(latest & words), -index, clause)
                  for index, clause in enumerate(clauses)]
        overlap, _, best = max(scored)
        if overlap == 0:
            return chunk.text
        return best.rstrip("；;") + "。" if best[-1] in "；;" else best


def ready_answerer(settings: Settings | None = None, log=print) -> Guarded:
    """An answerer over an index that exists (an empty index is built first, with its summary logged), with the
    language model the environment configures beside it, if any."""
    settings = settings or Settings()
    answerer = Answerer(settings)
    if answerer.retriever.version() is None:
        log("索引为空，正在建立索引 (index is empty, building it)…")
        log(ingest(settings).summary())
    return with_model(answerer, settings=settings)
