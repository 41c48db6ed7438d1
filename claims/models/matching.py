"""What matching stores: each claim's vector, fact-checks imported from elsewhere, and links.

Registered with the claims app through claims/models/__init__.py.
Vectors are float32 bytes (no pgvector on our PostgreSQL); each process keeps them in numpy
(claims.services.matching.VectorStore) and catches up with new rows by primary key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClaimVector(models.Model):
    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    vector = models.BinaryField()
    # sha1 of the encoder, prefix and text the vector encodes (claims.matching.encoder.vector_key):
    # a vector check-worthiness computed at extraction serves matching only while the claim's text is
    # still that text. Empty on rows stored before the key existed.
    key = models.CharField(max_length=40, blank=True, default="")
    # False: stored by extraction and not yet taken in by matching (link_article), so the vector
    # stores (VectorStore) do not see the claim before its own matching has run, as before.
    indexed = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)


class FactCheck(models.Model):
    """A verdict published elsewhere (or by us, imported back): ClaimReview JSON-LD or a CSV row."""

    class Source(models.TextChoices):
        CLAIMREVIEW = "claimreview", _("ClaimReview markup")
        CSV = "csv", _("CSV")

    claim_text = models.TextField(_("claim"))
    rating = models.CharField(_("rating"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    source_ref = models.CharField(_("imported from"), max_length=2000, blank=True)  # file name or page URL
    vector = models.BinaryField(null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            # The same fact-check imported twice (same URL and claim) is one row.
            models.UniqueConstraint(fields=["url", "claim_text"], name="factcheck_url_claim_unique"),
        ]

    def __str__(self) -> str:
        return self.claim_text[:80]


class ClaimLink(models.Model):
    """`claim` seems to be the same as `other` (a claim of another article) or `fact_check`."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        AUTO = "auto", _("Linked automatically")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fact_check = models.ForeignKey(
        FactCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    score = models.FloatField()
    status = models.CharField(max_length=10, choices=Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(other__isnull=False) & Q(fact_check__isnull=True))
                | (Q(other__isnull=True) & Q(fact_check__isnull=False)),
                name="claimlink_one_target",
            ),
            models.CheckConstraint(condition=~Q(claim=models.F("other")), name="claimlink_not_itself"),
            # A rejection is remembered: the same pair is never suggested again.
            models.UniqueConstraint(fields=["claim", "other"], name="claimlink_claim_other_unique"),
            models.UniqueConstraint(fields=["claim", "fact_check"], name="claimlink_claim_factcheck_unique"),
        ]
        indexes = [models.Index(fields=["claim", "status"], name="claimlink_claim_status_idx")]

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.REJECTED


class ClaimCluster(models.Model):
    """The group of matched claims a claim belongs to, for the queue's "group by cluster".

    Claims joined by live links to claims of other articles (suggested, automatic or confirmed;
    not rejected), followed transitively, form a cluster; `root` is its smallest claim id. A claim
    with no live link has no row: it is a cluster of its own. Kept by
    claims.services.clusters.clusters_refresh after matching and after each decision.
    """

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="cluster"
    )
    root = models.BigIntegerField()

    class Meta:
        indexes = [
            # The queue grouped by cluster orders and partitions by root.
            models.Index(fields=["root"], name="claimcluster_root_idx"),
        ]
