"""Amount facts extracted at ingest: verbatim, typed as what they are, stored with the index."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.facts import extract_facts
from ingest.index import all_chunks, open_store
from ingest.pipeline import read_chunks

from conftest import FISCAL_PDF, STANDARD_PDF


@pytest.fixture(scope="module")
def chunks():
    return [c for path in (STANDARD_PDF, FISCAL_PDF) for c in read_chunks(path)[0]]


def _facts(chunks, item: str, field: str = "服务标准"):
    return next(c.facts for c in chunks if c.item.startswith(item) and c.field == field)


def test_every_fact_is_verbatim_at_its_offsets(chunks):
    facts = [(c, f) for c in chunks for f in c.facts]
    assert len(facts) > 100
    for chunk, fact in facts:
        assert chunk.text[fact.start : fact.end] == fact.value, (chunk.locator, fact)
        assert chunk.text[fact.end :].lstrip().startswith((fact.unit, "—", "-", "～", "至", "％")), (chunk.locator, fact)


def test_age_brackets_select_the_elderly_allowance(chunks):
    brackets = [(f.value, f.rate_unit, f.age_min, f.age_max) for f in _facts(chunks, "48.")]
    assert brackets == [("50", "元/人/月", 80, 89), ("120", "元/人/月", 90, 99), ("200", "元/人/月", 100, None)]


def test_conditions_tell_neighbouring_figures_apart(chunks):
    living = {f.value: f.condition for f in _facts(chunks, "13.") if f.unit == "元"}
    assert living["1500"].endswith("寄宿生：初中") and living["750"].endswith("非寄宿生：初中")
    special = {f.value: f.condition for f in _facts(chunks, "46.")}
    assert "死亡" in special["450"] and "伤残" in special["350"]
    assert special["300"].startswith("二级") and "三级" not in special["300"]


def test_kinds_are_what_the_text_says(chunks):
    unemployment = _facts(chunks, "29.")
    assert [(f.kind, f.value, f.unit, f.base, f.per) for f in unemployment] == [("share", "90", "%", "当地最低工资标准", "月")]
    preschool = _facts(chunks, "10.")
    total = next(f for f in preschool if f.value == "2800")
    parts = [f for f in preschool if f.kind == "component"]
    assert total.kind == "total" and sum(Decimal(f.value) for f in parts) == Decimal(total.value) and len(parts) == 4
    high_school = _facts(chunks, "15.")
    assert [(f.kind, f.value, f.high) for f in high_school] == [
        ("average", "2000", ""), ("range", "2", "3"), ("range", "1000", "3000")]
    dibao = [f for c in chunks for f in c.facts if f.value in ("500", "712") and "城市低保" in f.condition]
    assert [(f.value, f.kind, f.year) for f in dibao] == [("500", "former", "2020"), ("712", "amount", "2024")]
    pension = [(f.value, f.kind, f.per) for c in chunks for f in c.facts if "基础养老金月最低标准" in f.condition]
    assert pension == [("50", "rise", "月"), ("195", "amount", "月")]  # 累计提高50元 is by how much, not to what


def test_an_average_keeps_its_period_to_itself():
    text = "安排至35个脱贫县的资金量达到765.65亿元、年均153.13亿元，安排至南疆五地州的资金量达到818.33亿元，年均163.67亿元。"
    assert [(f.value, f.per) for f in extract_facts(text) if f.unit == "亿元"] == [
        ("765.65", ""), ("153.13", "年"), ("818.33", ""), ("163.67", "年")]


def test_counts_are_facts_with_their_unit():
    text = "为约860万人次提供职业技能培训；参保人数1463.96万人；南疆四地州33个试点县市；每年随访4次，不少于60种。"
    assert [(f.value, f.unit) for f in extract_facts(text)] == [
        ("860", "万人次"), ("1463.96", "万人"), ("33", "个"), ("4", "次"), ("60", "种")]


def test_document_numbers_and_ratios_are_not_facts():
    text = "依据《通知》（新财规〔2020〕10号），自治区承担部分按7：3分担，第1至第24个月的每人每月补贴50元。"
    assert [f.value for f in extract_facts(text)] == ["50"]


def test_facts_are_stored_with_the_index(corpus_settings, chunks):
    stored = {c.id: c.facts for c in all_chunks(open_store(corpus_settings))}
    assert stored == {c.id: c.facts for c in chunks}
