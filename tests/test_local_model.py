"""The real local path: the packaged 0.5B model joined from its wheels and checked by sha256, served by
llama-cpp-python's OpenAI-compatible server, and asked for one plan end to end. Skipped without the optional extra
(`make llm`); `make test` installs it, so CI runs it."""
from __future__ import annotations

import dataclasses
import time

import pytest

pytest.importorskip("llama_cpp", reason="the local model's runtime: make llm (pip install -e '.[llm]')")

from assistant.llm import ModelSettings, chat_model, packaged_gguf, served  # noqa: E402
from assistant.withmodel import ModelAnswerer  # noqa: E402

QUESTION = "我爸妈都八十五了，高龄津贴两个人一年一共能领多少？"


@pytest.fixture(scope="module")
def local(answerer, tmp_path_factory):
    settings = dataclasses.replace(answerer.retriever.settings, data_dir=tmp_path_factory.mktemp("llm"))
    return served(ModelSettings(backend="local", gguf="qwen2.5-coder-0.5b", when="always", timeout=600), settings)


def test_the_packaged_model_is_joined_once_and_checked(local, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp()
    path = next(folder.glob("llm*/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"))
    assert path.stat().st_size > 300_000_000 and not list(path.parent.glob("*.part"))
    joined = path.stat().st_mtime_ns
    assert packaged_gguf("qwen2.5-coder-0.5b", path.parent) == path and path.stat().st_mtime_ns == joined
    assert local.backend == "openai" and local.base_url.startswith("http://127.0.0.1:")


def test_one_plan_end_to_end_through_the_local_model(answerer, local):
    said = chat_model(local).invoke([("human", "用一个词回答：一加一等于几？")]).content
    assert isinstance(said, str) and said.strip()  # the server answers over the same client code as any endpoint
    with_model = ModelAnswerer(answerer, local)
    started = time.monotonic()
    answer = with_model.ask(QUESTION)
    seconds = time.monotonic() - started
    # whatever a 0.5B model plans, what goes out is either its checked, guarded plan or the rules' answer
    assert sum(with_model.counts.values()) == 1 and "rules" not in with_model.counts
    assert answer.guard == "passed" and answer.answerer in ("model", "rules")
    if answer.answerer == "model":
        assert answer.calculations and answer.citations
    else:
        assert answer.text == answerer.ask(QUESTION).text
    print(f"local 0.5B: {dict(with_model.counts)} in {seconds:.1f} s: {answer.text[:80]!r}")
