"""What the desk corrected in the extractor's output."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from claims.models.claim import Claim


class Correction(models.Model):
    """One desk correction of the extractor's output: the dashboard's unit of count."""

    class Field(models.TextChoices):
        SPAN = "span", _("Span")
        SPEAKER = "speaker", _("Speaker")
        TYPES = "types", _("Type")
        CHECKWORTHY = "checkworthy", _("Check-worthiness")
        QUANTITIES = "quantities", _("Quantities")
        ADDED = "added", _("Added claim")
        NOT_A_CLAIM = "not_a_claim", _("Not a claim")
        SPLIT = "split", _("Split")
        MERGE = "merge", _("Merge")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=12, choices=Field.choices)
    language = models.CharField(max_length=8, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    field__in=[
                        "span",
                        "speaker",
                        "types",
                        "checkworthy",
                        "quantities",
                        "added",
                        "not_a_claim",
                        "split",
                        "merge",
                    ]
                ),
                name="correction_field_valid",
            ),
        ]
        indexes = [models.Index(fields=["at", "field"], name="correction_week_idx")]

    def __str__(self) -> str:
        return f"{self.field} on claim {self.claim_id}"
