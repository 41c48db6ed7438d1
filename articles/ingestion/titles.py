"""Sensible titles for articles (and evidence links) that arrive without one.

``derive_title(text)``: the first line that reads like a headline, skipping the
metadata lines a pasted article often starts with ("date 2022-10", "Source: AFP",
"By Jane Doe", "Publié le 3 mars 2024", a bare URL or date). A metadata prefix
on the headline's own line ("date 2022-10 Le chef de SpaceX…") is cut off. A line
that is a whole paragraph gives its first sentence. Long titles are cut at a word
boundary with "…". Never "Article 5": an article with no usable text has no title.

``title_from_url(url)``: "host — readable last path segment", without fetching.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

TITLE_LIMIT = 120
_LINES_LOOKED_AT = 8

_MONTHS = (
    r"jan(?:vier|uary|\.)?|f[ée]v(?:rier|\.)?|feb(?:ruary|\.)?|mars|march|mar\.?|avr(?:il|\.)?|apr(?:il|\.)?|mai|may|"
    r"juin|june?|juil(?:let|\.)?|july?|ao[uû]t|aug(?:ust|\.)?|sept?(?:embre|ember|\.)?|oct(?:obre|ober|\.)?|"
    r"nov(?:embre|ember|\.)?|d[ée]c(?:embre|ember|\.)?"
)
_DATE = (
    r"(?:\d{4}-\d{1,2}(?:-\d{1,2})?(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})"
)
_DATE_KEYS = r"date[ds]?|dat[ée]e?|le|on|published(?:\s+on)?|updated(?:\s+on)?|publi[ée]e?(?:\s+le)?|mis\s+[àa]\s+jour(?:\s+le)?"
# "date 2022-10 ", "Publié le 3 mars 2024 – ", "2024-03-02 | ": a date (with its key) leading a line.
_DATE_PREFIX = re.compile(
    rf"^\s*(?:(?:{_DATE_KEYS})\s*[:\-–—]?\s*)?{_DATE}\s*(?:[|:\-–—•·,]\s*)?", re.IGNORECASE
)
_METADATA_LINE = re.compile(
    r"^\s*(?:(?:source|sources|by|par|auteur|auteure|author|authors|cr[ée]dits?|credit|photo|image|"
    r"lien|link|url|tags?|mots[- ]cl[ée]s|keywords|cat[ée]gorie|category|rubrique|section|"
    r"lecture|reading\s+time|temps\s+de\s+lecture|copyright|©)\b\s*[:\-–—]?|https?://|www\.)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"’)]*\s+(?=[A-ZÀ-ÖØ-Þ«“\"0-9])")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


def _headline(line: str) -> str:
    """The line without a leading date (and its key), or "" when it is only metadata."""
    if _METADATA_LINE.match(line):
        return ""
    rest = _DATE_PREFIX.sub("", line, count=1) if _DATE_PREFIX.match(line) else line
    rest = rest.strip(" \t|:-–—•·,")
    # What is left must contain a word (letters), not just numbers and symbols.
    return rest if re.search(r"[^\W\d_]{2,}", rest) else ""


def derive_title(text: str, limit: int = TITLE_LIMIT) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for line in lines[:_LINES_LOOKED_AT]:
        headline = _headline(line)
        if headline:
            break
    else:
        return ""
    # A paragraph rather than a headline: its first sentence (not cut after "M." or "U.S.").
    for end in _SENTENCE_END.finditer(headline):
        sentence = headline[: end.start()]
        last_word = re.findall(r"[\w’']+", sentence)[-1:] or [""]
        if len(sentence.split()) >= 2 and (len(last_word[0]) >= 3 or last_word[0].isdigit()):
            headline = sentence
            break
    return _shorten(
        headline.rstrip(".").strip() if headline.endswith(".") and not headline.endswith("..") else headline,
        limit,
    )


def title_from_url(url: str) -> str:
    """ "insee.fr — Taux de chômage au 3e trimestre 2024" from
    https://www.insee.fr/fr/statistiques/taux-de-chomage-au-3e-trimestre-2024.html (nothing fetched)."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").removeprefix("www.")
    segments = [s for s in unquote(parts.path).split("/") if s]
    words = ""
    for segment in reversed(segments):
        segment = re.sub(r"\.(?:s?html?|php|aspx?|jsp|pdf)$", "", segment, flags=re.IGNORECASE)
        candidate = " ".join(re.sub(r"[-_+]+", " ", segment).split())
        # Skip bare ids and numbers ("12345", "index") for the segment before them.
        if re.search(r"[^\W\d_]{3,}", candidate) and candidate.lower() not in (
            "index",
            "default",
            "article",
            "amp",
        ):
            words = candidate[:1].upper() + candidate[1:]
            break
    if host and words:
        return _shorten(f"{host} — {words}", 300)
    return host or _shorten(url or "", 300)
