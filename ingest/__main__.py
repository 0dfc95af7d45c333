"""python -m ingest [--corpus DIR] [--data DIR]: bring the index in line with the corpus."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from .config import Settings
from .pipeline import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Index the policy documents in corpus/.")
    parser.add_argument("--corpus", type=Path, help="folder of .pdf/.txt/.md files (default: corpus/)")
    parser.add_argument("--data", type=Path, help="folder for the index (default: data/)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.corpus:
        settings = dataclasses.replace(settings, corpus_dir=args.corpus)
    if args.data:
        settings = dataclasses.replace(settings, data_dir=args.data)
    report = run(settings, progress=not args.quiet)
    print(report.summary())
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
