#!/usr/bin/env python3
"""Claim-matching speed and memory at 100k and 1M synthetic claims (part of `make bench`).

Vectors are random unit vectors of the encoder's size (384 float32), as each process keeps them in
numpy (claims.services.matching.VectorStore); a search is the brute-force nearest 50 (one matrix
product and argpartition) plus the re-ranking of those 50 (BM25 over the pool, numbers, names).
The encoder's own time for the query (~25 ms a sentence on this machine) is measured apart.
Writes bench/results/matching.json.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.matching.encoder import DIM, Encoder  # noqa: E402
from claims.matching.index import MatchIndex  # noqa: E402

POOL = 50
QUERIES = 200
WORDS = (
    "unemployment fell terminals Starlink budget transport rose million percent inflation prices "
    "chômage baisse hausse milliards euros dette ministre election vote taxes health hospital"
).split()


def synthetic_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(12)) + f" {rng.randint(1, 99_999)}"


def unit(rows: int, rng: np.random.Generator) -> np.ndarray:
    matrix = rng.standard_normal((rows, DIM), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix


def measure(size: int) -> dict:
    rng = np.random.default_rng(size)
    prng = random.Random(size)
    matrix = unit(size, rng)
    texts = [synthetic_text(prng) for _ in range(POOL)]
    queries = unit(QUERIES, rng)
    timings = []
    for vector in queries:
        started = time.perf_counter()
        scores = matrix @ vector
        best = np.argpartition(-scores, POOL - 1)[:POOL]
        index = MatchIndex.from_vectors([str(i) for i in best], texts, matrix[best])
        index.rank(synthetic_text(prng), vector, 10)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "claims": size,
        "vector_memory_mb": round(matrix.nbytes / 1e6, 1),
        "search_ms_p50": round(statistics.median(timings), 2),
        "search_ms_p95": round(timings[int(0.95 * len(timings)) - 1], 2),
    }


def main() -> int:
    results = {"load_average": os.getloadavg()[0], "dim": DIM, "pool": POOL, "queries": QUERIES, "sizes": []}
    for size in (100_000, 1_000_000):
        figures = measure(size)
        results["sizes"].append(figures)
        print(
            f"{size:>9,} claims: vectors {figures['vector_memory_mb']:,} MB, search p50 {figures['search_ms_p50']} ms,"
            f" p95 {figures['search_ms_p95']} ms (nearest {POOL} + re-rank)"
        )
    encoder = Encoder()
    sentences = [
        f"Le chômage a baissé de {i},3 point au troisième trimestre, selon l'Insee." for i in range(40)
    ]
    encoder.embed(sentences[:2])  # load the model
    started = time.perf_counter()
    encoder.embed(sentences[2:])
    per = (time.perf_counter() - started) / (len(sentences) - 2) * 1000
    results["encode_ms_per_sentence"] = round(per, 1)
    results["memory_mb_per_100k"] = results["sizes"][0]["vector_memory_mb"]
    print(
        f"encoder: {per:.1f} ms per sentence; memory per 100k claims: {results['memory_mb_per_100k']} MB of vectors"
    )
    out = REPO / "bench" / "results" / "matching.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
