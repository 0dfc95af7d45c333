"""No answer changes by accident: every evaluation case's batch record equals the reviewed snapshot.

After a deliberate change, review `python -m evals golden` and write it with `--update`.
"""
from __future__ import annotations

from evals import golden


def test_every_record_matches_the_golden_snapshot(answerer):
    changes = golden.diff(golden.read(), golden.snapshot(answerer))
    assert not changes, f"{len(changes)} records changed (python -m evals golden --update after review):\n" + \
        "\n".join(changes[:10])
