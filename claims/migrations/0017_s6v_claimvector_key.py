"""ClaimVector.key and .indexed: the vectors check-worthiness computes at extraction are kept for the
matching task (issue 11), keyed by the text they encode and hidden from the vector stores until then."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_s6m_clusters_confirmed_auto"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimvector",
            name="indexed",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="claimvector",
            name="key",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
    ]
