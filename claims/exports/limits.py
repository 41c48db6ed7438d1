"""Who may export, how much is built in the request, and how often (issue 17: one user
must not take the desk down).

- **Role**: exports and reports need a review role (reporter and up). A user without a
  role keeps read access to every page and to the API's lists, but not to bulk copies
  of the desk's data, which are also the expensive requests.
- **In the request or in a worker**: each file format has its own threshold
  (`sync_limit`): a PDF is built in the request only for a few hundred claims, XLSX
  up to 10,000; over it an `Export` is queued on the `exports` Celery queue.
- **Rate**: `EXPORT_RATE_LIMIT` export and report requests per user (DRF's throttle
  over Django's cache; set `CACHE_URL` so that every web process shares the count).
- **Quota** on worker-built exports, counted in the database so every web process
  agrees: at most `EXPORT_MAX_PENDING_PER_USER` queued or running at once, and
  `EXPORT_DAILY_QUOTA` per 24 hours.
- **Size**: a PDF report is never built for more than `EXPORT_PDF_MAX_CLAIMS` claims,
  even by a worker (10,000 claims took 208 s and 3.5 GB).

Every refusal is an `ExportRefused` carrying a readable message and its HTTP status
(403, 400 or 429), answered as such by the API and the pages, never as a 500.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.throttling import UserRateThrottle

from claims import roles
from claims.models import Export


class ExportRefused(Exception):
    def __init__(self, message: str, *, status: int, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def sync_limit(format: str) -> int | None:
    """The most claims built in the request for this format; None when it streams."""
    return {
        "xlsx": settings.EXPORT_ASYNC_THRESHOLD,
        "pdf": settings.EXPORT_PDF_ASYNC_THRESHOLD,
        "html": settings.EXPORT_HTML_ASYNC_THRESHOLD,
    }.get(format)


def may_export(user) -> bool:
    return roles.can_review(user)


def check_role(user) -> None:
    if not may_export(user):
        raise ExportRefused(
            _("Exports and reports need a reporter, editor or admin role; ask an editor if you need one."),
            status=403,
        )


class ExportRateThrottle(UserRateThrottle):
    """Export and report requests per user; the rate is read from settings on each use."""

    scope = "exports"

    def get_rate(self):
        return settings.EXPORT_RATE_LIMIT


def check_rate(request) -> None:
    """Count this export or report request; refuse it (429) over EXPORT_RATE_LIMIT."""
    throttle = ExportRateThrottle()
    if not throttle.allow_request(request, None):
        wait = int(throttle.wait() or 1) + 1
        raise ExportRefused(
            ngettext(
                "Too many exports and reports in a short time: try again in %(n)s second.",
                "Too many exports and reports in a short time: try again in %(n)s seconds.",
                wait,
            )
            % {"n": wait},
            status=429,
            retry_after=wait,
        )


def check_size(format: str, count: int) -> None:
    if format == "pdf" and count > settings.EXPORT_PDF_MAX_CLAIMS:
        raise ExportRefused(
            _(
                "A PDF report is limited to %(max)s claims and this selection has %(n)s: narrow the filters, "
                "or export it as XLSX or CSV."
            )
            % {"max": f"{settings.EXPORT_PDF_MAX_CLAIMS:,}", "n": f"{count:,}"},
            status=400,
        )


def check_quota(user) -> None:
    """Refuse (429) a new worker-built export over the user's pending or daily quota."""
    mine = Export.objects.filter(owner=user)
    pending = mine.filter(status__in=(Export.Status.QUEUED, Export.Status.RUNNING)).count()
    if pending >= settings.EXPORT_MAX_PENDING_PER_USER:
        raise ExportRefused(
            ngettext(
                "You already have %(n)s export being prepared: wait until it is ready (see My exports).",
                "You already have %(n)s exports being prepared: wait until one is ready (see My exports).",
                pending,
            )
            % {"n": pending},
            status=429,
            retry_after=30,
        )
    since = timezone.now() - dt.timedelta(hours=24)
    if mine.filter(created_at__gte=since).count() >= settings.EXPORT_DAILY_QUOTA:
        raise ExportRefused(
            _(
                "You have reached the limit of %(n)s large exports in 24 hours; try again later or narrow "
                "the filters."
            )
            % {"n": settings.EXPORT_DAILY_QUOTA},
            status=429,
            retry_after=3600,
        )


def admit(request) -> None:
    """The checks every export or report request passes first: role, then rate."""
    check_role(request.user)
    check_rate(request)


def queue_or_build(*, format: str, count: int, user) -> bool:
    """True when this selection must be built by a worker (after the size and quota checks)."""
    check_size(format, count)
    limit = sync_limit(format)
    if limit is None or count <= limit:
        return False
    check_quota(user)
    return True
