"""The golden snapshot: every evaluation case's full batch record, so no answer changes by accident.

`python -m evals golden` asks every case of the snapshot's files and prints a readable diff of each record
that changed; `--update` writes the new records after the change has been reviewed. The test suite runs
the same comparison (tests/test_golden.py).
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

from assistant.__main__ import answer_line
from assistant.answer import Answerer

from .cases import CASES, HELDOUTS, Case, load

GOLDEN = CASES.with_name("golden.jsonl")
SOURCES = (CASES, *HELDOUTS)


def cases() -> list[Case]:
    return [case for path in SOURCES for case in load(path)]


def record(answerer: Answerer, case: Case) -> dict:
    """The case's batch record, as `python -m assistant batch` gives it, with the messages it answered."""
    line = json.dumps({"id": case.id, "turns": case.messages}, ensure_ascii=False)
    return {"turns": case.messages, **answer_line(answerer, line, 1)}


def snapshot(answerer: Answerer) -> dict[str, dict]:
    return {case.id: record(answerer, case) for case in cases()}


def read(path: Path = GOLDEN) -> dict[str, dict]:
    if not path.exists():
        return {}
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


def write(records: dict[str, dict], path: Path = GOLDEN) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records.values()),
                    encoding="utf-8")


def _lines(record: dict | None) -> list[str]:
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).splitlines() if record else []


def diff(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    """One unified diff per case whose record differs (added and removed cases included)."""
    changed = []
    for case_id in list(old) + [i for i in new if i not in old]:
        if old.get(case_id) != new.get(case_id):
            changed.append("\n".join(difflib.unified_diff(_lines(old.get(case_id)), _lines(new.get(case_id)),
                                                          f"golden {case_id}", f"now {case_id}", n=1, lineterm="")))
    return changed
