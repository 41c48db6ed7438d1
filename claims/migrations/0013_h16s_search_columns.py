"""Stored search columns on claims (PostgreSQL only; see claims.search).

`search_folded` (folded text + speaker + article title, GIN trigram index) and
`search_document` (its French + English tsvector, GIN index), kept right by triggers
on claims_claim and articles_article; filled here for the claims already stored.
They replace the two expression indexes over the claim alone (claim_fold_trgm_idx,
claim_search_idx), which nothing queries any more and every insert paid for.
SQLite: nothing (the search there folds on the fly).
"""

from django.db import migrations


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import STORED_SQL

    schema_editor.execute("DROP INDEX IF EXISTS claim_fold_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS claim_search_idx")
    for statement in STORED_SQL:
        schema_editor.execute(statement)


def remove_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import DROP_STORED_SQL, claim_fold_index, claim_search_index

    for statement in DROP_STORED_SQL:
        schema_editor.execute(statement)
    Claim = apps.get_model("claims", "Claim")
    schema_editor.add_index(Claim, claim_fold_index())
    schema_editor.add_index(Claim, claim_search_index())


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_m14_matching"), ("articles", "0003_w13sp_derive_titles")]

    operations = [migrations.RunPython(add_columns, remove_columns)]
