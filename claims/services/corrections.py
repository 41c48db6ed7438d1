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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article
from claims import roles
from claims.models import CLAIM_TYPES, Claim, Correction, Quantity
from claims.services.review import Status, WorkflowError, _locked, _require, _save

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


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@transaction.atomic
def claim_split(*, claim: Claim | int, by, version: int | None, at: int) -> tuple[Claim, Claim]:
    """Cut a claim in two at offset `at`: the first part keeps the claim (and its review), the
    second becomes a desk claim with the same types, speaker and check-worthiness."""
    _require_corrector(by)
    claim = _locked(claim, version)
    _require_corrector(by, claim)
    article = Article.objects.only("pk", "text").get(pk=claim.article_id)
    if not isinstance(at, int) or isinstance(at, bool) or not claim.start < at < claim.end:
        raise WorkflowError(
            _("Split inside the claim: between %(start)s and %(end)s.")
            % {"start": claim.start, "end": claim.end}
        )
    first = _trimmed(article.text, claim.start, at)
    second = _trimmed(article.text, at, claim.end)
    if first[0] >= first[1] or second[0] >= second[1]:
        raise WorkflowError(_("Both parts of a split need some text."))
    before = _snapshot(claim, Field.SPAN)
    if claim.origin == Claim.Origin.MACHINE and Field.SPAN not in claim.machine_original:
        claim.machine_original = {**claim.machine_original, Field.SPAN: before}
    moved = list(claim.quantities.filter(start__gte=second[0]))
    claim.quantities.exclude(start__gte=first[0], end__lte=first[1]).exclude(
        pk__in=[q.pk for q in moved]
    ).delete()
    claim.start, claim.end = first
    claim.text = article.text[first[0] : first[1]]
    _save(claim, by=by, fields=["start", "end", "text", "machine_original"], reason="split")
    other = Claim(
        article_id=claim.article_id,
        text=article.text[second[0] : second[1]],
        start=second[0],
        end=second[1],
        claim_type=claim.claim_type,
        types=list(claim.types),
        checkworthy=claim.checkworthy,
        checkworthiness=claim.checkworthiness,
        speaker=claim.speaker,
        language=claim.language,
        origin=Claim.Origin.DESK,
        extractor_version=claim.extractor_version,
    )
    other._history_user = by
    other._change_reason = "split"
    other.save()
    Quantity.objects.filter(pk__in=[q.pk for q in moved if q.end <= second[1]]).update(claim=other)
    _record(
        claim, Field.SPLIT, by, before, {"first": list(first), "second": list(second), "new_claim": other.pk}
    )
    return claim, other


MERGEABLE = (Status.NEW, Status.IN_REVIEW, Status.DISMISSED)


@transaction.atomic
def claim_merge(
    *, claim: Claim | int, other: Claim | int, by, version: int | None, other_version: int | None
) -> Claim:
    """Merge two adjacent claims (no claim between them) into the first in text order.

    The other claim's evidence, comments and quantities move over; a claim with a verdict
    cannot be absorbed (its review would be lost)."""
    _require_corrector(by)
    pk = claim.pk if isinstance(claim, Claim) else claim
    other_pk = other.pk if isinstance(other, Claim) else other
    if pk == other_pk:
        raise WorkflowError(_("Choose two different claims to merge."))
    if not Claim.objects.filter(pk=other_pk).exists():
        raise WorkflowError(_("No claim %(pk)s to merge with.") % {"pk": other_pk})
    # Lock both rows in a fixed order (no deadlock between two opposite merges).
    locked = {
        c.pk: c
        for c in (
            _locked(p, v)
            for p, v in sorted([(pk, version), (other_pk, other_version)], key=lambda pair: pair[0])
        )
    }
    claim, other = locked[pk], locked[other_pk]
    if claim.article_id != other.article_id:
        raise WorkflowError(_("Only claims of the same article can be merged."))
    for c in (claim, other):
        _require_corrector(by, c)
        if c.status not in MERGEABLE or c.verdict_id:
            raise WorkflowError(_("Claim %(pk)s has a verdict: it cannot be merged.") % {"pk": c.pk})
    keep, absorbed = sorted((claim, other), key=lambda c: (c.start, c.end))
    start, end = min(keep.start, absorbed.start), max(keep.end, absorbed.end)
    between = (
        Claim.objects.filter(
            article_id=keep.article_id, start__gte=min(keep.end, absorbed.start), end__lte=absorbed.start
        )
        .exclude(pk__in=(keep.pk, absorbed.pk))
        .exclude(dismiss_reason=Claim.DismissReason.NOT_A_CLAIM)
    )
    if keep.end < absorbed.start and between.exists():
        raise WorkflowError(_("Only adjacent claims can be merged: another claim lies between them."))
    article = Article.objects.only("pk", "text").get(pk=keep.article_id)
    _check_span(article, start, end, ignore=(keep.pk, absorbed.pk))
    before = {"first": _snapshot(keep, Field.SPAN), "second": _snapshot(absorbed, Field.SPAN)}
    if keep.origin == Claim.Origin.MACHINE and Field.SPAN not in keep.machine_original:
        keep.machine_original = {**keep.machine_original, Field.SPAN: before["first"]}
    absorbed.quantities.update(claim=keep)
    absorbed.evidence.update(claim=keep)
    absorbed.comments.update(claim=keep)
    keep.types = [*(keep.types or [keep.claim_type])]
    keep.types += [t for t in absorbed.types if t not in keep.types]
    if not keep.speaker and absorbed.speaker:
        keep.speaker = absorbed.speaker
    keep.checkworthy = keep.checkworthy or absorbed.checkworthy
    absorbed_pk = absorbed.pk
    absorbed.delete()
    keep.start, keep.end, keep.text = start, end, article.text[start:end]
    _record(keep, Field.MERGE, by, before, {"start": start, "end": end, "merged_claim": absorbed_pk})
    return _save(
        keep,
        by=by,
        fields=["start", "end", "text", "types", "speaker", "checkworthy", "machine_original"],
        reason="merge",
    )


__all__ = [
    "QuantityData",
    "claim_add",
    "claim_correct",
    "claim_merge",
    "claim_not_a_claim",
    "claim_split",
    "quantity_dicts",
]
