"""A claim, its quantities, and the rule that makes a claim the desk's."""

from __future__ import annotations

import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import Article
from claims.models.ratings import Rating

CLAIM_TYPES = ["quantity", "quote", "event", "comparison", "causal", "prediction", "other"]
CLAIM_STATUSES = ["new", "in_review", "verdict_proposed", "published", "dismissed"]


def desk_work() -> Q:
    """The rule that makes a claim the desk's: anyone touched it in any way.

    A claim is the desk's (``Claim.objects.touched()``, ``claim.is_desk_owned``)
    as soon as any one of these holds:

    - ``version > 1``: every edit through the review services bumps it (assign,
      propose, dismiss, a speaker/type/rationale edit). Desk corrections (span,
      speaker, type or quantity edits) must bump it too, through the services'
      ``_save``; a desk-added claim has ``origin="desk"`` and a corrected one a
      non-empty ``machine_original`` (the extractor's values it replaced);
    - its status is not ``new``, it has an assignee, a verdict or a rationale;
    - it has evidence, or a comment, or a notification refers to it (a mention);
    - its history holds an entry made by a user (the claim's own, or evidence
      attached to it and since removed).

    Re-extraction keeps desk claims with their ids and offsets and only
    replaces the others (``untouched()``); see claims.services.extract.
    """
    # Looked up, not imported: review.py's models point at Claim, so review.py imports this module.
    Evidence = apps.get_model("claims", "Evidence")
    Comment = apps.get_model("claims", "Comment")
    Notification = apps.get_model("claims", "Notification")
    historical_claim = Claim.history.model
    historical_evidence = Evidence.history.model
    return (
        Q(version__gt=1)
        # Added or corrected by the desk (claims.services.corrections): never the machine's to replace.
        | ~Q(origin=Claim.Origin.MACHINE)
        | ~Q(machine_original={})
        | ~Q(status=Claim.Status.NEW)
        | Q(assignee__isnull=False)
        | Q(verdict__isnull=False)
        | ~Q(rationale="")
        | Exists(Evidence.objects.filter(claim=OuterRef("pk")))
        | Exists(Comment.objects.filter(claim=OuterRef("pk")))
        | Exists(Notification.objects.filter(claim=OuterRef("pk")))
        | Exists(historical_claim.objects.filter(id=OuterRef("pk"), history_user__isnull=False))
        | Exists(historical_evidence.objects.filter(claim_id=OuterRef("pk"), history_user__isnull=False))
    )


class ClaimQuerySet(models.QuerySet):
    def touched(self) -> ClaimQuerySet:
        """Claims that are the desk's (see `desk_work`): re-extraction never removes or moves them."""
        return self.filter(desk_work())

    def untouched(self) -> ClaimQuerySet:
        """Claims nobody has worked on in any way: the only ones re-extraction may replace."""
        return self.exclude(desk_work())

    def in_text_order(self) -> ClaimQuerySet:
        return self.order_by("start", "end")

    def for_list(self) -> ClaimQuerySet:
        # The article itself is not joined: its text can be megabytes.
        return self.select_related("assignee", "verdict").prefetch_related("quantities")


class Claim(models.Model):
    class Type(models.TextChoices):
        QUANTITY = "quantity", _("Quantity")
        QUOTE = "quote", _("Quote")
        EVENT = "event", _("Event")
        COMPARISON = "comparison", _("Comparison")
        CAUSAL = "causal", _("Causal")
        PREDICTION = "prediction", _("Prediction")
        OTHER = "other", _("Other")

    class Origin(models.TextChoices):
        MACHINE = "machine", _("Extractor")
        DESK = "desk", _("Desk")

    class DismissReason(models.TextChoices):
        NONE = "", "—"
        NOT_CHECKWORTHY = "not_checkworthy", _("Not check-worthy")
        NOT_A_CLAIM = "not_a_claim", _("Not a claim")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        VERDICT_PROPOSED = "verdict_proposed", _("Verdict proposed")
        PUBLISHED = "published", _("Published")
        DISMISSED = "dismissed", _("Dismissed")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    claim_type = models.CharField(_("type"), max_length=12, choices=Type.choices, default=Type.OTHER)
    types = models.JSONField(default=list, blank=True)
    checkworthiness = models.FloatField(_("check-worthiness"), default=0.0)
    checkworthy = models.BooleanField(_("check-worthy"), default=False)
    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    entities = models.JSONField(default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    rationale = models.TextField(_("rationale"), blank=True)
    # Optimistic locking: every edit bumps it; a save from a stale version is refused.
    version = models.PositiveIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Opt-in by an editor: a published claim gets a public page with its ClaimReview.
    is_public = models.BooleanField(_("public page"), default=False)
    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    extractor_version = models.CharField(max_length=32, blank=True)
    # Desk corrections (claims.services.corrections): who made the claim, and the
    # extractor's value of every field the desk corrected, keyed by field
    # ("span", "speaker", "types", "checkworthy", "quantities"). The corrected
    # value itself is stored in the claim's own fields, so every reader
    # (public page, exports, ClaimReview) uses it.
    origin = models.CharField(_("origin"), max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    machine_original = models.JSONField(default=dict, blank=True)
    dismiss_reason = models.CharField(
        _("reason for dismissal"), max_length=16, choices=DismissReason.choices, default="", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    # Who changed status, assignee, verdict, rationale and when (the claim's timeline).
    history = HistoricalRecords(
        excluded_fields=[
            "text",
            "start",
            "end",
            "entities",
            "types",
            "extractor_version",
            "created_at",
            "updated_at",
        ],
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            # One claim per span: re-running extraction cannot duplicate a claim.
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_span_unique"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_ordered"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_score_in_unit_range",
            ),
            models.CheckConstraint(condition=Q(claim_type__in=CLAIM_TYPES), name="claim_type_valid"),
            models.CheckConstraint(condition=Q(status__in=CLAIM_STATUSES), name="claim_status_valid"),
            models.UniqueConstraint(fields=["public_id"], name="claim_public_id_unique"),
            models.CheckConstraint(condition=Q(origin__in=["machine", "desk"]), name="claim_origin_valid"),
            models.CheckConstraint(
                condition=Q(dismiss_reason__in=["", "not_checkworthy", "not_a_claim"]),
                name="claim_dismiss_reason_valid",
            ),
            # Only a published claim may have a public page.
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(status="published"), name="claim_public_only_published"
            ),
        ]
        indexes = [
            # The article page lists its claims in text order (served by claim_span_unique).
            # The queue: most check-worthy first, by status.
            models.Index(fields=["status", "-checkworthiness"], name="claim_status_score_idx"),
            # "My claims" and the assignee filter.
            models.Index(fields=["assignee", "status"], name="claim_assignee_idx"),
            models.Index(fields=["claim_type"], name="claim_type_idx"),
            models.Index(fields=["verdict"], name="claim_verdict_idx"),
            models.Index(fields=["-created_at"], name="claim_created_idx"),
            # The queue's default sort with no status filter: most check-worthy first.
            models.Index(fields=["-checkworthiness", "-id"], name="claim_score_idx"),
            # ?checkworthy=true|false, still sorted by score.
            models.Index(fields=["checkworthy", "-checkworthiness"], name="claim_checkworthy_idx"),
            models.Index(fields=["language"], name="claim_language_idx"),
            # The dashboard: verdicts published per week (small partial index).
            models.Index(
                fields=["published_at"], name="claim_published_idx", condition=Q(status="published")
            ),
            # Full-text search indexes (PostgreSQL only) are created in migration 0006 from claims.search.
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_desk_owned(self) -> bool:
        """True once anyone touched this claim in any way (see `desk_work`); one query."""
        return Claim.objects.filter(pk=self.pk).touched().exists()


class Quantity(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quantities")
    raw = models.CharField(_("as written"), max_length=200)
    value = models.DecimalField(max_digits=40, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    approximate = models.BooleanField(default=False)
    vague = models.BooleanField(default=False)
    # Offsets into the article text.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["start"]
        verbose_name_plural = _("quantities")
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="quantity_span_ordered"),
        ]

    def __str__(self) -> str:
        return self.raw
