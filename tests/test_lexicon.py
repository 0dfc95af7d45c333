"""Every lexicon entry does what its examples say (assistant/lexicon.toml): one test case per example."""
from __future__ import annotations

import pytest

from assistant.lexicon import FIELDS, lexicon
from assistant.understand import item_number, normalize

LEX = lexicon()


def _cases(rules, group):
    return [pytest.param(rule, example, True, id=f"{group}:{rule.name}:{example}") for rule in rules
            for example in rule.examples] + \
           [pytest.param(rule, example, False, id=f"{group}:{rule.name}:not:{example}") for rule in rules
            for example in rule.not_]


@pytest.mark.parametrize("rule,example,matches", _cases(
    [LEX.reference, LEX.elsewhere, LEX.procedure, LEX.question, LEX.how_much, LEX.yes_no, LEX.all_claimed, LEX.who_pays, LEX.member, LEX.share_asked, LEX.per_one,
     LEX.money_named, LEX.money_asked, LEX.roughly, LEX.scale_asked, LEX.percent_asked, LEX.rise, LEX.risen_to, LEX.earlier, *LEX.combine, LEX.both, *LEX.scopes, *LEX.synonyms, *LEX.regions, *LEX.uncovered], "pattern"))
def test_patterns_match_their_examples_and_not_their_counter_examples(rule, example, matches):
    assert bool(rule.pattern.search(normalize(example))) is matches


@pytest.mark.parametrize("rule,example,matches", _cases(LEX.fields, "field"))
def test_each_field_is_asked_by_its_examples(rule, example, matches):
    assert (LEX.field_asked(normalize(example)) == rule.name) is matches


@pytest.mark.parametrize("rule,example,matches", _cases([LEX.item_number], "item"))
def test_item_numbers_are_read_from_operator_lookups_only(rule, example, matches):
    assert (item_number(normalize(example)) is not None) is matches


@pytest.mark.parametrize("rule,example,matches", _cases(LEX.measures, "measure"))
def test_each_count_question_asks_for_its_units(rule, example, matches):
    assert (LEX.units_asked(normalize(example)) == tuple(rule.kind.split())) is matches


def test_the_lexicon_is_validated_when_loaded(tmp_path):
    assert tuple(f.name for f in LEX.fields) == FIELDS
    assert {"寄宿生", "初中", "南疆四地州"} <= LEX.conditions and "高龄津贴" not in LEX.conditions
    broken = tmp_path / "lexicon.toml"
    broken.write_text(lexicon.__wrapped__.__globals__["PATH"].read_text(encoding="utf-8")
                      .replace("says = '公积金'", "says = '公积金('"), encoding="utf-8")
    with pytest.raises(ValueError, match="uncovered 住房公积金: bad pattern"):
        lexicon(broken)


@pytest.mark.parametrize("word,where", [("新疆", True), ("喀什", True), ("四地州", True), ("乌鲁木齐", True),
                                        ("低保", False), ("手抓饭", False)])
def test_places_say_where_not_what(word, where):
    assert LEX.is_place(word) is where



def test_groups_and_other_names_of_one_person_are_people_words():
    # a household is no one person an age is told of; 爸爸 and 我爸 are the same person
    assert LEX.groups and LEX.groups <= LEX.people and not {"爸", "妈", "我爸"} & LEX.groups
    assert set(LEX.same_person.values()) <= LEX.people and LEX.same_person["父亲"] == "爸"
