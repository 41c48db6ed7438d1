"""The desk corrects the machine from the article page and the review panel.

Each POST calls one service of claims.services.corrections. A correction changes the
highlights, so success sends the browser back to the article page on that claim (a plain
redirect, or HX-Redirect for htmx); a refusal (400/403/409) re-renders the review panel
with its message, or, for "Add claim", the article page with the message.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from claims import roles, services
from claims.models import CLAIM_TYPES, Claim
from claims.services import StaleClaimError, WorkflowError
from claims.views.review import _claim, _is_htmx, _panel


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _number(text: str) -> str | None:
    """A number as a journalist types it: 25 000, 25,000, 1,5 or 1.5."""
    text = "".join(text.split()).replace("\u202f", "").replace("\xa0", "")
    if not text:
        return None
    if "," in text and "." in text:
        return text.replace(",", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
        return text.replace(",", "")
    return text.replace(",", ".")


def _types(post) -> list[str]:
    """The main type first, then the other ticked types."""
    main = post.get("type", "")
    others = [t for t in post.getlist("types") if t != main]
    return [t for t in [main, *others] if t]


def _quantities(post) -> list[dict]:
    """Rows q-0…q-N of the quantity table; a row with "remove" ticked or no raw is dropped."""
    rows = []
    for index in range(_int(post.get("q-count")) or 0):
        prefix = f"q-{index}-"
        raw = post.get(prefix + "raw", "").strip()
        if not raw or post.get(prefix + "remove"):
            continue
        rows.append(
            {
                "raw": raw,
                "value": _number(post.get(prefix + "value", "")),
                "unit": post.get(prefix + "unit", ""),
                "approximate": bool(post.get(prefix + "approximate")),
                "vague": bool(post.get(prefix + "vague")),
            }
        )
    return rows


def _back_to(claim_id: int, article_id: int, version: int | str = "") -> str:
    # The query string changes with every version, so the browser really reloads the page.
    return reverse("article_detail", args=[article_id]) + f"?claim={claim_id}&v={version}#claim-{claim_id}"


def _done(request: HttpRequest, claim: Claim, notice: str) -> HttpResponse:
    messages.success(request, notice)
    target = _back_to(claim.pk, claim.article_id, claim.version)
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _run(request: HttpRequest, pk: int, action, notice: str) -> HttpResponse:
    claim = _claim(pk)
    if not roles.can_review(request.user):
        return _panel(
            request,
            claim,
            status=403,
            error=_("Your account has no reviewer role: you can read claims, not change them."),
        )
    version = _int(request.POST.get("version"))
    if version is None:
        return _panel(
            request, claim, status=400, error=_("The form is missing the claim's version: reload the page.")
        )
    try:
        result = action(claim, version)
    except StaleClaimError as exc:
        return _panel(request, _claim(pk), status=409, conflict=exc)
    except WorkflowError as exc:
        return _panel(request, _claim(pk), status=400, error=exc.message)
    except PermissionDenied as exc:
        return _panel(request, _claim(pk), status=403, error=str(exc) or _("You may not do that."))
    return _done(request, result, notice)


@login_required
@require_POST
def claim_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = request.POST

    def correct(claim: Claim, version: int) -> Claim:
        changes = {
            "start": _int(post.get("start")),
            "end": _int(post.get("end")),
            "types": _types(post),
            "speaker": post.get("speaker", ""),
            "checkworthy": bool(post.get("checkworthy")),
        }
        if changes["start"] is None or changes["end"] is None:
            raise WorkflowError(_("start and end must be whole numbers."))
        if "q-count" in post:
            changes["quantities"] = _quantities(post)
        return services.claim_correct(claim=claim, by=request.user, version=version, **changes)

    return _run(request, pk, correct, _("Correction saved."))


@login_required
@require_POST
def claim_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    def split(claim: Claim, version: int) -> Claim:
        at = _int(request.POST.get("at"))
        if at is None:
            raise WorkflowError(_("Choose where to split the claim."))
        return services.claim_split(claim=claim, by=request.user, version=version, at=at)[0]

    return _run(request, pk, split, _("Claim split in two."))


@login_required
@require_POST
def claim_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    def merge(claim: Claim, version: int) -> Claim:
        other, other_version = _int(request.POST.get("other")), _int(request.POST.get("other_version"))
        if other is None or other_version is None:
            raise WorkflowError(_("Choose the claim to merge with."))
        return services.claim_merge(
            claim=claim, other=other, by=request.user, version=version, other_version=other_version
        )

    return _run(request, pk, merge, _("Claims merged."))


@login_required
@require_POST
def claim_not_a_claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    def dismiss(claim: Claim, version: int) -> Claim:
        return services.claim_not_a_claim(claim=claim, by=request.user, version=version)

    return _run(request, pk, dismiss, _("Dismissed: not a claim."))


@login_required
@require_POST
def claim_add_view(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.only("pk"), pk=article_pk)
    if not roles.can_review(request.user):
        raise PermissionDenied(_("Only reporters and editors can correct claims."))
    post = request.POST
    page = reverse("article_detail", args=[article.pk])
    try:
        start, end = _int(post.get("start")), _int(post.get("end"))
        if start is None or end is None:
            raise WorkflowError(_("Select the claim's text in the article first."))
        types = _types(post) or [Claim.Type.OTHER]
        if any(t not in CLAIM_TYPES for t in types):
            raise WorkflowError(_("Unknown claim type."))
        claim = services.claim_add(
            article=article,
            by=request.user,
            start=start,
            end=end,
            types=types,
            speaker=post.get("speaker", ""),
            checkworthy=bool(post.get("checkworthy")),
            quantities=_quantities(post),
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect(page)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect(page)
    messages.success(request, _("Claim added."))
    return redirect(_back_to(claim.pk, article.pk, claim.version))


urlpatterns = [
    path("add/<int:article_pk>/", claim_add_view, name="claim_add"),
    path("<int:pk>/correct/", claim_correct_view, name="claim_correct"),
    path("<int:pk>/split/", claim_split_view, name="claim_split"),
    path("<int:pk>/merge/", claim_merge_view, name="claim_merge"),
    path("<int:pk>/not-a-claim/", claim_not_a_claim_view, name="claim_not_a_claim"),
]
