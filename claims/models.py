from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import Article

# The seeded verdict scale (migration 0002) lives in the database, so makemessages
# cannot see its labels: list them here so the catalogue carries them, and show
# them through Rating.display_label. A label an editor adds or renames simply
# falls through gettext untranslated.
DEFAULT_RATING_LABELS = [
    gettext_noop("True"),
    gettext_noop("Mostly true"),
    gettext_noop("Mixed"),
    gettext_noop("Mostly false"),
    gettext_noop("False"),
    gettext_noop("Misleading"),
    gettext_noop("Unverifiable"),
]


class Rating(models.Model):
    """One step of the verdict scale, mapped to schema.org ClaimReview numbers."""

    slug = models.SlugField(max_length=40)
    label = models.CharField(_("label"), max_length=80)
    rating_value = models.PositiveSmallIntegerField(_("ClaimReview ratingValue"))
    best_rating = models.PositiveSmallIntegerField(default=5)
    worst_rating = models.PositiveSmallIntegerField(default=1)
    colour = models.CharField(max_length=7, default="#777777")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="rating_slug_unique"),
            models.CheckConstraint(
                condition=Q(worst_rating__lte=F("rating_value"), rating_value__lte=F("best_rating")),
                name="rating_value_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def display_label(self) -> str:
        """The label in the active language (for the seeded labels; others as typed)."""
        return gettext(self.label) if self.label else ""


CLAIM_TYPES = ["quantity", "quote", "event", "comparison", "causal", "prediction", "other"]
CLAIM_STATUSES = ["new", "in_review", "verdict_proposed", "published", "dismissed"]


class ClaimQuerySet(models.QuerySet):
    def untouched(self) -> ClaimQuerySet:
        """Claims no journalist has worked on: re-extraction may replace them."""
        return self.filter(
            status=Claim.Status.NEW, assignee__isnull=True, verdict__isnull=True, rationale=""
        )

    def touched(self) -> ClaimQuerySet:
        return self.exclude(pk__in=self.untouched().values("pk"))

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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    verdict = models.ForeignKey(Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    # Who changed status, assignee, verdict, rationale and when (the claim's timeline).
    history = HistoricalRecords(
        excluded_fields=["text", "start", "end", "entities", "types", "extractor_version", "created_at", "updated_at"],
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            # One claim per span: re-running extraction cannot duplicate a claim.
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_span_unique"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_span_ordered"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1), name="claim_score_in_unit_range"
            ),
            models.CheckConstraint(
                condition=Q(claim_type__in=CLAIM_TYPES), name="claim_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CLAIM_STATUSES), name="claim_status_valid"
            ),
            models.UniqueConstraint(fields=["public_id"], name="claim_public_id_unique"),
            # Only a published claim may have a public page.
            models.CheckConstraint(condition=Q(is_public=False) | Q(status="published"), name="claim_public_only_published"),
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
            models.Index(fields=["published_at"], name="claim_published_idx", condition=Q(status="published")),
            # Full-text search indexes (PostgreSQL only) are created in migration 0006 from claims.search.
        ]

    def __str__(self) -> str:
        return self.text[:80]


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
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=Q(stance__in=["supports", "refutes", "context"]), name="evidence_stance_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
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

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "My work": a user's unread notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at"], name="notification_unread_idx", condition=Q(read_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return self.message


def export_upload_to(instance: "Export", filename: str) -> str:
    return f"exports/{instance.owner_id}/{instance.public_id}/{filename}"


class Export(models.Model):
    """A large export built by a worker; downloadable only by its owner."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"
        NDJSON = "ndjson", "NDJSON"
        CLAIMREVIEW = "claimreview", "ClaimReview JSON-LD"
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=12, choices=Format.choices)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=export_upload_to, blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["public_id"], name="export_public_id_unique")]
        indexes = [
            # "My exports": a user's exports, newest first; the retention sweep by date.
            models.Index(fields=["owner", "-created_at"], name="export_owner_idx"),
            models.Index(fields=["created_at"], name="export_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export {self.public_id}"


# Matching (claims/matching_models.py): registered with this app.
from claims.matching_models import ClaimLink, ClaimVector, FactCheck  # noqa: E402,F401
