"""Answers computed in worker processes, for a server that many people use at once.

One Python process answers on one core at a time (the GIL): under 50 conversations at once the web app kept one of
this machine's two cores busy and the other idle. Each worker process loads its own answerer over the same index, so
answers stay those of one answerer (nothing in a conversation lives in a worker: every call brings its turns).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from ingest.config import Settings

from .answer import Answerer
from .desk import EXAMPLE, ask_record
from .guard import Guarded
from .llm import ModelSettings
from .types import Answer
from .withmodel import with_model

_answerer: Guarded | None = None  # the worker process's own


def default_workers() -> int:
    """POLICY_DESK_WORKERS, else one per core (0: answer in the server process)."""
    return int(os.environ.get("POLICY_DESK_WORKERS", os.cpu_count() or 1))


def _load(settings: Settings, model: ModelSettings | None) -> None:
    global _answerer
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    # one thread each: the workers are the parallelism, and OpenMP threads of several processes spinning on the same
    # cores slowed every answer (set before the model's engine loads)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # over the index the server's answerer found or built, with the model the server reaches (a local one it started)
    _answerer = with_model(Answerer(settings), model) if model else Answerer(settings)
    _warm(_answerer)


def _warm(answerer: Guarded) -> None:
    """Asks an example so the embedding model and the lexical index load before anyone waits for them: of the rules
    alone, where a language model is beside them (a local one takes half a minute a question, and an endpoint bills)."""
    getattr(answerer, "rules", answerer).ask(EXAMPLE)


def _exit_with(parent: int) -> None:
    """Ends the worker when the server process is gone (killed, it cannot tell its workers)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _ask(message: str, history: list[str]) -> Answer:
    return _answerer.ask(message, history=history)


def _record(turns: list[str]) -> dict:
    return ask_record(_answerer, turns)


def _pid() -> int:
    time.sleep(0.05)  # long enough that a worker already warm cannot take every call before the others are
    return os.getpid()


class Answers:
    """`ask` and `record` as the answerer gives them, from `workers` processes, or from `answerer` itself with 0.
    Returns once every answerer is warm."""

    def __init__(self, answerer: Guarded, settings: Settings, workers: int):
        self.answerer, self.workers = answerer, max(0, workers)
        self._pool = None
        if self.workers:
            # spawned, not forked: the server process has threads by now, and a fork copies their locks
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_load, initargs=(settings, getattr(answerer, "model", None)))
            started = [self._pool.submit(_pid) for _ in range(self.workers)]
        _warm(answerer)  # while the workers load
        if self._pool is not None:
            pids = {f.result() for f in started}
            while len(pids) < self.workers:  # each worker has answered once: all loaded and warm
                pids |= {f.result() for f in [self._pool.submit(_pid) for _ in range(self.workers)]}

    def ask(self, message: str, history: list[str]) -> Answer:
        if self._pool is None:
            return self.answerer.ask(message, history=history)
        return self._pool.submit(_ask, message, history).result()

    def record(self, turns: list[str]) -> dict:
        if self._pool is None:
            return ask_record(self.answerer, turns)
        return self._pool.submit(_record, turns).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
