"""The review around a claim: evidence, comments and the notifications they send."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        REFUTES = "refutes", _("Refutes")
        CONTEXT = "context", _("Context")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("URL"), max_length=2000)
    title = models.CharField(_("title"), max_length=300)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "refutes", "context"]), name="evidence_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to you")
        RETURNED = "returned", _("Verdict returned")
        PUBLISHED = "published", _("Verdict published")
        MENTIONED = "mentioned", _("Mentioned")
        WATCHLIST = "watchlist", _("Watchlist match")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What happened, rendered in the reader's language when shown (`text`); `message` is the
    # English rendering kept for the admin and for rows older than `params`.
    params = models.JSONField(default=dict, blank=True)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    TEMPLATES = {
        Kind.ASSIGNED: gettext_noop("%(by)s assigned you a claim to check"),
        Kind.RETURNED: gettext_noop("%(by)s returned your verdict: %(reason)s"),
        Kind.PUBLISHED: gettext_noop("%(by)s approved and published your verdict"),
        Kind.MENTIONED: gettext_noop("%(by)s mentioned you: %(body)s"),
        Kind.WATCHLIST: gettext_noop("Watchlist “%(name)s”: a new claim names %(names)s."),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "My work": a user's unread notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.message

    @classmethod
    def render(cls, kind: str, params: dict) -> str:
        """The event in the active language."""
        try:
            return gettext(cls.TEMPLATES[kind]) % params
        except (KeyError, TypeError, ValueError):
            return ""

    @property
    def text(self) -> str:
        return (self.params and self.render(self.kind, self.params)) or self.message
