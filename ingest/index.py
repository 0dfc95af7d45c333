"""The Chroma store holding the chunks (embedded on disk by default, or a Chroma server), in versions.

Each ingest that changes anything writes a new collection, a version, and switches to it only when it is complete: a
small collection's metadata names the current version, and that one write is the switch. A question reads the
version named when it starts, never half a build; an ingest killed part way leaves the previous version named, and
the next ingest deletes what it left behind.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict

import chromadb
from langchain_chroma import Chroma

from .config import Settings
from .embeddings import load_embeddings
from .types import Chunk, Fact

PAGE = 5000  # ids and metadatas read from the store at a time


def chroma_client(settings: Settings):
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.data_dir / "chroma"))


def open_collection(settings: Settings, name: str, client=None) -> Chroma:
    """One collection as a langchain store. Embeddings are always ours: Chroma's own default model is never invoked."""
    return Chroma(
        collection_name=name,
        embedding_function=load_embeddings(settings.embeddings),
        client=client or chroma_client(settings),
        # a wide search beam keeps HNSW close to exact, so rankings do not shift between index builds
        collection_configuration={"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}},
    )


class Versions:
    """The versions of one embedding model's index (settings.collection) in one Chroma."""

    def __init__(self, settings: Settings, client=None):
        self.settings = settings
        self.client = client or chroma_client(settings)
        self.base = settings.collection
        # no embedding function: these collections are only read and written with our vectors
        self._pointer = self.client.get_or_create_collection(f"{self.base}.current", embedding_function=None)

    def current(self) -> str | None:
        """The complete version questions read; None before the first ingest. About half a millisecond embedded."""
        return (self.read(self._pointer.name).metadata or {}).get("current")

    def open(self, name: str) -> Chroma:
        return open_collection(self.settings, name, self.client)

    def read(self, name: str):
        """A collection to read from; chromadb's NotFoundError once deleted (opening it as a store would create it)."""
        return self.client.get_collection(name, embedding_function=None)

    def begin(self) -> Chroma:
        """A new, empty version, after deleting what an interrupted ingest left (any version but the current one and
        the one before it, which a process may still be loading)."""
        meta = self.read(self._pointer.name).metadata or {}
        self._delete_except({meta.get("current"), meta.get("previous")})
        numbers = [int(m.group(1)) for name in self._names() if (m := re.fullmatch(r".*\.v(\d+)", name))]
        return self.open(f"{self.base}.v{max(numbers, default=0) + 1}")

    def publish(self, store: Chroma) -> None:
        """Make the complete version current; the previous one stays a while for processes still loading it."""
        previous = self.current()
        self.read(self._pointer.name).modify(
            metadata={"current": store._collection.name, **({"previous": previous} if previous else {})})
        self._delete_except({store._collection.name, previous})

    def _names(self) -> list[str]:
        return [c.name for c in self.client.list_collections()
                if c.name == self.base or re.fullmatch(re.escape(self.base) + r"\.v\d+", c.name)]

    def _delete_except(self, keep: set) -> None:
        for name in self._names():
            if name not in keep:
                self.client.delete_collection(name)


def open_store(settings: Settings) -> Chroma | None:
    """The current version of the index; None before the first ingest."""
    versions = Versions(settings)
    name = versions.current()
    return versions.open(name) if name else None


def to_metadata(chunk: Chunk) -> dict:
    meta = {
        "source": chunk.source,
        "doc": chunk.doc,
        "path": json.dumps(chunk.path, ensure_ascii=False),
        "locator": chunk.locator,
        "item": chunk.item,
        "field": chunk.field,
        "quote": chunk.text,
        "note": chunk.note,
        "point": chunk.point,
        "facts": facts_json(chunk),
        "ocr": chunk.ocr,
    }
    if chunk.page_start is not None:
        meta.update(page_start=chunk.page_start, page_end=chunk.page_end)
    return meta


def from_metadata(meta: dict) -> Chunk:
    return Chunk(
        source=meta["source"],
        doc=meta["doc"],
        path=json.loads(meta["path"]),
        text=meta["quote"],
        field=meta["field"],
        item=meta["item"],
        page_start=meta.get("page_start"),
        page_end=meta.get("page_end"),
        note=meta.get("note", ""),
        point=meta.get("point", ""),
        ocr=meta.get("ocr", False),
        facts=[Fact(**f) for f in json.loads(meta.get("facts", "[]"))],
    )


def facts_json(chunk: Chunk) -> str:
    return json.dumps([asdict(f) for f in chunk.facts], ensure_ascii=False)


def stored(store: Chroma, embeddings: bool = False) -> tuple[list[str], list[dict], list]:
    """Every id and metadata in the store (and embedding, if asked), read PAGE at a time: Chroma's SQLite refuses to
    read more than 32,766 at once ("too many SQL variables"; python -m evals bench hit it at ×100 the corpus, 43,300
    passages)."""
    ids: list[str] = []
    metadatas: list[dict] = []
    vectors: list = []
    while True:
        found = store.get(include=["metadatas", "embeddings"] if embeddings else ["metadatas"], limit=PAGE,
                          offset=len(ids))
        ids += found["ids"]
        metadatas += found["metadatas"]
        vectors += list(found["embeddings"]) if embeddings else []
        if len(found["ids"]) < PAGE:
            return ids, metadatas, vectors


def indexed_sources(store: Chroma) -> dict[str, dict[str, dict]]:
    """Chunks already in the store, by source file: id → metadata."""
    by_source: dict[str, dict[str, dict]] = {}
    ids, metadatas, _ = stored(store)
    for chunk_id, meta in zip(ids, metadatas):
        by_source.setdefault(meta["source"], {})[chunk_id] = meta
    return by_source


def all_chunks(store: Chroma) -> list[Chunk]:
    return [from_metadata(meta) for meta in stored(store)[1]]
