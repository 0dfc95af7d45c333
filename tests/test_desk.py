"""The desk's services beside a conversation (assistant/desk.py), over the real index: messages checked before they
are answered, an operator's lookup, an item's card and its standard reply, a script's conversation by its turns."""
from __future__ import annotations

import json

import pytest

from assistant import desk
from assistant.__main__ import answer_line
from assistant.pool import Answers


@pytest.mark.parametrize("message, refused", [
    ("", "请输入您想咨询的问题"),
    ("  \x00\x07\u200b ", "请输入您想咨询的问题"),  # control and invisible characters only: nothing asked
    ("高" * 501, "问题太长了（501字）"),
    ("高龄津贴多少钱？🙏", None),  # an emoji is harmless
    ("高" * 500, None),
])
def test_a_message_is_checked_before_it_is_answered(message, refused):
    why = desk.refusal(message)
    assert (why is None) if refused is None else why.startswith(refused)


def test_a_scripts_conversation_is_answered_as_the_batch_interface_answers_it(answerer):
    turns = ["我奶奶九十二岁，每个月能领多少高龄津贴？", "一年呢？"]
    record = desk.ask_record(answerer, turns)
    batch = answer_line(answerer, json.dumps({"id": "x", "turns": turns}, ensure_ascii=False), 1)
    assert record == {k: v for k, v in batch.items() if k != "id"}
    assert "1440元" in record["answer"]
    assert desk.ask_record(answerer, ["高龄津贴", ""])["error"].startswith("turn 2: 请输入")
    assert "turns" in desk.ask_record(answerer, "高龄津贴")["error"]


def test_an_items_card_has_every_field_its_amounts_and_one_reply_to_read_out(answerer):
    card = desk.card(answerer, 48)
    assert card.item == "48.老年人福利补贴" and card.pages == "第37–38页"
    assert list(card.fields) == ["服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位"]
    assert [(a["value"], a["unit"], a["per"]) for a in card.amounts] == [("50", "元", "月"), ("120", "元", "月"),
                                                                         ("200", "元", "月")]
    assert card.reply.startswith("根据《自治区基本公共服务标准（2021年版）》第48项“老年人福利补贴”，服务对象：")
    # the standard's clauses that pay, not the documents it follows; and who leads
    assert "每人每月补贴120元" in card.reply and "《通知》" not in card.reply
    assert card.reply.endswith("牵头负责单位：自治区民政厅。")
    assert desk.card(answerer, 999) is None


@pytest.mark.parametrize("query", ["48", "第48项", "48项 标准", "第四十八项", "高龄津贴"])
def test_the_operator_finds_an_item_by_number_or_by_keywords(answerer, query):
    found = desk.lookup(answerer, query)
    assert found.results[0].item == "48.老年人福利补贴", [f.item for f in found.results]
    assert len({(f.doc, f.item or f.locator) for f in found.results}) == len(found.results)  # one passage per item
    assert found.took_ms >= 0 and not found.message


@pytest.mark.parametrize("query, items", [
    ("第48项", 1), ("48项 标准", 1), ("第四十八项", 1), ("63 牵头单位", 1),  # the number alone: that item alone
    ("第48项 高龄津贴 发放", 8), ("高龄津贴", 8),  # words beside it: what the search finds for them too
])
def test_an_item_asked_for_by_number_alone_is_listed_alone(answerer, query, items):
    assert len(desk.lookup(answerer, query).results) == items


def test_a_lookup_marks_the_words_it_matched_and_keeps_to_the_filters(answerer):
    found = desk.lookup(answerer, "高龄津贴")
    assert "高龄" in found.results[0].matched
    chapter = next(c for c in desk.chapters(answerer) if c.startswith("五"))
    assert all(f.locator.startswith(chapter) for f in desk.lookup(answerer, "补贴", chapter=chapter).results)
    assert "民政厅" in desk.departments(answerer)
    led = desk.lookup(answerer, "补贴", department="民政厅").results
    assert led and all(desk.card_of(answerer, f.item).fields["牵头负责单位"].count("民政厅") for f in led)
    assert desk.lookup(answerer, "").message.startswith("请输入")


def test_ratings_are_stored_durably_with_what_was_rated(tmp_path):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(tmp_path)
    rated = store.add("down", "一年呢？", ["高龄津贴每月多少"], "一年共1440元。", [{"doc": "自治区基本公共服务标准（2021年版）"}])
    assert store.comment(rated, "应该按九十岁算") and not store.comment(rated + 1, "没有这条")
    store.close()
    again = FeedbackStore(tmp_path)  # as after a restart
    [row] = again.rows()
    assert (row["rating"], row["question"], row["dialogue"], row["comment"]) == ("down", "一年呢？", ["高龄津贴每月多少"],
                                                                               "应该按九十岁算")
    assert row["citations"][0]["doc"].startswith("自治区")
    import io
    out = io.StringIO()
    assert again.export(out) == 1 and json.loads(out.getvalue())["answer"] == "一年共1440元。"


def test_a_question_the_documents_do_not_answer_gets_a_note_of_whom_to_transfer_to(answerer):
    assert desk.handoff(answerer, "职工医保个人缴费比例是多少").startswith(
        "转接建议：文件没有直接回答这个问题。最相近的事项是“43.职工基本医疗保险”，牵头负责单位为")
    # nothing near enough: no item, no department, no figure
    assert desk.handoff(answerer, "明天会下雪吗") == "转接建议：文件没有相关规定，请按热线流程转人工或相关部门。"


def test_staff_see_what_the_index_holds(answerer):
    found = desk.indexed(answerer)
    assert found.passages == sum(d["passages"] for d in found.documents) == len(answerer.retriever.chunks())
    standard = next(d for d in found.documents if any("基本公共服务标准" in t for t in d["documents"]))
    assert standard["pages"] >= 60 and standard["facts"] > 0
    assert found.last_ingest.startswith("20") and found.embeddings


def test_answers_from_worker_processes_are_the_answerers_own(answerer, corpus_settings):
    turns = ["我奶奶九十二岁，每个月能领多少高龄津贴？", "一年呢？"]
    answers = Answers(answerer, corpus_settings, 1)
    try:
        assert answers.record(turns) == desk.ask_record(answerer, turns)
        assert answers.ask(turns[-1], turns[:-1]) == answerer.ask(turns[-1], history=turns[:-1])
        assert answers.record(["高龄津贴", ""])["error"].startswith("turn 2: 请输入")
    finally:
        answers.close()
