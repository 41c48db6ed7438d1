"""Accent-, case- and apostrophe-blind search; rating names per language; ratings off the scale.

- PostgreSQL only: the `unaccent` and `pg_trgm` extensions, the IMMUTABLE function
  claimtrack_fold() and two GIN trigram indexes over the folded claim text + speaker
  and article title (claims.search builds the very same expressions). SQLite gets
  the function in Python on each connection (claims.apps).
- Rating.labels: the name per language, seeded with the French names of the default scale.
- Rating.rating_value may be empty: "Unverifiable" and "Misleading" are not points on
  the true–false scale, so they are published without a ratingValue (they carried 1 and 2).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models
from django.db.models import F, Q

FRENCH_NAMES = {
    "true": "Vrai",
    "mostly-true": "Plutôt vrai",
    "mixed": "Mitigé",
    "mostly-false": "Plutôt faux",
    "false": "Faux",
    "misleading": "Trompeur",
    "unverifiable": "Invérifiable",
}
# slug: the value it was seeded with (0002); only an unchanged value is cleared.
OFF_SCALE = {"unverifiable": 1, "misleading": 2}


def add_fold(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import FOLD_SQL, claim_fold_index, title_fold_index

    schema_editor.execute(FOLD_SQL)
    schema_editor.add_index(apps.get_model("claims", "Claim"), claim_fold_index())
    schema_editor.add_index(apps.get_model("articles", "Article"), title_fold_index())


def remove_fold(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import DROP_FOLD_SQL, claim_fold_index, title_fold_index

    schema_editor.remove_index(apps.get_model("claims", "Claim"), claim_fold_index())
    schema_editor.remove_index(apps.get_model("articles", "Article"), title_fold_index())
    schema_editor.execute(DROP_FOLD_SQL)


def seed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for rating in Rating.objects.filter(slug__in=FRENCH_NAMES):
        labels = dict(rating.labels or {})
        labels.setdefault("fr", FRENCH_NAMES[rating.slug])
        rating.labels = labels
        if OFF_SCALE.get(rating.slug) == rating.rating_value:
            rating.rating_value = None
        rating.save(update_fields=["labels", "rating_value"])


def unseed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for slug, value in OFF_SCALE.items():
        Rating.objects.filter(slug=slug, rating_value__isnull=True).update(rating_value=value)
    Rating.objects.filter(rating_value__isnull=True).update(rating_value=F("worst_rating"))


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_d12_desk_corrections"), ("articles", "0003_w13sp_derive_titles")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(add_fold, remove_fold),
        migrations.AddField(
            model_name="rating",
            name="labels",
            field=models.JSONField(blank=True, default=dict, verbose_name="names in other languages"),
        ),
        migrations.RemoveConstraint(model_name="rating", name="rating_value_within_scale"),
        migrations.AlterField(
            model_name="rating",
            name="rating_value",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="ClaimReview ratingValue"),
        ),
        migrations.AddConstraint(
            model_name="rating",
            constraint=models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | Q(worst_rating__lte=F("rating_value"), rating_value__lte=F("best_rating")),
                name="rating_value_within_scale",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
