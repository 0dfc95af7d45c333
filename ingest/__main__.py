"""python -m ingest [--corpus DIR] [--data DIR] [add FILE… | remove NAME…]: bring the index in line with the corpus;
`add` checks files and puts them into the corpus first, `remove` takes documents out of it."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from .config import Settings
from .pipeline import run
from .upload import Refused, add, remove


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Index the policy documents in corpus/.")
    parser.add_argument("--corpus", type=Path, help="folder of .pdf/.txt/.md files (default: corpus/)")
    parser.add_argument("--data", type=Path, help="folder for the index (default: data/)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("add", help="check documents, copy them into the corpus and index them").add_argument(
        "files", type=Path, nargs="+")
    commands.add_parser("remove", help="take documents (by file name) out of the corpus and the index").add_argument(
        "names", nargs="+")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.corpus:
        settings = dataclasses.replace(settings, corpus_dir=args.corpus)
    if args.data:
        settings = dataclasses.replace(settings, data_dir=args.data)
    progress = not args.quiet
    try:
        if args.command == "add":
            for path in args.files:
                report = add(settings, path.name, path.read_bytes(), progress)
        elif args.command == "remove":
            for name in args.names:
                report = remove(settings, name, progress)
        else:
            report = run(settings, progress=progress)
    except Refused as refused:
        print(f"refused: {refused} — the corpus and the index are unchanged", file=sys.stderr)
        return 2
    print(report.summary())
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
