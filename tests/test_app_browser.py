"""The web chat in a real browser: Debian's Chromium driven by Playwright against `python app.py`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from ingest.config import ROOT

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(corpus_settings):
    port = _free_port()
    env = {**os.environ, "POLICY_DESK_DATA": str(corpus_settings.data_dir), "GRADIO_SERVER_PORT": str(port),
           "GRADIO_ANALYTICS_ENABLED": "False"}
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


@pytest.fixture(scope="module")
def page(app_url):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(app_url)
        yield page
        browser.close()


def test_resident_asks_and_sees_amount_with_cited_clause_and_page(page, tmp_path):
    box = page.locator("#question textarea")
    box.fill("我外婆今年九十六，每个月高龄津贴有多少？")
    box.press("Enter")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("120元", timeout=60_000)
    expect(chat).to_contain_text("48.老年人福利补贴")
    citations = page.locator("#citations")
    expect(citations).to_contain_text("48.老年人福利补贴 › 服务标准")
    expect(citations).to_contain_text("第37–38页")
    expect(citations).to_contain_text("90周岁（含90周岁）至99周岁的老年人每人每月补贴120元")
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

    box.fill("那一百零三岁的一年能领多少？")
    box.press("Enter")
    expect(chat).to_contain_text("200元/月 × 12个月 = 2400元", timeout=60_000)


def test_unrelated_question_is_politely_declined(page):
    box = page.locator("#question textarea")
    box.fill("明天乌鲁木齐会不会下雪？")
    box.press("Enter")
    expect(page.locator("#chat")).to_contain_text("没有找到", timeout=60_000)
    expect(page.locator("#citations")).to_contain_text("没有引用条款")
