"""The claims app's models, one module a concern; every model is importable as `claims.models.X`.

- ratings: the verdict scale (Rating)
- claim: Claim, its Quantity rows, and `desk_work` (what makes a claim the desk's)
- corrections: the desk's corrections of the extractor (Correction)
- review: Evidence, Comment, Notification
- exports: Export (worker-built files) and DashboardSummary
- matching: claim vectors, imported fact-checks, links and clusters
"""

# Django registers models in import order: kept as it was in the single claims/models.py.
# isort: off
from claims.models.ratings import DEFAULT_RATING_LABELS, Rating
from claims.models.claim import CLAIM_STATUSES, CLAIM_TYPES, Claim, ClaimQuerySet, Quantity, desk_work
from claims.models.corrections import Correction
from claims.models.review import Comment, Evidence, Notification

# Migration 0007 names the upload path as claims.models.export_upload_to.
from claims.models.exports import DashboardSummary, Export, export_upload_to
from claims.models.matching import ClaimCluster, ClaimLink, ClaimVector, FactCheck

# isort: on

__all__ = [
    "CLAIM_STATUSES",
    "CLAIM_TYPES",
    "DEFAULT_RATING_LABELS",
    "Claim",
    "ClaimCluster",
    "ClaimLink",
    "ClaimQuerySet",
    "ClaimVector",
    "Comment",
    "Correction",
    "DashboardSummary",
    "Evidence",
    "Export",
    "FactCheck",
    "Notification",
    "Quantity",
    "Rating",
    "desk_work",
    "export_upload_to",
]
