"""Command line: `python -m assistant ask "问题" [--json]`, `python -m assistant batch < in.jsonl > out.jsonl` and
`python -m assistant feedback > feedback.jsonl` (the residents' ratings, for review)."""
from __future__ import annotations

import argparse
import json
import sys

from ingest.config import Settings

from .answer import Answerer, ready_answerer
from .feedback import FeedbackStore


def _format(answer) -> str:
    lines = [answer.text]
    for number, c in enumerate(answer.citations, start=1):
        page = f" {c.page_label}" if c.page_label else ""
        lines.append(f"\n[{number}] 《{c.doc}》 {c.locator}{page}\n{c.quote}")
    return "\n".join(lines)


def answer_line(answerer: Answerer, line: str, number: int) -> dict:
    """The JSON record for one batch input line; a malformed line gets an error record instead."""
    expected = 'expected {"id": ..., "question": "..."} or {"id": ..., "turns": ["...", ...]}'
    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "answered": False, "error": f"line {number}: not JSON ({exc.msg}); {expected}"}
    if not isinstance(case, dict):
        return {"id": None, "answered": False, "error": f"line {number}: {expected}"}
    messages = case.get("turns") or ([case["question"]] if "question" in case else [])
    if not messages or not all(isinstance(m, str) for m in messages):
        return {"id": case.get("id"), "answered": False, "error": f"line {number}: {expected}"}
    answer = answerer.ask(messages[-1], history=messages[:-1])
    return {"id": case.get("id"), **answer.to_json()}


def batch(answerer: Answerer, lines, out) -> int:
    """One JSON answer per input line, in order; returns how many lines were malformed."""
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = answer_line(answerer, line, number)
        failures += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="政策通: answers from the policy documents.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    sub.add_parser("batch", help="JSON Lines in on stdin, JSON Lines out on stdout")
    sub.add_parser("feedback", help="export the web app's 👍/👎 ratings as JSON Lines on stdout")
    args = parser.parse_args(argv)

    if args.command == "feedback":
        store = FeedbackStore(Settings().data_dir)
        print(f"{store.export(sys.stdout)} ratings from {store.path}", file=sys.stderr)
        return 0

    answerer = ready_answerer(log=lambda line: print(line, file=sys.stderr))
    if args.command == "ask":
        answer = answerer.ask(args.question)
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if args.json else _format(answer))
        return 0
    return 1 if batch(answerer, sys.stdin, sys.stdout) else 0


if __name__ == "__main__":
    sys.exit(main())
