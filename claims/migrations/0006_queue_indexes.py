"""Indexes for the claim queue filters, its sorts, search and the dashboard.

Already served before this migration (claims.models Claim.Meta / articles.models):
status (claim_status_score_idx), type (claim_type_idx), assignee / me / unassigned
(claim_assignee_idx), verdict (claim_verdict_idx), created_after/before and the
"newest"/"oldest" sorts (claim_created_idx), article (claim_span_unique, whose first
column is article_id), outlet (article_outlet_idx, then claim_span_unique).

The btree indexes below are in the migration state: Claim.Meta.indexes must list
the same entries (see the comments) or makemigrations will want to drop them.
The two GIN full-text indexes are PostgreSQL-only and kept out of the state; they
are built from claims.search so index and query use the very same expression.
"""

from django.db import migrations, models


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: search falls back to icontains (claims.search).
    from claims.search import claim_search_index, title_search_index

    schema_editor.add_index(apps.get_model("claims", "Claim"), claim_search_index())
    schema_editor.add_index(apps.get_model("articles", "Article"), title_search_index())


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import claim_search_index, title_search_index

    schema_editor.remove_index(apps.get_model("claims", "Claim"), claim_search_index())
    schema_editor.remove_index(apps.get_model("articles", "Article"), title_search_index())


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_role_permissions"), ("articles", "0001_initial")]

    operations = [
        # The queue's default sort with no status filter: most check-worthy first, id breaks ties.
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-checkworthiness", "-id"], name="claim_score_idx"),
        ),
        # ?checkworthy=true|false, still sorted by score.
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["checkworthy", "-checkworthiness"], name="claim_checkworthy_idx"),
        ),
        # ?language=fr
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["language"], name="claim_language_idx"),
        ),
        # The dashboard: verdicts published per week over the last 12 weeks (small partial index).
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["published_at"], name="claim_published_idx", condition=models.Q(status="published")
            ),
        ),
        # ?q=: claim text + speaker (claim_search_idx) and article title (article_title_search_idx).
        migrations.RunPython(add_search_indexes, remove_search_indexes),
    ]
