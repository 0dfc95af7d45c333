"""The Chroma store holding the chunks: embedded on disk by default, or a Chroma server."""
from __future__ import annotations

import json
from dataclasses import asdict

import chromadb
from langchain_chroma import Chroma

from .config import Settings
from .embeddings import load_embeddings
from .types import Chunk, Fact

PAGE = 5000  # ids and metadatas read from the store at a time


def open_store(settings: Settings) -> Chroma:
    """The chunk store. Embeddings are always ours: Chroma's own default model is never invoked."""
    if settings.chroma_host:
        client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port)
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(settings.data_dir / "chroma"))
    return Chroma(
        collection_name=settings.collection,
        embedding_function=load_embeddings(settings.embeddings),
        client=client,
        # a wide search beam keeps HNSW close to exact, so rankings do not shift between index builds
        collection_configuration={"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}},
    )


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
