"""Bring the index in line with corpus/: embed new passages, drop vanished ones, touch nothing else.

Chunk ids come from content, so an unchanged corpus embeds nothing, a changed file re-embeds
only its changed passages, and a removed file's passages disappear. A file that cannot be read
is reported and its passages already in the index are left as they were.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from .config import Settings
from .facts import extract_facts
from .index import facts_json, indexed_sources, open_store, to_metadata
from .pdf import read_pdf
from .structure import chunk_blocks
from .text import read_text
from .types import Chunk, SourceError

SUFFIXES = {".pdf", ".txt", ".md"}
BATCH = 32
LAST = "last_ingest.json"  # in the data folder: when the index was last brought in line with the corpus, and how


@dataclass
class Report:
    files: int = 0
    pages: int = 0
    chunks: int = 0
    embedded: int = 0
    skipped: int = 0  # passages already in the index, not embedded again
    removed: int = 0
    refreshed: int = 0  # unchanged passages whose amount facts were extracted anew
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"files {self.files} · pages {self.pages} · chunks {self.chunks} · embedded {self.embedded} · "
            f"skipped (unchanged) {self.skipped} · removed {self.removed} · warnings {len(self.warnings)} · "
            f"errors {len(self.errors)}" + (f" · facts refreshed {self.refreshed}" if self.refreshed else "")
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def read_chunks(path: Path, name: str | None = None) -> tuple[list[Chunk], int, list[str]]:
    """Chunks of one corpus file, its page count (0 for text) and warnings."""
    if path.suffix.lower() == ".pdf":
        blocks, pages, warnings = read_pdf(path)
    else:
        blocks, pages, warnings = read_text(path), 0, []
    chunks = chunk_blocks(blocks, name or path.name)
    if not chunks:
        raise SourceError(path, "no text passages were found in it", "check that it holds the document's text")
    for chunk in chunks:
        chunk.facts = extract_facts(chunk.text)
    return chunks, pages, warnings


def run(settings: Settings, progress: bool = True) -> Report:
    report = Report()
    store = open_store(settings)
    indexed = indexed_sources(store)
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise SystemExit(f"corpus folder {corpus} does not exist — create it and put the policy PDFs in it")

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    pending: dict[str, Chunk] = {}
    seen_sources = set()
    for path in tqdm(files, desc="读取文件 reading", unit="file", disable=not progress):
        name = path.relative_to(corpus).as_posix()
        if path.suffix.lower() not in SUFFIXES:
            report.warnings.append(f"{name}: not a .pdf, .txt or .md file — ignored")
            continue
        seen_sources.add(name)  # a file that fails keeps its old passages
        try:
            chunks, pages, warnings = read_chunks(path, name)
        except SourceError as exc:
            report.errors.append(f"{name}: {exc.problem} — {exc.fix}; its indexed passages are kept as they were")
            continue
        report.files += 1
        report.pages += pages
        report.chunks += len(chunks)
        report.warnings += warnings
        old = indexed.get(name, {})
        new = {c.id: c for c in chunks}
        stale = old.keys() - new.keys()
        if stale:
            store.delete(ids=sorted(stale))
            report.removed += len(stale)
        kept = sorted(new.keys() & old.keys())
        report.skipped += len(kept)
        # the fact extractor may have changed since these passages were embedded: no need to embed again
        outdated = [cid for cid in kept if old[cid].get("facts") != facts_json(new[cid])]
        if outdated:
            store._collection.update(ids=outdated, metadatas=[to_metadata(new[cid]) for cid in outdated])
            report.refreshed += len(outdated)
        pending.update({cid: c for cid, c in new.items() if cid not in old})

    for name, ids in indexed.items():
        if name not in seen_sources:
            store.delete(ids=sorted(ids))
            report.removed += len(ids)

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
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / LAST).write_text(json.dumps(
        {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "embeddings": settings.embeddings,
         **asdict(report)}, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def last_ingest(settings: Settings) -> dict:
    """What the last ingest into this data folder wrote (its time, model and counts); {} before the first."""
    path = settings.data_dir / LAST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
