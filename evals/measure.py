"""The benchmark's measurements that need a process of their own, so that each has its own peak memory.

python -m evals.measure ingest --corpus DIR --data DIR --result FILE [--cache FILE] [--no-cache-read]
python -m evals.measure query --corpus DIR --data DIR --result FILE

ingest: one run of ingest (ingest/pipeline.py) with its report, wall time and peak RSS; with --cache, passages
are embedded through evals/embedcache.py and its counts are added. query: `Answerer.ask` timed on every public
case (the last message asked, earlier ones as history), after one warm-up question, and retrieval R@k/MRR of the
cases with a gold passage (also counting a synthetic copy of the gold item as a hit). The result is written as JSON to --result.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path

from ingest.config import Settings


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_once(settings: Settings, cache: Path | None, read_cache: bool) -> dict:
    from ingest.pipeline import run

    from .embedcache import Counts, install

    cached = install(cache, read_cache) if cache else {}
    started = time.perf_counter()
    report = run(settings, progress=False)
    seconds = time.perf_counter() - started
    counts = Counts()
    for embedder in cached.values():
        for name, value in dataclasses.asdict(embedder.counts).items():
            setattr(counts, name, getattr(counts, name) + value)
    return {"seconds": seconds, "files": report.files, "pages": report.pages, "chunks": report.chunks,
            "embedded": report.embedded, "skipped": report.skipped, "removed": report.removed,
            "errors": report.errors, **dataclasses.asdict(counts), "peak_rss_mb": peak_rss_mb()}


def queries(settings: Settings) -> dict:
    from assistant.answer import Answerer

    from .cases import load
    from .harness import K, Assistant, ranked
    from .metrics import percentile, summarise
    from .synthetic import original_title

    cases = load()
    started = time.perf_counter()
    answerer = Answerer(settings)
    loaded = time.perf_counter()
    answerer.ask(cases[0].messages[-1])  # loads the model's weights, jieba's dictionary, builds BM25
    first = time.perf_counter() - loaded
    millis = []
    for case in cases:
        begin = time.perf_counter()
        answerer.ask(case.messages[-1], history=case.messages[:-1])
        millis.append(1000 * (time.perf_counter() - begin))
    assistant = Assistant(settings, answerer=answerer)
    tops = {case.id: assistant.top(case, K) for case in cases if case.gold}
    rankings = [ranked(case, tops[case.id]) for case in cases if case.gold]
    # the same hits with a synthetic copy's title read as its original's: is the right item found at all?
    any_copy = summarise([ranked(case, [[(original_title(doc), where) for doc, where in hit] for hit in tops[case.id]])
                          for case in cases if case.gold])
    return {"n": len(cases), "load_s": loaded - started, "first_ask_s": first, "p50_ms": percentile(millis, 50),
            "p95_ms": percentile(millis, 95), "max_ms": max(millis), **summarise(rankings),
            "R@1_any_copy": any_copy["R@1"], "R@5_any_copy": any_copy["R@5"], "gold_cases": len(rankings),
            "peak_rss_mb": peak_rss_mb(), "ask_ms": [round(m, 2) for m in millis]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.measure")
    parser.add_argument("stage", choices=["ingest", "query"])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="embed passages through this cache (ingest only)")
    parser.add_argument("--no-cache-read", action="store_true", help="embed everything, only write the cache")
    args = parser.parse_args(argv)
    settings = dataclasses.replace(Settings(), corpus_dir=args.corpus, data_dir=args.data, chroma_host=None)
    if args.stage == "ingest":
        result = ingest_once(settings, args.cache, not args.no_cache_read)
    else:
        result = queries(settings)
    args.result.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
