"""Build the highlighted article text from claim offsets.

The text is cut at every claim boundary; each piece is HTML-escaped and, when
claims cover it, wrapped in a <mark> naming the innermost (shortest) claim.
Nothing from the article is ever inserted as markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Segment:
    text: str
    claim: object | None  # the innermost claim covering the piece, or None
    depth: int


def segments(text: str, claims: Sequence) -> list[Segment]:
    """Split `text` into pieces, each covered by the same set of claims.

    One sweep over the cuts, keeping the claims open at each (a long article's 1,500 claims
    made the pairwise version spend 2.2 s here)."""
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    cuts = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for index, claim in enumerate(spans):
        opening[claim.start].append(index)
        closing[claim.end].append(index)
    open_now: set[int] = set()
    pieces: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        open_now.difference_update(closing.get(left, ()))
        open_now.update(opening.get(left, ()))
        # Every open claim covers [left, right): it started at or before left and ends at a cut after it.
        innermost = min(open_now, key=lambda i: (spans[i].end - spans[i].start, i)) if open_now else None
        pieces.append(
            Segment(text[left:right], spans[innermost] if innermost is not None else None, len(open_now))
        )
    return pieces


def highlighted_html(text: str, claims: Sequence) -> SafeString:
    parts: list[str] = []
    for piece in segments(text, claims):
        if piece.claim is None:
            parts.append(format_html("{}", piece.text))
        else:
            claim = piece.claim
            parts.append(
                format_html(
                    '<mark class="claim type-{} status-{}{}" data-claim="{}">'
                    '<a href="#claim-{}" tabindex="-1">{}</a></mark>',
                    claim.claim_type,
                    claim.status,
                    " checkworthy" if claim.checkworthy else "",
                    claim.pk,
                    claim.pk,
                    piece.text,
                )
            )
    return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html
