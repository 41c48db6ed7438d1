"""Rule-based sentence splitting on the normalised text.

Quote spans are atomic (a multi-sentence quote is never cut), newlines are hard boundaries, known
abbreviations and initials do not end sentences, and over-long sentences are cut so that every later
regex works on bounded text (pathological input stays linear)."""

from __future__ import annotations

import bisect
import re

from .languages import LanguageSpec

MAX_SENT = 1200

_BOUNDARY = re.compile(
    r"(?:[.!?…]+|\.\.\.)(?:[\"'»”’)\]]+)?(?=\s+[\"«“„‹(\[-]*\s?[A-ZÀ-ÖØ-Þ0-9]|\s*$)|"
    r"(?<=[»”\"])(?=\s+[A-ZÀ-Ý«“])(?<=[.!?…][»”\"])"
)
_WORD_BEFORE = re.compile(r"([\w.'-]+)$")
_WORD_AFTER = re.compile(r"[\s\"«“(]*(\w+)")


def _is_abbrev(text: str, pos: int, spec: LanguageSpec) -> bool:
    """``pos`` is the index of a '.' that might end a sentence."""
    m = _WORD_BEFORE.search(text, max(0, pos - 20), pos)
    if not m:
        return False
    w = m.group(1).lower().lstrip("(").rstrip(".")
    if not w:
        return False
    dotted = re.fullmatch(r"(?:[a-z]\.)+[a-z]", w)  # U.S, e.g
    if w in spec.abbreviations and not dotted:
        return True
    if len(w) == 1 and w.isalpha():  # initials: "J. Smith"
        return True
    if dotted:
        # "… in the U.S. The bank said …": a dotted acronym ends the sentence when a word that only
        # starts sentences follows ("the U.S. Supreme Court" goes on)
        nxt = _WORD_AFTER.match(text, pos + 1)
        if nxt and nxt.group(1)[0].isupper() and nxt.group(1).lower() in spec.sentence_starters:
            return w in ("e.g", "i.e")  # "e.g. The …" never ends a sentence
        return True
    return False


def split(
    text: str,
    spec: LanguageSpec,
    protected: list[tuple[int, int]] | None = None,
    start: int = 0,
    end: int | None = None,
) -> list[tuple[int, int]]:
    """Return stripped (start, end) sentence spans inside text[start:end]."""
    end = len(text) if end is None else end
    protected = sorted(protected or [])
    p_starts = [p[0] for p in protected]
    out: list[tuple[int, int]] = []

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(p_starts, pos - 1) - 1
        return i >= 0 and protected[i][0] < pos < protected[i][1]

    def push(s: int, e: int):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            return
        while e - s > MAX_SENT:
            cut = _cut_point(text, s, s + MAX_SENT)
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))

    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        # quotes may not cross a newline in our detector, so lines are independent
        s = pos
        if line_end - pos > 0:
            for m in _BOUNDARY.finditer(text, pos, line_end):
                b = m.end()
                if b <= s:
                    continue
                if inside(b):
                    continue
                dot = m.start()
                if (
                    text[dot] == "."
                    and m.group(0).startswith(".")
                    and not m.group(0).startswith("..")
                    and _is_abbrev(text, dot, spec)
                ):
                    continue
                push(s, b)
                s = b
            push(s, line_end)
        pos = line_end + 1
    return out


def _cut_point(text: str, s: int, limit: int) -> int:
    window = text[s + MAX_SENT // 2 : limit]
    for sep in ("; ", ", ", " "):
        k = window.rfind(sep)
        if k >= 0:
            return s + MAX_SENT // 2 + k + len(sep)
    return limit
