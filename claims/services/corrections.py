"""The desk corrects the machine: re-cut spans, fix speakers, types, check-worthiness and
quantities, add the claims the extractor missed, split, merge, and "not a claim".

Conventions (shared with re-extraction and the exports):
- The corrected value is written into the claim's own fields, so everything that reads a
  claim (public page, exports, ClaimReview) uses it. The extractor's value is kept once, in
  `Claim.machine_original[field]`, the first time the desk changes that field.
- A claim the desk added has `origin="desk"`. A claim with `origin="desk"` or a non-empty
  `machine_original` is never replaced or removed by re-extraction (`ClaimQuerySet.untouched`).
- Every change goes through review._locked/_save: row lock, optimistic version check (a
  stale version raises StaleClaimError → 409), version bump, history record with who and
  a reason ("correct: speaker, span"). Each corrected field also gets a `Correction` row
  (the dashboard counts those).

Here: correct a claim's fields, add a claim, "not a claim". Split and merge are in
claims.services.corrections_split_merge; the checks and snapshots all of them share in
claims.services.corrections_checks.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article
from claims.models import Claim, Quantity
from claims.services.corrections_checks import (
    Field,
    QuantityData,
    _check_span,
    _check_types,
    _quantity_rows,
    _record,
    _require_corrector,
    _snapshot,
    quantity_dicts,
)
from claims.services.review import Status, WorkflowError, _locked, _save

# --- services --------------------------------------------------------------------------------------

CORRECTABLE = ("start", "end", "types", "speaker", "checkworthy", "quantities", "rationale")


@transaction.atomic
def claim_correct(*, claim: Claim | int, by, version: int | None, **changes) -> Claim:
    """Correct any of start/end, types, speaker, checkworthy, quantities (and rationale) in one
    version step. Unchanged values are not recorded as corrections."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise WorkflowError(
            _("These fields cannot be corrected: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _require_corrector(by)
    claim = _locked(claim, version)
    _require_corrector(by, claim)
    article = Article.objects.only("pk", "text").get(pk=claim.article_id)
    fields: list[str] = []
    corrected: list[str] = []

    def note(field: str, after) -> None:
        before = _snapshot(claim, field)
        if claim.origin == Claim.Origin.MACHINE and field not in claim.machine_original:
            claim.machine_original = {**claim.machine_original, field: before}
        corrected.append(field)
        _record(claim, field, by, before, after)

    if "start" in changes or "end" in changes:
        start, end = _check_span(
            article, changes.get("start", claim.start), changes.get("end", claim.end), ignore=(claim.pk,)
        )
        if (start, end) != (claim.start, claim.end):
            note(Field.SPAN, {"start": start, "end": end, "text": article.text[start:end]})
            claim.start, claim.end, claim.text = start, end, article.text[start:end]
            fields += ["start", "end", "text"]
            if "quantities" not in changes:
                # Quantities now outside the span go; the rest stay where they are.
                claim.quantities.exclude(start__gte=start, end__lte=end).delete()
    if "types" in changes:
        types = _check_types(changes["types"])
        if types != _snapshot(claim, Field.TYPES):
            note(Field.TYPES, types)
            claim.types, claim.claim_type = types, types[0]
            fields += ["types", "claim_type"]
    if "speaker" in changes:
        speaker = (changes["speaker"] or "").strip()[:300]
        if speaker != claim.speaker:
            note(Field.SPEAKER, speaker)
            claim.speaker = speaker
            fields.append("speaker")
    if "checkworthy" in changes:
        checkworthy = bool(changes["checkworthy"])
        if checkworthy != claim.checkworthy:
            note(Field.CHECKWORTHY, checkworthy)
            claim.checkworthy = checkworthy
            fields.append("checkworthy")
    if "quantities" in changes:
        rows = _quantity_rows(claim, article.text, [_as_quantity(q) for q in changes["quantities"] or []])
        after = quantity_dicts(rows)
        if after != _snapshot(claim, Field.QUANTITIES):
            note(Field.QUANTITIES, after)
            claim.quantities.all().delete()
            Quantity.objects.bulk_create(rows)
    if "rationale" in changes:
        claim.rationale = (changes["rationale"] or "").strip()
        fields.append("rationale")
    if not fields and not corrected:
        return claim
    if corrected:
        fields.append("machine_original")
    reason = ("correct: " + ", ".join(corrected)) if corrected else "edit"
    return _save(claim, by=by, fields=sorted(set(fields)), reason=reason)


def _as_quantity(data) -> QuantityData:
    if isinstance(data, QuantityData):
        return data
    if not isinstance(data, dict):
        raise WorkflowError(_("Each quantity is an object with raw, value, unit, approximate and vague."))
    return QuantityData(
        raw=str(data.get("raw") or ""),
        value=data.get("value"),
        unit=str(data.get("unit") or ""),
        approximate=bool(data.get("approximate")),
        vague=bool(data.get("vague")),
    )


@transaction.atomic
def claim_add(
    *,
    article: Article | int,
    by,
    start: int,
    end: int,
    types=None,
    speaker: str = "",
    checkworthy: bool = True,
    quantities=None,
) -> Claim:
    """Add a claim the extractor missed; its text is the article's text between the offsets."""
    _require_corrector(by)
    article = (
        Article.objects.select_for_update()
        .only("pk", "text", "language")
        .get(pk=article.pk if isinstance(article, Article) else article)
    )
    start, end = _check_span(article, start, end)
    types = _check_types(types or [Claim.Type.OTHER])
    claim = Claim(
        article=article,
        text=article.text[start:end],
        start=start,
        end=end,
        claim_type=types[0],
        types=types,
        checkworthy=bool(checkworthy),
        checkworthiness=1.0 if checkworthy else 0.0,
        speaker=(speaker or "").strip()[:300],
        language=article.language,
        origin=Claim.Origin.DESK,
    )
    rows = _quantity_rows(claim, article.text, [_as_quantity(q) for q in quantities or []])
    claim._history_user = by
    claim._change_reason = "add"
    claim.save()
    for row in rows:
        row.claim = claim
    Quantity.objects.bulk_create(rows)
    _record(claim, Field.ADDED, by, None, {"start": start, "end": end, "text": claim.text})
    return claim


@transaction.atomic
def claim_not_a_claim(*, claim: Claim | int, by, version: int | None) -> Claim:
    """Dismiss: the extractor took for a claim something that is none (distinct from "not check-worthy")."""
    _require_corrector(by)
    claim = _locked(claim, version)
    if claim.status not in (Status.NEW, Status.IN_REVIEW, Status.DISMISSED):
        raise WorkflowError(
            _("A claim that is “%(status)s” cannot be dismissed.") % {"status": claim.get_status_display()}
        )
    if claim.dismiss_reason == Claim.DismissReason.NOT_A_CLAIM:
        return claim
    claim.status = Status.DISMISSED
    claim.dismiss_reason = Claim.DismissReason.NOT_A_CLAIM
    _record(claim, Field.NOT_A_CLAIM, by, None, None)
    return _save(claim, by=by, fields=["status", "dismiss_reason"], reason="not a claim")


__all__ = [
    "claim_add",
    "claim_correct",
    "claim_not_a_claim",
]
