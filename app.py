"""政策通 web app: `python app.py` serves it on http://127.0.0.1:7860.

Tabs: the resident chat, and the operator console (lookup by item number, keywords or a caller's words; an item's
card with the reply to read out). API endpoints for scripts (gradio_client): /ask (a conversation's turns → the batch
record), /search (an operator's lookup), /item (an item's card by number), and for staff /add_document and
/remove_document.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import html
import logging
import os
import re
from pathlib import Path

import gradio as gr

from assistant import desk
from assistant.answer import Answerer, ready_answerer
from assistant.feedback import FeedbackStore
from assistant.pool import Answers, default_workers
from assistant.types import Answer
from ingest.config import Settings
from ingest.upload import Refused, add, remove

EXAMPLES = [
    "我外婆今年九十六，每个月高龄津贴有多少？",
    "孩子在喀什上初中住校，生活补助一年多少钱？",
    "失业保险金怎么算？",
    "公租房的事情找哪个部门？",
]
ALL = "全部"
# answers are computed concurrently, in worker processes (assistant/pool.py): each conversation's state is the browser
# session's own (or the turns a script sends); a few more at once than workers keeps every worker busy
CONCURRENCY = 8
# sessions remembered (least recently used go first): Gradio keeps a copy of every component's settings per session,
# about 110 KB here, so its default of 10,000 would let memory grow past a gigabyte
SESSIONS = 2000
# copy one message only: the button copying the whole conversation has an English label that no dictionary sets
COPY = ["copy"]
# Gradio's own labels follow the browser's language, from its dictionaries (a Chinese browser gets 清空对话, 重试, 赞, 踩;
# an app's translations cannot replace its English ones). What its zh-CN dictionary lacks is added here.
FRAMEWORK_LABELS = gr.I18n(**{"zh-CN": {"chatbot": {"copy_message": "复制这条回答", "copied_message": "已复制"}}})
CSS = """
#citations mark, #console-results mark { background: #fde68a; padding: 0 1px; }
.gradio-container { max-width: 100% !important; }
@media (max-width: 640px) { .gradio-container { padding: 4px !important; } }
"""


def _text(content) -> str:
    """A chat message's text, whether Gradio hands it over as a string or as content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text", "")
    if isinstance(content, list):
        return "".join(_text(part) for part in content)
    return ""


def _asked(history: list) -> list[str]:
    """The user's messages of a chat history, as the answerer was asked them."""
    return [m for m in (desk.cleaned(_text(m["content"])) for m in history if m.get("role") == "user") if m]


def _marked(text: str, figures: list[str]) -> str:
    """The clause text, escaped, with the figures the answer used marked (longest first, whole numbers only)."""
    escaped = html.escape(text)
    for figure in sorted(set(figures), key=len, reverse=True):
        escaped = re.sub(rf"(?<![\d.])({re.escape(figure)})(?![\d.])", r"<mark>\1</mark>", escaped)
    return escaped


NO_CITATIONS = "（本次回答没有引用条款）"
WORKING = "正在查阅文件并核算，请稍候…"
# who answered, shown where a language model is configured beside the rules (Answer.answerer)
ANSWERERS = {"rules": "本回答由规则作答。", "model": "本回答由语言模型列式，程序核算并核对出处。"}


def citations_markdown(answer: Answer) -> str:
    if not answer.citations:
        return NO_CITATIONS
    # the figures the answer used: the calculations' operands from the documents, and those its first line states
    lead = answer.text.split("\n", 1)[0]
    used = [o.value for c in answer.calculations for o in c.operands if o.source == "document"] \
        + [n.value for n in answer.numbers if n.source == "citation" and n.value in lead]
    parts = []
    for number, c in enumerate(answer.citations, start=1):
        page = f" · {c.page_label}" if c.page_label else ""
        quote = "\n".join(f"> {line}" for line in _marked(c.quote, used).splitlines())
        note = f"\n\n*{c.note}*" if c.note else ""
        parts.append(f"**[{number}] 《{c.doc}》**  \n{c.locator}{page}\n\n{quote}{note}")
    working = [f"- {c.expression}" for c in answer.calculations]
    by = f"\n\n*{ANSWERERS[answer.answerer]}*" if answer.answerer else ""
    return "\n\n---\n\n".join(parts) + ("\n\n**计算过程**\n" + "\n".join(working) if working else "") + by


def _results_html(found: desk.Lookup) -> str:
    if found.message:
        return f"<p>{html.escape(found.message)}</p>"
    if not found.results:
        return "<p>没有找到相关事项。</p>"
    rows = []
    for rank, f in enumerate(found.results, start=1):
        snippet = html.escape(f.text[:120] + ("…" if len(f.text) > 120 else ""))
        for word in f.matched:
            snippet = snippet.replace(html.escape(word), f"<mark>{html.escape(word)}</mark>")
        rows.append(f"<li><b>{html.escape(f.item or f.locator)}</b> · {html.escape(f.field or '报告段落')} · "
                    f"{html.escape(f.page)}<br>{snippet}</li>")
    return f"<p>找到 {len(found.results)} 项，用时 {found.took_ms:.0f} 毫秒</p><ol>{''.join(rows)}</ol>"


def _last_clause(text: str) -> str:
    """The clause a condition ends with (年龄在80周岁…的老年人每人每月补贴, not what the sentence said before it)."""
    return next((c for c in reversed(re.split(r"[，；。：]", text)) if c.strip()), "")


def _card_markdown(card: desk.Card | None) -> str:
    if card is None:
        return "（没有这个编号的事项）"
    parts = [f"### {card.item}\n{' › '.join(card.path[:-1])} · {card.pages}",
             "\n\n".join(f"**{name}**：{text}" for name, text in card.fields.items())]
    if card.amounts:
        rows = [f"| {a['value']} | {a['unit']} | {a['per'] or '—'} | {_last_clause(a['condition']) or '—'} |"
                for a in card.amounts]
        parts.append("\n".join(["| 金额 | 单位 | 周期 | 条件 |", "| --- | --- | --- | --- |", *rows]))
    return "\n\n".join(parts)


def _indexed_markdown(answerer: Answerer) -> str:
    found = desk.indexed(answerer)
    rows = [f"| {d['source']} | {'；'.join(d['documents'])} | {d['pages']} | {d['passages']} | {d['facts']} |"
            for d in found.documents]
    return "\n".join([f"共 {len(found.documents)} 个文件，{found.passages} 段，{found.facts} 个金额/数字事实；"
                      f"最近一次建立索引：{found.last_ingest or '未知'}（UTC）；向量模型：{found.embeddings}", "",
                      "| 文件 | 文件中的文档 | 页数 | 段落 | 数字事实 |", "| --- | --- | --- | --- | --- |", *rows])


def _sources(answerer: Answerer) -> list[str]:
    return [d["source"] for d in desk.indexed(answerer).documents]


def _sources_choice(answerer: Answerer):
    return gr.update(choices=_sources(answerer), value=None)


def _changed(change, done: str) -> str:
    """One upload or removal, said as a line: what the index holds now, or why nothing changed."""
    try:
        report = change()
    except Refused as refused:
        return f"❌ {refused}。文件库和索引没有改动。"
    if report.errors:
        return "❌ " + "；".join(report.errors)
    return f"✅ {done}：{report.summary().splitlines()[0]}"


def _sign_in_form(name: str) -> tuple:
    """A staff sign-in form inside a tab: user, password, the refusal shown, the button."""
    user = gr.Textbox(label="工作人员用户名", elem_id=f"{name}-user")
    password = gr.Textbox(label="密码", type="password", elem_id=f"{name}-password")
    refused = gr.Markdown()
    return user, password, refused, gr.Button("登录", elem_id=f"{name}-sign-in")


def build(answers: Answers, feedback: FeedbackStore, staff: tuple[str, str] | None = None) -> gr.Blocks:
    """The app; with `staff` (user, password) the console and documents tabs open only after signing in there.
    Answers come from `answers`; the console's look-ups, fast, from its answerer in this process."""
    answerer = answers.answerer
    settings = answerer.retriever.settings

    def answer_of(message: str, history: list) -> tuple[str, str]:
        message = _text(message)
        if (why := desk.refusal(message)) is not None:
            return why, NO_CITATIONS
        answer = answers.ask(desk.cleaned(message), _asked(history))
        return answer.text, citations_markdown(answer)

    def respond(message: str, history: list):
        if getattr(answerer, "model", None) is not None:  # a language model may take seconds: never a blank screen
            yield WORKING, NO_CITATIONS
        yield answer_of(message, history)

    def rate(history: list, like: gr.LikeData) -> tuple[int | None, str]:
        """Stores a 👍 / 👎 with the question, the dialogue before it, the answer and its citations. Answers are
        deterministic: the citations are those of the same question asked again after the same dialogue."""
        index = like.index[0] if isinstance(like.index, (list, tuple)) else like.index
        rating = {True: "up", False: "down"}.get(like.liked)
        asked = _asked(history[:index])
        if rating is None or not asked:
            return None, ""
        answer = answers.ask(asked[-1], asked[:-1])
        feedback_id = feedback.add(rating, asked[-1], asked[:-1], _text(history[index]["content"]),
                                   [vars(c) for c in answer.citations])
        return feedback_id, "已记录您的评价，谢谢！如愿意，可在下面补充说明。"

    def add_comment(feedback_id: int | None, text: str) -> tuple[str, str]:
        if feedback_id is None:
            return text, "请先点 👍 或 👎 评价一条回答。"
        if not desk.cleaned(text):
            return text, "请输入意见后再提交。"
        feedback.comment(feedback_id, desk.cleaned(text)[:desk.MAX_CHARS])
        return "", "意见已保存，谢谢！"

    def is_staff(user: str, password: str) -> bool:
        return staff is not None and hmac.compare_digest(user.encode(), staff[0].encode()) \
            and hmac.compare_digest(password.encode(), staff[1].encode())

    def sign_in(user: str, password: str):
        ok = is_staff(user, password)
        shown = [gr.update(visible=ok)] * 2 + [gr.update(visible=not ok)] * 2
        return [ok, *shown, "" if ok else "用户名或密码不对。"]

    def console_search(query: str, chapter: str, department: str, signed_in: bool):
        if not signed_in:
            return "<p>请先登录。</p>", gr.update(choices=[], value=None), "", ""
        found = desk.lookup(answerer, query, chapter="" if chapter == ALL else chapter,
                            department="" if department == ALL else department)
        items = [f.item for f in found.results if f.item]
        first = desk.card_of(answerer, items[0]) if items else None
        return (_results_html(found), gr.update(choices=items, value=items[0] if items else None),
                _card_markdown(first) if first else "", first.reply if first else "")

    def open_card(item: str | None, signed_in: bool):
        if not item or not signed_in:
            return "", ""
        card = desk.card_of(answerer, item)
        return _card_markdown(card), card.reply if card else ""

    def console_turn(message: str, history: list) -> tuple[str, list, str]:
        """A caller's follow-ups, asked from the console: its own dialogue, apart from the resident tab's; a question
        the documents do not answer comes with a note of whom to transfer the caller to."""
        text, cited = answer_of(message, history)
        if cited == NO_CITATIONS and desk.refusal(message) is None:
            cited = desk.handoff(answerer, desk.cleaned(message))
        return "", [*history, {"role": "user", "content": message}, {"role": "assistant", "content": text}], cited

    def ask(turns: list[str]) -> dict:
        """A conversation's last turn answered as `python -m assistant batch` answers it: the same JSON record."""
        return answers.record(turns)

    def search(query: str, k: int = 8, chapter: str = "", department: str = "") -> dict:
        """An operator's lookup: items by number, keywords or a caller's words, best first, with the time it took."""
        return desk.lookup(answerer, query, k=k, chapter=chapter, department=department).to_json()

    def item(number: int) -> dict:
        """An item's card by number: every field, pages, amounts and the standard reply; {} when there is none."""
        found = desk.card(answerer, int(number))
        return found.to_json() if found else {}

    def upload(files: list[str] | None, signed_in: bool, progress=gr.Progress(track_tqdm=True)):
        """Each file checked, then added and indexed (the bars are ingest's own); a refusal changes nothing."""
        if not signed_in:
            return "请先登录。", gr.update(), gr.update(), gr.update()
        said = [_changed(lambda: add(settings, Path(path).name, Path(path).read_bytes(), progress=True), "已加入")
                for path in files or []]
        # the files are cleared once done, so the next choice is not sent again with them
        return "\n\n".join(said) or "请先选择文件。", _indexed_markdown(answerer), _sources_choice(answerer), None

    def delete(name: str | None, signed_in: bool, progress=gr.Progress(track_tqdm=True)):
        if not signed_in or not name:
            return "请先登录。" if not signed_in else "请先选择要删除的文件。", gr.update(), gr.update()
        said = _changed(lambda: remove(settings, name, progress=True), "已删除")
        return said, _indexed_markdown(answerer), _sources_choice(answerer)

    def add_document(name: str, content_base64: str, user: str, password: str) -> dict:
        """Staff only (the staff user and password must be configured): add or replace a document, given its file
        name and its bytes in base64; the index version serving afterwards, or why it was refused."""
        if not is_staff(user, password):
            return {"ok": False, "error": "需要工作人员用户名和密码（POLICY_DESK_STAFF_USER / _PASSWORD）"}
        try:
            report = add(settings, name, base64.b64decode(content_base64, validate=True))
        except (Refused, binascii.Error) as refused:
            return {"ok": False, "error": str(refused)}
        return {"ok": not report.errors, "version": report.version, "summary": report.summary()}

    def remove_document(name: str, user: str, password: str) -> dict:
        """Staff only: take a document (by its file name) out of the corpus and the index."""
        if not is_staff(user, password):
            return {"ok": False, "error": "需要工作人员用户名和密码（POLICY_DESK_STAFF_USER / _PASSWORD）"}
        try:
            report = remove(settings, name)
        except Refused as refused:
            return {"ok": False, "error": str(refused)}
        return {"ok": not report.errors, "version": report.version, "summary": report.summary()}

    with gr.Blocks(title="政策通 · 新疆公共服务政策问答") as demo:
        gr.Markdown("## 政策通 · 新疆基本公共服务与社会保障政策问答\n回答均摘自官方文件原文，并注明出处和页码。")
        signed_in = gr.State(staff is None)
        with gr.Tabs():
            with gr.Tab("居民问答", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=300):
                        sources = gr.Markdown("（提问后在这里显示引用的条款原文）", elem_id="citations", render=False)
                        rated = gr.State(None)  # the id of the session's last rating, for its comment
                        chatbot = gr.Chatbot(label="对话", height=480, elem_id="chat", buttons=COPY)
                        gr.ChatInterface(
                            respond,
                            chatbot=chatbot,
                            textbox=gr.Textbox(label="您的问题", placeholder=f"请输入您的问题，例如：{desk.EXAMPLE}",
                                               elem_id="question", submit_btn="发送"),
                            additional_outputs=[sources],
                            examples=EXAMPLES,
                            examples_label="试试这样问",
                            stop_btn=False,
                            api_name="respond",
                        )
                        thanks = gr.Markdown(elem_id="feedback-status")
                        with gr.Row():
                            comment = gr.Textbox(label="意见", placeholder="回答有问题？可以说说哪里不对（可选）", show_label=False,
                                                 elem_id="feedback-comment", scale=4)
                            gr.Button("提交意见", elem_id="feedback-submit", scale=1).click(
                                add_comment, [rated, comment], [comment, thanks], api_visibility="private")
                        chatbot.like(rate, [chatbot], [rated, thanks], api_visibility="private")
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### 引用条款")
                        sources.render()
            with gr.Tab("坐席工作台", id="console"):
                with gr.Group(visible=staff is not None) as console_lock:
                    console_form = _sign_in_form("console")
                with gr.Column(visible=staff is None) as console_open:
                    query = gr.Textbox(label="查找", placeholder="关键词、事项编号（48、第48项、48项 标准）或来电人的原话",
                                       elem_id="console-query", submit_btn="查找")
                    with gr.Row():
                        chapter = gr.Dropdown([ALL, *desk.chapters(answerer)], value=ALL, label="章节", min_width=160)
                        department = gr.Dropdown([ALL, *desk.departments(answerer)], value=ALL, label="牵头负责单位",
                                                 min_width=160)
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=2, min_width=300):
                            results = gr.HTML(elem_id="console-results")
                            picked = gr.Radio([], label="打开事项卡片", elem_id="console-items")
                        with gr.Column(scale=3, min_width=300):
                            card = gr.Markdown(elem_id="console-card")
                            reply = gr.Textbox(label="标准答复（可复制）", lines=4, buttons=["copy"], interactive=False,
                                               elem_id="console-reply")
                    query.submit(console_search, [query, chapter, department, signed_in], [results, picked, card, reply],
                                 api_visibility="private")
                    picked.input(open_card, [picked, signed_in], [card, reply], api_visibility="private")
                    gr.Markdown("#### 来电追问（与居民问答的对话分开）")
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=3, min_width=300):
                            console_chat = gr.Chatbot(label="来电对话", height=320, elem_id="console-chat", buttons=COPY)
                            console_question = gr.Textbox(label="来电人的问题", placeholder="输入来电人的问题", show_label=False,
                                                          elem_id="console-question", submit_btn="发送")
                        with gr.Column(scale=2, min_width=300):
                            console_sources = gr.Markdown(elem_id="console-citations")
                    console_question.submit(console_turn, [console_question, console_chat],
                                            [console_question, console_chat, console_sources], api_visibility="private")
            with gr.Tab("文件与索引", id="documents"):
                with gr.Group(visible=staff is not None) as documents_lock:
                    documents_form = _sign_in_form("documents")
                with gr.Column(visible=staff is None) as documents_open:
                    overview = gr.Markdown(_indexed_markdown(answerer), elem_id="documents-overview")
                    gr.Button("刷新", elem_id="documents-refresh").click(
                        lambda: _indexed_markdown(answerer), None, overview, api_visibility="private")
                    gr.Markdown("#### 添加或更新文件\nPDF（含扫描件）、.txt 或 .md；同名文件会被替换。文件先整体检查，"
                                "不合格的不会改动文件库和索引；建好新索引后才切换，期间问答照常。")
                    uploads = gr.File(label="选择文件", file_count="multiple", file_types=[".pdf", ".txt", ".md"],
                                      elem_id="documents-upload")
                    add_button = gr.Button("加入文件库并建立索引", variant="primary", elem_id="documents-add")
                    outcome = gr.Markdown(elem_id="documents-outcome")
                    with gr.Row():
                        removable = gr.Dropdown(label="从文件库删除", choices=_sources(answerer), value=None,
                                                elem_id="documents-removable")
                        delete_button = gr.Button("删除", variant="stop", elem_id="documents-delete")
                    add_button.click(upload, [uploads, signed_in], [outcome, overview, removable, uploads],
                                     api_visibility="private")
                    delete_button.click(delete, [removable, signed_in], [outcome, overview, removable],
                                        api_visibility="private")
            for user, password, refused, button in (console_form, documents_form):
                button.click(sign_in, [user, password],
                             [signed_in, console_open, documents_open, console_lock, documents_lock, refused],
                             api_visibility="private")
        gr.api(ask, api_name="ask")
        gr.api(search, api_name="search")
        gr.api(item, api_name="item")
        gr.api(add_document, api_name="add_document")
        gr.api(remove_document, api_name="remove_document")
    # Gradio recomputes its per-endpoint timing summary (pandas, over the last 10,000 events) after every event unless
    # told otherwise: under load that took a third of the server's time, and more the longer it ran
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000")
    return demo.queue(default_concurrency_limit=CONCURRENCY)


def main() -> None:
    settings = Settings()
    answerer = ready_answerer(settings)
    port = int(os.environ.get("GRADIO_SERVER_PORT", "7860"))
    user, password = os.environ.get("POLICY_DESK_STAFF_USER"), os.environ.get("POLICY_DESK_STAFF_PASSWORD")
    if not (user and password):
        logging.warning("staff pages (坐席工作台, 文件与索引) are open to anyone: set POLICY_DESK_STAFF_USER and "
                        "POLICY_DESK_STAFF_PASSWORD to require a sign-in")
    answers = Answers(answerer, settings, default_workers())
    logging.warning("answering in %s", f"{answers.workers} worker processes" if answers.workers else "this process")
    demo = build(answers, FeedbackStore(settings.data_dir), (user, password) if user and password else None)
    try:
        demo.launch(server_name="127.0.0.1", server_port=port, css=CSS, state_session_capacity=SESSIONS, i18n=FRAMEWORK_LABELS)
    finally:
        answers.close()


if __name__ == "__main__":
    main()
