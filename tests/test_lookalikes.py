"""Documents holding the same item (other regions' or years' versions of a standard): the answer says which one it
used, follows the one the user names, and otherwise says that the versions differ instead of picking one silently."""
from __future__ import annotations

import pytest

from assistant.answer import Answerer
from ingest.pipeline import run

from conftest import settings_for

VERSION = "# 某地区高龄津贴发放标准（{year}年版）\n\n## 一、高龄津贴\n\n年满80周岁的老年人每人每月补贴{amount}元，由县级民政部门发放。\n"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versions")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "old.md").write_text(VERSION.format(year=2022, amount=100), encoding="utf-8")
    (corpus / "new.md").write_text(VERSION.format(year=2024, amount=150), encoding="utf-8")
    settings = settings_for(corpus, folder / "data")
    run(settings, progress=False)
    return Answerer(settings)


def test_versions_that_differ_are_said_to_differ_with_both_cited(answerer):
    answer = answerer.ask("80岁老人高龄津贴每月多少钱")
    assert "规定不同" in answer.text and "请说明是哪一份" in answer.text
    assert {c.doc for c in answer.citations} == {"某地区高龄津贴发放标准（2022年版）", "某地区高龄津贴发放标准（2024年版）"}
    assert answer.guard == "passed"


@pytest.mark.parametrize(("question", "amount", "year"), [
    ("按2024年版的标准，80岁老人高龄津贴每月多少", "150元", "2024"),
    ("2022年版里80岁老人的高龄津贴每月多少", "100元", "2022"),
])
def test_the_version_the_user_names_is_followed_and_named(answerer, question, amount, year):
    answer = answerer.ask(question)
    assert amount in answer.text and f"以上依据您说的《某地区高龄津贴发放标准（{year}年版）》" in answer.text
    assert answer.citations[0].doc == f"某地区高龄津贴发放标准（{year}年版）"


def test_a_look_beyond_the_items_found_reads_each_passage_once_whatever_its_versions(answerer):
    """What an answer looks through beyond the items found (the passages stating a count's unit, the report
    paragraphs) is the nearest n places of the corpus, one version of each: n copies of one passage would crowd out
    the rest."""
    stating = answerer.retriever.stating_in(("元",), "高龄津贴每月多少", 200)
    assert len(stating) == 1 and stating[0].text.startswith("年满80周岁")
    assert len(answerer.retriever.chunks()) > len({c.locator for c in answerer.retriever.chunks()})
