"""Clusters follow automatic and confirmed links only (claims.services.clusters.CLUSTERING): a
suggestion is a question for the desk, and chains of them had grouped different claims together.
The clusters 0015 built from every live link are rebuilt from those two kinds."""

from django.db import migrations

CLUSTERING = ("auto", "confirmed")


def build_clusters(apps, schema_editor):
    """A union-find over automatic and confirmed claim links; each claim's root is its cluster's
    smallest claim id."""
    ClaimLink = apps.get_model("claims", "ClaimLink")
    ClaimCluster = apps.get_model("claims", "ClaimCluster")
    parent: dict[int, int] = {}

    def find(pk: int) -> int:
        while parent.setdefault(pk, pk) != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    pairs = ClaimLink.objects.filter(other__isnull=False, status__in=CLUSTERING).values_list("claim_id", "other_id")
    for a, b in pairs.iterator(chunk_size=5000):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    ClaimCluster.objects.all().delete()
    rows = [ClaimCluster(claim_id=pk, root=find(pk)) for pk in parent]
    ClaimCluster.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_m14p_clusters"),
    ]

    operations = [
        migrations.RunPython(build_clusters, migrations.RunPython.noop),
    ]
