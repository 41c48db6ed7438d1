"""Followed sources (feeds, news sitemaps, home pages) and the items they brought.

The polling schedule lives in the rows themselves (``next_poll_at``, ``failures``,
the conditional-request validators): one beat task picks the sources that are
due, so there is no second scheduler to keep in step with the table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Outlet


class SourceQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(state=Source.State.ACTIVE, next_poll_at__lte=now).order_by("next_poll_at")


class Source(models.Model):
    class Kind(models.TextChoices):
        UNKNOWN = "unknown", _("Not polled yet")
        FEED = "feed", _("RSS or Atom feed")
        SITEMAP = "sitemap", _("News sitemap")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        SUGGESTED = "suggested", _("Suggested")
        DEAD = "dead", _("Dead")

    name = models.CharField(_("name"), max_length=200)
    # The URL polled: the feed itself once discovered from a home page.
    url = models.URLField(_("feed URL"), max_length=2000)
    # The URL as given, when it was a home page whose feeds were discovered.
    site_url = models.URLField(_("site URL"), max_length=2000, blank=True)
    discovered_feeds = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UNKNOWN)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    poll_interval_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=30)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)

    next_poll_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_new_item_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="source_url_unique"),
            models.CheckConstraint(
                condition=Q(state__in=["active", "paused", "suggested", "dead"]), name="source_state_valid"
            ),
            models.CheckConstraint(condition=Q(poll_interval_minutes__gte=5), name="source_interval_min_5"),
        ]
        indexes = [
            # The beat task: active sources by next poll.
            models.Index(fields=["next_poll_at"], name="source_due_idx", condition=Q(state="active")),
        ]

    def __str__(self) -> str:
        return self.name


class SourceItem(models.Model):
    """One entry a source listed: seen once, imported at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        IMPORTED = "imported", _("Imported")
        DUPLICATE = "duplicate", _("Already stored")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="source_items"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="sourceitem_guid_unique"),
            models.UniqueConstraint(fields=["source", "url"], name="sourceitem_url_unique"),
        ]
        indexes = [
            models.Index(fields=["source", "-created_at"], name="sourceitem_recent_idx"),
            models.Index(fields=["url"], name="sourceitem_url_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class HostSlot(models.Model):
    """Politeness: one request at a time per host, and a pause between two.

    A worker takes a host's slot with one conditional UPDATE (``free_at <= now``),
    which holds across workers and machines (no worker-local state).
    """

    host = models.CharField(max_length=300, primary_key=True)
    free_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.host


class Watchlist(models.Model):
    """Terms, people and organisations a user (or a team) follows in new claims."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlists")
    # Shared with a team (a group of users): every member is notified.
    team = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="watchlists",
        verbose_name=_("team"),
    )
    terms = models.JSONField(_("terms"), default=list, blank=True)
    people = models.JSONField(_("people"), default=list, blank=True)
    organisations = models.JSONField(_("organisations"), default=list, blank=True)
    email = models.BooleanField(_("also send an e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def entries(self) -> list[str]:
        return [*self.terms, *self.people, *self.organisations]


class DigestSubscription(models.Model):
    """Opt-in: the daily digest by e-mail (the previous day's, sent each morning)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    # Empty: every language.
    languages = models.JSONField(default=list, blank=True)
    last_sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"digest for {self.user}"
