"""spaCy model loading (once per process, lazily) and chunked batch processing."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from . import languages

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()

# texts longer than this are split (at paragraph or whitespace boundaries) before spaCy
CHUNK_CHARS = 20000


def load(lang: str):
    """Return the spaCy pipeline for ``lang`` with unneeded pipes disabled (cached per process)."""
    spec = languages.get(lang)
    nlp = _MODELS.get(spec.code)
    if nlp is None:
        with _LOCK:
            nlp = _MODELS.get(spec.code)
            if nlp is None:
                import spacy

                nlp = spacy.load(spec.model, exclude=list(spec.disable))
                nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
                _MODELS[spec.code] = nlp
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into [start, end) chunks of at most ``size`` chars, preferring paragraph breaks,
    then line breaks, then sentence ends, then spaces."""
    n = len(text)
    if n <= size:
        return [(0, n)]
    out = []
    start = 0
    while start < n:
        end = min(n, start + size)
        if end < n:
            window = text[start + size // 2 : end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                k = window.rfind(sep)
                if k >= 0:
                    cut = start + size // 2 + k + len(sep)
                    break
            if cut > start:
                end = cut
        out.append((start, end))
        start = end
    return out


def pipe(lang: str, texts: Iterable[str], batch_size: int = 32) -> Iterable:
    nlp = load(lang)
    return nlp.pipe(texts, batch_size=batch_size)
