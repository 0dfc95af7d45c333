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
