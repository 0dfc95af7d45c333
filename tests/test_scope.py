"""Questions the documents cannot answer are declined before any search: other provinces, uncovered topics."""
from __future__ import annotations

from assistant.scope import outside


def _mentions_nothing(words: str) -> bool:
    return False


def _mentions_the_fund(words: str) -> bool:
    return words == "公积金"


def test_an_uncovered_topic_is_declined_only_while_the_corpus_never_mentions_it():
    assert "住房公积金" in outside("住房公积金能不能提出来交房租？", _mentions_nothing)
    assert "驾驶证" in outside("在乌鲁木齐考个驾照大概得花多少钱？", _mentions_nothing)
    assert outside("我们俩都是农村户口，孕前优生检查要自己掏钱吗", _mentions_nothing) == ""  # 户口 alone is no topic
    assert outside("住房公积金能不能提出来交房租？", _mentions_the_fund) == ""  # once a document covers it, it is searched


def test_another_province_is_declined_unless_xinjiang_is_asked_too():
    assert "上海" in outside("上海的低保标准是多少？", _mentions_nothing)
    assert outside("新疆和上海比，高龄津贴90岁的每月多少？", _mentions_nothing) == ""
