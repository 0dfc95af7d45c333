"""The understanding stage on its own: no index, a small vocabulary standing in for the corpus."""
from __future__ import annotations

import pytest

from assistant.amounts import _members
from assistant.answer import _figure_premise, _party_premise
from assistant.dialogue import Quantities
from assistant.plans import cases_held
from assistant.retrieval import words
from assistant.spelling import Respeller
from assistant.lexicon import lexicon
from assistant.understand import TOPIC_WINDOW, canonical, each_asked, normalize, summands, topic_words, understand

# A few items as (heading, text), and filler items so that a word of one item is rare, as in the real corpus.
ITEMS = {
    48: ("48.老年人福利补贴", "80周岁以上老年人发放高龄津贴，每人每月补贴50元；已享受重残补贴或残疾人生活救助的不重复享受"),
    29: ("29.失业保险", "失业保险金按当地最低工资标准的90%领取"),
    60: ("60.困难残疾人生活补贴和重度残疾人护理补贴", "残疾人两项补贴资金由自治区财政负担"),
    77: ("77.读书看报", "农家书屋补充更新图书不少于60种，开展阅读活动不少于4次，读书活动，合计"),
    13: ("13.义务教育家庭经济困难学生生活费补助", "寄宿生小学1000元，初中1250元"),
    11: ("11.义务教育阶段免除学杂费", "生均公用经费基准定额为普通初中每生每年850元，寄宿制学校学生年均增加200元"),
    17: ("17.中等职业教育国家助学金", "一、二年级在校生，资助标准每生每年2000元"),
    18: ("18.中等职业教育免除学费", "免除一、二、三学年学费，每生每年平均2000元"),
    "就业": ("就业政策不断完善", "城镇调查失业率控制在5%以内"),
    **{f"filler{n}": (f"{n}.其他服务", "标准 部门 政府 服务") for n in range(20)},
}


class Vocabulary:
    def items_with(self, term):
        return frozenset(k for k, (heading, text) in ITEMS.items() if term in heading + text)

    def items_named(self, term):
        return frozenset(k for k, (heading, _) in ITEMS.items() if term in heading)

    def share_of_items_with(self, term):
        return len(self.items_with(term)) / len(ITEMS)

    def respelled(self, text):
        return SPELLER.respelled(text)

    def item_numbered(self, number):
        return frozenset(k for k, (heading, _) in ITEMS.items() if heading.split(".")[0] == str(number))


SPELLER = Respeller((w for heading, text in ITEMS.values() for w in words(heading + text)),
                    "".join(heading + text for heading, text in ITEMS.values()))


VOCABULARY = Vocabulary()


def test_normalising_makes_traditional_characters_and_full_width_digits_plain():
    assert normalize("我奶奶九十二歲，每個月能領多少高齡津貼？") == "我奶奶九十二岁，每个月能领多少高龄津贴？"
    assert normalize("最低工資１９００，ＡＢ") == "最低工资1900，AB"


def test_topic_words_leave_out_slots_quantities_and_adverbs():
    # 失业保险金 is one of the documents' terms (lexicon words.terms): one word, not 失业 and 保险金
    assert topic_words("失业保险金一个月能领多少？", VOCABULARY) == {"失业保险金"}
    assert topic_words("要是不住校的小学生呢？", VOCABULARY) == set()
    assert topic_words("两个人一共呢？", VOCABULARY) == set()
    assert "至少" not in topic_words("一年至少搞几回？", VOCABULARY)
    assert topic_words("南疆五地州分到多少", VOCABULARY) == set()  # 地州 is a part of a region's name
    assert topic_words("夫妻俩一年合计多少？", VOCABULARY) == set()  # people, and a word combining figures


@pytest.mark.parametrize("messages,topic,asking", [
    # a follow-up changes a slot and keeps the topic
    (["我奶奶今年八十三，高龄津贴一个月多少？", "那九十七岁的呢？"], 2, 2),
    (["失业金一个月咋算的？", "我们那儿最低工资是1820"], 2, 2),
    (["村里农家书屋一年最少补多少种新书？", "那读书活动呢，一年至少搞几回？"], 2, 2),
    (["初中住校的生活补助多少？", "那小学住校呢？", "要是不住校的小学生呢？"], 3, 3),
    # a region (南疆五地州) and a verb of receiving (分到) name no topic: what the region got of the topic's funds
    (["巩固衔接任务资金总共下达了多少", "南疆五地州分到多少"], 2, 2),
    (["城市低保现在一个人一个月多少钱？", "农村的呢？", "农村的折成每个月是多少？"], 3, 3),
    (["我姥爷八十八了，能领高龄津贴不？", "后年他就九十了，到时候涨不涨？"], 2, 2),
    # an article's heading (…待遇保障水平持续提高) names no programme: 提高 asks of the same figure
    (["居民医保财政补助标准现在多少", "比原来提高了多少"], 2, 2),
    # the wording that combines the answers before (加起来一共) is no subject of its own
    (["俺妈今年八十五，有高龄补贴不？", "那俺奶奶一百零一岁呢，一个月多少", "两个人一年加起来一共多少钱"], 3, 3),
    # a complete question of its own starts a new topic
    (["失业保险金一个月能领多少？", "这几年新疆城镇的失业率大概压在多少以内？"], 1, 1),
    (["高龄津贴一个月多少？", "明天乌鲁木齐会不会下雪？"], 1, 1),
    (["高龄津贴一个月多少？", "包工头拖了我们半年工钱，该去哪说理？"], 1, 1),
    (["残疾人两项补贴能领吗？", "弟弟重度残疾没工作，他能单独吃低保吗？"], 1, 1),
    (["失业保险金一个月多少？", "孩子读中专，学费还免不免？住宿费呢"], 1, 1),
    # messages that only tell the user's case (children, their grades, boarding) are the case of the question after
    (["家里俩孩子，一个初二一个小学三年级", "都不住校，家里经济困难", "生活费补助各给多少？"], 3, 3),
    (["城乡居民医保 牵头", "这几年新疆城镇的失业率大概压在多少以内？"], 1, 1),  # a programme named is no case
    # referring back while naming another programme switches topic and keeps what was asked
    (["高龄津贴哪个部门管", "那残疾人两项补贴呢？"], 1, 2),
    # 学费 is a case of a kindergarten's cost, and the one heading word of 18: it names another item than the 17 that
    # 中职 and 国家助学金 name together (中职 alone would name both)
    (["中职国家助学金一年多少？", "三年级还有吗", "那学费呢"], 1, 3),
    # an item named by number is the topic its later words are used by; a how-many of a quantity given follows it
    (["第11项 普通初中 生均公用经费多少", "寄宿制的呢", "学校三百个学生全住校，一年按基准定额一共多少"], 3, 3),
    # an item named by number is always a topic of its own
    (["高龄津贴一个月多少？", "第77项 标准"], 1, 1),
    # asking how old (岁数, 年纪) names no subject, though the corpus never writes the word
    (["慢性病健康管理都管哪些病", "多大岁数以上才管？"], 2, 2),
])
def test_a_dialogue_is_cut_into_topics(messages, topic, asking):
    understood = understand(messages, VOCABULARY)
    assert len(understood.topic) == topic and len(understood.asking) == asking


@pytest.mark.parametrize("message,intent,field,item", [
    ("第48项 标准", "field", "服务标准", 48),
    ("71项 服务对象", "field", "服务对象", 71),
    ("第四十八项", "field", None, 48),
    ("63 牵头单位", "field", "牵头负责单位", 63),
    ("我奶奶九十二歲，每個月能領多少高齡津貼？", "figure", "服务标准", None),
    ("营养餐谁出钱", "field", "支出责任", None),
    ("农家书屋一年能添多少新书？", "count", "服务标准", None),
    ("住房公积金能不能提出来交房租？", "outside", "服务对象", None),
    ("上海的低保标准是多少？", "outside", "服务标准", None),
    ("我戶口在甘肅，在烏魯木齊住了八個月，能在這邊建健康檔案嗎？", "field", None, None),  # a Xinjiang place named too
    # every question of the message asks a practicality the documents never give (papers, where, a phone number)
    ("给老人申请高龄津贴要带哪些材料？去哪儿办？", "outside", "牵头负责单位", None),
    ("我爸七十了，社区体检是不是免费？要办啥卡？", "field", "服务内容", None),  # one question the documents may answer
    ("我爸七十了，坐公交是不是免费？要办啥卡？", "outside", "服务内容", None),  # a topic they never cover
])
def test_what_is_asked(message, intent, field, item):
    understood = understand([message], VOCABULARY)
    assert (understood.intent, understood.field, understood.item) == (intent, field, item)


@pytest.mark.parametrize("messages,wording", [
    (["有没有免费的哈萨克文报纸杂志可以看？"], "免费"),  # the passage may say these words itself (免费赠阅)
    (["高龄津贴 服务内容"], None),  # a field named outright is no wording of the passage
    (["孕产妇健康服务包括什么"], "包括"),
])
def test_the_everyday_words_that_ask_for_a_field(messages, wording):
    assert understand(messages, VOCABULARY).field_wording == wording


@pytest.mark.parametrize("messages,intent", [
    # a follow-up naming another field, or asking who leads, asks that field, not the amount asked before
    (["高龄津贴一个月多少", "牵头单位呢？"], "field"),
    (["高龄津贴一个月多少", "这个归哪个部门管？"], "field"),
    (["高龄津贴一个月多少", "对象呢"], "field"),
    # a follow-up changing a case asks the amount again, whatever words of who qualifies it uses
    (["高龄津贴一个月多少", "要是在喀什呢，家里条件一般"], "figure"),
    (["高龄津贴一个月多少", "那90岁呢"], "figure"),
])
def test_a_follow_up_asks_what_its_own_words_ask(messages, intent):
    assert understand(messages, VOCABULARY).intent == intent


@pytest.mark.parametrize("messages,ages", [
    # each person keeps the age told of them last; 他 is the one named last
    (["我爸八十三，高龄津贴一个月多少？", "我妈八十一，也有吗？", "要是我爸过了九十呢，两个人一年一共多少？"], [81, 90]),
    (["我爷爷八十三了，高龄津贴一个月多少？", "那等他到了九十岁呢？", "我奶奶今年都一百岁了，俩老人加起来一年呢？"], [90, 100]),
    # a time ahead makes the age told before that much older, and counts no years
    (["我爸八十八了，高龄津贴每月能领多少？", "明年他八十九呢？", "那再过两年呢？"], [91]),
    (["我奶奶87，高龄津贴每月多少", "三年后呢"], [90]),
])
def test_the_ages_of_people_told_one_by_one_across_messages(messages, ages):
    assert understand(messages, VOCABULARY).quantities.ages == ages


def test_a_long_session_reads_its_topic_from_the_latest_messages_and_its_wage_from_all():
    messages = ["我们这最低工资1900"] + ["那一年呢？"] * 30
    understood = understand(messages, VOCABULARY)
    assert len(understood.topic) <= TOPIC_WINDOW and understood.quantities.base == 1900


def test_a_field_named_outright_is_left_out_of_the_search():
    assert understand(["高龄津贴 支出责任"], VOCABULARY).search_query.strip() == "高龄津贴"
    assert understand(["支出责任"], VOCABULARY).search_query == "支出责任"
    assert "高龄津贴" in understand(["老人补贴 对象"], VOCABULARY).search_query  # the official name is added


def test_a_document_named_in_the_topic_scopes_its_follow_ups():
    assert understand(["報告裡工傷保險有啥新做法？"], VOCABULARY).scope == "article"
    assert understand(["财政厅那篇文章说低保提到多少", "农村的呢"], VOCABULARY).scope == "article"
    assert understand(["低保标准多少"], VOCABULARY).scope is None


def test_a_later_case_replaces_an_earlier_one_of_its_kind_only():
    dialogue = ["义务教育公用经费住校的标准是多少", "初中呢？", "我们村小学才60个学生，公用经费一年多少"]
    assert cases_held(understand(dialogue, VOCABULARY)) >= {"小学", "寄宿生"}
    assert "初中" not in cases_held(understand(dialogue, VOCABULARY))
    assert cases_held(understand(["小学和初中的公用经费差多少"], VOCABULARY)) >= {"小学", "初中"}  # one message names both


def test_quantities_are_read_from_the_topic_and_a_local_wage_from_the_whole_session():
    understood = understand(["失业金按啥标准发？", "我们县最低工资1700，领半年一共多少？"], VOCABULARY)
    assert understood.quantities.base == 1700 and understood.quantities.months == 6
    switched = understand(["我们这最低工资1900", "失业保险金一个月多少", "这几年新疆城镇的失业率大概压在多少以内？"], VOCABULARY)
    assert switched.topic == (switched.message,) and switched.quantities.base == 1900
    # the period said between the wage and its sum (一个月) is no number of it, written in traditional characters too
    said = understand(["我們那最低工資一個月1900，失業了領失業金，領半年一共多少？"], VOCABULARY).quantities
    assert (said.base, said.months) == (1900, 6)


@pytest.mark.parametrize("message,ages,months,people,bare", [
    ("俺爹下个月过90岁生日，过了90每月能多拿多少？", [89, 90], None, None, []),  # about to turn 90: 89 now
    ("奶奶90岁了，俺爷爷也90岁", [90, 90], None, None, []),  # two people of one age stay two
    ("老伴六十二，我五十九，俩人都能领吗？", [62, 59], None, 2, []),
    ("失业金一个月能领多少？领满12个月一共多少？", [], 12, None, []),  # a month is the rate, 12 months how long
    ("夫妻俩一年少拿多少？", [], None, 2, []),  # 俩 and 一年 are two numbers, not 21
    ("喀什农村的双胞胎一起上幼儿园，学前三年一共补助多少？", [], None, 2, []),  # twins are two
    ("稳岗返还平均每户返了多少钱？（保留两位小数）", [], None, None, []),  # rounding counts nothing
    ("小学生公用经费一年650，中央和自治区各出多少", [], None, None, [650]),
    ("俺们学校纳入营养改善计划的娃有500个，一年总共多少钱？", [], None, 500, []),  # the count after whom it counts
    ("老人从80岁一直领到89岁，一共能领多少？", [80], None, None, []),  # one life's span, not two people
    ("90岁以上老人高龄补贴每月200对吧？俺姥姥92", [92], None, None, []),  # a bracket is nobody's age
    ("家里两个老人 一个85一个96 高龄补贴一年总共多少", [85, 96], None, 2, []),
    # whose age it is, by any of the lexicon's words for people: 老头, 男的
    ("老两口 老头83 老太太91，高龄津贴俩人一个月一共多少？", [83, 91], None, 2, []),
    ("农村的两口子就俩闺女 男的61 女的58 计生奖励扶助能领不", [61, 58], None, 2, []),
    ("九十多岁的老人高龄津贴每月多少", [90], None, None, []),  # in the 90s: the bracket's lower end
    ("我家老爷子，农业户口，今年刚好八十整，能领高龄津贴不？", [80], None, None, []),  # an adverb before the age
])
def test_the_slot_grammar_reads_quantities_as_people_say_them(message, ages, months, people, bare):
    said = understand([message], VOCABULARY).said
    assert (said.ages, said.months, said.people, said.bare) == (ages, months, people, bare)


@pytest.mark.parametrize("message,headcount", [
    ("一年级新生45个，课本加字典一共多少", (45, "个")),  # a count of persons in 个
    ("夫妻俩一年少拿多少？", (2, "人")),
    ("县里有100个农家书屋，还有30所学校", None),  # two counts: which one is not for us to guess
    ("一个人一年多少", None),  # one is no count
])
def test_a_headcount_is_the_people_or_the_one_count_of_persons(message, headcount):
    assert understand([message], VOCABULARY).said.headcount == headcount


def test_a_piece_of_the_subject_is_no_sum_of_money():
    assert understand(["失业保险稳岗返还这一块，这几年返了多少钱？"], VOCABULARY).said.money == []
    assert understand(["社保就业加上卫生这两块花的钱占多少"], VOCABULARY).said.money == []
    assert understand(["老年福利的补助资金和托育服务的补助资金，两块合计下达了多少亿？"], VOCABULARY).said.money == []
    assert understand(["补贴给了一块钱吗"], VOCABULARY).said.money == [1]


def test_a_fragment_jieba_cut_is_no_subject_of_its_own():
    # "一共涨了" cuts into 共涨, a word nobody uses: the follow-up still asks about the pension
    asked = understand(["2024年基础养老金最低标准多少？", "这几年一共涨了多少？"], VOCABULARY)
    assert len(asked.topic) == 2


def test_a_span_of_a_life_counts_its_years_both_ends_included():
    assert understand(["老人从80岁一直领到89岁，一共能领多少？"], VOCABULARY).said.years == 10
    # up to the birthday before which it stops, that year is not counted
    assert understand(["从满80岁一直领到90岁生日前，总共多少钱？"], VOCABULARY).said.years == 10


@pytest.mark.parametrize("message,months", [
    ("俺娘高龄津贴从一月份领到六月份，一共多少", 6),
    ("3到5月的失业金加起来多少", 3),
    ("7月至12月共领几个月", 6),
    ("2020年1月到2024年涨了多少", None),  # from a date to a year: no count of months
    ("80到89岁每月多少", None),
])
def test_a_span_of_calendar_months_counts_them_both_ends_in(message, months):
    assert Quantities.read(normalize(message)).months == months


@pytest.mark.parametrize("message,years", [
    ("娃上三年初中一共补多少", 3),  # 年初 is a time of year, 年初中 no
    ("2020年初到现在涨了多少", None),
    ("孩子三年级，一年补多少", None),
    ("那再过两年呢？", None),  # when, not for how long
])
def test_a_count_of_years_is_told_from_a_year_or_a_grade(message, years):
    assert Quantities.read(normalize(message)).years == years


@pytest.mark.parametrize("message,parts", [
    ("农村老人82岁，还领着计生奖励扶助，两项加一起一年多少", ["农村老人82岁，一年多少", "还领着计生奖励扶助，一年多少"]),
    ("读中职三年，国家助学金加免学费按平均标准一共能享受多少",
     ["读中职三年，国家助学金按平均标准一共能享受多少", "读中职三年，免学费按平均标准一共能享受多少"]),
    ("高龄津贴和计生扶助一年一共多少", ["高龄津贴一年一共多少", "计生扶助一年一共多少"]),
    ("高龄津贴跟计生扶助一年加起来多少", ["高龄津贴一年加起来多少", "计生扶助一年加起来多少"]),
    ("孩子在和田上高中，三年学杂费一共能免多少？", []),  # the 和 of 和田 joins nothing
    ("高龄津贴和低保分别多少", []),  # 和 without a sum asked is two questions, not a sum
    ("夫妻俩一共多少", []),  # people counted, not two things named
    ("居民医保补助、医保服务能力提升补助、医疗救助补助这三项加一块下达了多少亿",
     ["居民医保补助下达了多少亿", "医保服务能力提升补助下达了多少亿", "医疗救助补助下达了多少亿"]),
    ("养老服务的补助资金和托育服务的补助资金，两块合计下达了多少亿？",  # a 的 inside a name; the clause before
     ["养老服务的补助资金，下达了多少亿？", "托育服务的补助资金，下达了多少亿？"]),
    ("通过直播卫星能收到的广播节目和电视节目最少一共多少套？",  # 的 after a verb ends a name
     ["通过直播卫星能收到的广播节目最少一共多少套？", "通过直播卫星能收到的电视节目最少一共多少套？"]),
])
def test_a_sum_of_two_things_named_is_asked_of_each(message, parts):
    assert summands(normalize(message)) == parts


@pytest.mark.parametrize("message,parts", [
    ("城市低保和农村低保2024年标准分别是多少", ["城市低保2024年标准是多少", "农村低保2024年标准是多少"]),
    ("失业保险和工伤保险，2020年末参保各是多少万人？", ["失业保险，2020年末参保是多少万人？", "工伤保险，2020年末参保是多少万人？"]),
    ("我和老伴各能领多少", []),  # people, not two things named
    ("高龄津贴和低保一共多少", []),  # a sum, not the same asked of each
])
def test_the_same_asked_of_two_things_named_is_asked_of_each(message, parts):
    assert each_asked(normalize(message)) == parts


def test_an_empty_dialogue_has_no_quantities():
    assert understand([], VOCABULARY).quantities.ages == []  # it raised: the last message's slots were read unset


def test_a_follow_up_that_names_nothing_the_corpus_knows_is_left_out_of_the_search():
    understood = understand(["我爷爷85了，高龄津贴有多少？", "那我奶奶九十一了呢？", "俩人加一块一年多少？"], VOCABULARY)
    assert len(understood.topic) == 3 and understood.search_query.startswith("我爷爷85了，高龄津贴有多少？")
    assert "俩人" not in understood.search_query and understood.quantities.ages == [85, 91]


def test_a_follow_up_that_only_changes_a_case_is_left_out_of_the_search():
    understood = understand(["中职国家助学金一年多少？", "三年级还有吗"], VOCABULARY)
    assert len(understood.topic) == 2 and "三年级" not in understood.search_query


def test_an_uncovered_topic_is_searched_once_the_corpus_uses_its_words():
    assert "住房公积金" in understand(["住房公积金能不能提出来交房租？"], VOCABULARY).outside
    ITEMS["公积金"] = ("公积金", "住房公积金")
    try:
        assert understand(["住房公积金能不能提出来交房租？"], VOCABULARY).outside == ""
    finally:
        del ITEMS["公积金"]
    assert understand(["新疆和上海比，高龄津贴90岁的每月多少？"], VOCABULARY).outside == ""


@pytest.mark.parametrize("message,members", [
    ("我家三个娃：老大初二，老二四年级，老三刚上一年级，课本费加字典一共补多少？",
     [("老大初二", 1), ("老二四年级", 1), ("老三刚上一年级", 1)]),
    ("仨孩子都上小学，一个一年级，另外俩三年级和五年级，一共补多少？", [("一个一年级", 1), ("另外俩三年级和五年级", 2)]),
    ("俩孩子，大的上初中住校，小的上小学不住校，一共多少", [("大的上初中住校", 1), ("小的上小学不住校", 1)]),
    ("三个孩子都上小学，一个一年级，两个三年级，一共多少", [("一个一年级", 1), ("两个三年级", 2)]),
    ("我家两个孩子上小学，一共补多少", []),
    ("老人一个月多少，一年一共多少", []),
])
def test_people_told_one_by_one_are_read_with_their_cases_and_counts(message, members):
    assert _members(message) == members


@pytest.mark.parametrize("question,quote,correction", [
    ("艾滋病随访管理的钱是地方财政出的吧？", "中央财政承担。", "不是地方财政出的，"),
    ("困难学生生活补助是中央全额出的，对不？", "中央和自治区统一按5：5共同承担。", "不是中央全额出的，"),
    ("公租房保障标准是自治区统一定的吧？", "具体标准由市、县级人民政府确定。", "不是自治区统一定的，"),
    ("是县里出的吧", "自治区本级和地县按9：1比例共同承担。", ""),
    ("营养餐是中央出的吧", "国家试点由中央财政全额承担。", ""),
    ("抢救的钱有地方出吗", "中央财政适当补助。", ""),
    # parties joined are each checked; the user as payer, against a clause that exempts them
    ("随访管理的钱是中央和地方一起出的吧？", "中央财政承担。", "不是中央和地方一起出的，"),
    ("生育保险我们职工自己每个月也得交一部分吧？", "用人单位承担缴纳生育保险费义务,职工个人不缴费。", "不对，个人不缴费。"),
    ("工伤保险个人要不要交钱", "用人单位缴纳工伤保险费，个人不缴费。", "不用，个人不缴费。"),
])
def test_a_party_put_to_us_as_paying_or_deciding_is_checked_against_the_clause(question, quote, correction):
    assert _party_premise(normalize(question), quote).startswith(correction)
    assert bool(_party_premise(normalize(question), quote)) is bool(correction)


@pytest.mark.parametrize("question,quote,correction", [
    # the figures said of what the question names are the ones checked: 人工 is 5×8小时, whatever 自助语音 has
    ("12333人工服务一天24小时都有人接吧", "人工服务为每周5×8小时，自助语音服务为每周7×24小时。", "不是24小时，文件规定的是8小时"),
    ("自助语音是24小时的吧", "人工服务为每周5×8小时，自助语音服务为每周7×24小时。", ""),
    # a sum said with its period and no unit is in 元
    ("农村低保才5000一年吧", "农村低保标准提高至2024年的每人每年6816元。", "不是5000元，文件规定的是6816元"),
    ("农村低保一年6816吧", "农村低保标准提高至2024年的每人每年6816元。", ""),
])
def test_a_figure_put_to_us_is_checked_against_the_clause_about_it(question, quote, correction):
    found = _figure_premise(understand([question], VOCABULARY), quote)
    assert found.startswith(correction) and bool(found) is bool(correction)


@pytest.mark.parametrize("message,wordings,put", [
    # the documents' name in place of an everyday short form, and the name noted as not the user's
    ("基本公卫人均补助提到多少了", ("基本公卫人均补助提到多少了", "基本公共卫生人均补助提到多少了"), {"公共卫生"}),
    # regions and conditions are slots: never a phrase quoted
    ("喀什地区现在的城市低保标准", ("，地区现在的，低保标准",), set()),
])
def test_the_wordings_a_quoted_phrase_is_looked_for_in(message, wordings, put):
    assert understand([message], VOCABULARY).wordings == (wordings, frozenset(put))


@pytest.mark.parametrize("typed,meant", [
    ("我奶奶的高令津贴每月多少", "高龄津贴"),  # a word typed by its sound
    ("失业宝险金按多少领", "失业保险金"),
    ("上班的人能领吗", "上班"),  # a word the dictionary knows is what the user meant
    ("没人照顾", "没人"),  # single characters are ordinary speech
])
def test_a_word_typed_by_its_sound_is_read_as_the_corpus_word(typed, meant):
    assert meant in understand([typed], Vocabulary()).message


@pytest.mark.parametrize("follow_up", ["是哪个部门负责的？", "服务对象多大以下？", "对象是哪些人"])
def test_asking_who_leads_or_pays_or_naming_a_field_follows_the_topic(follow_up):
    # "部门", "负责" are the fields asked of the topic, and 服务对象 a field named, not a subject of their own
    assert len(understand(["留守儿童关爱保护谁牵头？", follow_up], Vocabulary()).topic) == 2


@pytest.mark.parametrize("said, region", [("喀什的", "南疆四地州"), ("南疆的娃", "南疆四地州"), ("伊宁市郊的", "其他地（州、市）"),
                                          ("南疆四地州以外的农村幼儿园", "其他地（州、市）"), ("南疆以外的", "其他地（州、市）"),
                                          ("建档立卡困难户，不在南疆四地州", "其他地（州、市）")])
def test_a_place_is_read_as_its_region_and_a_region_excepted_as_the_other(said, region):
    named = [r.name for r in lexicon().regions if r.name in canonical(said)]
    assert named == [region]


@pytest.mark.parametrize("message,asked", [
    ("报告说2024年基础养老金最低195，2020到2024年累计提高了50，那2020年是多少？", "那2020年是多少"),
    ("我爸七十了，社区体检是不是免费？", "社区体检是不是免费"),
    ("第48项 标准", "第48项 标准"),  # a message asking in no words of a question is asked as a whole
])
def test_the_part_of_a_message_that_asks_leaves_the_users_premise_out(message, asked):
    assert understand([message]).asked_part == asked


@pytest.mark.parametrize("message,claims", [
    ("每孩次免费查两次对吧？", [(2, "次")]),
    # a statement with a question mark and no question word puts its figure to us
    ("35个脱贫县的衔接资金占了总量的77.9%？", [(77.9, "%")]),
    ("高龄津贴80岁每月多少钱？", []),
    ("低保一个月500元呢？", []),
    ("听说百岁老人高龄津贴每个月有三百，是真的吗？", [(300, "元")]),  # a sum said after its period is in 元
])
def test_figures_put_to_us_are_claims(message, claims):
    assert [(float(v), u) for v, u in Quantities.read(normalize(message)).claims] == claims


def test_a_count_said_roughly_is_read_as_the_count():
    rough, exact = (Quantities.read(normalize(m)) for m in ("我们村小学就六十来个学生", "我们村小学就60个学生"))
    assert (rough.things, rough.people) == (exact.things, exact.people)
    assert [n for n, _, _ in rough.things] == ["60"]


def test_a_bracket_asked_after_an_age_replaces_it():
    said = understand(["我奶奶今年八十七了，高龄津贴一个月给多少", "那90岁以上呢？"], VOCABULARY).quantities
    assert (said.age, said.older_than) == (None, 90)
    assert understand(["我奶奶今年八十七了，高龄津贴一个月给多少", "一年呢"], VOCABULARY).quantities.age == 87


@pytest.mark.parametrize("turns,intent,units", [
    (["农家书屋每年补充图书不少于多少种", "出版物配备资金呢"], "figure", ()),  # money named: its amount
    (["2021到2025年上半年，居民医保财政补助资金下了多少？", "那医保服务能力提升的补助呢"], "count", ("亿元", "万元")),
    (["生育保险是谁交钱？", "那生育津贴怎么算"], "field", ()),  # asks how, in words
    (["农家书屋每年补充图书不少于多少种", "阅读活动呢"], "count", ("种", "本", "册")),  # no money: the count
])
def test_a_follow_up_naming_money_asks_its_amount(turns, intent, units):
    u = understand(turns, VOCABULARY)
    assert (u.intent, u.units) == (intent, units)
