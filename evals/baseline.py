"""The baseline: the LangChain recipe a user would otherwise build, asked the same cases as the assistant.

RecursiveCharacterTextSplitter (Chinese separators, 500 characters, 50 overlap) over the text ingest
extracts from the same files, the same embedder, a Chroma store of its own, dense top-k only. Its answer
is the sentence of the top chunk sharing most character bigrams with the question — extractive, so
no calculator and no guard — and it declines only when the store finds nothing. The product never
imports this module.

Its citations are made comparable with the assistant's: each chunk is laid over the structured passages
of ingest/structure.py whose text it holds. An answer cites the document title and heading path of the
passage its sentence comes from; a retrieved chunk counts as gold when it holds the gold passage.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.config import Settings
from ingest.index import open_collection
from ingest.pdf import read_pdf
from ingest.pipeline import SUFFIXES
from ingest.structure import chunk_blocks
from ingest.text import read_text
from ingest.types import Chunk, SourceError

from .cases import Case

SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", ""]
CHUNK_SIZE, CHUNK_OVERLAP = 500, 50
RECIPE = {"chunks": f"RecursiveCharacterTextSplitter, {CHUNK_SIZE} characters, overlap {CHUNK_OVERLAP}",
          "search": "dense top-k", "answer": "the top chunk's sentence sharing most character bigrams with the question"}
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
HOLDS_CHARS = 100  # a chunk holds a passage when it has half of it, or this many of its characters


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class PassageMap:
    """Which structured passage each character of one file's extracted text belongs to."""

    def __init__(self, text: str, passages: list[Chunk]):
        self.passages = passages
        self.owner = [-1] * len(text)
        cursor = 0
        for index, passage in enumerate(passages):
            # ingest joins a passage across blocks (a table's lines, a repaired page break): place it line by line
            pieces = [passage.text] if passage.text in text else [p for p in passage.text.split("\n") if p.strip()]
            for piece in pieces:
                # in reading order first (the same 支出责任 wording recurs), else anywhere still free (a repaired passage)
                at = self._free(text, piece, cursor)
                at = at if at >= 0 else self._free(text, piece, 0)
                if at >= 0:
                    self.owner[at : at + len(piece)] = [index] * len(piece)
                    cursor = at + len(piece)

    def _free(self, text: str, piece: str, start: int) -> int:
        """The first occurrence of piece from start on that no passage holds yet; -1 if none."""
        at = text.find(piece, start)
        while at >= 0 and any(owner >= 0 for owner in self.owner[at : at + len(piece)]):
            at = text.find(piece, at + 1)
        return at

    def overlaps(self, start: int, end: int) -> list[tuple[Chunk, int]]:
        """The passages with characters in text[start:end] and how many, most first."""
        counts = Counter(i for i in self.owner[start:end] if i >= 0)
        return [(self.passages[i], n) for i, n in counts.most_common()]

    def held(self, start: int, end: int) -> list[Chunk]:
        return [p for p, n in self.overlaps(start, end) if 2 * n >= len(p.text) or n >= HOLDS_CHARS]


def extracted_files(corpus: Path) -> dict[str, tuple[str, list[Chunk]]]:
    """Each readable corpus file's text as ingest extracts it (paragraphs, blank-line separated) and its structured passages."""
    files = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
        name = path.relative_to(corpus).as_posix()
        try:
            blocks = read_pdf(path)[0] if path.suffix.lower() == ".pdf" else read_text(path)
        except SourceError:
            continue  # ingest reports it; the baseline has no text from it either
        files[name] = ("\n\n".join(b.text for b in blocks), chunk_blocks(blocks, name))
    return files


class Baseline:
    name = "baseline"

    def __init__(self, settings: Settings):
        self._maps: dict[str, PassageMap] = {}
        splitter = RecursiveCharacterTextSplitter(separators=SEPARATORS, chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                                  keep_separator="end", add_start_index=True)
        chunks = []
        for name, (text, passages) in extracted_files(settings.corpus_dir).items():
            self._maps[name] = PassageMap(text, passages)
            chunks += splitter.create_documents([text], metadatas=[{"source": name}])
        # opened like the assistant's (same embedder, cosine, near-exact search) but in a folder of its own
        own = dataclasses.replace(settings, data_dir=settings.data_dir / "baseline", chroma_host=None)
        self._store = open_collection(own, own.collection)
        ids = [hashlib.sha256(f"{c.metadata['source']}\x1f{c.metadata['start_index']}\x1f{c.page_content}".encode())
               .hexdigest()[:32] for c in chunks]
        stored = set(self._store.get(include=[])["ids"])
        if stale := sorted(stored - set(ids)):
            self._store.delete(ids=stale)
        new = [(i, c) for i, c in zip(ids, chunks) if i not in stored]
        if new:
            self._store.add_documents([c for _, c in new], ids=[i for i, _ in new])
        self.size = len(chunks)

    def top(self, case: Case, k: int) -> list[list[tuple[str, str]]]:
        """Each of the top k chunks as the (document, heading path) of the passages it holds."""
        return [[(p.doc, p.locator) for p in self._map(doc).held(*self._span(doc))]
                for doc in self._store.similarity_search(" ".join(case.messages), k=k)]

    def answer(self, case: Case, number: int) -> dict:
        """A record shaped like the batch interface's: the answer sentence and the top chunk as its citation."""
        question = " ".join(case.messages)
        found = self._store.similarity_search(question, k=1)
        if not found:
            return {"id": case.id, "answer": "没有找到相关内容。", "answered": False, "citations": [], "calculations": []}
        top = found[0]
        asked = _bigrams(question)
        sentence = max(_SENTENCE.finditer(top.page_content), key=lambda m: len(asked & _bigrams(m.group())))
        start = self._span(top)[0] + sentence.start()
        # the passage holding the sentence; for a heading line (in no passage's text), the one the chunk holds most of
        holding = self._map(top).overlaps(start, start + len(sentence.group())) or self._map(top).overlaps(*self._span(top))
        if holding:
            passage = holding[0][0]
            doc, locator, page, page_end = passage.doc, passage.locator, passage.page_start, passage.page_end
        else:  # a chunk of text in no passage (letterhead, table of contents): the file and the chunk's opening words
            doc, locator, page, page_end = top.metadata["source"], top.page_content[:20], None, None
        citation = {"doc": doc, "locator": locator, "page": page, "page_end": page_end, "quote": top.page_content}
        return {"id": case.id, "answer": sentence.group().strip(), "answered": True, "citations": [citation],
                "calculations": []}

    def _map(self, doc) -> PassageMap:
        return self._maps[doc.metadata["source"]]

    @staticmethod
    def _span(doc) -> tuple[int, int]:
        start = doc.metadata["start_index"]
        return start, start + len(doc.page_content)
