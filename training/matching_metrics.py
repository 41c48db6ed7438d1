"""Ranking measures for claim matching: MAP@k, success@1, MRR, and the false auto-link rate."""

from __future__ import annotations

import itertools
import random

from claims.matching import text as T


def average_precision(ranked: list[str], relevant: set[str], k: int) -> float:
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def ranking_figures(rankings: dict[str, list[str]], relevant: dict[str, set[str]], k: int = 5) -> dict:
    n = len(relevant)
    ap = sum(average_precision(rankings.get(q, []), rel, k) for q, rel in relevant.items()) / n
    s1 = sum(1 for q, rel in relevant.items() if rankings.get(q) and rankings[q][0] in rel) / n
    mrr = 0.0
    for q, rel in relevant.items():
        for rank, doc in enumerate(rankings.get(q, []), start=1):
            if doc in rel:
                mrr += 1 / rank
                break
    return {"queries": n, f"map@{k}": round(ap, 4), "success@1": round(s1, 4), "mrr": round(mrr / n, 4)}


def confusable_pairs(
    items: list[tuple[str, str]], limit: int = 3000, seed: int = 13
) -> list[tuple[str, str]]:
    """Pairs of *different* claims (distinct texts) that share at least one number or name: the
    pairs a careless matcher would link. Sampled reproducibly."""
    signals = [(doc, text, T.numbers(text), T.names(text)) for doc, text in items]
    pairs = []
    for (_d1, t1, n1, m1), (_d2, t2, n2, m2) in itertools.combinations(signals, 2):
        if t1.strip() == t2.strip():
            continue
        if (n1 & n2) or (m1 & m2):
            pairs.append((t1, t2))
    random.Random(seed).shuffle(pairs)
    return pairs[:limit]


def figure_pairs(items: list[tuple[str, str]], limit: int = 3000, seed: int = 13) -> list[tuple[str, str]]:
    """Pairs of claims of *different* articles that each state an amount (the demo's "5 000 lits" and
    "1,2 milliard"): different claims, which the product could only link across articles."""
    stating = [(doc, text) for doc, text in items if T.quantities(text)]
    pairs = [
        (t1, t2)
        for (d1, t1), (d2, t2) in itertools.combinations(stating, 2)
        if d1 != d2 and t1.strip() != t2.strip()
    ]
    random.Random(seed).shuffle(pairs)
    return pairs[:limit]
