"""Build the highlighted article text from claim offsets.

The text is cut at every claim boundary; each piece is HTML-escaped and, when
claims cover it, wrapped in a <mark> naming the innermost (shortest) claim.
Nothing from the article is ever inserted as markup.
"""
from __future__ import annotations

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
    """Split `text` into pieces, each covered by the same set of claims."""
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    cuts = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    pieces: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [c for c in spans if c.start <= left and right <= c.end]
        innermost = min(covering, key=lambda c: c.end - c.start) if covering else None
        pieces.append(Segment(text[left:right], innermost, len(covering)))
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
