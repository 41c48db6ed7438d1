"""Language detection with py3langid (offline, a few ms per article): the one detector, for the
article's stored language and for extraction (claims.extraction.detect_language falls back to its default language)."""

from __future__ import annotations

import functools

# Below this many letters the guess is noise ("hello" comes out as Breton).
MIN_LETTERS = 20
# Normalised probability under which we prefer to say "don't know".
MIN_CONFIDENCE = 0.5
# The language of an article is clear from its beginning; bound the work.
SAMPLE_CHARS = 20_000


@functools.lru_cache(maxsize=1)
def _identifier():
    # Loading the model takes ~0.4 s: once per process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or "" if it is too short or unclear to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ""
    lang, prob = _identifier().classify(sample)
    if prob < MIN_CONFIDENCE or len(lang) != 2:
        return ""
    return lang
