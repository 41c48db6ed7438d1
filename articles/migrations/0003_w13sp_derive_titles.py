"""Give untitled articles a title derived from their text (articles.ingestion.titles).

Before, a pasted article had no stored title: the queue called it "Article 5", the
CSV export's article_title was empty, search could not find it by title, and
the article page showed its first line even when that was "date 2022-10 …".
"""

from django.db import migrations


def derive(apps, schema_editor):
    from articles.ingestion.titles import derive_title

    Article = apps.get_model("articles", "Article")
    untitled = Article.objects.filter(title="").exclude(text="").only("pk", "text")
    for article in untitled.iterator(chunk_size=200):
        title = derive_title(article.text)
        if title:
            Article.objects.filter(pk=article.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_h17dl_reextract_permission")]
    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
