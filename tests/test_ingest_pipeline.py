"""Incremental, idempotent ingest into a real Chroma store; bad files are reported and change nothing."""
from __future__ import annotations

import shutil

import chromadb.utils.embedding_functions as chroma_ef
import pytest
from pypdf import PdfReader, PdfWriter

from ingest.index import indexed_sources, open_store
from ingest.pipeline import run

from conftest import FISCAL_PDF, chroma_server, settings_for

ARTICLE = "# 测试文件\n\n## 第一部分\n\n第一段内容，补贴标准为每人每月100元。\n\n## 第二部分\n\n第二段内容，资金由自治区承担。\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(FISCAL_PDF, folder / "fiscal.pdf")
    (folder / "note.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_reingest_embeds_only_what_changed(corpus, tmp_path):
    settings = settings_for(corpus, tmp_path / "data")
    first = run(settings, progress=False)
    assert first.errors == [] and first.files == 2 and first.pages == 8
    assert first.embedded == first.chunks > 20

    again = run(settings, progress=False)
    assert (again.embedded, again.skipped, again.removed, again.refreshed) == (0, first.chunks, 0, 0)
    assert again.version == first.version  # nothing changed: no new version

    (corpus / "note.md").write_text(ARTICLE.replace("100元", "120元"), encoding="utf-8")
    changed = run(settings, progress=False)
    assert (changed.embedded, changed.removed) == (1, 1)

    (corpus / "note.md").unlink()
    removed = run(settings, progress=False)
    assert removed.embedded == 0 and removed.removed == 2
    assert set(indexed_sources(open_store(settings))) == {"fiscal.pdf"}


def _encrypted_copy(target):
    writer = PdfWriter(clone_from=FISCAL_PDF)
    writer.encrypt("secret")
    writer.write(target)


@pytest.mark.parametrize(
    ("name", "make", "problem"),
    [
        ("empty.pdf", lambda p: p.write_bytes(b""), "empty"),
        ("fake.pdf", lambda p: p.write_text("这不是PDF", encoding="utf-8"), "cannot read"),
        ("locked.pdf", _encrypted_copy, "encrypted"),
        ("latin1.txt", lambda p: p.write_bytes("补贴".encode("gb18030")), "UTF-8"),
    ],
)
def test_bad_file_is_named_and_changes_nothing(corpus, tmp_path, name, make, problem):
    settings = settings_for(corpus, tmp_path / "data")
    run(settings, progress=False)
    before = indexed_sources(open_store(settings))

    make(corpus / name)
    report = run(settings, progress=False)
    assert len(report.errors) == 1 and name in report.errors[0] and problem in report.errors[0]
    assert report.embedded == 0
    assert indexed_sources(open_store(settings)) == before


def test_broken_file_keeps_its_previously_indexed_passages(corpus, tmp_path):
    settings = settings_for(corpus, tmp_path / "data")
    run(settings, progress=False)
    before = indexed_sources(open_store(settings))
    (corpus / "fiscal.pdf").write_bytes(b"%PDF-1.4 truncated")
    report = run(settings, progress=False)
    assert "fiscal.pdf" in report.errors[0]
    assert indexed_sources(open_store(settings)) == before


def test_page_without_text_layer_is_read_by_ocr_and_a_blank_one_reported(corpus, tmp_path):
    """A page without a text layer is read by OCR (tests/test_ocr.py reads scans); one where OCR finds nothing
    either is named."""
    writer = PdfWriter(clone_from=FISCAL_PDF)
    writer.add_blank_page()
    writer.write(corpus / "fiscal.pdf")
    settings = settings_for(corpus, tmp_path / "data")
    report = run(settings, progress=False)
    assert report.warnings == ["fiscal.pdf: page 9 has no text, neither in a text layer nor found by OCR — "
                               "nothing of it is indexed"]
    assert len(PdfReader(corpus / "fiscal.pdf").pages) == 9
    assert len(list((settings.data_dir / "ocr-cache").iterdir())) == 1  # what OCR read is kept with the index


def test_chroma_default_embedding_function_is_never_called(corpus, tmp_path, monkeypatch):
    def refuse(self, input):  # the signature Chroma checks when it lists collections
        raise AssertionError("Chroma's built-in embedding model was invoked")

    monkeypatch.setattr(chroma_ef.DefaultEmbeddingFunction, "__call__", refuse)
    monkeypatch.setattr(chroma_ef.ONNXMiniLM_L6_V2, "__call__", refuse)
    settings = settings_for(corpus, tmp_path / "data")
    assert run(settings, progress=False).embedded > 0
    hits = open_store(settings).similarity_search("低保标准", k=3)
    assert len(hits) == 3


def test_chroma_server_when_host_and_port_are_configured(corpus, tmp_path):
    with chroma_server(tmp_path / "server") as port:
        settings = settings_for(corpus, tmp_path / "unused", chroma_host="127.0.0.1", chroma_port=port)
        first = run(settings, progress=False)
        assert first.embedded == first.chunks > 0
        assert run(settings, progress=False).embedded == 0
        assert not (tmp_path / "unused" / "chroma").exists()  # nothing went to the embedded store
        assert len(open_store(settings).similarity_search("农村低保标准", k=2)) == 2


def test_the_store_is_read_in_pages_as_chroma_refuses_huge_reads(corpus_settings, monkeypatch):
    """Above 32,766 passages one read fails ("too many SQL variables", seen at ×100 the corpus in the bench)."""
    import ingest.index

    store = open_store(corpus_settings)
    whole = indexed_sources(store)
    monkeypatch.setattr(ingest.index, "PAGE", 7)  # 433 passages: 62 pages, the last one short
    assert indexed_sources(store) == whole
    assert len(ingest.index.all_chunks(store)) == sum(len(ids) for ids in whole.values()) == store._collection.count()
