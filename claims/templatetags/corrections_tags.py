"""What the review panel's "Correct" section needs: split points, the neighbours a claim can
merge with, the type choices, and quantity values as plain numbers for inputs."""

from __future__ import annotations

import re

from django import template

from claims.models import Claim
from claims.services.corrections_checks import _number

register = template.Library()
WORD = re.compile(r"\S+")


@register.filter
def input_number(value) -> str:
    """A Decimal as an input's value: 25000, 1.5 (no trailing zeros, no grouping)."""
    number = _number(value)
    return "" if number is None else str(number)


@register.simple_tag
def correction_context(claim: Claim) -> dict:
    words = list(WORD.finditer(claim.text))
    split_points = [
        (claim.start + word.start(), f"… {words[i - 1].group()} | {word.group()} …")
        for i, word in enumerate(words)
        if i > 0
    ]
    # One query for both neighbours (offsets and versions only, however long the article).
    others = list(
        Claim.objects.filter(article_id=claim.article_id)
        .exclude(pk=claim.pk)
        .exclude(dismiss_reason=Claim.DismissReason.NOT_A_CLAIM)
        .values("pk", "start", "end", "version")
    )
    before = [o for o in others if o["end"] <= claim.start]
    after = [o for o in others if o["start"] >= claim.end]
    previous = max(before, key=lambda o: (o["end"], -o["start"])) if before else None
    following = min(after, key=lambda o: (o["start"], -o["end"])) if after else None
    return {
        "split_points": split_points,
        "previous": previous,
        "next": following,
        "type_choices": Claim.Type.choices,
        "types": list(claim.types) or [claim.claim_type],
        "quantities": list(claim.quantities.all()),
        "corrected": sorted(claim.machine_original or {}),
    }
