"""Reading numbers: digit strings in each language's notation, and spelled-out numbers (text2num)."""

from __future__ import annotations

import math
import re

from .languages import LanguageSpec

try:  # text2num 3.x ships the module ``text_to_num``
    from text_to_num import text2num as _text2num
except Exception:  # noqa: BLE001  # pragma: no cover - dependency missing
    _text2num = None

MAX_DIGITS = 24


def _float(s: str) -> float | None:
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def parse_number(raw: str, spec: LanguageSpec, orig: str | None = None) -> float | None:
    """Parse a digit string written the way ``spec`` writes numbers."""
    s = raw.strip()
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    if " " in s:
        s = s.replace(" ", "")
    if spec.decimal_comma:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return _float(s.replace(".", ""))
        if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):
            return _float(s.replace(",", ""))
        return _float(s.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return _float(s.replace(",", ""))
    return _float(s.replace(",", "."))


def words_to_number(raw: str, spec: LanguageSpec) -> float | None:
    if _text2num is None:
        return None
    s = re.sub(r"\s+", " ", raw.lower().strip())
    try:
        return float(_text2num(s, spec.models))
    except Exception:  # noqa: BLE001, S110 - text2num raises ValueError/AssertionError on non-numbers
        pass
    # "a hundred", "deux millions" style fallbacks: multiply the head by a trailing scale
    parts = s.replace("-", " ").split()
    if parts and parts[-1] in spec.scales and len(parts) > 1:
        head = words_to_number(" ".join(parts[:-1]), spec)
        if head is not None:
            return head * spec.scales[parts[-1]]
    return None


def _is_year_like(s: str) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|21\d\d", s))
