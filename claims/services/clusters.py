"""Clusters of matched claims: what the queue groups when asked to ("group by cluster").

Claims joined by links a person confirmed or matching made on its own (automatic), followed
transitively, are one cluster, named by its smallest claim id (`ClaimCluster.root`). A *suggested*
link is a question for the desk, not an answer: it never joins a cluster, or a chain of loose
suggestions would put seven different claims under "the same claim, 7 times".
Links are stored in both directions (claims.services.matching), but the walk follows both columns
anyway so that a half-written pair cannot split a cluster.

The rows are derived data: `clusters_refresh` recomputes the clusters of the claims it is given
from the links, so running it twice, or late, gives the same rows. It runs after each matching run
and each confirm/reject, and after any transaction that deleted claim links (a re-extraction that
deleted a clustered claim, a deleted article): see `link_deleted`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from claims.models import ClaimCluster, ClaimLink

CLUSTER_LOCK = 0x434C5553  # "CLUS": the advisory lock key of clusters_refresh


# The links that hold a cluster together.
CLUSTERING = (ClaimLink.Status.AUTO, ClaimLink.Status.CONFIRMED)


def _live_pairs():
    return ClaimLink.objects.filter(other__isnull=False, status__in=CLUSTERING)


def cluster_of(claim_id: int) -> set[int]:
    """Every claim reachable from this one through automatic or confirmed links (the claim included).

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


_pending = threading.local()


def _refresh_pending() -> None:
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if ids:
        clusters_refresh(sorted(ids))


def link_deleted(sender, instance: ClaimLink, **kwargs) -> None:
    """post_delete of a ClaimLink (connected in claims.apps): once the transaction commits, the
    clusters of both its claims are recomputed.

    A claim deleted by a re-extraction (or with its article) takes its links with it (CASCADE), and
    a deleted claim may have been what joined the others: its cluster's other members would keep
    their old root until the next matching run. Refreshing the surviving end of every deleted link
    reaches every claim of the old cluster, since each was joined through one of them. The ids of
    one thread's transaction are gathered and refreshed once; a rolled-back transaction leaves its
    ids to the next commit (a refresh of unchanged claims changes nothing).
    """
    if instance.other_id is None:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.update((instance.claim_id, instance.other_id))
    transaction.on_commit(_refresh_pending)
