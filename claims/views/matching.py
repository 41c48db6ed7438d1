"""Matching in the desk: confirm or reject a suggested link, reuse an earlier verdict, apply a
published verdict to the confirmed matches, and "Check a claim" (the top bar's search)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from claims import roles
from claims.forms import ProposeForm
from claims.matching.text import fold
from claims.models import Claim, ClaimLink, Rating
from claims.services import WorkflowError
from claims.services.match_verdicts import verdict_apply_to_matches
from claims.services.matching import decide, search, thresholds
from claims.services.review import evidence_add
from claims.views.review import _panel


def _link(claim_pk: int, link_pk: int) -> tuple[Claim, ClaimLink]:
    claim = get_object_or_404(Claim.objects.select_related("article", "assignee", "verdict"), pk=claim_pk)
    link = get_object_or_404(
        ClaimLink.objects.select_related("other__verdict", "other__article", "fact_check"),
        pk=link_pk,
        claim=claim,
    )
    return claim, link


@login_required
@require_POST
def match_decide(request: HttpRequest, pk, link, decision: str) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied(_("Only reporters and editors can confirm or reject matches."))
    claim, item = _link(int(pk), int(link))
    decide(item, confirm=decision == "confirm", by=request.user)
    notice = (
        _("Match confirmed.")
        if decision == "confirm"
        else _("Not the same claim: it will not be suggested again.")
    )
    return _panel(request, claim, notice=notice)


def _rating_for(label: str) -> Rating | None:
    """The desk's rating an earlier verdict corresponds to, by name in any language ("Faux" = False)."""
    wanted = fold(label).strip()
    if not wanted:
        return None
    for rating in Rating.objects.all():
        if wanted in {fold(rating.label), fold(rating.display_label), fold(rating.slug.replace("-", " "))}:
            return rating
    return None


@login_required
@require_POST
def match_reuse(request: HttpRequest, pk: int, link: int) -> HttpResponse:
    """Add the earlier fact-check as evidence and prefill the proposal with its verdict (the usual
    approval still follows)."""
    claim, item = _link(pk, link)
    if item.fact_check:
        check = item.fact_check
        rating, label = _rating_for(check.rating), check.rating
        url, title, source = check.url, check.claim_text[:200], check.publisher
        when = check.published_on
    else:
        other = item.other
        rating, label = other.verdict, other.verdict.display_label if other.verdict else ""
        url = request.build_absolute_uri(f"/articles/{other.article_id}/#claim-{other.pk}")
        title, source, when = other.text[:200], other.article.display_title, other.published_at
    try:
        if url:
            evidence_add(
                claim=claim,
                by=request.user,
                url=url,
                title=title,
                source_name=source[:200],
                note=_("Checked before"),
            )
    except (WorkflowError, PermissionDenied) as exc:
        return _panel(request, claim, status=400, error=getattr(exc, "message", None) or str(exc))
    rationale = _("Checked before: «%(claim)s» — %(rating)s, %(source)s%(date)s.") % {
        "claim": title,
        "rating": label or "?",
        "source": source or "?",
        "date": f", {when:%Y-%m-%d}" if when else "",
    }
    form = ProposeForm(
        initial={
            "version": Claim.objects.get(pk=claim.pk).version,
            "rating": rating.pk if rating else None,
            "rationale": rationale,
        }
    )
    notice = _(
        "The earlier fact-check is added as evidence and the verdict form is filled in: check it, then propose."
    )
    return _panel(request, Claim.objects.get(pk=claim.pk), notice=notice, forms_={"propose": form})


@login_required
@require_POST
def match_apply_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose this published verdict for every confirmed match under review (each then waits for
    an editor's approval, as usual)."""
    claim = get_object_or_404(Claim.objects.select_related("article", "assignee", "verdict"), pk=pk)
    try:
        result = verdict_apply_to_matches(claim=claim, by=request.user)
    except WorkflowError as exc:
        return _panel(request, claim, status=400, error=exc.message)
    notice = ngettext(
        "The verdict is proposed for %(n)s matching claim: an editor will review it.",
        "The verdict is proposed for %(n)s matching claims: an editor will review them.",
        len(result.done),
    ) % {"n": len(result.done)}
    if result.refused:
        notice += (
            " "
            + ngettext(
                "%(n)s claim was left as it was:", "%(n)s claims were left as they were:", len(result.refused)
            )
            % {"n": len(result.refused)}
            + " "
            + "; ".join(f"#{pk} {reason}" for pk, reason in result.refused)
        )
    return _panel(
        request, Claim.objects.select_related("article", "assignee", "verdict").get(pk=pk), notice=notice
    )


CHECK_SHOWN = 10
SHORT_QUERY_WORDS = 6


class CheckForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Check a claim"),
        max_length=5000,
        strip=True,
        required=False,
        error_messages={"max_length": gettext_lazy("Paste at most %(limit_value)d characters.")},
    )


@login_required
@require_GET
def check_claim(request: HttpRequest) -> HttpResponse:
    """ "Check a claim": the desk's claims and the imported fact-checks that matching would link to a
    sentence or suggest, in French or English (the same search as POST /api/v1/matches/search/).
    Each shows its link score and the threshold it reaches; nothing below the suggest threshold."""
    form = CheckForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    results = search(text, top=CHECK_SHOWN) if text else []
    # A few words are seldom as close to a whole claim as the suggest threshold asks: say so.
    short = len(text.split()) < SHORT_QUERY_WORDS
    context = {"form": form, "text": text, "results": results, "suggest": thresholds()[0], "short": short}
    return render(request, "claims/check.html", context, status=200 if form.is_valid() else 400)


urlpatterns = [
    path("check/", check_claim, name="check"),
    path("<int:pk>/matches/apply-verdict/", match_apply_verdict, name="match_apply_verdict"),
    path("<int:pk>/matches/<int:link>/reuse/", match_reuse, name="match_reuse"),
    re_path(
        r"^(?P<pk>\d+)/matches/(?P<link>\d+)/(?P<decision>confirm|reject)/$",
        match_decide,
        name="match_decide",
    ),
]
