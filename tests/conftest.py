"""Shared fixtures: the real corpus indexed once into a temporary Chroma store with the default embedder."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from assistant.answer import Answerer
from ingest.config import ROOT, Settings
from ingest.pipeline import run

FIXTURES = Path(__file__).parent / "fixtures"
STANDARD_PDF = ROOT / "corpus" / "xinjiang_basic_public_service_standard_2021.pdf"
FISCAL_PDF = ROOT / "corpus" / "xinjiang_fiscal_livelihood_articles.pdf"
STANDARD_TXT = FIXTURES / "basic_public_service_standard_2021.txt"
FISCAL_TXT = FIXTURES / "fiscal_livelihood_articles.txt"
SCAN_DPI = 150
# a one-item corpus, and a document staff add to it (the upload, deployment and browser tests)
NOTE = "# 测试通知\n\n## 一、补贴\n\n孤儿基本生活费每人每月1000元。\n"
ADDED = "# 托育补助通知\n\n## 一、托育补助\n\n3岁以下婴幼儿托育补助每人每月300元，由县级民政部门发放。\n"


def settings_for(corpus: Path, data: Path, **changes) -> Settings:
    return dataclasses.replace(Settings(), corpus_dir=corpus, data_dir=data, **{"chroma_host": None, **changes})


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    settings = settings_for(ROOT / "corpus", tmp_path_factory.mktemp("index"))
    report = run(settings, progress=False)
    assert report.errors == [] and report.embedded == report.chunks > 0
    return settings


@pytest.fixture(scope="session")
def answerer(corpus_settings) -> Answerer:
    return Answerer(corpus_settings)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(settings: Settings, **env):
    """app.py on a free loopback port over the settings' corpus and data folder (with the environment given), until
    the block ends; yields its URL."""
    port = free_port()
    env = {**os.environ, "POLICY_DESK_CORPUS": str(settings.corpus_dir), "POLICY_DESK_DATA": str(settings.data_dir),
           "GRADIO_SERVER_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False", **env}
    env = {k: v for k, v in env.items() if v is not None}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"app.py exited early:\n{server.stdout.read()}")
            time.sleep(1)
    else:
        server.kill()
        pytest.fail("app.py did not start serving within 180 s")
    yield url
    server.terminate()
    server.wait(timeout=30)


@contextlib.contextmanager
def chroma_server(folder: Path):
    """A real Chroma server (`chroma run`) on a free loopback port, storing in the folder; yields its port."""
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def scanned_copy(source: Path, target: Path, seed: int) -> Path:
    """An image-only copy of the PDF as a scanner makes one: 150 dpi greyscale, slightly skewed, specks of dirt and
    of dropout."""
    rng = np.random.default_rng(seed)
    document = pdfium.PdfDocument(source)
    images = []
    for page in document:
        image = page.render(scale=SCAN_DPI / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(0.5, 1.0) * rng.choice([-1, 1]), resample=Image.BICUBIC, fillcolor=255)
        pixels = np.array(image)
        specks = rng.random(pixels.shape)
        dark = specks < 0.002
        pixels[dark] = rng.integers(0, 90, int(dark.sum()))
        pixels[specks > 0.998] = 255
        images.append(Image.fromarray(pixels))
    document.close()
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return target
