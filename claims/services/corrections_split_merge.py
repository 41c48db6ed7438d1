"""Split one claim in two, or merge two adjacent claims into one (desk corrections; see
claims.services.corrections for the conventions they share)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article
from claims.models import Claim, Quantity
from claims.services.corrections_checks import Field, _check_span, _record, _require_corrector, _snapshot
from claims.services.review import Status, WorkflowError, _locked, _save


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


__all__ = ["claim_merge", "claim_split"]
