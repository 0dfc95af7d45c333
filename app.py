"""政策通 web chat: `python app.py` serves it on http://127.0.0.1:7860."""
from __future__ import annotations

import os

import gradio as gr

from assistant.answer import Answerer, ready_answerer
from assistant.types import Answer

EXAMPLES = [
    "我外婆今年九十六，每个月高龄津贴有多少？",
    "孩子在喀什上初中住校，生活补助一年多少钱？",
    "失业保险金怎么算？",
    "公租房的事情找哪个部门？",
]


def _text(content) -> str:
    """A chat message's text, whether Gradio hands it over as a string or as content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text", "")
    if isinstance(content, list):
        return "".join(_text(part) for part in content)
    return ""


def citations_markdown(answer: Answer) -> str:
    if not answer.citations:
        return "（本次回答没有引用条款）"
    parts = []
    for number, c in enumerate(answer.citations, start=1):
        page = f" · {c.page_label}" if c.page_label else ""
        quote = "\n".join(f"> {line}" for line in c.quote.splitlines())
        note = f"\n\n*{c.note}*" if c.note else ""
        parts.append(f"**[{number}] 《{c.doc}》**  \n{c.locator}{page}\n\n{quote}{note}")
    return "\n\n---\n\n".join(parts)


def build(answerer: Answerer) -> gr.Blocks:
    def respond(message: str, history: list) -> tuple[str, str]:
        earlier = [_text(m["content"]) for m in history if m.get("role") == "user"]
        answer = answerer.ask(message, history=earlier)
        return answer.text, citations_markdown(answer)

    with gr.Blocks(title="政策通 · 新疆公共服务政策问答") as demo:
        gr.Markdown("## 政策通 · 新疆基本公共服务与社会保障政策问答\n回答均摘自官方文件原文，并注明出处和页码。")
        with gr.Row():
            with gr.Column(scale=3):
                sources = gr.Markdown("（提问后在这里显示引用的条款原文）", elem_id="citations", render=False)
                gr.ChatInterface(
                    respond,
                    chatbot=gr.Chatbot(label="对话", height=480, elem_id="chat"),
                    textbox=gr.Textbox(placeholder="请输入您的问题，例如：我奶奶九十二岁，每月高龄津贴多少？",
                                       elem_id="question", submit_btn="发送"),
                    additional_outputs=[sources],
                    examples=EXAMPLES,
                    examples_label="试试这样问",
                    stop_btn=False,
                )
            with gr.Column(scale=2):
                gr.Markdown("### 引用条款")
                sources.render()
    return demo


def main() -> None:
    answerer = ready_answerer()
    port = int(os.environ.get("GRADIO_SERVER_PORT", "7860"))
    build(answerer).launch(server_name="127.0.0.1", server_port=port)


if __name__ == "__main__":
    main()
