"""python -m evals run | retrieval | answers | golden | bench.

run: every case asked of the assistant and of the LangChain baseline (evals/baseline.py), scored per kind
(retrieval, correct, grounded, declined, corrected, latency); a table on the terminal and report.json,
report.md and accuracy.png in --out. --compare adds a second configuration of the assistant to the same run.
retrieval, answers: the assistant alone, retrieval R@k/MRR or answer correctness per kind.
golden: every case's batch record against evals/golden.jsonl, a diff of each change; --update writes them.
bench: ingest and answer speed, memory and retrieval as the corpus grows ×10 (--quick) and ×100 (evals/bench.py).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from ingest.config import Settings
from assistant.answer import Answerer
from assistant.guard import Guarded
from assistant.llm import ModelSettings
from assistant.withmodel import with_model
from ingest.pipeline import run as ingest

from . import bench, golden
from . import load as load_run
from .baseline import RECIPE, Baseline
from .cases import CASES, Case, load
from .harness import K, Assistant, evaluate, ranked
from .metrics import by_kind, summarise
from .report import terminal, write

OUT = Path(__file__).resolve().parent / "out"
ANSWERERS = ("rules", "local", "openai")


def configured(settings: Settings, assignments: list[str]) -> tuple[Settings, str]:
    """The settings with SETTING=VALUE assignments applied, each value read as the setting's type, and the answerer
    (answerer=rules, local or openai: the rules alone, or with that language model beside them)."""
    names = [f.name for f in dataclasses.fields(Settings)]
    changes, answerer = {}, "rules"
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        key = key.strip().replace("-", "_")
        if key == "answerer" and value in ANSWERERS:
            answerer = value
            continue
        if not sep or key not in names:
            raise SystemExit(f"expected SETTING=VALUE with SETTING one of {', '.join(names)}, or answerer="
                             f"{'|'.join(ANSWERERS)}; got {assignment!r}")
        current = getattr(settings, key)
        changes[key] = value if current is None else type(current)(value)
    return dataclasses.replace(settings, **changes), answerer


def answerer_of(settings: Settings, answerer: str) -> Guarded:
    """The rules alone, or with the language model the environment configures for that backend beside them."""
    rules = Answerer(settings)
    if answerer == "rules":
        return rules
    return with_model(rules, dataclasses.replace(ModelSettings(), backend=answerer), settings)


def retrieval(settings: Settings, show_misses: bool) -> dict[str, float]:
    ingest(settings, progress=False)  # index the corpus first if it is not (or no longer) current
    assistant = Assistant(settings)
    cases = [c for c in load() if c.gold]
    rankings = []
    for case in cases:
        top = assistant.top(case, K)
        rankings.append(ranked(case, top))
        if show_misses and not any(rankings[-1]):
            print(f"miss {case.id}: {' '.join(case.messages)} → {[s[0][1] for s in top[:3]]}", file=sys.stderr)
    scores = summarise(rankings)
    print(f"{len(cases)} questions · embeddings {settings.embeddings} · lexical weight {settings.lexical_weight}")
    print("  ".join(f"{name} {value:.3f}" for name, value in scores.items()))
    return scores


def print_wrong(cases: list[Case], rows: list[dict]) -> None:
    by_id = {c.id: c for c in cases}
    for row in rows:
        if not row["correct"] or not row["grounded"]:
            case = by_id[row["id"]]
            print(f"--- {case.id} {case.kind} {case.messages} gold {case.numbers} {case.gold and case.gold['locator']}\n"
                  f"{row['record'].get('answer')}", file=sys.stderr)


def answers(settings: Settings, show_wrong: bool, kind: str | None = None) -> dict[str, dict]:
    ingest(settings, progress=False)
    cases = [c for c in load() if kind in (None, c.kind)]
    rows = evaluate(Assistant(settings), cases)
    if show_wrong:
        print_wrong(cases, rows)
    table = by_kind(rows)
    print(f"{'kind':<14}{'n':>5}{'correct':>10}{'grounded':>10}")
    for name, row in table.items():
        print(f"{name:<14}{row['n']:>5}{row['correct']:>10.1%}{row['grounded']:>10.1%}")
    return table


def check_golden(settings: Settings, update: bool) -> int:
    ingest(settings, progress=False)
    old, new = golden.read(), golden.snapshot(Answerer(settings))
    changes = golden.diff(old, new)
    print("\n".join(changes))
    if update:
        golden.write(new)
        print(f"{len(changes)} of {len(new)} records changed; wrote {golden.GOLDEN}")
        return 0
    print(f"{len(changes)} of {len(new)} records differ from {golden.GOLDEN}" + (" (review, then --update)" if changes else ""))
    return 1 if changes else 0


def run(args: argparse.Namespace) -> list[Path]:
    ours, answerer = configured(Settings(), args.set)
    configs = {"ours" + (f" ({', '.join(args.set)})" if args.set else ""): (ours, answerer)}
    if args.compare:
        configs[f"ours ({', '.join(args.compare)})"] = configured(ours, args.compare)
    for settings, _ in configs.values():
        if errors := ingest(settings, progress=False).errors:
            print("\n".join(f"ingest error: {e}" for e in errors), file=sys.stderr)
    cases = [c for c in load(args.cases) if args.kind in (None, c.kind)][: args.limit]
    print(f"{len(cases)} cases from {args.cases}; indexing the corpus for the baseline if needed…", file=sys.stderr)
    systems = [Assistant(settings, name, answerer_of(settings, kind)) for name, (settings, kind) in configs.items()] \
        + [Baseline(ours)]
    rows = {system.name: evaluate(system, cases) for system in systems}
    tables = {name: by_kind(r) for name, r in rows.items()}
    described = {name: {"embeddings": s.embeddings, "lexical weight": s.lexical_weight, "answerer": kind}
                 for name, (s, kind) in configs.items()}
    described[Baseline.name] = {"embeddings": ours.embeddings, **RECIPE}
    print(terminal(tables, described))
    if args.wrong:
        print_wrong(cases, rows[next(iter(configs))])
    paths = write(args.out, str(args.cases), tables, described, rows)
    print("wrote " + ", ".join(str(p) for p in paths))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    sub = parser.add_subparsers(dest="command", required=True)
    full = sub.add_parser("run", help="the assistant beside the LangChain baseline on every case: table, JSON, Markdown, PNG")
    full.add_argument("--cases", type=Path, default=CASES, help="a JSON Lines cases file (default evals/cases.jsonl)")
    full.add_argument("--kind", help="only the cases of this kind")
    full.add_argument("--limit", type=int, help="only the first N cases")
    full.add_argument("--out", type=Path, default=OUT, help="where report.json, report.md and accuracy.png go (default evals/out)")
    full.add_argument("--set", action="append", default=[], metavar="SETTING=VALUE",
                      help="a setting of the assistant (ingest/config.py), e.g. lexical_weight=0; repeatable")
    full.add_argument("--compare", action="append", default=[], metavar="SETTING=VALUE",
                      help="a second configuration of the assistant in the same run, e.g. lexical_weight=0; repeatable")
    full.add_argument("--wrong", action="store_true", help="print the assistant's wrong or ungrounded answers")
    ret = sub.add_parser("retrieval", help="retrieval recall and MRR on evals/cases.jsonl")
    ret.add_argument("--lexical-weight", type=float, help="weight of BM25 in the fusion (0 = dense only)")
    ret.add_argument("--misses", action="store_true", help="print the questions whose gold passage is not in the top 5")
    ans = sub.add_parser("answers", help="answer correctness and grounding per kind, through the batch interface")
    ans.add_argument("--wrong", action="store_true", help="print the wrong or ungrounded answers")
    ans.add_argument("--kind", help="only the cases of this kind")
    gol = sub.add_parser("golden", help="every case's batch record against the snapshot evals/golden.jsonl")
    gol.add_argument("--update", action="store_true", help="write the current records as the snapshot")
    ben = sub.add_parser("bench", help="ingest and query speed, memory, index size and retrieval at ×1, ×10, ×100 the corpus")
    ben.add_argument("--quick", action="store_true", help="up to ×10 only (about 15 minutes at most)")
    ben.add_argument("--scales", type=lambda s: tuple(int(x) for x in s.split(",")), metavar="1,10,100",
                     help="the corpus scales to measure (default 1,10,100; 1,10 with --quick)")
    ben.add_argument("--out", type=Path, default=bench.OUT, help="where bench.json, bench.md and bench.png go")
    ben.add_argument("--cache", type=Path, help="the embedding cache (default OUT/embeddings.sqlite)")
    ben.add_argument("--work", type=Path, help="where the temporary corpora and indexes go (default: the system's)")
    ben.add_argument("--keep", action="store_true", help="keep the temporary corpora and indexes")
    lod = sub.add_parser("load", help="many conversations at once through the web app's API (loopback only)")
    lod.add_argument("--conversations", type=int, default=50, help=f"at once (default 50, at most {load_run.MAX_CONVERSATIONS})")
    lod.add_argument("--seconds", type=float, default=0,
                     help=f"keep starting rounds until this much time has passed (default one round; at most {load_run.MAX_SECONDS})")
    lod.add_argument("--url", help="an app already running on loopback (default: start one over the data folder's index)")
    lod.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "run":
        run(args)
    elif args.command == "bench":
        bench.run(args.quick, args.out, args.scales, args.work, args.cache, args.keep)
    elif args.command == "golden":
        return check_golden(settings, args.update)
    elif args.command == "load":
        return load_run.run(args.conversations, args.seconds, args.url, args.out)
    elif args.command == "answers":
        answers(settings, args.wrong, args.kind)
    else:
        if args.lexical_weight is not None:
            settings = dataclasses.replace(settings, lexical_weight=args.lexical_weight)
        retrieval(settings, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
