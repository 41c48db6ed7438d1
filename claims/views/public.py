"""Public pages, no login: a published claim that an editor opted in, with its ClaimReview.

Mounted at /p/ (namespace ``public``). Their stylesheets are served here too, from
templates, because they carry the rating colours (CSP forbids inline styles).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from claims.exports.claimreview import claim_review, claim_url, json_ld_script
from claims.exports.report import rating_styles
from claims.models import Claim

STYLESHEETS = {"public": "public/style.css", "report": "claims/report.css"}


@require_GET
def claim(request: HttpRequest, public_id) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.select_related("article__outlet", "verdict").defer(
            "article__text", "article__original_html"
        ),
        public_id=public_id,
        is_public=True,
        status=Claim.Status.PUBLISHED,
        verdict__isnull=False,
    )
    context = {
        "claim": claim,
        "article": claim.article,
        "evidence": claim.evidence.all(),
        "json_ld": json_ld_script(claim_review(claim)),
        "canonical_url": claim_url(claim),
        "author_name": settings.CLAIMREVIEW_AUTHOR_NAME,
    }
    return render(request, "public/claim.html", context)


@require_GET
@cache_control(public=True, max_age=300)
def stylesheet(request: HttpRequest, name: str) -> HttpResponse:
    if name not in STYLESHEETS:
        raise Http404
    css = render_to_string(STYLESHEETS[name], {"ratings": rating_styles()})
    return HttpResponse(css, content_type="text/css; charset=utf-8")


urlpatterns = [
    path("<uuid:public_id>/", claim, name="claim"),
    path("assets/<slug:name>.css", stylesheet, name="stylesheet"),
]
