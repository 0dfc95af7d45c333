"""Staff uploads: every bad file is refused by name and reason, with the corpus and the index unchanged; a good one is
searchable once added, and gone once removed."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader, PdfWriter

import ingest.ocr
import ingest.upload
from assistant.answer import Answerer
from ingest.index import Versions, indexed_sources, open_store
from ingest.pipeline import run
from ingest.upload import Refused, add, remove

from conftest import ADDED, FISCAL_PDF, NOTE, scanned_copy, settings_for



def _pdf(transform=None) -> bytes:
    writer = PdfWriter(clone_from=FISCAL_PDF)
    if transform:
        transform(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted() -> bytes:
    return _pdf(lambda w: w.encrypt("secret"))


def _truncated() -> bytes:
    whole = FISCAL_PDF.read_bytes()
    return whole[: len(whole) // 2]


def _blank_pages() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text(NOTE, encoding="utf-8")
    settings = settings_for(corpus, tmp_path / "data")
    run(settings, progress=False)
    return settings


def _state(settings) -> tuple:
    store = open_store(settings)
    files = sorted((p.name, p.read_bytes()) for p in settings.corpus_dir.iterdir())
    return Versions(settings).current(), indexed_sources(store), store._collection.count(), files


BAD = [
    ("empty.pdf", lambda: b"", "空"),
    ("blank.txt", lambda: "  \n\n ".encode(), "空"),
    ("fake.pdf", lambda: "这不是PDF".encode(), "内容是文本"),
    ("renamed.pdf", lambda: b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "二进制"),
    ("fiscal.txt", lambda: FISCAL_PDF.read_bytes(), "内容是PDF"),
    ("locked.pdf", _encrypted, "encrypted"),
    ("half.pdf", _truncated, "不完整"),
    ("gbk.txt", lambda: "孤儿基本生活费每人每月1000元".encode("gb18030"), "UTF-8"),
    ("report.docx", lambda: b"PK\x03\x04" + bytes(100), "只接受"),
    ("../escape.md", lambda: NOTE.encode(), "路径"),
    ("sub/escape.md", lambda: NOTE.encode(), "路径"),
    (".hidden.md", lambda: NOTE.encode(), "路径"),
    ("", lambda: NOTE.encode(), "路径"),
    ("blank.pdf", _blank_pages, "no page has text"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD, ids=[b[0] or "no-name" for b in BAD])
def test_a_bad_file_is_refused_by_name_and_reason_and_changes_nothing(indexed, name, make, reason):
    before = _state(indexed)
    with pytest.raises(Refused) as refused:
        add(indexed, name, make())
    assert (name or "无名") in str(refused.value) and reason in str(refused.value)
    assert _state(indexed) == before


def test_a_file_over_the_size_limit_is_refused(indexed, monkeypatch):
    monkeypatch.setattr(ingest.upload, "MAX_BYTES", 1000)
    before = _state(indexed)
    with pytest.raises(Refused, match="太大"):
        add(indexed, "big.md", ("孤儿基本生活费每人每月1000元。\n" * 100).encode())
    assert _state(indexed) == before


def test_an_added_document_is_searchable_and_a_removed_one_is_gone(indexed):
    answerer = Answerer(indexed)
    question = "托育补助每月多少钱"
    assert "300" not in answerer.ask(question).text
    report = add(indexed, "托育.md", ADDED.encode())
    assert report.embedded >= 1 and report.errors == []
    answer = answerer.ask(question)  # the running answerer reads the new version
    assert "300元" in answer.text and answer.citations[0].doc == "托育补助通知"
    with pytest.raises(Refused, match="没有这个文件"):
        remove(indexed, "missing.md")
    remove(indexed, "托育.md")
    assert "300" not in answerer.ask(question).text
    assert set(indexed_sources(open_store(indexed))) == {"note.md"}


def test_the_command_adds_and_refuses_with_the_reason(indexed, tmp_path):
    good, bad = tmp_path / "托育.md", tmp_path / "gbk.txt"
    good.write_text(ADDED, encoding="utf-8")
    bad.write_bytes("补贴".encode("gb18030"))
    command = [sys.executable, "-m", "ingest", "--corpus", str(indexed.corpus_dir), "--data", str(indexed.data_dir),
               "--quiet"]
    refused = subprocess.run([*command, "add", str(bad)], capture_output=True, text=True)
    assert refused.returncode == 2 and "gbk.txt" in refused.stderr and "UTF-8" in refused.stderr
    added = subprocess.run([*command, "add", str(good)], capture_output=True, text=True)
    assert added.returncode == 0 and "embedded 1" in added.stdout
    assert set(indexed_sources(open_store(indexed))) == {"note.md", "托育.md"}


def test_a_scanned_document_is_read_by_ocr_once_and_its_passages_say_so(indexed, tmp_path, monkeypatch):
    two_pages = PdfWriter()
    for page in PdfReader(FISCAL_PDF).pages[:2]:
        two_pages.add_page(page)
    two_pages.write(tmp_path / "two.pdf")
    scan = scanned_copy(tmp_path / "two.pdf", tmp_path / "scan.pdf", seed=3)
    calls = []
    recognise = ingest.ocr._recognise
    monkeypatch.setattr(ingest.ocr, "_recognise", lambda image: calls.append(1) or recognise(image))
    report = add(indexed, "扫描件.pdf", scan.read_bytes())
    assert report.errors == [] and report.pages == 2
    assert len(calls) == 2  # the check read each page; ingest found them in the OCR cache
    chunks = indexed_sources(open_store(indexed))["扫描件.pdf"]
    assert len(chunks) > 3 and all(meta["ocr"] for meta in chunks.values())
