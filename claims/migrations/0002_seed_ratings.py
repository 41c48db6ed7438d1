"""Seed the default verdict scale (editable afterwards in the admin)."""
from django.db import migrations

# slug, label, ClaimReview ratingValue on a 1–5 scale (5 = true), colour.
# Misleading and Unverifiable sit outside the true/false axis: schema.org has no
# value for them, so they carry the low end and their label says the rest.
DEFAULT_SCALE = [
    ("true", "True", 5, "#1b7a3e"),
    ("mostly-true", "Mostly true", 4, "#5a9e3a"),
    ("mixed", "Mixed", 3, "#c79100"),
    ("mostly-false", "Mostly false", 2, "#d2691e"),
    ("false", "False", 1, "#a4161a"),
    ("misleading", "Misleading", 2, "#8e44ad"),
    ("unverifiable", "Unverifiable", 1, "#6c757d"),
]


def seed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for position, (slug, label, value, colour) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "rating_value": value, "best_rating": 5, "worst_rating": 1,
                      "colour": colour, "position": position},
        )


def unseed(apps, schema_editor):
    apps.get_model("claims", "Rating").objects.filter(slug__in=[row[0] for row in DEFAULT_SCALE]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
