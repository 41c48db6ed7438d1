"""Check-worthiness scorer (pure Python + numpy/scipy/scikit-learn; no Django, no network).

    from claims.extraction.checkworthiness import score_texts, THRESHOLD
    scores = score_texts(["Unemployment fell to 3.5 % in 2019."], lang="en")
    flagged = [s >= THRESHOLD for s in scores]

Two linear models are shipped in ``cw_model/`` (trained by ``training/train_debate.py`` on the
ClaimBuster crowdsourced set, CC BY 4.0):

* ``lexical`` (English only): TF-IDF word 1-2-grams + char 2-5-grams + the cue features below.
* ``cue``: only the language-independent / per-language cue features below (numbers, money, percent,
  years, capitalised names, comparatives, attribution verbs, first/second person, questions, hedges,
  public-affairs vocabulary...).  Cue words are listed per language (en, fr) as *concepts*, so a model
  trained on English debates scores French sentences through the same concepts.

A third stage, per language (``cw_news.py``; ``cw_model/news.*``, fitted by ``training/train_cw.py`` on the
labelled news train articles), decides when the engine passes its hints and a news model ships for the
language (French, English); bare sentences (the CLI ``score`` command, the sentence TSVs) and other
languages keep the debate model + the hand-set prior below.

English text is scored by the lexical model, every other language by the cue model.  Scores are
shifted in logit space so that the decision threshold chosen on held-out ClaimBuster data lands on
0.5: ``THRESHOLD == 0.5`` and ``score >= 0.5`` means check-worthy (the convention of the eval scorers).

Hints from the extraction engine (``types``, ``n_quantities``, ``is_quote``, ``speaker``,
``n_entities``, ``entity_labels``) replace the text-only estimates of the matching features and add a
small, documented news prior (see ``_hint_adjustment``): the training data are debate transcripts,
whereas the engine's candidates are news sentences where a dated event, a number or an attributed
factual quote is what a fact-checker looks for.
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from pathlib import Path

import numpy as np

from . import cw_news, languages

MODEL_DIR = Path(__file__).resolve().parent / "cw_model"
MAX_CHARS = 5000  # a claim is a sentence or a quote; longer inputs are scored on their first 5000 chars
THRESHOLD: float = 0.5

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


# ---------------------------------------------------------------------------------------------
# Model loading and scoring
# ---------------------------------------------------------------------------------------------
_LOCK = threading.Lock()
_MODEL: dict | None = None


class _Linear:
    """A linear model over [tfidf word | tfidf char | standardised dense] features."""

    def __init__(self, meta: dict, arrays, prefix: str):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vecs = []
        for vmeta in meta.get("vectorizers", []):
            name = vmeta["name"]
            vocab_list = vmeta["vocabulary"]
            params = dict(vmeta["params"])
            params["ngram_range"] = tuple(params["ngram_range"])
            v = TfidfVectorizer(
                vocabulary={t: i for i, t in enumerate(vocab_list)}, dtype=np.float32, **params
            )
            v.idf_ = arrays[f"{prefix}_{name}_idf"]
            self.vecs.append(v)
        self.mean = arrays[f"{prefix}_dense_mean"]
        self.scale = arrays[f"{prefix}_dense_scale"]
        self.coef = arrays[f"{prefix}_coef"].astype(np.float64)
        self.intercept = float(meta["intercept"])
        self.offset = float(meta.get("logit_offset", 0.0))  # logit of the chosen threshold

    def logits(self, texts: list[str], dense: np.ndarray, neutral: np.ndarray | None = None) -> np.ndarray:
        out = np.full(len(texts), self.intercept - self.offset)
        start = 0
        if self.vecs:
            prepped = [text_for_ngrams(t) for t in texts]
            for v in self.vecs:
                X = v.transform(prepped)
                n = X.shape[1]
                out += X @ self.coef[start : start + n]
                start += n
        Z = standardise(dense, self.mean, self.scale)
        if neutral is not None and neutral.any():
            # attributed quotes: the speaker's "I / we / you" is not the journalist's opinion
            Z[np.ix_(neutral, _SPEAKER_VOICE)] = 0.0
        out += Z @ self.coef[start : start + Z.shape[1]]
        return out


def _load() -> dict:
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                meta = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
                with np.load(MODEL_DIR / "weights.npz", allow_pickle=False) as z:
                    arrays = {k: z[k] for k in z.files}
                _MODEL = {
                    "meta": meta,
                    "lexical": _Linear(meta["models"]["lexical"], arrays, "lexical"),
                    "cue": _Linear(meta["models"]["cue"], arrays, "cue"),
                    "news": {},
                }
                news_path = MODEL_DIR / "news.json"
                if news_path.exists():
                    nmeta = json.loads(news_path.read_text(encoding="utf-8"))
                    with np.load(MODEL_DIR / "news.npz", allow_pickle=False) as z:
                        narrays = {k: z[k] for k in z.files}
                    _MODEL["news"] = {
                        lg: cw_news.NewsModel(m, narrays, f"news_{lg}") for lg, m in nmeta["models"].items()
                    }
                    _MODEL["news_meta"] = {k: v for k, v in nmeta.items() if k != "models"}
    return _MODEL


def _is_attributed_quote(hint) -> bool:
    if not isinstance(hint, dict):
        return False
    try:
        return bool(hint and hint.get("is_quote") and hint.get("speaker"))
    except AttributeError:
        return False


# the reporting clause around a quote, with no predicate of its own ("…, a indiqué X, entourée de ses neuf
# enfants"): not a claim (GUIDELINES), whatever its cues; its score stays under this cap
FRAME_ONLY_CAP = 0.2
FIRST_PERSON_ADJ = 0.8  # the writer's own "I" outside quotes: experience or opinion


def _hint_adjustment(hint: dict | None) -> float:
    """News prior added in logit space when the engine gives hints.

    Set by hand from GUIDELINES.md (not fitted on any gold file): the debate-trained models under-rate
    news sentences whose check-worthiness comes from a specific number, a dated event or a named
    speaker's factual quote.  The hint features themselves (n_quantities, n_entities, quote+speaker)
    already enter the linear model; this only adds the claim types the engine detected.  For quotes
    attributed to a named speaker the first/second-person cues are neutralised (see ``_Linear.logits``).

    The prior re-ranks news items; it should not move the operating point: ``score_texts`` subtracts its
    mean over the items extracted from an unlabelled news corpus of the language (``news_prior_center``
    in the model metadata, computed by ``make train``), so an average news item keeps the score the
    ClaimBuster-trained model gives it and ``score >= 0.5`` keeps the model's meaning.  English is
    centred on the BBC bench corpus; no unlabelled French news corpus is at hand, so French is not
    centred (a centre measured on English news is not French's: the cue model reads French otherwise).
    """
    if not hint:
        return 0.0
    try:
        types = set(hint.get("types") or [])
        adj = 0.0
        n_specific = hint.get("n_specific_quantities", hint.get("n_quantities")) or 0
        if "quantity" in types and n_specific > 0:
            adj += 0.6
        elif "quantity" in types and (hint.get("n_quantities") or 0) > 0:
            adj += 0.2  # only vague amounts ("des dizaines"): not a specific figure to check
        if types & {"comparison", "causal"}:
            adj += 0.4
        if "event" in types and (hint.get("n_entities") or 0) > 0 and hint.get("dated", True):
            adj += 0.4  # a happening anchored in time, with named participants
        if "prediction" in types:
            adj += 0.2
        if hint.get("is_quote") and hint.get("speaker"):
            adj += 0.3
            if types & {"quantity", "comparison", "causal", "prediction"}:
                adj += 0.4  # a named person's factual assertion
        if types and types <= {"other"}:
            adj -= 0.3
        if hint.get("first_person"):
            adj -= FIRST_PERSON_ADJ
        return adj
    except (AttributeError, TypeError):
        return 0.0


def _lang_key(lang: str | None) -> str:
    return (lang or "en").lower().split("-")[0].split("_")[0]


_LAST = threading.local()  # the last batch's base parts: the engine's type heads read the same batch again


def base_parts(texts: list[str], lang: str, hints: list[dict] | None = None):
    """(normalised texts, debate-model logits without the news prior, raw dense cues) for ``texts``."""
    key = (lang, tuple(texts), id(hints), len(hints) if hints is not None else -1)
    last = getattr(_LAST, "item", None)
    if last is not None and last[0] == key and last[1] is hints:
        return last[2]
    out = _base_parts(texts, lang, hints)
    _LAST.item = (key, hints, out)
    return out


def _base_parts(texts: list[str], lang: str, hints: list[dict] | None = None):
    model = _load()
    lang = _lang_key(lang)
    if hints is not None and len(hints) != len(texts):
        hints = None
    clean = [normalize(t) for t in texts]
    dense = dense_features(clean, lang, hints)
    m = model[_rules(lang)[1]]
    neutral = None
    if hints is not None:
        neutral = np.asarray([_is_attributed_quote(h) for h in hints], dtype=bool)
        # the engine hands quotes over without their closing punctuation: read them as whole sentences
        quotes = np.asarray([isinstance(h, dict) and bool(h.get("is_quote")) for h in hints], dtype=bool)
        dense[quotes, _ENDS_NO_PUNCT] = 0.0
    return clean, m.logits(clean, dense, neutral), dense


def score_texts(texts: list[str], lang: str, hints: list[dict] | None = None) -> list[float]:
    """Check-worthiness score in [0, 1] for each text; ``score >= THRESHOLD`` means check-worthy.

    With the engine's hints and a news model for the language (``cw_model``, fitted on labelled news),
    the news model decides; otherwise (bare sentences, other languages) the debate model plus the
    hand-set news prior of ``_hint_adjustment``."""
    texts = list(texts)
    if not texts:
        return []
    model = _load()
    lang = _lang_key(lang)
    if hints is not None and len(hints) != len(texts):
        hints = None
    clean, logits, dense = base_parts(texts, lang, hints)
    news = model["news"].get(lang) if hints is not None else None
    if news is not None:
        block = cw_news.design(logits, dense, hints, len(clean))
        docs = [h.get("doc", 0) if isinstance(h, dict) else 0 for h in hints]  # the article of each item
        emb = None
        if news.uses_embedding:
            from . import cw_embed

            emb = cw_embed.embed_per_doc([t if isinstance(t, str) else "" for t in texts], docs)
        logits = news.logits([text_for_ngrams(t) for t in clean], block, emb, docs)
    elif hints is not None:
        center = float((model["meta"].get("news_prior_center") or {}).get(lang, 0.0))
        logits = logits + np.asarray([_hint_adjustment(h) - center if h else 0.0 for h in hints])
    scores = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    out = []
    for i, (s, t) in enumerate(zip(scores.tolist(), clean)):
        if not t or not any(ch.isalnum() for ch in t):
            s = 0.0
        if hints is not None and isinstance(hints[i], dict) and hints[i].get("frame_only"):
            s = min(s, FRAME_ONLY_CAP)
        out.append(float(min(1.0, max(0.0, s))))
    return out


def model_info() -> dict:
    """Metadata of the shipped model (training data, threshold, dev scores, sizes)."""
    return {k: v for k, v in _load()["meta"].items() if k != "models"}
