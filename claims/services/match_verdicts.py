"""Apply a published verdict to the claim's confirmed matches, in one step.

Each confirmed match still under review (new or in review) gets a *proposal*: the same rating, a
rationale that cites the published claim, and that claim as evidence. Nothing is published here:
every proposal waits for an editor's approval like any other (claims.services.review).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from claims import roles
from claims.models import Claim, ClaimLink
from claims.services.review import BulkResult, WorkflowError, claim_propose, evidence_add

OPEN = (Claim.Status.NEW, Claim.Status.IN_REVIEW)


def confirmed_matches(claim: Claim) -> list[Claim]:
    """The claims of other articles a person confirmed to be the same as this one."""
    linked = ClaimLink.objects.filter(claim=claim, other__isnull=False, status=ClaimLink.Status.CONFIRMED)
    return list(
        Claim.objects.filter(pk__in=linked.values("other_id")).select_related("article").order_by("pk")
    )


def verdict_apply_to_matches(*, claim: Claim, by) -> BulkResult:
    """Propose `claim`'s published verdict for each of its confirmed matches under review.

    Each match succeeds or is refused on its own (already proposed or published, changed by
    someone meanwhile…), like the queue's bulk actions; what was done and refused is returned.
    """
    if not roles.can_review(by):
        raise PermissionDenied(_("Only reporters and editors can propose verdicts."))
    claim = Claim.objects.select_related("article", "verdict").get(pk=claim.pk)
    if claim.status != Claim.Status.PUBLISHED or claim.verdict is None:
        raise WorkflowError(_("Only a published verdict can be applied to the claim's matches."))
    url = settings.SITE_URL + reverse("article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}"
    rationale = _(
        "Same claim as «%(claim)s» (%(article)s), published with the verdict “%(rating)s”. %(rationale)s"
    ) % {
        "claim": claim.text[:300],
        "article": claim.article.display_title,
        "rating": claim.verdict.display_label,
        "rationale": claim.rationale,
    }
    result = BulkResult()
    for other in confirmed_matches(claim):
        if other.status not in OPEN:
            result.refused.append(
                (
                    other.pk,
                    _("A claim that is “%(status)s” cannot be given a proposed verdict.")
                    % {"status": other.get_status_display()},
                )
            )
            continue
        try:
            with transaction.atomic():
                claim_propose(
                    claim=other.pk, rating=claim.verdict, rationale=rationale.strip(), by=by, version=None
                )
                evidence_add(
                    claim=other,
                    by=by,
                    url=url,
                    title=claim.text[:300],
                    source_name=claim.article.display_title[:200],
                    note=_("Same claim, published verdict"),
                )
        except (WorkflowError, PermissionDenied) as exc:
            result.refused.append((other.pk, getattr(exc, "message", None) or str(exc)))
        else:
            result.done.append(other.pk)
    return result
