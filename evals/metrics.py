"""Retrieval metrics over ranked lists of gold/non-gold flags."""
from __future__ import annotations


def recall_at(ranked: list[bool], k: int) -> float:
    """1 if a gold passage is among the first k, else 0."""
    return 1.0 if any(ranked[:k]) else 0.0


def reciprocal_rank(ranked: list[bool]) -> float:
    return next((1.0 / (i + 1) for i, hit in enumerate(ranked) if hit), 0.0)


def summarise(rankings: list[list[bool]], ks: tuple[int, ...] = (1, 3, 5)) -> dict[str, float]:
    n = len(rankings) or 1
    scores = {f"R@{k}": sum(recall_at(r, k) for r in rankings) / n for k in ks}
    scores["MRR"] = sum(reciprocal_rank(r) for r in rankings) / n
    return scores


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated linearly between the closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def share(flags: list[bool | None]) -> float | None:
    """Share of true flags among the defined ones; None when no case defines the metric."""
    defined = [f for f in flags if f is not None]
    return sum(defined) / len(defined) if defined else None


def ratio(ours: float | None, baseline: float | None) -> float | None:
    """ours / baseline; None when either is missing or the baseline scored 0 (no finite ratio)."""
    if ours is None or not baseline:
        return None
    return ours / baseline


FLAGS = ("correct", "grounded", "declined", "corrected")
# With a language model beside the rules, a row's "model" says how its answer came about (ModelAnswerer.counts: rules
# when the model was not asked; model, declined, failed or rejected when it was); None without a model.
MODEL_FLAGS = {
    "asked": lambda how: None if how is None else how != "rules",  # of all cases: the model was asked
    "by_model": lambda how: None if how is None else how == "model",  # of all cases: answered by the model
    "fallback": lambda how: None if how in (None, "rules") else how != "model",  # of those it was asked
    "rejected": lambda how: None if how in (None, "rules") else how == "rejected",  # by the guard, of those asked
}


def by_kind(rows: list[dict]) -> dict[str, dict]:
    """Per kind and "all": n, retrieval R@k/MRR over cases with a gold passage, the share of each flag
    over the cases that define it, and latency percentiles in milliseconds.

    A row: {"kind", "ranked": gold flags of the top hits or None (no gold), "correct", "grounded",
    "declined" (None unless a decline is expected), "corrected" (None unless a false premise), "seconds"}.
    """
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["kind"], []).append(row)
    groups["all"] = rows
    table = {}
    for kind, group in groups.items():
        rankings = [r["ranked"] for r in group if r["ranked"] is not None]
        retrieval = summarise(rankings) if rankings else dict.fromkeys(("R@1", "R@3", "R@5", "MRR"))
        millis = [1000 * r["seconds"] for r in group]
        table[kind] = {"n": len(group), **retrieval, **{f: share([r[f] for r in group]) for f in FLAGS},
                       **{f: share([flag(r.get("model")) for r in group]) for f, flag in MODEL_FLAGS.items()},
                       "p50_ms": percentile(millis, 50), "p95_ms": percentile(millis, 95)}
    return table
