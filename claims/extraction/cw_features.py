"""Text features of the check-worthiness scorer: normalisation, per-language cue concepts, dense cues.

    from claims.extraction.cw_features import normalize, dense_features, DENSE_NAMES
    dense = dense_features([normalize(t) for t in texts], "fr", hints)

Cue words are listed per language in the language modules (``languages/<code>.py: CW_CUES``) as
*concepts* (numbers in words, comparatives, attribution verbs, first/second person, hedges, public-affairs
vocabulary...); each concept is one feature (the log count of its matches), so a model trained on English
debates reads French sentences through the same concepts.  Language-independent shape cues (digits,
percent, money, years, capitalised names, question marks...) follow, then the engine's hints when given
(``n_quantities``, ``n_entities``, a quote with a speaker).  Pure Python + numpy; no model is loaded here.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np

from . import languages

MAX_CHARS = 5000  # a claim is a sentence or a quote; longer inputs are scored on their first 5000 chars
# ---------------------------------------------------------------------------------------------
# Text normalisation (same-length is not required here: we only score, we never return offsets)
# ---------------------------------------------------------------------------------------------
_TRANS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": '"',
        "\u203a": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def normalize(text: str) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    text = unicodedata.normalize("NFC", text).translate(_TRANS)
    # drop control / format characters (zero-width, BOM...), keep ordinary whitespace
    if not text.isprintable():  # (fast path: most claims have no control or format character)
        text = "".join(ch for ch in text if ch in "\t\n " or unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Cue lexicons per language (in the language modules).  Each concept becomes one feature (count of matches).
# ---------------------------------------------------------------------------------------------
def _cue_lists() -> dict[str, dict[str, list[str]]]:
    """The cue lists of every language module (``languages/<code>.py: CW_CUES``)."""
    return {
        code: languages.get(code).cw_cues for code in languages.supported() if languages.get(code).cw_cues
    }


CUES = _cue_lists()
CONCEPTS = list(CUES["en"].keys())

_WORD_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*'?|\d+", re.UNICODE)


def _rules(lang: str) -> tuple[bool, str]:
    """(split elisions and inversions into their words, which debate model reads the language) from the
    language's spec; a language without a module (CheckThat! Spanish, Arabic, Dutch) gets neither rule
    and the cue model."""
    spec = languages.get(lang)
    if lang not in (spec.code, spec.models):
        return False, "cue"
    return spec.cw_split_elisions, spec.cw_debate_model


def _compile_lexicon(lang: str):
    singles: dict[str, list[int]] = {}
    phrases: list[tuple[int, re.Pattern]] = []
    for ci, concept in enumerate(CONCEPTS):
        for w in CUES.get(lang, {}).get(concept, []):
            if " " in w or (w.endswith("'") and len(w) > 1 and _rules(lang)[0]):
                phrases.append(
                    (ci, re.compile(r"(?<!\w)" + re.escape(w) + (r"(?!\w)" if not w.endswith("'") else "")))
                )
            else:
                singles.setdefault(w, []).append(ci)
    return singles, phrases


_LEXICONS: dict[str, tuple] = {}

# language-independent patterns
_RE_DIGIT_NUM = re.compile(r"\d+(?:[ .,]\d{3})*(?:[.,]\d+)?")
_RE_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bpour ?cent\b|\bpercent", re.IGNORECASE)
_RE_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?[$€£¥]|\b\d+(?:[.,]\d+)?\s?(?:bn|m|k|md|mds|milliards?|millions?|billions?|trillions?)\b",
    re.IGNORECASE,
)
_RE_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_RE_DECADE = re.compile(r"(?<!\d)(?:1[89]\d0|20[0-2]0)'?s\b|\bannées\s+(?:19|20)?\d0\b", re.IGNORECASE)
_RE_CAP = re.compile(r"(?<=[\s(\"'])[A-ZÀ-ÖØ-Þ][\w'-]*")
_RE_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_RE_QUOTE = re.compile(r"\"[^\"]{3,}\"")

N_CONCEPT = len(CONCEPTS)
_SPEAKER_VOICE = [CONCEPTS.index(c) for c in ("first_sg", "first_pl", "second")]
DENSE_NAMES = [f"c_{c}" for c in CONCEPTS] + [
    "n_tokens_log",
    "short",
    "long",
    "n_numbers",
    "has_number",
    "percent",
    "money",
    "year",
    "decade",
    "n_caps",
    "has_caps",
    "acronym",
    "question_mark",
    "exclam",
    "quote",
    "colon",
    "ellipsis_dash",
    "ends_no_punct",
    "n_quantities",
    "n_entities",
    "is_quote_speaker",
]
_ENDS_NO_PUNCT = DENSE_NAMES.index("ends_no_punct")


def _dense_one(text: str, lang: str, hint: dict | None) -> list[float]:
    lex = _LEXICONS.get(lang)
    if lex is None:
        lex = _LEXICONS[lang] = _compile_lexicon(lang if lang in CUES else languages.DEFAULT_LANG)
    singles, phrases = lex
    split_elisions = _rules(lang)[0]
    low = text.lower()
    toks = _WORD_RE.findall(low)
    counts = [0.0] * N_CONCEPT
    for t in toks:
        for ci in singles.get(t, ()):
            counts[ci] += 1.0
        if split_elisions and t not in singles and ("'" in t or "-" in t):
            # elision and inversion: l'emploi -> l' + emploi; pensez-vous -> pensez + vous
            pieces = [p for p in re.split(r"['-]", t) if p]
            if "'" in t:
                pieces.append(t.split("'", 1)[0] + "'")
            for piece in pieces:
                for ci in singles.get(piece, ()):
                    counts[ci] += 1.0
    for ci, pat in phrases:
        n = len(pat.findall(low))
        if n:
            counts[ci] += n
    feats = [math.log1p(c) for c in counts]
    n_tok = len(toks)
    nums = _RE_DIGIT_NUM.findall(text)
    years = _RE_YEAR.findall(text)
    n_numbers = len(nums)
    n_caps = len(_RE_CAP.findall(" " + text[1:] if text else ""))
    percent = 1.0 if _RE_PERCENT.search(text) else 0.0
    money = 1.0 if _RE_MONEY.search(text) else 0.0
    quote = 1.0 if _RE_QUOTE.search(text) else 0.0
    n_quant = float(max(0, n_numbers - len(years)) + (counts[CONCEPTS.index("number_word")] > 0))
    n_ent = float(n_caps)
    is_quote_speaker = 0.0
    if isinstance(hint, dict):
        try:
            if hint.get("n_quantities") is not None:
                n_quant = float(hint["n_quantities"])
            if hint.get("n_entities") is not None:
                n_ent = float(hint["n_entities"])
            if hint.get("is_quote") and hint.get("speaker"):
                is_quote_speaker = 1.0  # (the "quote" text cue is left alone: the engine passes the quote
                # without its marks, and marks inside debate sentences mean something else)
        except (TypeError, ValueError):
            pass
    stripped = text.rstrip()
    feats += [
        math.log1p(n_tok),
        1.0 if n_tok <= 6 else 0.0,
        1.0 if n_tok >= 30 else 0.0,
        math.log1p(n_numbers),
        1.0 if n_numbers else 0.0,
        percent,
        money,
        1.0 if years else 0.0,
        1.0 if _RE_DECADE.search(text) else 0.0,
        math.log1p(n_caps),
        1.0 if n_caps else 0.0,
        1.0 if _RE_ACRONYM.search(text) else 0.0,
        1.0 if "?" in text else 0.0,
        1.0 if "!" in text else 0.0,
        quote,
        1.0 if ":" in text else 0.0,
        1.0 if ("..." in text or "\u2026" in text or stripped.endswith("-")) else 0.0,
        1.0 if stripped and stripped[-1] not in ".!?\"')" else 0.0,
        math.log1p(n_quant),
        math.log1p(n_ent),
        is_quote_speaker,
    ]
    return feats


def dense_features(texts: list[str], lang: str, hints: list[dict] | None = None) -> np.ndarray:
    hints = hints if hints is not None and len(hints) == len(texts) else [None] * len(texts)
    return np.asarray([_dense_one(t, lang, h) for t, h in zip(texts, hints)], dtype=np.float64).reshape(
        len(texts), len(DENSE_NAMES)
    )


Z_CLIP = 3.0


def standardise(dense: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """z-scores of the dense cues, clipped to +-Z_CLIP: a rare cue (an exclamation mark is in 0.3 % of
    debate sentences, z = 18) may not outweigh everything else a sentence says."""
    return np.clip((dense - mean) / scale, -Z_CLIP, Z_CLIP)


def text_for_ngrams(text: str) -> str:
    """Text fed to the n-gram vectorizers: lower-case, digits collapsed to 0 (numbers generalise)."""
    return re.sub(r"\d", "0", text.lower())
