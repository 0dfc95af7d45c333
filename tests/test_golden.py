"""No answer changes by accident: every evaluation case's batch record equals the reviewed snapshot.

After a deliberate change, review `python -m evals golden` and write it with `--update`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from evals import golden
from ingest.config import ROOT


def test_every_record_matches_the_golden_snapshot(answerer):
    changes = golden.diff(golden.read(), golden.snapshot(answerer))
    assert not changes, f"{len(changes)} records changed (python -m evals golden --update after review):\n" + \
        "\n".join(changes[:10])


def test_answers_do_not_depend_on_the_process_hash_seed(corpus_settings):
    """Python orders sets of words by a hash seeded anew in each process: a tie broken by that order would give a
    user another answer after a restart. Another process, with another seed, answers every case the same."""
    script = ("import json, sys, dataclasses; from pathlib import Path; from assistant.answer import Answerer; "
              "from ingest.config import Settings; from evals import golden; "
              "a = Answerer(dataclasses.replace(Settings(), data_dir=Path(sys.argv[1]), chroma_host=None)); "
              "print(json.dumps(golden.snapshot(a), ensure_ascii=False))")
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    run = subprocess.run([sys.executable, "-c", script, str(corpus_settings.data_dir)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
    changes = golden.diff(golden.read(), json.loads(run.stdout.splitlines()[-1]))
    assert not changes, "\n".join(changes[:5])
