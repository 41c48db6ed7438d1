"""Watchlists: a new check-worthy claim that names a followed term, person or
organisation notifies the watchlist's owner (or its team) in Claimtrack and by e-mail.

Matching is on whole words, case- and accent-insensitive, against the claim text
and its speaker ("Macron" matches "Emmanuel Macron a déclaré…" but not "macronomics").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from accounts.models import language_of
from claims.models import Claim, Notification
from claims.services.review import mail_subject, send_notification_mail

from .models import Watchlist


def fold(text: str) -> str:
    """Lower-case without accents (same-length is not needed here: only a yes/no match)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=2048)
def _pattern(entry: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(fold(entry.strip()))}(?!\w)")


def matches(watchlist: Watchlist, claim: Claim) -> list[str]:
    """The entries of ``watchlist`` that ``claim`` names."""
    haystack = fold(f"{claim.text}\n{claim.speaker}")
    return [entry for entry in watchlist.entries if entry.strip() and _pattern(entry).search(haystack)]


def clean_entries(values) -> list[str]:
    """A list (or a comma/line separated string) → distinct, trimmed entries of 2 to 100 characters."""
    if isinstance(values, str):
        values = re.split(r"[,\n]", values)
    seen, out = set(), []
    for value in values or []:
        value = " ".join(str(value).split())[:100]
        if len(value) >= 2 and fold(value) not in seen:
            seen.add(fold(value))
            out.append(value)
    return out[:200]


def notify_watchlists(*, claim_ids: list[int]) -> int:
    """Notify every watcher of the check-worthy claims among ``claim_ids``; return notifications made."""
    claims = list(Claim.objects.filter(pk__in=claim_ids, checkworthy=True).select_related("article"))
    if not claims:
        return 0
    watchlists = list(Watchlist.objects.select_related("owner").prefetch_related("team__user_set"))
    made = 0
    for claim in claims:
        recipients: dict[int, tuple] = {}
        for watchlist in watchlists:
            hits = matches(watchlist, claim)
            if not hits:
                continue
            people = {watchlist.owner, *(watchlist.team.user_set.all() if watchlist.team else ())}
            for user in people:
                if user.is_active and user.pk not in recipients:
                    recipients[user.pk] = (user, watchlist, hits)
        for user, watchlist, hits in recipients.values():
            # Stored as an event: each reader sees it in their own language (Notification.text).
            params = {"name": watchlist.name[:200], "names": ", ".join(hits[:5])}
            with translation.override("en"):
                english = Notification.render(Notification.Kind.WATCHLIST, params)
            Notification.objects.create(
                recipient=user,
                claim=claim,
                kind=Notification.Kind.WATCHLIST,
                params=params,
                message=english[:1000],
            )
            made += 1
            if watchlist.email and user.email:
                with translation.override(language_of(user)):
                    _mail(user.email, Notification.render(Notification.Kind.WATCHLIST, params), claim)
    return made


def _mail(address: str, message: str, claim: Claim) -> None:
    """One-line subject, and a failure logged, never hidden (as for the desk's other notifications)."""
    link = f"{settings.SITE_URL}/articles/{claim.article_id}/#claim-{claim.pk}"
    subject, body = mail_subject(message), f"{message}\n\n{claim.text}\n\n{link}\n"
    transaction.on_commit(lambda: send_notification_mail(address=address, subject=subject, body=body))


def visible_watchlists(user):
    """The user's own watchlists and those of the teams they belong to."""
    return Watchlist.objects.filter(Q(owner=user) | Q(team__in=user.groups.all())).distinct()


def on_claims_extracted(sender, *, article_id: int, claim_ids: list[int], **kwargs) -> None:
    if claim_ids:
        with transaction.atomic():
            notify_watchlists(claim_ids=claim_ids)
