"""What the correction services share: the checks on a span, types and quantities, and the
snapshots of the machine's values they keep (Claim.machine_original, Correction rows).

The services themselves are in claims.services.corrections (edit, add, "not a claim") and
claims.services.corrections_split_merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from articles.models import Article
from claims import roles
from claims.models import CLAIM_TYPES, Claim, Correction, Quantity
from claims.services.review import Status, WorkflowError, _require

Field = Correction.Field


@dataclass
class QuantityData:
    raw: str
    value: Decimal | None = None
    unit: str = ""
    approximate: bool = False
    vague: bool = False


# --- validation ----------------------------------------------------------------------------------


def _check_span(article: Article, start, end, *, ignore: tuple[int, ...] = ()) -> tuple[int, int]:
    """A span must lie inside the text, hold more than blanks, and not cross another claim.

    Lying inside or around another claim is fine (a quote inside its sentence); crossing a
    boundary is not. Claims dismissed as "not a claim" do not count, except that two claims
    can never share exactly the same span.
    """
    if (
        not isinstance(start, int)
        or not isinstance(end, int)
        or isinstance(start, bool)
        or isinstance(end, bool)
    ):
        raise WorkflowError(_("start and end must be whole numbers."))
    length = len(article.text)
    if start < 0 or end > length:
        raise WorkflowError(
            _("The span %(start)s–%(end)s is outside the article's text (0–%(length)s).")
            % {"start": start, "end": end, "length": length}
        )
    if start >= end or not article.text[start:end].strip():
        raise WorkflowError(_("The span is empty: select some text."))
    others = (
        Claim.objects.filter(article=article)
        .exclude(pk__in=ignore)
        .values_list("pk", "start", "end", "dismiss_reason")
    )
    for pk, other_start, other_end, reason in others:
        if (other_start, other_end) == (start, end):
            raise WorkflowError(_("Claim %(pk)s already has exactly this span.") % {"pk": pk})
        if reason == Claim.DismissReason.NOT_A_CLAIM:
            continue
        crosses = start < other_start < end < other_end or other_start < start < other_end < end
        if crosses:
            raise WorkflowError(
                _(
                    "The span crosses the boundary of claim %(pk)s (%(start)s–%(end)s): select all of it, or text inside it."
                )
                % {"pk": pk, "start": other_start, "end": other_end}
            )
    return start, end


def _check_types(types) -> list[str]:
    if not isinstance(types, (list, tuple)) or not types:
        raise WorkflowError(_("Give at least one type, the main one first."))
    cleaned: list[str] = []
    for value in types:
        if value not in CLAIM_TYPES:
            raise WorkflowError(_("Unknown claim type: %(type)s.") % {"type": value})
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


def _quantity_rows(claim: Claim, text: str, quantities: list[QuantityData]) -> list[Quantity]:
    """Place each quantity's `raw` inside the claim's span (the n-th copy for a repeated raw)."""
    rows: list[Quantity] = []
    used: dict[str, int] = {}
    span_text = text[claim.start : claim.end]
    for q in quantities:
        raw = (q.raw or "").strip()
        if not raw:
            raise WorkflowError(_("Each quantity needs its words as written (raw)."))
        at = -1
        for _n in range(used.get(raw, 0) + 1):
            at = span_text.find(raw, at + 1)
            if at < 0:
                raise WorkflowError(
                    _("“%(raw)s” is not in the claim's text: a quantity's raw must be copied from it.")
                    % {"raw": raw[:60]}
                )
        used[raw] = used.get(raw, 0) + 1
        rows.append(
            Quantity(
                claim=claim,
                raw=raw[:200],
                value=_decimal(q.value),
                unit=(q.unit or "").strip()[:200],
                approximate=bool(q.approximate),
                vague=bool(q.vague),
                start=claim.start + at,
                end=claim.start + at + len(raw),
            )
        )
    return rows


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise WorkflowError(_("“%(value)s” is not a number.") % {"value": str(value)[:40]}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e33"):
        raise WorkflowError(_("“%(value)s” is not a number we can store.") % {"value": str(value)[:40]})
    return number


# --- snapshots (machine_original, Correction.before/after) ---------------------------------------


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def quantity_dicts(quantities) -> list[dict]:
    return [
        {
            "raw": q.raw,
            "value": _number(q.value),
            "unit": q.unit,
            "approximate": q.approximate,
            "vague": q.vague,
        }
        for q in quantities
    ]


def _snapshot(claim: Claim, field: str):
    if field == Field.SPAN:
        return {"start": claim.start, "end": claim.end, "text": claim.text}
    if field == Field.SPEAKER:
        return claim.speaker
    if field == Field.TYPES:
        return list(claim.types) or [claim.claim_type]
    if field == Field.CHECKWORTHY:
        return claim.checkworthy
    if field == Field.QUANTITIES:
        return quantity_dicts(claim.quantities.order_by("start", "pk"))
    raise ValueError(field)


def _record(claim: Claim, field: str, by, before=None, after=None) -> None:
    Correction.objects.create(
        claim=claim,
        article_id=claim.article_id,
        field=field,
        language=claim.language,
        before=before,
        after=after,
        by=by,
    )


def _require_corrector(by, claim: Claim | None = None) -> None:
    _require(roles.can_review(by), _("Only reporters and editors can correct claims."))
    if claim is not None and claim.status == Status.PUBLISHED:
        _require(roles.is_editor(by), _("Only editors can correct a published claim."))
