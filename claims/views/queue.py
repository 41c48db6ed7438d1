"""The claim queue: every claim across articles, filtered, searched, paged, acted on in bulk.

The filters live in the URL (a GET form), so a view of the queue can be bookmarked
and shared. With htmx the form swaps only the results (`_queue_results.html`, the
same partial the full page includes); without JS it is an ordinary GET form.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from articles.models import Outlet
from claims import roles
from claims.filters import GROUP_CHOICES, SORT_CHOICES, ClaimFilter, source_choices
from claims.models import Claim, Rating
from claims.selectors import (
    QueuePaginator,
    claim_languages,
    estimated_rows,
    grouped_rows,
    page_number,
    queue_claims,
    reviewers,
)
from claims.services import WorkflowError, claims_bulk

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
MAX_BULK = 500
TYPE_LABELS = dict(Claim.Type.choices)


def _page_size(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("per_page", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def _truncated(text: str, length: int) -> str:
    """`text|truncatechars:length`, without its walk over every character when nothing is cut."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else Truncator(text).chars(length)


def add_row_values(claims, *, grouped: bool = False) -> None:
    """What each queue row prints, computed here once (`claim.row`) rather than by per-row template
    filters, `{% url %}` and translation lookups: 25 rows of those were most of the page's CPU.
    The HTML is the same as the filters made (claims/tests/test_queue.py)."""
    statuses = {value: str(label) for value, label in Claim.Status.choices}
    types = {value: str(label) for value, label in TYPE_LABELS.items()}
    # One reverse() for the page, not two a row: the article page's path with the id swapped in.
    marker = 2_147_483_647
    article_path = reverse("article_detail", args=[marker]).split(str(marker))
    for claim in claims:
        article, verdict = claim.article, claim.verdict
        if article.title:
            label = _truncated(article.title, 80)
        elif article.url:
            label = _truncated(article.url, 80)
        else:
            label = _("Article %(number)s") % {"number": claim.article_id}
        classes = "claim-row"
        if claim.checkworthy:
            classes += " is-checkworthy"
        if grouped and claim.cluster_size > 1:
            classes += " in-cluster"
        claim.row = {
            "pk": str(claim.pk),  # as {{ claim.pk }} printed it, without localising a number 4 times a row
            "classes": classes,
            "text": _truncated(claim.text, 180),
            "language": (claim.language or "?").upper(),
            "speaker": _truncated(claim.speaker, 60) if claim.speaker else "",
            "href": f"{claim.article_id}".join(article_path) + f"#claim-{claim.pk}",
            "article": label,
            "outlet": article.outlet,
            "types": [(t, types.get(t, t)) for t in (claim.types or [claim.claim_type])],
            "score_value": f"{claim.checkworthiness:.2f}",  # stringformat:".2f"
            "score": floatformat(claim.checkworthiness, 2),
            "status": statuses.get(claim.status, claim.status),
            "assignee": claim.assignee.username if claim.assignee else "",
            "colour": (verdict.colour if verdict else "") or "#777777",
            "verdict": verdict.display_label if verdict else "",
        }


def _is_htmx_swap(request: HttpRequest) -> bool:
    # A history restore (back button after the cache expired) needs the whole page.
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


@login_required
@require_GET
@vary_on_headers("HX-Request")
def queue(request: HttpRequest) -> HttpResponse:
    filterset = ClaimFilter(request.GET, queryset=queue_claims(), request=request)
    # Invalid filters show their errors and no rows rather than silently widening the list.
    claims = filterset.qs if filterset.is_valid() else Claim.objects.none()
    grouped = filterset.is_valid() and filterset.group_key == "cluster"
    if grouped:
        claims = grouped_rows(claims)
    # Page numbers with a count exact up to QUEUE_COUNT_CAP and estimated beyond (claims.selectors);
    # the grouped queue counts the same rows without its window functions.
    wanted = page_number(request.GET.get("page"))
    unfiltered = not any(v for k, v in request.GET.items() if k not in ("page", "per_page", "sort"))
    paginator = QueuePaginator(
        claims,
        _page_size(request),
        cap=settings.QUEUE_COUNT_CAP,
        page=wanted,
        estimate=estimated_rows(Claim) if unfiltered else None,
        count_queryset=filterset.ungrouped_qs if grouped else None,
    )
    page = paginator.get_page(wanted)
    add_row_values(page.object_list, grouped=grouped)
    is_editor = roles.is_editor(request.user)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "per_page": _page_size(request),
        "page_sizes": PAGE_SIZES,
        "sort_choices": SORT_CHOICES,
        "group_choices": GROUP_CHOICES,
        "grouped": filterset.group_key == "cluster" and filterset.is_valid(),
        # The filter form's lists and the bulk bar's reviewers are read when the template first
        # uses them: an htmx swap of the results (no filter form) skips four of these queries.
        "sources": SimpleLazyObject(source_choices),
        "can_review": roles.can_review(request.user),
        "is_editor": is_editor,
        "reviewers": SimpleLazyObject(lambda: list(reviewers())),
        "ratings": SimpleLazyObject(lambda: list(Rating.objects.only("pk", "slug", "label", "labels"))),
        "outlets": SimpleLazyObject(lambda: list(Outlet.objects.only("pk", "name"))),
        "languages": SimpleLazyObject(claim_languages),
        "count_is_estimate": paginator.count_is_estimate,
        "status_choices": Claim.Status.choices,
        "type_choices": Claim.Type.choices,
    }
    template = "claims/_queue_results.html" if _is_htmx_swap(request) else "claims/queue.html"
    return render(request, template, context)


class ClaimIdsField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = list(dict.fromkeys(int(v) for v in value))
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Claim ids must be numbers.")) from None
        if len(ids) > MAX_BULK:
            raise forms.ValidationError(_("Select at most %(n)s claims at a time.") % {"n": MAX_BULK})
        return ids


BULK_CONFIRM_SHOWN = 50  # claims listed on the "dismiss these?" page; the rest are counted


class BulkForm(forms.Form):
    ACTIONS = (
        ("assign", gettext_lazy("Assign to")),
        ("assign_me", gettext_lazy("Assign to me")),
        ("in_review", gettext_lazy("Mark in review")),
        ("dismiss", gettext_lazy("Dismiss")),
        ("reopen", gettext_lazy("Reopen")),
    )
    claims = ClaimIdsField(error_messages={"required": gettext_lazy("Select at least one claim.")})
    action = forms.ChoiceField(choices=ACTIONS)
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "assign" and not cleaned.get("assignee"):
            self.add_error("assignee", _("Choose who to assign the claims to."))
        return cleaned


def _safe_next(request: HttpRequest, next_url: str | None) -> str:
    safe = next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if safe else reverse("claims:queue")


def _back_to_queue(request: HttpRequest, next_url: str | None) -> HttpResponse:
    return redirect(_safe_next(request, next_url))


def _summary(done: list[int], refused: list[tuple[int, str]]) -> str:
    parts = []
    if done:
        parts.append(ngettext("%(n)s claim updated.", "%(n)s claims updated.", len(done)) % {"n": len(done)})
    if refused:
        by_reason: dict[str, list[int]] = defaultdict(list)
        for claim_id, reason in refused:
            by_reason[reason].append(claim_id)
        details = "; ".join(
            f"{reason} (#{', #'.join(str(i) for i in ids)})" for reason, ids in by_reason.items()
        )
        parts.append(
            ngettext("%(n)s claim refused: %(details)s", "%(n)s claims refused: %(details)s", len(refused))
            % {"n": len(refused), "details": details}
        )
    return " ".join(parts)


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Apply one workflow action to the selected claims, then go back to the same filtered queue."""
    if not roles.can_review(request.user):
        raise PermissionDenied(_("Only reporters and editors can act on claims."))
    form = BulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_queue(request, request.POST.get("next"))
    action, assignee = form.cleaned_data["action"], form.cleaned_data["assignee"]
    ids = form.cleaned_data["claims"]
    if action == "dismiss" and len(ids) > 1 and request.POST.get("confirmed") != "1":
        # Dismissing many claims takes them off everyone's queue: ask once, showing what goes.
        chosen = Claim.objects.filter(pk__in=ids).select_related("article").order_by("article_id", "start")
        return render(
            request,
            "claims/bulk_confirm.html",
            {
                "claims": chosen[:BULK_CONFIRM_SHOWN],
                "count": len(ids),
                "ids": ids,
                "next": form.cleaned_data["next"],
                "cancel_url": _safe_next(request, form.cleaned_data["next"]),
            },
        )
    if action == "assign_me":
        action, assignee = "assign", request.user
    elif action == "assign" and assignee != request.user and not roles.is_editor(request.user):
        raise PermissionDenied(_("Only editors can assign claims to someone else."))
    try:
        result = claims_bulk(
            claim_ids=form.cleaned_data["claims"], action=action, by=request.user, assignee=assignee
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        level = messages.SUCCESS if not result.refused else messages.WARNING
        messages.add_message(request, level, _summary(result.done, result.refused))
    return _back_to_queue(request, form.cleaned_data["next"])


urlpatterns = [
    path("", queue, name="queue"),
    path("bulk/", bulk, name="bulk"),
]
