"""The web app (app.py) as the benchmark sees it: started in a process of its own over an existing index,
timed until it serves and until it answers, then asked through its API with gradio_client."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from ingest.config import ROOT

API = "/respond"  # the ChatInterface's endpoint: one message in, (answer, citations) out; no history
START_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """A live process's resident set size now (VmRSS) with its child processes' (the app's answer workers), Linux
    only."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, sizes = [pid], []
    while tree:
        current = tree.pop()
        sizes.append(_status_mb(current, "VmRSS"))
        tree += children.get(current, [])
    return sum(s for s in sizes if s) if sizes[0] is not None else None


def _status_mb(pid: int, key: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RunningApp:
    """`with RunningApp(data_dir) as app:` starts app.py over the index in data_dir on a free port;
    app.serving_s is the time from process start until its page answers, app.first_answer_s until its
    first API answer (the model and the lexical index load on first use)."""

    def __init__(self, data_dir: Path, log: Path, first_question: str):
        self.data_dir, self.log_path, self.first_question = data_dir, log, first_question
        self.serving_s = self.first_answer_s = None

    def __enter__(self) -> RunningApp:
        from gradio_client import Client

        port = free_port()
        env = {**os.environ, "POLICY_DESK_DATA": str(self.data_dir), "GRADIO_SERVER_PORT": str(port),
               "GRADIO_ANALYTICS_ENABLED": "False", "CHROMA_HOST": ""}
        self._log = self.log_path.open("w")
        started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if self.process.poll() is not None or time.perf_counter() - started > START_TIMEOUT:
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"app.py did not start serving; see {self.log_path}") from None
                time.sleep(0.05)
        self.serving_s = time.perf_counter() - started
        self.url = url
        self.client = Client(url, verbose=False)
        self.ask(self.first_question)
        self.first_answer_s = time.perf_counter() - started
        return self

    def ask(self, message: str) -> tuple:
        return self.client.predict(message, api_name=API)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
