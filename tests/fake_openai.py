"""A small HTTP server speaking the OpenAI chat-completions protocol (plain, tool calls, streaming) on a loopback
port, replaying scripted replies: the assistant's model client talks to it over real HTTP as it would to vLLM,
Ollama or a hosted API. A reply is a function of the request (the table of figures is in the prompt)."""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Reply:
    content: str = ""
    tool: dict | None = None  # the arguments of a calculator_plan call
    delay: float = 0.0  # seconds before answering (a slow model)


# the scripted question and the faithful plan the tests replay: 50元/月 × 2人, × 12 months
QUESTION = "我爸妈都八十五了，高龄津贴两个人一年一共能领多少？"


def row(request: dict, pattern: str) -> str:
    """The id of the first row of the prompt's table matching the pattern (F3 for '50元/月…')."""
    table = request["messages"][-1]["content"]
    return re.search(rf"^([FU]\d+) \| {pattern}", table, re.M).group(1)


def yearly_for_two(answer: str = "两位老人一年一共{2}元。", delay: float = 0.0):
    def reply(request: dict) -> Reply:
        steps = [{"op": "multiply", "inputs": [row(request, "50元/月"), row(request, "2人")], "unit": "元/月"},
                 {"op": "monthly_to_yearly", "inputs": ["S1"], "unit": "元"}]
        return Reply(tool={"steps": steps, "answer": answer}, delay=delay)
    return reply


class FakeOpenAI:
    def __init__(self, replies: list[Callable[[dict], Reply]]):
        self.replies, self.requests = list(replies), []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                self._send({"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(request)
                reply = server.replies.pop(0)(request) if server.replies else Reply("")
                time.sleep(reply.delay)
                calls = [{"id": "call_1", "type": "function", "function": {
                    "name": "calculator_plan", "arguments": json.dumps(reply.tool, ensure_ascii=False)}}] if reply.tool else None
                if request.get("stream"):
                    return self._stream(reply.content, calls)
                message = {"role": "assistant", "content": reply.content or None, **({"tool_calls": calls} if calls else {})}
                self._send({"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": request["model"],
                            "choices": [{"index": 0, "message": message,
                                         "finish_reason": "tool_calls" if calls else "stop"}],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

            def _send(self, body: dict):
                data = json.dumps(body, ensure_ascii=False).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
                    pass

            def _stream(self, content: str, calls: list | None):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                deltas = [{"role": "assistant", "content": piece} for piece in [content[i:i + 4] for i in range(0, len(content), 4)]]
                deltas += [{"tool_calls": [{"index": 0, **calls[0]}]}] if calls else []
                for delta in deltas:
                    chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                done = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls" if calls else "stop"}]}
                self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}/v1"
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
