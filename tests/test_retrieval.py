"""The retriever's own bookkeeping at scale: the dense ranking without a full sort, and a replaced index version freed."""
from __future__ import annotations

import gc
import weakref

import numpy as np
from hypothesis import given, strategies as st

from assistant.retrieval import PolicyRetriever, _top
from ingest.pipeline import run

from conftest import settings_for

DOC = "# 某地区{name}办法\n\n## 一、{name}\n\n符合条件的每人每月补助{amount}元。\n"


@given(st.lists(st.sampled_from([0.1, 0.2, 0.3, 0.5, 0.9]), min_size=1, max_size=60), st.integers(1, 70),
       st.one_of(st.none(), st.integers(0, 2**60)))
def test_the_top_m_are_a_stable_sorts_first_m(scores, m, mask_bits):
    """Cosines tie often (versions of a document repeat passages word for word): ties keep index order, as the stable
    sort of all scores did, and passages outside the scope are left out before the m are counted."""
    near = np.array(scores)
    allowed = None if mask_bits is None else np.array([bool(mask_bits >> i & 1) for i in range(len(scores))])
    expected = [i for i in np.argsort(-near, kind="stable") if allowed is None or allowed[i]][:m]
    assert _top(near, m, allowed).tolist() == expected


def test_a_replaced_version_is_freed(tmp_path):
    """The loaded version is kept out of the garbage collector's way; the one it replaces must still be freed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(DOC.format(name="高龄津贴", amount=100), encoding="utf-8")
    settings = settings_for(corpus, tmp_path / "data")
    run(settings, progress=False)
    retriever = PolicyRetriever(settings=settings)
    assert retriever.search("高龄津贴每月多少")[0].chunk.text.endswith("100元。")
    first = weakref.ref(retriever._lexicon())
    (corpus / "b.md").write_text(DOC.format(name="残疾人护理补贴", amount=80), encoding="utf-8")
    run(settings, progress=False)
    assert retriever.search("残疾人护理补贴每月多少")[0].chunk.text.endswith("80元。")
    gc.collect()
    assert first() is None
