"""Bring the index in line with corpus/: a new index version with new passages embedded and unchanged ones copied.

Chunk ids come from content, so an unchanged corpus writes nothing, a changed file re-embeds
only its changed passages, and a removed file's passages disappear. A file that cannot be read
is reported and its passages already in the index are kept as they were. Questions read the
previous version until the new one is complete (ingest/index.py Versions).
"""
from __future__ import annotations

import fcntl
import json
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from langchain_chroma import Chroma
from tqdm import tqdm

from .config import Settings
from .facts import extract_facts
from .index import PAGE, Versions, indexed_sources, to_metadata
from .pdf import read_pdf
from .structure import chunk_blocks
from .text import read_text
from .types import Chunk, SourceError

SUFFIXES = {".pdf", ".txt", ".md"}
BATCH = 32
LAST = "last_ingest.json"  # in the data folder: when the index was last brought in line with the corpus, and how
OCR_CACHE = "ocr-cache"  # in the data folder: what OCR read on scanned pages, by page image


@dataclass
class Report:
    files: int = 0
    pages: int = 0
    chunks: int = 0
    embedded: int = 0
    skipped: int = 0  # passages already in the index, not embedded again
    removed: int = 0
    refreshed: int = 0  # unchanged passages whose metadata (amount facts, pages, OCR mark) was read anew
    version: str | None = None  # the index version current after the run
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"files {self.files} · pages {self.pages} · chunks {self.chunks} · embedded {self.embedded} · "
            f"skipped (unchanged) {self.skipped} · removed {self.removed} · warnings {len(self.warnings)} · "
            f"errors {len(self.errors)}" + (f" · refreshed {self.refreshed}" if self.refreshed else "")
            + f" · index version {self.version}"
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def read_chunks(path: Path, name: str | None = None, ocr_cache: Path | None = None,
                progress: bool = False) -> tuple[list[Chunk], int, list[str]]:
    """Chunks of one corpus file, its page count (0 for text) and warnings; scanned pages are read by OCR, kept in
    ocr_cache (progress: a bar while they are read)."""
    if path.suffix.lower() == ".pdf":
        blocks, pages, warnings = read_pdf(path, ocr_cache, progress)
    else:
        blocks, pages, warnings = read_text(path), 0, []
    chunks = chunk_blocks(blocks, name or path.name)
    if not chunks:
        raise SourceError(path, "no text passages were found in it", "check that it holds the document's text")
    scanned = {page for block in blocks if block.ocr for _, page in block.page_marks}
    for chunk in chunks:
        chunk.facts = extract_facts(chunk.text)
        first = chunk.page_start
        chunk.ocr = first is not None and not scanned.isdisjoint(range(first, (chunk.page_end or first) + 1))
    return chunks, pages, warnings


def run(settings: Settings, progress: bool = True) -> Report:
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise SystemExit(f"corpus folder {corpus} does not exist — create it and put the policy PDFs in it")
    with _one_ingest_at_a_time(settings):
        return _run(settings, progress)


def _run(settings: Settings, progress: bool) -> Report:
    report = Report()
    versions = Versions(settings)
    current = versions.current()
    old_store = versions.open(current) if current else None
    indexed = indexed_sources(old_store) if old_store else {}
    corpus = settings.corpus_dir
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    kept: dict[str, dict] = {}  # passages of the current version that go on unchanged (id → metadata)
    pending: dict[str, Chunk] = {}
    seen_sources = set()
    for path in tqdm(files, desc="读取文件 reading", unit="file", disable=not progress):
        name = path.relative_to(corpus).as_posix()
        if path.suffix.lower() not in SUFFIXES:
            report.warnings.append(f"{name}: not a .pdf, .txt or .md file — ignored")
            continue
        seen_sources.add(name)  # a file that fails keeps its old passages
        old = indexed.get(name, {})
        try:
            chunks, pages, warnings = read_chunks(path, name, settings.data_dir / OCR_CACHE, progress)
        except SourceError as exc:
            report.errors.append(f"{name}: {exc.problem} — {exc.fix}; its indexed passages are kept as they were")
            kept.update(old)
            continue
        report.files += 1
        report.pages += pages
        report.chunks += len(chunks)
        report.warnings += warnings
        new = {c.id: c for c in chunks}
        report.removed += len(old.keys() - new.keys())
        for cid in sorted(new.keys() & old.keys()):
            report.skipped += 1
            # what is stored beside the text (facts, pages, the OCR mark) may have changed: no need to embed again
            refreshed = old[cid] != to_metadata(new[cid])
            report.refreshed += refreshed
            kept[cid] = to_metadata(new[cid]) if refreshed else old[cid]
        pending.update({cid: c for cid, c in new.items() if cid not in old})
    report.removed += sum(len(ids) for name, ids in indexed.items() if name not in seen_sources)
    report.version = current
    if current and not (pending or report.removed or report.refreshed):
        _record(settings, report)  # nothing changed: the current version stays
        return report

    store = versions.begin()
    _copy(old_store, store, kept, progress)
    todo = list(pending.items())
    with tqdm(total=len(todo), desc="向量化 embedding", unit="chunk", disable=not progress) as bar:
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            store.add_texts(
                texts=[c.search_text for _, c in batch],
                metadatas=[to_metadata(c) for _, c in batch],
                ids=[cid for cid, _ in batch],
            )
            report.embedded += len(batch)
            bar.update(len(batch))
    versions.publish(store)
    report.version = store._collection.name
    _record(settings, report)
    return report


def _copy(source: Chroma | None, target: Chroma, kept: dict[str, dict], progress: bool) -> None:
    """Unchanged passages into the new version with their vectors: nothing is embedded twice."""
    ids = sorted(kept)
    with tqdm(total=len(ids), desc="沿用 unchanged", unit="chunk", disable=not progress or not ids) as bar:
        for start in range(0, len(ids), PAGE):
            found = source.get(ids=ids[start:start + PAGE], include=["embeddings", "documents"])
            target._collection.add(ids=found["ids"], embeddings=found["embeddings"], documents=found["documents"],
                                   metadatas=[kept[cid] for cid in found["ids"]])
            bar.update(len(found["ids"]))


@contextmanager
def _one_ingest_at_a_time(settings: Settings):
    """Ingests into one data folder take turns (an upload while `python -m ingest` runs waits for it)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / "ingest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _record(settings: Settings, report: Report) -> None:
    (settings.data_dir / LAST).write_text(json.dumps(
        {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "embeddings": settings.embeddings,
         **asdict(report)}, ensure_ascii=False, indent=1), encoding="utf-8")


def last_ingest(settings: Settings) -> dict:
    """What the last ingest into this data folder wrote (its time, model and counts); {} before the first."""
    path = settings.data_dir / LAST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
