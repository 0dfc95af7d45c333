"""Find the passages that answer a question: dense search in Chroma, optionally fused with BM25."""
from __future__ import annotations

import json
from dataclasses import dataclass

import jieba
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from ingest.config import Settings
from ingest.index import all_chunks, from_metadata, open_store
from ingest.types import Chunk

jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
RRF_K = 60  # reciprocal-rank fusion constant


@dataclass
class Hit:
    chunk: Chunk
    score: float  # cosine similarity of the dense match (0 when found by lexical search only)


def words(text: str) -> list[str]:
    return [w for w in jieba.lcut_for_search(text) if w.strip()]


def _one_per_item(hits: list[Hit]) -> list[Hit]:
    """Keep the best field of each numbered item, so the top k offers k different items."""
    seen, kept = set(), []
    for hit in hits:
        key = (hit.chunk.doc, hit.chunk.item or hit.chunk.id)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


class PolicyRetriever(BaseRetriever):
    """langchain retriever over the policy index; `search` keeps the scores the answerer needs."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    settings: Settings
    k: int = 8
    _store = PrivateAttr()
    _lexical = PrivateAttr(default=None)  # (bm25 index, chunks, collection size it was built at)

    def model_post_init(self, __context) -> None:
        self._store = open_store(self.settings)

    def size(self) -> int:
        return self._store._collection.count()

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        k = k or self.k
        pairs = self._store.similarity_search_with_score(query, k=max(4 * k, 40))
        dense = [Hit(from_metadata(doc.metadata), 1.0 - distance) for doc, distance in pairs]
        if self.settings.lexical_weight <= 0:
            return _one_per_item(dense)[:k]
        fused: dict[str, list] = {}
        for rank, hit in enumerate(dense):
            fused[hit.chunk.id] = [1.0 / (RRF_K + rank), hit]
        for rank, chunk in enumerate(self._bm25(query, max(4 * k, 40))):
            entry = fused.setdefault(chunk.id, [0.0, Hit(chunk, 0.0)])
            entry[0] += self.settings.lexical_weight / (RRF_K + rank)
        ranked = sorted(fused.values(), key=lambda e: -e[0])
        return _one_per_item([hit for _, hit in ranked])[:k]

    def item_field(self, chunk: Chunk, field: str) -> Chunk | None:
        """Another field of the same numbered item (under the same sub-heading), if it has one."""
        where = {"$and": [{"doc": chunk.doc}, {"path": json.dumps(chunk.path, ensure_ascii=False)}, {"field": field}]}
        found = self._store.get(where=where, include=["metadatas"])
        return from_metadata(found["metadatas"][0]) if found["ids"] else None

    def _lexicon(self) -> tuple:
        """BM25 index, chunks, collection size it was built at, each item's whole text and the shares of items using a
        term asked so far; rebuilt when the index changes."""
        import bm25s

        size = self.size()
        if self._lexical is None or self._lexical[2] != size:
            chunks = all_chunks(self._store)
            index = bm25s.BM25()
            index.index([words(c.search_text) for c in chunks], show_progress=False)
            items: dict[tuple, list[str]] = {}
            for c in chunks:
                items.setdefault((c.doc, c.item or c.id), [" ".join(c.path)]).append(c.text)
            # the last part memoizes share_of_items_with, which the answerer asks many times a question
            self._lexical = (index, chunks, size, {key: "".join(parts) for key, parts in items.items()}, {})
        return self._lexical

    def chunks(self) -> list[Chunk]:
        """Every passage of the index."""
        return self._lexicon()[1]

    def item_chunks(self, chunk: Chunk) -> list[Chunk]:
        """Every passage of the chunk's numbered item (or of its article heading), in index order."""
        return [c for c in self.chunks() if c.doc == chunk.doc and c.path == chunk.path] or [chunk]

    def item_text(self, chunk: Chunk) -> str:
        """All fields of the chunk's numbered item with its heading path (the chunk alone for an article paragraph)."""
        return self._lexicon()[3].get((chunk.doc, chunk.item or chunk.id), chunk.search_text)

    def share_of_items_with(self, term: str) -> float:
        """Share of items whose text contains the term (0 for a word the corpus never uses)."""
        _, _, _, items, shares = self._lexicon()
        if term not in shares:
            shares[term] = sum(term in t for t in items.values()) / max(len(items), 1)
        return shares[term]

    def _bm25(self, query: str, k: int) -> list[Chunk]:
        index, chunks, *_ = self._lexicon()
        results, _ = index.retrieve([words(query)], k=min(k, len(chunks)), show_progress=False)
        return [chunks[i] for i in results[0]]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=h.chunk.text, metadata={"doc": h.chunk.doc, "locator": h.chunk.locator,
                                                          "page": h.chunk.page_start, "score": h.score})
            for h in self.search(query)
        ]
