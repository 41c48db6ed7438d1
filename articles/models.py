from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outlet(models.Model):
    """A publication an article comes from (Le Monde, BBC News…)."""

    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(_("domain"), max_length=253, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="outlet_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-created_at", "-id")

    def stuck(self, *, queued_for: timedelta, extracting_for: timedelta) -> ArticleQuerySet:
        """Articles a worker should have picked up or finished by now."""
        now = timezone.now()
        return self.filter(
            Q(status=Article.Status.QUEUED, status_changed_at__lt=now - queued_for)
            | Q(status=Article.Status.EXTRACTING, status_changed_at__lt=now - extracting_for)
        )


# The roles (Django groups) granted `articles.reextract_article`: they may
# re-extract any article. A reporter may re-extract only the articles she
# submitted (see Article.can_be_reextracted_by). Granted by migration 0002.
REEXTRACT_ANY_ROLES = ("editor", "admin")


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        EXTRACTING = "extracting", _("Extracting")
        EXTRACTED = "extracted", _("Extracted")
        FAILED = "failed", _("Failed")

    class Origin(models.TextChoices):
        TEXT = "text", _("Pasted text")
        FILE = "file", _("Uploaded file")
        URL = "url", _("Web page")
        BULK = "bulk", _("Bulk import")

    title = models.CharField(_("title"), max_length=500, blank=True)
    # The text as extracted: every claim offset points into it, so it is never
    # rewritten once claims exist.
    text = models.TextField(_("text"), blank=True)
    original_html = models.TextField(_("original HTML"), blank=True)
    original_file = models.FileField(_("original file"), upload_to="articles/%Y/%m/", blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.TEXT)
    url = models.URLField(_("URL"), max_length=2000, null=True, blank=True)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # sha256 of the whitespace-collapsed text; NULL until a URL article is fetched.
    content_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(default=0, editable=False)
    extractor_version = models.CharField(max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("reextract_article", "Can re-extract any article")]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            models.UniqueConstraint(fields=["url"], name="article_url_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "extracting", "extracted", "failed"]),
                name="article_status_valid",
            ),
            # A stored article always has its text, except a URL waiting to be fetched.
            models.CheckConstraint(
                condition=~Q(text="") | Q(url__isnull=False) | Q(status="failed"),
                name="article_has_text_or_url",
            ),
        ]
        indexes = [
            # The article list: newest first.
            models.Index(fields=["-created_at"], name="article_created_idx"),
            # The sweep: articles stuck in queued/extracting (small partial index).
            models.Index(
                fields=["status", "status_changed_at"],
                name="article_pending_idx",
                condition=Q(status__in=["queued", "extracting"]),
            ),
            # Filters by outlet and language in lists and the claim queue.
            models.Index(fields=["outlet", "-created_at"], name="article_outlet_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title; for an untitled article one derived from its text or URL
        (articles.ingestion.titles), never "Article 5"."""
        if self.title:
            return self.title
        from articles.ingestion.titles import derive_title, title_from_url

        derived = derive_title(self.text) if self.text else ""
        if derived:
            return derived
        if self.url:
            return title_from_url(self.url)
        text = " ".join(self.text.split())
        return text[:90] + ("…" if len(text) > 90 else "")

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.EXTRACTING)

    def can_be_reextracted_by(self, user) -> bool:
        """Who may re-extract this article: editors and admins (the
        `articles.reextract_article` permission), and the reporter who submitted it.

        Re-extraction replaces every claim nobody has touched yet, so a reporter
        may not re-run it on a colleague's article.
        """
        if not getattr(user, "is_authenticated", False):
            return False
        if user.has_perm("articles.reextract_article"):
            return True
        return (
            self.created_by_id is not None
            and self.created_by_id == user.pk
            and user.has_perm("articles.add_article")
        )

    def set_status(self, status: str, *, error: str = "") -> None:
        self.status = status
        self.error = error
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "error", "status_changed_at", "updated_at"])
