"""Same-length text normalisation: every substitution maps one character to one character,
so offsets computed on the normalised text are offsets into the original text."""

from __future__ import annotations

import re

# one char -> one char
_TABLE = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u0060": "'",
    "\u00b4": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2008": " ",
    "\u3000": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2004": " ",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\t": " ",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x85": "\n",
    "\ufeff": " ",
    "\u200b": " ",
    "\u200c": " ",
    "\u200d": " ",
    "\u2060": " ",
}
for _c in range(32):
    if chr(_c) not in ("\n",) and chr(_c) not in _TABLE:
        _TABLE[chr(_c)] = " "
_TABLE["\x7f"] = " "
_TRANS = str.maketrans(_TABLE)

# spaces that journalists use as thousands separators (kept distinct for the number parser)
THOUSANDS_SPACES = " \u00a0\u202f\u2009\u2007"

_LONG_RUN = re.compile(r"\S{200,}")


def normalize(text: str) -> str:
    """Return a string of exactly the same length with typographic variants folded."""
    out = text.translate(_TRANS)
    # lone surrogates would crash encoders later; replace them one-for-one
    if any("\ud800" <= ch <= "\udfff" for ch in out):
        out = "".join(" " if "\ud800" <= ch <= "\udfff" else ch for ch in out)
    return out


def for_tokenizer(norm: str) -> str:
    """Same-length copy for spaCy: break pathological non-space runs (megabytes of digits)
    every 100 characters so the tokenizer stays linear."""
    if len(norm) < 200 or not _LONG_RUN.search(norm):
        return norm

    def _cut(m: re.Match) -> str:
        s = list(m.group(0))
        for i in range(100, len(s), 100):
            s[i] = " "
        return "".join(s)

    return _LONG_RUN.sub(_cut, norm)
