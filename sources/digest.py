"""The daily digest: the day's most check-worthy new claims from followed sources, per language.

Ranking: claims not checked yet come first, by check-worthiness (highest first);
claims already checked go to the bottom with that verdict shown: the claim itself has a verdict, the
same claim text carries one elsewhere, or claim matching linked it (automatically or confirmed by a
person) to a claim with a verdict or to an imported fact-check.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from claims.models import Claim, ClaimLink

from .models import SourceItem

PER_LANGUAGE = 20


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def digest(day: date, *, per_language: int = PER_LANGUAGE, languages=None) -> dict[str, list[Claim]]:
    """``{language: [claims]}`` for ``day`` (in the site's time zone), each claim with
    ``checked_verdict`` (a verdict name or None)."""
    start, end = day_bounds(day)
    checked_elsewhere = Claim.objects.filter(text=OuterRef("text"), verdict__isnull=False).exclude(
        pk=OuterRef("pk")
    )
    linked = ClaimLink.objects.filter(
        claim=OuterRef("pk"), status__in=[ClaimLink.Status.AUTO, ClaimLink.Status.CONFIRMED]
    ).order_by("-score")
    claims = (
        Claim.objects.filter(created_at__gte=start, created_at__lt=end, checkworthy=True)
        .filter(Exists(SourceItem.objects.filter(article_id=OuterRef("article_id"))))
        .exclude(status=Claim.Status.DISMISSED)
        .select_related("article__outlet", "verdict")
        .annotate(
            verdict_elsewhere=Subquery(checked_elsewhere.values("verdict__label")[:1]),
            verdict_linked=Subquery(
                linked.filter(other__verdict__isnull=False).values("other__verdict__label")[:1]
            ),
            rating_linked=Subquery(linked.filter(fact_check__isnull=False).values("fact_check__rating")[:1]),
        )
    )
    if languages:
        claims = claims.filter(language__in=languages)
    by_language: dict[str, list[Claim]] = {}
    for claim in claims.order_by("-checkworthiness", "-id")[:2000]:
        if claim.verdict_id:
            claim.checked_verdict = claim.verdict.display_label
        else:
            label = claim.verdict_elsewhere or claim.verdict_linked
            claim.checked_verdict = gettext(label) if label else (claim.rating_linked or None)
        by_language.setdefault(claim.language or "?", []).append(claim)
    for language, rows in by_language.items():
        rows.sort(key=lambda c: (c.checked_verdict is not None, -c.checkworthiness, -c.pk))
        fresh = [c for c in rows if c.checked_verdict is None][:per_language]
        checked = [c for c in rows if c.checked_verdict is not None][:per_language]
        by_language[language] = fresh + checked
    return dict(sorted(by_language.items()))


def send_digests(*, now=None) -> int:
    """E-mail yesterday's digest to each subscriber not served yet today, once local time has
    passed DIGEST_HOUR. Idempotent: ``last_sent_on`` is claimed with a conditional update."""
    from django.conf import settings
    from django.db.models import Q
    from django.template.loader import render_to_string
    from django.utils import translation

    from accounts.models import language_of
    from claims.services.review import send_notification_mail

    from .models import DigestSubscription

    now = timezone.localtime(now or timezone.now())
    if now.hour < settings.DIGEST_HOUR:
        return 0
    today, day = now.date(), now.date() - timedelta(days=1)
    sent = 0
    due = DigestSubscription.objects.filter(
        Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=today), user__is_active=True
    ).select_related("user")
    for subscription in due:
        claimed = DigestSubscription.objects.filter(
            pk=subscription.pk, last_sent_on=subscription.last_sent_on
        )
        if not claimed.update(last_sent_on=today) or not subscription.user.email:
            continue
        sections = digest(day, languages=subscription.languages or None)
        if not sections:
            continue
        with translation.override(language_of(subscription.user)):  # the reader's language
            body = render_to_string(
                "sources/digest_email.txt", {"day": day, "sections": sections, "site_url": settings.SITE_URL}
            )
        # A failure is logged, never hidden (issue 17); the day stays claimed so no one gets it twice.
        send_notification_mail(
            address=subscription.user.email, subject=f"[Claimtrack] Daily digest {day.isoformat()}", body=body
        )
        sent += 1
    return sent
