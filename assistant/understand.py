"""What the user is asking, decided once and in one place: a dialogue in, a typed `Understanding` out.

Pure: it reads the messages and the lexicon (assistant/lexicon.toml) and asks a `Vocabulary` which words
the corpus uses, so its rules are tested without an index. Every later step (retrieval, the choice of a
figure, the answer) reads what it needs from the Understanding instead of re-reading the words.

A conversation is cut into topics: a message continues the topic unless it names an item by number or
brings a topic word of its own that the topic so far does not have (a new programme, 失业率 after 失业保险金).
A message that refers back ("那残疾人呢？") and names a new programme switches topic but keeps what was
being asked (a figure, a department).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from typing import Literal, Protocol

import jieba
import jieba.posseg as pseg
from opencc import OpenCC

from .calculator import plain
from .dialogue import PLUS, Quantities, merged
from .lexicon import Field, Rule, Scope, lexicon
from .numbers import arabic, chinese_to_int, half_width
from .retrieval import words

Intent = Literal["outside", "count", "figure", "field"]
# jieba's parts of speech of words that name nothing: adverb, locative, preposition, conjunction, particle,
# pronoun, numeral, measure, time, modal, interjection, onomatopoeia, state (by first letter); adjectives (平均)
NOT_NAMING = set("dfpcurmqtyeoz")
ADJECTIVES = {"a", "ad"}
# A number with its unit is a quantity the user gives (2个人, 97岁), never a topic.
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:个|位|名|岁|周岁|年|月|天|元|块|%|人|口|次)?")
_BARE_HOW_MUCH = re.compile(r"多少(?![人次天岁年个项])")
# How many of the latest messages can belong to the current topic.
TOPIC_WINDOW = 8
# A word used by at least this share of items (部门, 医疗, 标准) names no topic.
TOPIC_SHARE = 0.125
_FULL_WIDTH_ASCII = {c: c - 0xFEE0 for c in range(0xFF21, 0xFF5B)}  # Ａ-ｚ; digits, point and % via half_width


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def normalize(text: str) -> str:
    """Simplified characters and ASCII digits and letters: 九十二歲 → 九十二岁, １２０ → 120. Numerals in words stay
    (统一 is no number); the slot grammar reads them (assistant/dialogue.py)."""
    return _t2s().convert(half_width(text.strip()).translate(_FULL_WIDTH_ASCII))


# A department as users name one (卫健委, 人社局, 民政厅): the two characters before 委/厅/局
DEPARTMENT = re.compile(r"(?P<core>[^\W\d_是的去找在到给向问归由我你他她这那][^\W\d_是的去找在到给向问归由])(?:委|厅|局)")


class Vocabulary(Protocol):
    """What the corpus knows of a word, as the index answers it."""

    def share_of_items_with(self, term: str) -> float:
        """Share of items whose text uses the term; 0 for a word the corpus never uses."""

    def items_with(self, term: str) -> frozenset:
        """The items (or article sections) whose text uses the term."""

    def items_named(self, term: str) -> frozenset:
        """The numbered items whose heading uses the term: the programmes it names (an article's headings name none)."""

    def respelled(self, text: str) -> str:
        """The text with words typed by their sound replaced by the corpus words they sound like (底保 → 低保)."""

    def item_numbered(self, number: int) -> frozenset:
        """The item with that number, as items_with names items; empty when no item has it."""


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """The text with the documents' words for conditions, short forms and regions beside the user's (住校 → 寄宿生, 社保 →
    社会保障, 喀什 → 南疆四地州); remembered, as the passages' clauses are read again for every question."""
    lex = lexicon()
    for rule in lex.synonyms:
        if rule.kind in ("condition", "term"):
            text = rule.pattern.sub(f" {rule.name} ", text)
    for rule, (excepted, others) in zip(lex.regions, _excepted()):
        text = excepted.sub(f" {others} ", text)
        text = rule.pattern.sub(lambda m, name=rule.name: f"{m.group()} {name} ", text)
    return text


_PLAIN_WORDS = re.compile(r"[一-龥|]+")


@cache
def _excepted() -> list[tuple[re.Pattern, str]]:
    """For each region, a pattern of it excepted ("南疆四地州以外的", "南疆之外", "不在南疆四地州") and the other regions
    it means."""
    regions = lexicon().regions
    return [(re.compile(f"(?:{re.escape(rule.name)}|{rule.pattern.pattern})(?:以外|之外)"
                        f"|(?:不在|不属于|不是)(?:{re.escape(rule.name)}|{rule.pattern.pattern})(?:的)?"),
             " ".join(other.name for other in regions if other is not rule)) for rule in regions]


def programmes_named(text: str) -> list[str]:
    """The official names of the programmes a text calls by everyday names (营养餐 → 营养改善计划)."""
    return [r.name for r in lexicon().synonyms if r.kind == "programme" and r.pattern.search(text)]


def official(query: str) -> str:
    """The query with the official names of the programmes it calls by everyday names beside them."""
    return query + "".join(f" {name}" for name in programmes_named(query) if name not in query)


@cache
def _no_topic() -> frozenset[str]:
    """Stop words and payers (地方, 当地, 自治区: a level of government, or a place, though 地方病 is a heading): no
    word of what a message is about."""
    return lexicon().stop | frozenset(lexicon().payers)


def content_words(text: str) -> set[str]:
    stop = _no_topic()
    return {w for w in words(text) if w not in stop and len(w) > 1}


def without_slots(text: str) -> str:
    """The text without its regions and the conditions of a kind of case (南疆, 三年级, 住校): slots of a case, never
    what it is about; a condition of no kind names a thing too (学费: 保教费 of a kindergarten, 中等职业教育免除学费)."""
    lex = lexicon()
    for rule in (*lex.regions, *(r for r in lex.synonyms if r.kind == "condition" and r.dimension)):
        text = rule.pattern.sub("，", text.replace(rule.name, "，"))
    return text


def known_words(text: str, vocabulary: Vocabulary | None) -> dict[str, float]:
    """The words of a text that the corpus uses, with the share of items using each; money-question boilerplate
    (多少钱, 每月, 补贴 …) is left out."""
    return _known(content_words(text), vocabulary)


def _known(candidates: set[str], vocabulary: Vocabulary | None) -> dict[str, float]:
    generic = lexicon().generic
    return {w: share for w in candidates
            if w not in generic and not w.startswith("每") and not w[0].isdigit()
            and vocabulary is not None and (share := vocabulary.share_of_items_with(w)) > 0}


@cache
def _naming(word: str) -> bool:
    """Whether a word can name something: not an adverb, preposition, pronoun, numeral, measure or time word
    (至少, 以内, 这, 今年), by jieba's part of speech."""
    tags = pseg.lcut(word)
    return not (len(tags) == 1 and (tags[0].flag[0] in NOT_NAMING or tags[0].flag in ADJECTIVES))


_CLAUSE = re.compile(r"[，,；;]")
_JOINED = re.compile(rf"(?P<x>[^，,；;。？?！!、]+?)(?P<plus>{PLUS}|和|跟|与|以及|及)(?P<y>[^，,；;。？?！!、]+)")
SUMMED = re.compile(r"一共|加起来|加在一起|加到一起|加一起|加一块|合起来|合在一起|合计|总共|共计|总计")  # a sum asked
EACH = re.compile(r"各自|各(?=[是有为能要领拿交补发多几])|分别")  # the same asked of each, never their sum


def summands(message: str) -> list[str]:
    """A message asking the sum of what two things give, as a question about each: the clauses before "两项加一起"
    each with the clause asking ("农村老人82岁，还领着计生奖励扶助，两项加一起一年多少" → "农村老人82岁，一年多少",
    "还领着计生奖励扶助，一年多少"), or the two names joined by 加/和 each in the sentence alone ("读中职三年，国家助学金加
    免学费一共多少" → "读中职三年，国家助学金一共多少", "读中职三年，免学费一共多少"). [] when it sums no two things."""
    both = lexicon().both.pattern.search(message)
    if not both:
        return _apart(message, SUMMED)
    opens = max((m.end() for m in _CLAUSE.finditer(message, 0, both.start())), default=0)
    head, asking = message[opens:both.start()], message[both.end():]
    named = [c for c in _CLAUSE.split(message[:opens]) if c.strip()]
    if not head.strip() and len(named) == 1:  # "A和B，两块合计多少": the things summed are the clause before
        head, opens, asking = named[0], 0, "，" + asking
    elif not _JOINED.search(head) and "、" not in head:
        return [f"{c}，{head}{asking}" for c in named] if len(named) >= 2 else []
    # "A、B、C这三项加一块多少": each of the things listed; "A加B两项一共多少": each of the two joined
    if len(listed := [p for p in head.split("、") if p.strip()]) >= 2:
        return [message[:opens] + p + asking for p in listed]
    return _apart(message[:opens] + head + asking, None)


def each_asked(message: str) -> list[str]:
    """A message asking the same of two things named together, as a question about each ("失业保险和工伤保险2020年末
    参保各是多少万人" → "失业保险2020年末参保是多少万人", "工伤保险2020年末参保是多少万人"); [] when it asks no two."""
    if not EACH.search(message):  # the usual message: no join to look for (asked on every answer)
        return []
    return [EACH.sub("", part, count=1) for part in _apart(message, EACH, joined_by_plus=False)]


def _apart(message: str, asks: re.Pattern | None, joined_by_plus: bool = True) -> list[str]:
    """The two names joined by 加 or 和 each in the sentence alone; a 和 (or any join, when not `joined_by_plus`) only
    when `asks` follows it."""
    # 和 joins two names only as a word of its own (not the 和 of 和田); the message is segmented once, if at all
    words_at: set[tuple[str, int]] | None = None
    joined = None
    for m in _JOINED.finditer(message):
        if m["plus"][0] in "和跟与及":
            # the dictionary's words only: the guessing (HMM) pass glues 和 to a word after it (助学金和免学费 → 和免)
            words_at = words_at if words_at is not None else {(w, at) for w, at, _ in jieba.tokenize(message, HMM=False)}
            if (m["plus"], m.start("plus")) not in words_at:
                continue
        joined = m
        break
    if joined is None or (asks is not None and (joined["plus"] in "和跟与及以及" or not joined_by_plus)
                          and not asks.search(message, joined.start("y"))):
        return []
    # each name runs as far from the 加 or 和 as its words can name something: 助学金 of "三年下来助学金", 免学费 of
    # "免学费按平均标准"
    ahead = "".join(reversed(_name_run(jieba.lcut(joined["x"])[::-1], backwards=True)))
    first = len(joined["x"]) - len(ahead)
    second = len("".join(_name_run(jieba.lcut(joined["y"]))))
    if first == len(joined["x"]) or not second:
        return []
    before, after = message[:joined.start()], message[joined.end():]
    return [before + joined["x"] + joined["y"][second:] + after, before + joined["x"][:first] + joined["y"] + after]


def _name_run(words: list[str], backwards: bool = False) -> list[str]:
    """The words from the start of the list (read away from a join, `backwards` for the name before it) that make
    one name: a 的 only after a noun (老年福利的补助资金, not 能收到的广播节目)."""
    names = lambda w: w.isalnum() and _naming(w) and not lexicon().question.pattern.fullmatch(w)
    run: list[str] = []
    for i, word in enumerate(words):
        modifier = (words[i + 1] if i + 1 < len(words) else "") if backwards else (run[-1] if run else "")
        if word == "的" and not (run and i + 1 < len(words) and _noun(modifier)) or word != "的" and not names(word):
            break
        run.append(word)
    return run[:-1] if run and run[-1] == "的" else run


@cache
def _noun(word: str) -> bool:
    """Whether jieba reads the word as a noun or a verb used as one (福利, 服务), not a verb (收到)."""
    tags = pseg.lcut(word)
    return len(tags) == 1 and (tags[0].flag[0] == "n" or tags[0].flag == "vn")


def _slot(word: str) -> bool:
    """A case a figure depends on (住校, 小学生, 初中, 喀什), not a topic."""
    lex = lexicon()
    # a part of a region's name (地州 of 南疆五地州, 南疆四地州) is a place too
    return word in lex.conditions or any(word in region.name for region in lex.regions) \
        or any(rule.pattern.fullmatch(word) for rule in (*lex.synonyms, *lex.regions) if rule.kind != "programme")


def topic_words(text: str, vocabulary: Vocabulary | None) -> set[str]:
    """The words of a message that name a topic: known to the corpus, used by few items, no slot (小学生, 农村), no
    quantity (2个人, 97岁: numerals are read first), no adverb or measure and no payer. Of a word and its parts
    (失业率 and 失业, 残疾人 and 残疾) only the whole word is judged."""
    # nor a word combining figures (合计) or naming people (夫妻): the corpus may use them, of another item
    lex = lexicon()
    stop = _no_topic() | lex.operations | lex.people
    known = _known({w for w in _whole_words(text) if w not in stop and len(w) > 1}, vocabulary)
    return {w for w, share in known.items()
            if share < TOPIC_SHARE and (not _slot(w) or _names_programme(w, vocabulary)) and _naming(w)}


def topic_items(texts: list[str], vocabulary: Vocabulary) -> frozenset:
    """The items a topic's messages are about: for each message, those using all its topic words (the rarest
    first, a word that would leave none is passed over)."""
    about: set = set()
    for text in texts:
        if (number := item_number(text)) is not None:  # "第11项 …": the item named by its number
            about |= vocabulary.item_numbered(number)
        items = None
        for word in sorted(topic_words(text, vocabulary), key=lambda w: (vocabulary.share_of_items_with(w), w)):
            narrowed = vocabulary.items_with(word) if items is None else items & vocabulary.items_with(word)
            items = narrowed or items
        about |= items or set()
    return frozenset(about)


def item_digits(text: str) -> str:
    """The text with an item number written in words put in digits: 第四十八项 → 第48项."""
    # 第四十八项 is item 48, while 两项补贴 counts items: only 第 makes a numeral in words an item number
    return re.sub(r"第([零一二两三四五六七八九十百]+)(?=\s*[项条])", lambda m: f"第{chinese_to_int(m.group(1))}", text)


def item_number(text: str) -> int | None:
    """The item an operator names by number (第48项, 48项, "63 牵头单位"), read with Chinese numerals too."""
    found = lexicon().item_number.pattern.search(item_digits(text))
    return int(next(g for g in found.groups() if g)) if found else None


@dataclass(frozen=True)
class Turn:
    """How one message relates to the conversation before it."""

    kind: Literal["new", "switch", "follow"]  # switch: a new topic that keeps what was being asked


def _whole_words(text: str, expand: bool = True) -> set[str]:
    """The message's words, quantities left out (2个人, 97岁), and of a word and its parts (失业率 and 失业) the word;
    with the official names of the programmes it calls by everyday names unless `expand` is False."""
    segments = set(words(_QUANTITY.sub(" ", arabic(official(text) if expand else text))))
    return {w for w in segments if not any(w != longer and w in longer for longer in segments)}


def _supplies_quantity(message: str) -> bool:
    """A short message giving a number the topic needs ("我们那儿最低工资是1820", "我外婆九十五岁")."""
    said = Quantities.read(message)
    return len(message) <= 24 and any(v is not None for v in (said.base, said.people, said.age, said.months, said.days))


def relate(message: str, topic_so_far: list[str], vocabulary: Vocabulary | None) -> Turn:
    """How a message relates to the topic so far. A new topic when it names an item by number, or names a topic (a
    rare word the corpus uses) that no item of the topic so far uses; a message that refers back ("那残疾人呢？")
    changes topic only by naming another programme (a word of its heading), and then what was asked carries over.
    Otherwise a message that refers back or gives a quantity follows; one with words of its own that the topic
    so far does not have ("明天会不会下雪") is a question of its own."""
    if item_number(message) is not None:
        return Turn("new")
    if vocabulary is None:
        return Turn("follow")
    known = canonical(official(" ".join(topic_so_far)))
    about = topic_items(topic_so_far, vocabulary)
    lex = lexicon()
    refers_back = bool(lex.reference.pattern.search(message)) or _pronoun_back(message)
    asks = _asks(message)
    # the programmes the topic names by heading words
    # (by a word or a part of one: 广播节目 names 收听广播)
    named_before = _named_together(topic_so_far, vocabulary)

    def elsewhere(word: str) -> bool:
        """Whether a word of the message takes the conversation to another item."""
        named, using = vocabulary.items_named(word), vocabulary.items_with(word)
        if word in known or refers_back and not named:
            return False
        if named_before and named & about and not named & named_before:
            return True  # one of the topic's items named instead ("收听广播…" then "那电视卫星能看几套", 观看电视)
        if asks and using & about:
            return False  # asked of the topic's own item that uses it ("一年随访几次" of 严重精神障碍患者健康管理)
        # a word in headings names those programmes (残疾人 names item 60, though item 48 mentions it too)
        return not (named or using) & about

    # a programme called by an everyday name is named by its official one as a whole ("那独生子女没了的家庭特别扶助呢"
    # names 计划生育家庭特别扶助, though each of its words is another item's too)
    # what was asked carries over only to a message that asks nothing itself ("那残疾人呢？")
    if any(elsewhere(w) for w in [*topic_words(message, vocabulary), *programmes_named(message)]):
        return Turn("switch" if refers_back and not asks else "new")
    if refers_back:
        return Turn("follow")
    # the user's own words; a word only the topic's own items use ("还送字典吧" about free textbooks), or one naming a
    # programme of the topic ("南疆的中职学生" then "国家助学金一年多少": 中等职业教育国家助学金), stays within the topic
    ignored = lex.stop | lex.generic | lex.operations | lex.people | set(lex.payers)
    # the wording that combines earlier figures ("两个人一年加起来一共多少钱") names no subject
    plain_words = message
    for rule in lex.combine:
        plain_words = rule.pattern.sub(" ", plain_words)
    # nor does naming a field ("服务对象多大以下？") or asking who leads or pays ("是哪个部门负责的？"): those are fields
    # of the topic
    for rule in lex.fields:
        plain_words = rule.named.sub(" ", plain_words)
        if rule.name in ("牵头负责单位", "支出责任"):
            plain_words = rule.asked.sub(" ", plain_words)
    own = [w for w in _whole_words(plain_words, expand=False) if len(w) > 1 and _in_dictionary(w) and w not in known
           and w not in ignored and _naming(w) and (not _slot(w) or _names_programme(w, vocabulary))
           and not (about and vocabulary.items_with(w) & about)
           and not vocabulary.items_named(w) & about]
    # words the corpus never uses are another subject ("包工头拖了我们半年工钱"), even beside a quantity
    if any(vocabulary.share_of_items_with(w) == 0 for w in own) or (own and not _supplies_quantity(message)):
        return Turn("new")
    return Turn("follow")


def _named_together(messages: list[str], vocabulary: Vocabulary) -> frozenset:
    """The programmes the messages name by the heading words of all their topic words that name any (中职国家助学金:
    17.中等职业教育国家助学金, which both name, not 18.中等职业教育免除学费 or 15.普通高中国家助学金 that one does),
    a word by its parts where it is no heading word itself (广播节目 by 广播)."""
    sets = [named for m in messages for w in topic_words(m, vocabulary)
            if (named := vocabulary.items_named(w) or frozenset().union(
                *(vocabulary.items_named(part) for part in words(w) if len(part) > 1)))]
    return frozenset.intersection(*sets) if sets else frozenset()


def _names_programme(word: str, vocabulary: Vocabulary) -> bool:
    """A case word whose document name is a rare word of an item's heading (课本 → 教科书, item 12), or that is itself
    the heading word of one item (学费: 中等职业教育免除学费): it names that programme too, not only a case of a figure."""
    return any(vocabulary.items_named(name) and vocabulary.share_of_items_with(name) < TOPIC_SHARE
               for name in canonical(word).split() if name != word) or len(vocabulary.items_named(word)) == 1


def _in_dictionary(word: str) -> bool:
    """A word jieba knows, not a fragment its model cut ("一共涨了" → 共涨): only a word can be another subject."""
    return bool(jieba.dt.FREQ.get(word))


def _pronoun_back(message: str) -> bool:
    """他/她 that can only mean someone named earlier: the message names no one itself ("后年他就九十了")."""
    people = lexicon().people
    return bool(re.search(r"(?<!其)[他她]", message)) and not any(p in message for p in people)


def _asks(message: str) -> bool:
    """Whether a message asks something of its own: a field (补贴 alone names a topic, it asks nothing), an amount,
    a count, or yes or no."""
    lex = lexicon()
    return bool(lex.field_asked(message) not in (None, "服务标准") or lex.units_asked(message)
                or any(rule.pattern.search(message) for rule in (lex.how_much, lex.yes_no))
                or re.search(r"多少|几(?!乎)", message) and _counts_given(message))


def _sets_the_scene(message: str) -> bool:
    """Whether a message only tells the user's case ("家里俩孩子，一个初二一个小学三年级", "都不住校"): people, ages or
    conditions, asking nothing and naming no programme, so the question that comes next is asked of that case."""
    if _asks(message) or programmes_named(message) or re.search(r"[?？吗呢]", message):
        return False
    said = Quantities.read(message)
    return bool(said.people or said.ages or said.persons or set(canonical(message).split()) & lexicon().conditions)


def _counts_given(message: str) -> bool:
    """Whether a message gives a count of people or things ("学校三百个学生全住校，一年按基准定额一共多少"): its how-many
    asks of them, a question of its own, not the topic's question carried over."""
    said = Quantities.read(message)
    return bool(said.people or said.persons or said.things)


@dataclass(frozen=True)
class Understanding:
    """One dialogue, understood: its messages (normalised), the current topic, and what is asked of it."""

    messages: tuple[str, ...]
    topic: tuple[str, ...]  # the messages about the current topic, the last one included
    asking: tuple[str, ...]  # the messages whose wording says what is asked (a switch keeps the earlier ones)
    item: int | None = None  # an item named by number
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)

    @property
    def message(self) -> str:
        return self.messages[-1] if self.messages else ""

    @property
    def query(self) -> str:
        """The topic's messages, as the user wrote them (normalised)."""
        return " ".join(self.topic)

    @cached_property
    def search_query(self) -> str:
        """What to search for: the topic's messages with the official names of the programmes they call by everyday
        names. A field named outright ("高龄津贴 支出责任") selects the field, it says nothing of the topic: it is
        left out unless nothing else is left."""
        lex = lexicon()
        # a later message that names no topic ("俩人加一块一年多少？") changes a slot, not what is searched for
        kept = [m for i, m in enumerate(self.topic) if i == 0 or known_words(without_slots(m), self.vocabulary)]
        # a switch ("养老保险参保人数多少？" then "失业保险呢") asks the same of another programme: the earlier question's
        # topic words that name no programme (参保, 人数), nor by a part (失业保险金 by 失业保险), are searched with it
        switched = self.asking[:len(self.asking) - len(self.topic)]
        carried = {w for m in switched for w in topic_words(m, self.vocabulary)
                   if not any(self.vocabulary.items_named(part) for part in {w, *words(w)})}
        topic = " ".join(kept + sorted(carried))
        for rule in lex.fields:
            topic = rule.named.sub(" ", topic)
        if self.field == "牵头负责单位":  # "是民政厅牵头吧？我打电话给民政": the department put to us is no topic
            for core in {m.group("core") for m in DEPARTMENT.finditer(topic)}:
                topic = re.sub(f"{core}[委厅局]?", " ", topic)
        return official(topic if topic.strip() else self.query)

    @cached_property
    def asked_parts(self) -> list[str]:
        """The parts of the latest message that ask ("2020到2024年累计提高了50，那2020年是多少？" asks "那2020年是多少"):
        what the others say (a rise, a figure heard, 我爸七十了) is the user's premise or case, not what is asked."""
        question = lexicon().question.pattern
        return [p for p in re.split(r"[，,。？?！!；;]", self.message) if question.search(p)]

    @cached_property
    def asked_part(self) -> str:
        """The asking parts as one text; the whole message when none asks in words of a question ("第48项 标准")."""
        return "，".join(self.asked_parts) or self.message

    @cached_property
    def quantities(self) -> Quantities:
        """The topic's quantities, a later message overriding an earlier one."""
        return merged(self.messages, self.topic)

    @cached_property
    def said(self) -> Quantities:
        """The quantities of the last message alone (its claims, its counts of things, the age it gives)."""
        return Quantities.read(self.message)

    @cached_property
    def figures_given(self) -> list[str]:
        """The sums the topic's messages give, as the documents write figures (2670, 916); not those put to us to
        confirm (一年1000块吧？), which may be wrong."""
        said = self.quantities
        claimed = {value for value, _ in said.claims}
        return [plain(Decimal(n)) for n in [*said.money, *said.bare] if Decimal(n) not in claimed]

    @cached_property
    def wordings(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The latest message as written and with the documents' names in place of the everyday ones it uses (基本公卫 →
        基本公共卫生), its regions and cases left out (`without_slots`: never what a passage is about); and the names put
        in, which the user did not write (a name alone identifies a programme already: `identified`)."""
        lex = lexicon()
        written = without_slots(self.message)
        official, put = written, set()
        for rule in lex.synonyms:
            if rule.kind == "programme" and _PLAIN_WORDS.fullmatch(rule.pattern.pattern) and rule.pattern.search(official):
                official, put = rule.pattern.sub(rule.name, official), put | {rule.name}
        return tuple(dict.fromkeys((written, official))), frozenset(put)

    @cached_property
    def identified(self) -> list[str]:
        """The names of the programmes the search's messages identify by an everyday name (产检 → 孕产妇健康服务)."""
        return [r.name for r in lexicon().synonyms if r.identifies and r.pattern.search(self.search_query)]

    @cached_property
    def scope(self) -> Scope | None:
        """The kind of document the topic's messages name (报告里说的…, 标准里…): the search keeps to it."""
        return next((s for m in reversed(self.topic) if (s := lexicon().scope_named(m))), None)

    @cached_property
    def field(self) -> Field | None:
        """The field asked for, by the latest message that asks for one."""
        lex = lexicon()
        return next((f for text in reversed(self.asking) if (f := lex.field_asked(text))), None)

    @cached_property
    def field_wording(self) -> str | None:
        """The everyday words that asked for the field, when no field was named (see Lexicon.field_wording)."""
        lex = lexicon()
        return next((lex.field_wording(text) for text in reversed(self.asking) if lex.field_asked(text)), None)

    @cached_property
    def units(self) -> tuple[str, ...]:
        """What a how-many question counts (次, 天, 万人次, 亿元 …); () when none is asked. A message that asks nothing
        of its own ("糖尿病患者呢？") counts what the topic was counting."""
        lex = lexicon()
        if units := lex.units_asked(self.message):
            return units
        # "比2020年末多了多少" asks by how much the topic's count rose: in the units it was counted in
        if _asks(self.message) and not lex.rise_asked(self.message):
            return ()
        carried = next((units for text in reversed(self.asking[:-1]) if (units := lex.units_asked(text))), ())
        # "出版物配备资金呢" after "补充图书不少于多少种" asks money, no count; after "下了多少亿" the sum it names
        return () if self._names_money and not set(carried) <= {"亿元", "万元"} else carried

    @cached_property
    def money(self) -> bool:
        """Whether an amount is asked: money wording, or a sum, share or wage the user gave."""
        lex = lexicon()
        said = self.quantities
        # a sum put to us in 元 ("已经提到每人每年800了，是吧") asks whether it is the amount
        asked = any(lex.how_much.pattern.search(m) for m in self.asking) or bool(said.money) \
            or any(unit == "元" for _, unit in said.claims) or said.share is not None or said.base is not None
        # "义务教育困难学生生活补助咋发的" then "住校的小学生多少": a bare 多少 in a topic about money asks its amount
        # (or carried to a message asking nothing of its own: "要是不住校呢")
        bare = _BARE_HOW_MUCH.search(self.message) or not _asks(self.message) and any(
            _BARE_HOW_MUCH.search(m) for m in self.asking)
        asked = asked or bool(bare and not self.units
                              and lex.how_much.pattern.search(" ".join(self.topic)))
        # "普高助学金分几档" then "牵头单位呢？" / "归哪个部门管": the latest message names another field, or asks who
        # leads; not the amount ("要是在喀什呢，家里条件一般" changes a case, the words of who qualifies say nothing)
        other = next((f.name for f in lex.fields if f.named.search(self.message)), None) \
            or ("牵头负责单位" if lex.field_asked(self.message) == "牵头负责单位" else None)
        other_field = other not in (None, "服务标准") and not lex.how_much.pattern.search(self.message)
        return (asked or self._names_money and not self.units) and not other_field and not lex.who_pays.pattern.search(self.message)

    @cached_property
    def _names_money(self) -> bool:
        """A follow-up asking nothing of its own names money ("出版物配备资金呢" after "补充图书不少于多少种"): it asks
        that amount."""
        lex = lexicon()
        # "那生育津贴怎么算" asks how, in words: only "…呢？" asks the same of the money named
        bare = re.sub(r"[呢？?]", "", self.message)
        return len(self.asking) > 1 and not _asks(self.message) and not lex.question.pattern.search(bare) \
            and bool(lex.money_named.pattern.search(self.message))

    @cached_property
    def amount_asked(self) -> str:
        """The latest message that asks how much: what it says is asked ("占多少", then "平均一年多少" asks a total)."""
        how_much = lexicon().how_much.pattern
        return next((m for m in reversed(self.asking) if how_much.search(m)), self.message)

    @cached_property
    def outside(self) -> str:
        """Why the documents cannot answer (another province, a topic they never mention, where to go or what papers
        to bring), or ""."""
        if self.procedural_only:
            return ("抱歉，现有的政策文件只规定了服务对象、内容、标准和负责单位，没有写办理地点、电话、所需材料或发放时间，"
                    "我不能凭猜测回答。请向当地民政、人社等部门或12345政务服务热线咨询。")
        return self._elsewhere or self._uncovered

    @cached_property
    def _elsewhere(self) -> str:
        lex = lexicon()
        question = self.message
        # "户口在甘肃，在乌鲁木齐住了八个月": a place in Xinjiang named too makes the question Xinjiang's
        if (place := lex.elsewhere.pattern.search(question)) and "新疆" not in question \
                and not any(r.pattern.search(question) for r in lex.regions):
            return f"抱歉，我只能解答新疆维吾尔自治区的政策文件，没有{place.group()}的相关规定。请咨询当地政务服务热线12345。"
        return ""

    @cached_property
    def uncovered(self) -> tuple[Rule, str] | None:
        """The topic the documents do not cover that the message asks about, with the words asking it."""
        for rule in lexicon().uncovered:
            if (said := rule.pattern.search(self.message)) and not (
                    self.vocabulary and self.vocabulary.share_of_items_with(said.group()) > 0):
                return rule, said.group()
        return None

    @cached_property
    def _uncovered(self) -> str:
        if (found := self.uncovered) is None:
            return ""
        rule, said = found
        return f"抱歉，现有的政策文件没有涉及{rule.name}（{said}）的规定，我不能凭猜测回答。请拨打12345政务服务热线咨询。"

    @cached_property
    def procedural_only(self) -> bool:
        """Whether every part of the message that asks, asks where to go, a phone number, papers or a date (what the
        documents never say), of a topic they do cover (no other province, no topic they never mention)."""
        return not self._elsewhere and not self._uncovered and bool(asked := self.asked_parts) \
            and all(lexicon().procedure.pattern.search(part) for part in asked)

    @cached_property
    def intent(self) -> Intent:
        if self.outside:
            return "outside"
        if self.units:
            return "count"
        return "figure" if self.money else "field"


def understand(messages: list[str], vocabulary: Vocabulary | None = None) -> Understanding:
    """The dialogue understood; the last message is the one to answer. Without a vocabulary no word names a
    topic, so the whole dialogue is one topic."""
    texts = tuple(vocabulary.respelled(normalize(m)) if vocabulary else normalize(m) for m in messages)
    # a topic is found among the last few messages: a long session costs no more than a short one (the local
    # minimum wage, which holds for the whole session, is read from every message by the slot grammar)
    start = asking = max(0, len(texts) - TOPIC_WINDOW)
    for index in range(start + 1, len(texts)):
        turn = relate(texts[index], list(texts[start:index]), vocabulary)
        if turn.kind != "follow" and not all(_sets_the_scene(t) for t in texts[start:index]):
            start = index
            asking = index if turn.kind == "new" else asking
    # an item named by number stays named while the topic follows it ("第45项是什么项目" → "标准多少" → "一个季度能领多少")
    named = next((n for text in reversed(texts[start:]) if (n := item_number(text)) is not None), None)
    return Understanding(texts, texts[start:], texts[asking:], named, vocabulary)
