"""`python -m evals load`: many conversations at once against the web app's /ask endpoint, on loopback only.

Each conversation (2–4 turns, from the evaluation cases' follow-ups) is one client asking its turns in order, each
turn with the turns before it, as a script holds a conversation through the API. All start together. Reported: p50 /
p95 / p99 of a turn, errors, throughput, cross-talk (an answer that differs from the same conversation asked alone,
one turn at a time, after the load) and the app's memory at the start and at the end. Bounded in count and in time.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

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
    rss_start_mb: float | None
    rss_end_mb: float | None
    rounds: int
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        rss = f"{self.rss_start_mb:.0f} → {self.rss_end_mb:.0f} MB" if self.rss_start_mb and self.rss_end_mb else "—"
        return [f"{self.conversations} conversations at once × {self.rounds} round(s), {self.turns} turns in "
                f"{self.wall_s:.1f} s ({self.turns_per_s:.1f} turns/s)",
                f"turn latency p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, p99 {self.p99_ms:.0f} ms",
                f"errors {self.errors}, cross-talk {self.cross_talk}, app memory (RSS) {rss}",
                *self.failures[:10]]


def _converse(url: str, number: int, turns: list[str]) -> list[Turn]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    done = []
    for k in range(1, len(turns) + 1):
        started = time.perf_counter()
        try:
            record = client.predict(turns=turns[:k], api_name="/ask")
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
    talks = conversations(count)
    rss_start = rss_mb(pid) if pid else None
    turns, rounds, started = [], 0, time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        while rounds == 0 or time.perf_counter() - started < seconds:
            for done in pool.map(_converse, [url] * count, range(count), talks):
                turns += done
            rounds += 1
    wall = time.perf_counter() - started
    rss_end = rss_mb(pid) if pid else None
    alone = {i: _converse(url, i, talk) for i, talk in enumerate(talks)}
    failures = [f"error: conversation {t.conversation} turn {t.turn}: {t.error}" for t in turns if t.error]
    crossed = [t for t in turns if not t.error and t.answer != alone[t.conversation][t.turn - 1].answer]
    failures += [f"cross-talk: conversation {t.conversation} turn {t.turn}: {talks[t.conversation][:t.turn]}"
                 for t in crossed]
    ms = [t.ms for t in turns]
    return Report(count, len(turns), sum(bool(t.error) for t in turns), len(crossed), round(wall, 2),
                  round(statistics.median(ms), 1), round(_percentile(ms, 0.95), 1), round(_percentile(ms, 0.99), 1),
                  round(len(turns) / wall, 2), rss_start, rss_end, rounds, failures)


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
