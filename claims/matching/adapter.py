"""A low-rank linear map on the frozen encoder's query vectors, fitted for tweet → fact-check search.

``adapted(q) = normalise(q + (q A) B)`` with A (384×r), B (r×384): a correction around the identity,
fitted by training/matching_adapter.py on CheckThat! 2020 task 2 *train* (each tweet against all
10,390 claims, softmax over the whole corpus). Documents keep their stored vectors: one extra
matrix–vector product per query, no second vector per claim. The adapted cosine is a re-ranker
signal and a source of candidates; the linking thresholds stay on the plain cosine.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

ADAPTER_FILE = Path(__file__).resolve().parent / "adapter.npz"


@lru_cache(maxsize=1)
def load(path: Path = ADAPTER_FILE) -> tuple[np.ndarray, np.ndarray] | None:
    """(A, B), or None when no adapter ships (then the adapted cosine is the plain one)."""
    if not Path(path).exists():
        return None
    with np.load(path) as data:
        return data["A"].astype(np.float32), data["B"].astype(np.float32)


def apply(vectors: np.ndarray, adapter: tuple[np.ndarray, np.ndarray] | None) -> np.ndarray:
    """The adapted, L2-normalised rows of `vectors` (a single vector gives a single vector); vectors
    not of the encoder's space (another dimension, e.g. hand-made ones) are returned as they are."""
    if adapter is None or np.shape(vectors)[-1] != adapter[0].shape[0]:
        return vectors
    a, b = adapter
    out = vectors + (vectors @ a) @ b
    norms = np.linalg.norm(out, axis=-1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32)
