"""Direct-quote detection on the ORIGINAL text (typographic quotes keep their direction there).

One linear pass per paragraph with a small stack, so thousands of unmatched quote marks stay linear.
Accepted forms: « », “ ”, „ “, ‹ ›, " " and mixed pairs (“ … »). A quote left open at the end of a
paragraph runs to the paragraph end (multi-paragraph quotes open each paragraph and close once)."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"«", "“", "„", "‹", "‟"}
CLOSERS = {"»", "”", "›"}
AMBIG = {'"'}
ALL = OPENERS | CLOSERS | AMBIG
_QUOTE_CHARS = re.compile('[«»“”„‹›‟"]')
MAX_QUOTE = 6000


@dataclass(slots=True)
class QuoteSpan:
    open: int  # index of the opening mark (or paragraph start when it has none)
    start: int  # first char of the quoted words (stripped)
    end: int  # end of the quoted words (stripped, excl. trailing comma)
    close: int  # index just after the closing mark (or paragraph end)
    closed: bool


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "«»“”„‹›\"'"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ',;:«»“”„‹›"-–—'):
        e -= 1
    return s, e


def find_quotes(text: str) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    n = len(text)
    para_start = 0
    stack: list[tuple[str, int]] = []
    emitted_in_para = False

    def emit(o, c_start, c_end, closed):
        """``o`` is the index of the opening mark (or the paragraph start when there is none)."""
        s, e = _strip(text, o + 1 if text[o : o + 1] in ALL else o, c_start)
        if e - s >= 2 and c_end - o <= MAX_QUOTE:
            out.append(QuoteSpan(open=o, start=s, end=e, close=c_end, closed=closed))

    def end_para(pos):
        nonlocal stack, emitted_in_para
        if stack:
            ch, o = stack[0]
            # an unclosed typographic quote runs to the paragraph end; a lone ASCII " only if it
            # opens the paragraph
            if ch != '"' or text[para_start:o].strip() == "":
                emit(o, pos, pos, False)
        stack = []
        emitted_in_para = False

    for m in _QUOTE_CHARS.finditer(text):
        p = m.start()
        ch = m.group(0)
        nl = text.rfind("\n", para_start, p)
        if nl >= 0:
            end_para(nl)
            para_start = nl + 1
        prev = text[p - 1] if p > 0 else " "
        nxt = text[p + 1] if p + 1 < n else " "
        if ch in AMBIG:
            if stack and any(c == '"' for c, _ in stack):
                # close the innermost ASCII quote
                while stack and stack[-1][0] != '"':
                    stack.pop()
                _, o = stack.pop()
                if not stack:
                    emit(o, p, p + 1, True)
                    emitted_in_para = True
            elif not nxt.isspace() or not stack:
                if nxt.isspace() and (prev.isalnum() or prev in ".,!?;:…"):
                    continue  # stray closing mark
                stack.append((ch, p))
            continue
        if ch in OPENERS:
            # reversed use: “ after a word and before a space acts as a closer (German „ … “)
            if stack and ch == "“" and not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?"):
                pass
            else:
                stack.append((ch, p))
                continue
        # closer
        if stack:
            _, o = stack.pop()
            if not stack:
                emit(o, p, p + 1, True)
                emitted_in_para = True
        elif not emitted_in_para and ch in ("»", "”") and re.match(r"\s*[,-]", text[p + 1 : p + 4]):
            # quote continued from a previous paragraph: runs from the paragraph start
            if p - para_start <= MAX_QUOTE:
                emit(para_start, p, p + 1, True)
                emitted_in_para = True
    nl = text.rfind("\n", para_start)
    while nl >= 0 and stack:
        end_para(nl)
        para_start = nl + 1
        nl = -1
    end_para(n)
    out.sort(key=lambda q: q.open)
    # drop nested duplicates (should not happen, but keep spans disjoint)
    res: list[QuoteSpan] = []
    for q in out:
        if res and q.open < res[-1].close:
            continue
        res.append(q)
    return res
