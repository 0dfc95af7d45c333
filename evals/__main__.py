"""python -m evals retrieval [--lexical-weight W]: R@1, R@3, R@5 and MRR on the public cases."""
from __future__ import annotations

import argparse
import dataclasses
import sys

from assistant.retrieval import PolicyRetriever
from ingest.config import Settings
from ingest.pipeline import run as ingest

from .cases import load
from .metrics import summarise


def retrieval(settings: Settings, show_misses: bool) -> dict[str, float]:
    ingest(settings, progress=False)  # index the corpus first if it is not (or no longer) current
    retriever = PolicyRetriever(settings=settings)
    cases = [c for c in load() if c.gold]
    rankings = []
    for case in cases:
        query = " ".join(case.messages)
        hits = retriever.search(query, k=5)
        ranked = [case.matches(h.chunk.doc, h.chunk.locator) for h in hits]
        rankings.append(ranked)
        if show_misses and not any(ranked):
            print(f"miss {case.id}: {query} → {[h.chunk.locator for h in hits[:3]]}", file=sys.stderr)
    scores = summarise(rankings)
    print(f"{len(cases)} questions · embeddings {settings.embeddings} · lexical weight {settings.lexical_weight}")
    print("  ".join(f"{name} {value:.3f}" for name, value in scores.items()))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    sub = parser.add_subparsers(dest="command", required=True)
    ret = sub.add_parser("retrieval", help="retrieval recall and MRR on evals/cases.jsonl")
    ret.add_argument("--lexical-weight", type=float, help="weight of BM25 in the fusion (0 = dense only)")
    ret.add_argument("--misses", action="store_true", help="print the questions whose gold passage is not in the top 5")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.lexical_weight is not None:
        settings = dataclasses.replace(settings, lexical_weight=args.lexical_weight)
    retrieval(settings, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
