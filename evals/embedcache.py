"""An on-disk cache of passage embeddings, for the benchmark only: the product never uses it.

Embedding ×100 copies of the corpus takes the bundled model about an hour on two cores; most passages
of a synthetic copy are word for word those of the original (only figures differ), and copies are
the same from run to run. The cache (SQLite, key = sha256 of model name and text) embeds each distinct
text once. It counts what the model embedded and what came from the cache, and how long each took, so
the benchmark can report an uncached estimate beside the measured time. Queries are never cached.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings


@dataclass
class Counts:
    model_texts: int = 0
    model_seconds: float = 0.0
    cached_texts: int = 0
    cache_seconds: float = 0.0  # time spent in the cache itself (look-ups and writes)


class CachedEmbeddings(Embeddings):
    def __init__(self, inner: Embeddings, model: str, path: Path, read: bool = True):
        self.inner, self.model, self.read = inner, model, read
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        self.counts = Counts()

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model}\x00{text}".encode()).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, list[float]]:
        if not self.read:
            return {}
        found = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            found.update({key: np.frombuffer(blob, dtype=np.float32).tolist() for key, blob in rows})
        return found

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        keys = [self.key(t) for t in texts]
        vectors = self._lookup(keys)
        missing = list(dict.fromkeys(k for k in keys if k not in vectors))
        self.counts.cached_texts += len(texts) - len(missing)
        looked_up = time.perf_counter()
        if missing:
            by_key = dict(zip(keys, texts))
            fresh = self.inner.embed_documents([by_key[k] for k in missing])
            embedded = time.perf_counter()
            self.counts.model_texts += len(missing)
            self.counts.model_seconds += embedded - looked_up
            vectors.update(zip(missing, fresh))
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                 [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in zip(missing, fresh)])
            self._db.commit()
            self.counts.cache_seconds += time.perf_counter() - embedded
        self.counts.cache_seconds += looked_up - started
        return [vectors[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def install(path: Path, read: bool = True) -> dict[str, CachedEmbeddings]:
    """Make ingest's store (ingest/index.py open_collection) embed through the cache in this process;
    returns the cached embedders by model name as they get loaded, for their counts."""
    import ingest.index
    from ingest.embeddings import load_embeddings

    original = load_embeddings
    cached: dict[str, CachedEmbeddings] = {}

    def load(spec: str) -> Embeddings:
        if spec not in cached:
            cached[spec] = CachedEmbeddings(original(spec), spec, path, read)
        return cached[spec]

    ingest.index.load_embeddings = load
    return cached
