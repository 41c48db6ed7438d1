"""Clusters of matched claims: what the queue groups when asked to ("group by cluster").

Claims joined by live links between claims (suggested, automatic or confirmed, not rejected),
followed transitively, are one cluster, named by its smallest claim id (`ClaimCluster.root`).
Links are stored in both directions (claims.services.matching), but the walk follows both columns
anyway so that a half-written pair cannot split a cluster.

The rows are derived data: `clusters_refresh` recomputes the clusters of the claims it is given
from the links, so running it twice, or late, gives the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from claims.models import ClaimCluster, ClaimLink

CLUSTER_LOCK = 0x434C5553  # "CLUS": the advisory lock key of clusters_refresh


def _live_pairs():
    return ClaimLink.objects.filter(other__isnull=False).exclude(status=ClaimLink.Status.REJECTED)


def cluster_of(claim_id: int) -> set[int]:
    """Every claim reachable from this one through live claim links (the claim included).

    A breadth-first walk: one query per step away from the claim, a few steps in practice.
    """
    members, frontier = {claim_id}, {claim_id}
    while frontier:
        pairs = (
            _live_pairs()
            .filter(Q(claim_id__in=frontier) | Q(other_id__in=frontier))
            .values_list("claim_id", "other_id")
        )
        reached = {pk for pair in pairs for pk in pair} - members
        members |= reached
        frontier = reached
    return members


@transaction.atomic
def clusters_refresh(claim_ids: Iterable[int]) -> None:
    """Recompute the clusters of these claims (after links were made, confirmed or rejected)."""
    if connection.vendor == "postgresql":
        # Two workers recomputing overlapping clusters at once could each write a root from a
        # different snapshot; one at a time (held until this transaction ends; it is short).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLUSTER_LOCK])
    done: set[int] = set()
    for claim_id in claim_ids:
        if claim_id is None or claim_id in done:
            continue
        members = cluster_of(claim_id)
        done |= members
        if len(members) == 1:
            ClaimCluster.objects.filter(claim_id=claim_id).delete()
            continue
        root = min(members)
        ClaimCluster.objects.bulk_create(
            [ClaimCluster(claim_id=pk, root=root) for pk in sorted(members)],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["root"],
        )
