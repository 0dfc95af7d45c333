"""`python -m evals load`: many conversations at once against the web app's /ask endpoint, on loopback only.

Each conversation (2–4 turns, from the evaluation cases' follow-ups) is one client asking its turns in order, each
turn with the turns before it, as a script holds a conversation through the API. All start together and each holds
its conversation again every round. Reported: p50 / p95 / p99 of a turn, errors, throughput, cross-talk (an answer
that differs from the same conversation asked alone, one turn at a time, after the load) and the app's memory at the
start and at the end. Bounded in count and in time.

The clients speak Gradio's HTTP API (POST /gradio_api/call/ask, then read the event's result), one session each,
from one asyncio loop: gradio_client, which the README's examples use, spends about 0.1 s of CPU a call, and on these
two cores that CPU is taken from the app being measured.
"""
from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from ingest.config import Settings

from .cases import CASES, HELDOUTS, load
from .webapp import RunningApp, rss_mb

MAX_CONVERSATIONS = 200
MAX_SECONDS = 900
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def conversations(count: int) -> list[list[str]]:
    """`count` conversations of 2–4 turns, the evaluation cases' follow-ups in file order (repeated if too few)."""
    found = [c.turns for path in (CASES, *HELDOUTS) for c in load(path) if c.turns and 2 <= len(c.turns) <= 4]
    return [found[i % len(found)] for i in range(count)]


@dataclass
class Turn:
    conversation: int
    turn: int
    ms: float
    answer: str = ""
    error: str = ""


@dataclass
class Report:
    conversations: int
    turns: int
    errors: int
    cross_talk: int
    wall_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    turns_per_s: float
    memory_mb: list[float]  # the app's memory (its processes together) at the start, after the first round, at the end
    rounds: int
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        rss = " → ".join(f"{mb:.0f}" for mb in self.memory_mb) + " MB (start → first round → end)" if self.memory_mb else "—"
        return [f"{self.conversations} conversations at once × {self.rounds} round(s), {self.turns} turns in "
                f"{self.wall_s:.1f} s ({self.turns_per_s:.1f} turns/s)",
                f"turn latency p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, p99 {self.p99_ms:.0f} ms",
                f"errors {self.errors}, cross-talk {self.cross_talk}, app memory (RSS) {rss}",
                *self.failures[:10]]


async def _call(http: httpx.AsyncClient, url: str, session: str, turns: list[str]) -> dict:
    """One /ask call as Gradio's HTTP API makes it: the event is queued, then its result streamed back."""
    queued = await http.post(f"{url}gradio_api/call/ask", json={"data": [turns], "session_hash": session})
    queued.raise_for_status()
    streamed = await http.get(f"{url}gradio_api/call/ask/{queued.json()['event_id']}")
    streamed.raise_for_status()
    event = data = ""
    for line in streamed.text.splitlines():
        if line.startswith("event:"):
            event = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = line.removeprefix("data:").strip()
    if event != "complete":
        raise RuntimeError(f"event {event or 'missing'}: {data[:200]}")
    return json.loads(data)[0]


async def _converse(http: httpx.AsyncClient, url: str, session: str, number: int, turns: list[str]) -> list[Turn]:
    done = []
    for k in range(1, len(turns) + 1):
        started = time.perf_counter()
        try:
            record = await _call(http, url, session, turns[:k])
            done.append(Turn(number, k, (time.perf_counter() - started) * 1000, record.get("answer", ""),
                             record.get("error", "")))
        except Exception as exc:  # a failed request is counted and reported, never fatal
            done.append(Turn(number, k, (time.perf_counter() - started) * 1000, error=f"{type(exc).__name__}: {exc}"))
    return done


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def drive(url: str, count: int, seconds: float, pid: int | None = None) -> Report:
    """Rounds of `count` conversations at once until `seconds` have passed (one round at least), then each
    conversation asked alone for the cross-talk check."""
    if urlparse(url).hostname not in LOOPBACK:
        raise ValueError(f"{url}: the load command drives an app on loopback only (127.0.0.1)")
    return asyncio.run(_drive(url.rstrip("/") + "/", conversations(count), seconds, pid))


async def _drive(url: str, talks: list[list[str]], seconds: float, pid: int | None) -> Report:
    # an idle connection is dropped before the server's keep-alive (5 s) can close it under a request being sent
    limits = httpx.Limits(max_connections=2 * len(talks) + 2, keepalive_expiry=1)
    sessions = [uuid.uuid4().hex for _ in talks]  # a script's client keeps its session
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        rss = [rss_mb(pid)] if pid else []
        turns, rounds, started = [], 0, time.perf_counter()
        while rounds == 0 or time.perf_counter() - started < seconds:
            for done in await asyncio.gather(*(_converse(http, url, sessions[i], i, t) for i, t in enumerate(talks))):
                turns += done
            rounds += 1
            rss += [rss_mb(pid)] if pid and rounds == 1 else []
        wall = time.perf_counter() - started
        rss += [rss_mb(pid)] if pid else []
        alone = {i: await _converse(http, url, uuid.uuid4().hex, i, talk) for i, talk in enumerate(talks)}
    failures = [f"error: conversation {t.conversation} turn {t.turn}: {t.error}" for t in turns if t.error]
    crossed = [t for t in turns if not t.error and t.answer != alone[t.conversation][t.turn - 1].answer]
    failures += [f"cross-talk: conversation {t.conversation} turn {t.turn}: {talks[t.conversation][:t.turn]}"
                 for t in crossed]
    ms = [t.ms for t in turns]
    return Report(len(talks), len(turns), sum(bool(t.error) for t in turns), len(crossed), round(wall, 2),
                  round(statistics.median(ms), 1), round(_percentile(ms, 0.95), 1), round(_percentile(ms, 0.99), 1),
                  round(len(turns) / wall, 2), rss, rounds, failures)


def run(count: int, seconds: float, url: str | None, out: Path | None) -> int:
    count, seconds = max(1, min(count, MAX_CONVERSATIONS)), max(0.0, min(seconds, MAX_SECONDS))
    if url:
        report = drive(url, count, seconds)
    else:
        with tempfile.TemporaryDirectory() as work:
            print("starting the web app over the index in the data folder…", file=sys.stderr)
            with RunningApp(Settings().data_dir, Path(work) / "app.log", "高龄津贴每月多少") as app:
                report = drive(app.url, count, seconds, app.process.pid)
    print("\n".join(report.lines()))
    if out:
        out.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if report.errors or report.cross_talk else 0
