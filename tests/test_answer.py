"""Answers from the real corpus index: quoted figures, citations with pages, honest refusals."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from assistant.__main__ import batch
from ingest.config import ROOT


def test_age_selects_the_bracket_and_cites_item_with_page(answerer):
    answer = answerer.ask("我外婆今年九十六，每个月高龄津贴有多少？")
    assert answer.answered and "120元" in answer.text
    assert "50元" not in answer.text and "200元" not in answer.text
    citation = answer.citations[0]
    assert "48.老年人福利补贴" in citation.locator and citation.page == 37
    assert "120元" in citation.quote


def test_question_about_a_department_gets_the_lead_unit(answerer):
    answer = answerer.ask("公租房的事情该找哪个部门？")
    assert answer.citations[0].locator.endswith("51.公租房保障 › 牵头负责单位")
    assert "自治区住房和城乡建设厅" in answer.text


def test_every_number_in_an_answer_is_in_its_cited_text(answerer):
    import re

    for question in ["孩子在喀什上初中住校，生活补助一年多少钱？", "农村幼儿园伙食费补多少", "城市低保标准现在多少"]:
        answer = answerer.ask(question)
        body = answer.text.split("\n\n依据")[0]
        quoted = "".join(c.quote for c in answer.citations)
        assert answer.answered
        assert all(n in quoted for n in re.findall(r"\d+(?:\.\d+)?", body)), question


def test_unrelated_question_is_declined_without_citations(answerer):
    answer = answerer.ask("明天乌鲁木齐会不会下雪？")
    assert not answer.answered and answer.citations == []
    assert "没有找到" in answer.text


def test_other_provinces_policies_are_politely_declined(answerer):
    answer = answerer.ask("上海的低保标准是多少？")
    assert not answer.answered and answer.citations == [] and "上海" in answer.text
    assert answerer.ask("新疆和上海比，高龄津贴90岁的每月多少？").answered


def test_follow_up_uses_the_conversation(answerer):
    answer = answerer.ask("那九十岁的呢？", history=["八十五岁的老人每月高龄津贴多少？"])
    assert "120元" in answer.text and "48.老年人福利补贴" in answer.citations[0].locator


def test_batch_lines_in_order_with_errors_reported(answerer):
    import io

    lines = [
        json.dumps({"id": "a", "question": "我外婆今年九十六，每个月高龄津贴有多少？"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "c", "turns": ["八十五岁老人每月高龄津贴多少？", "那一百零一岁呢？"]}, ensure_ascii=False),
    ]
    out = io.StringIO()
    assert batch(answerer, lines, out) == 1
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a", None, "c"]
    first = records[0]
    assert set(first) >= {"id", "answer", "answered", "citations", "calculations"}
    assert set(first["citations"][0]) >= {"doc", "locator", "page", "quote"}
    assert first["citations"][0]["doc"] == "自治区基本公共服务标准（2021年版）"
    assert "error" in records[1] and "line 2" in records[1]["error"]
    assert "200元" in records[2]["answer"]


def test_cli_ask_json(corpus_settings):
    env = {**os.environ, "POLICY_DESK_DATA": str(corpus_settings.data_dir)}
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "失业保险金按什么标准发？", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(done.stdout)
    assert result["answered"] and "90%" in result["answer"]
    assert "29.失业保险" in result["citations"][0]["locator"]
