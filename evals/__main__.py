"""python -m evals retrieval | answers: retrieval R@k and MRR, or answer correctness and grounding per kind."""
from __future__ import annotations

import argparse
import dataclasses
import sys

from assistant.retrieval import PolicyRetriever
from ingest.config import Settings
from ingest.pipeline import run as ingest

from assistant.answer import Answerer

from .answers import score
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


def answers(settings: Settings, show_wrong: bool, kind: str | None = None) -> dict[str, dict[str, float]]:
    ingest(settings, progress=False)
    cases = [c for c in load() if kind in (None, c.kind)]
    table, wrong = score(cases, Answerer(settings))
    if show_wrong:
        for case, record in wrong:
            print(f"--- {case.id} {case.kind} {case.messages} gold {case.numbers} {case.gold and case.gold['locator']}\n"
                  f"{record.get('answer')}", file=sys.stderr)
    print(f"{'kind':<14}{'n':>5}{'correct':>10}{'grounded':>10}")
    for name, row in sorted(table.items(), key=lambda kv: kv[0] == "all"):
        print(f"{name:<14}{row['n']:>5}{row['correct']:>10.1%}{row['grounded']:>10.1%}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    sub = parser.add_subparsers(dest="command", required=True)
    ret = sub.add_parser("retrieval", help="retrieval recall and MRR on evals/cases.jsonl")
    ret.add_argument("--lexical-weight", type=float, help="weight of BM25 in the fusion (0 = dense only)")
    ret.add_argument("--misses", action="store_true", help="print the questions whose gold passage is not in the top 5")
    ans = sub.add_parser("answers", help="answer correctness and grounding per kind, through the batch interface")
    ans.add_argument("--wrong", action="store_true", help="print the wrong or ungrounded answers")
    ans.add_argument("--kind", help="only the cases of this kind")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "answers":
        answers(settings, args.wrong, args.kind)
        return 0
    if args.lexical_weight is not None:
        settings = dataclasses.replace(settings, lexical_weight=args.lexical_weight)
    retrieval(settings, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
