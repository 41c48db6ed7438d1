"""My work: the claims on my desk, the verdicts waiting for me, my notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import roles
from claims.models import Claim, Notification

Status = Claim.Status
NOTIFICATIONS_SHOWN = 50


def _with_article(claims):
    # Each claim links to its article by title. The article text can be megabytes, so it is
    # deferred and only its start is fetched, for untitled articles (display_title would
    # load the whole text, one query per row).
    return (
        claims.select_related("article", "proposed_by", "reviewed_by")
        .defer("article__text", "article__original_html")
        .annotate(article_start=Substr("article__text", 1, 90))
    )


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """A constant number of queries however many claims and notifications there are."""
    user = request.user
    returned_to_me = Q(status=Status.IN_REVIEW, proposed_by=user) & ~Q(return_reason="")
    mine = list(
        _with_article(Claim.objects.for_list())
        .filter(Q(assignee=user, status__in=[Status.IN_REVIEW, Status.VERDICT_PROPOSED]) | returned_to_me)
        .order_by("-updated_at")
    )
    returned = [
        c for c in mine if c.status == Status.IN_REVIEW and c.return_reason and c.proposed_by_id == user.pk
    ]
    returned_ids = {c.pk for c in returned}
    awaiting: list[Claim] = []
    if roles.is_editor(user):
        awaiting = list(
            _with_article(Claim.objects.for_list())
            .filter(status=Status.VERDICT_PROPOSED)
            .exclude(proposed_by=user)
            .order_by("proposed_at")
        )
    notifications = list(
        user.notifications.select_related("actor", "claim")
        .defer("claim__rationale", "claim__return_reason")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at")[:NOTIFICATIONS_SHOWN]
    )
    context = {
        "returned": returned,
        "in_review": [c for c in mine if c.status == Status.IN_REVIEW and c.pk not in returned_ids],
        "proposed": [c for c in mine if c.status == Status.VERDICT_PROPOSED],
        "awaiting": awaiting,
        "is_editor": roles.is_editor(user),
        "notifications": notifications,
        "unread_count": sum(1 for n in notifications if n.read_at is None),
    }
    return render(request, "claims/my_work.html", context)


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    # One conditional update, scoped to the user's own unread notifications.
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        messages.success(request, _("All notifications marked as read."))
    return redirect("claims:my_work")


urlpatterns = [
    path("mine/", my_work, name="my_work"),
    path("mine/notifications/read/", notifications_read, name="notifications_read"),
]
