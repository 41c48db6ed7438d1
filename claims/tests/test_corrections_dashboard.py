"""The corrections dashboard: counts per week, language and field, with links to examples."""

import pytest

from articles.models import Article
from claims import services
from claims.models import Claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def make_corrections(reporter, language: str, count: int):
    text = "Le chiffre est de 12 % cette année. " * count
    article = Article.objects.create(
        text=text, content_hash=(language + str(count)) * 16, status="extracted", language=language
    )
    for index in range(count):
        start = index * 36
        claim = Claim.objects.create(
            article=article,
            text=text[start : start + 35],
            start=start,
            end=start + 35,
            language=language,
            speaker="l'institut vendredi",
        )
        services.claim_correct(claim=claim, by=reporter, version=1, speaker="L'Insee", types=["quantity"])
    services.claim_not_a_claim(claim=claim, by=reporter, version=2)
    return article


@pytest.mark.parametrize("count", [2, 20])
def test_counts_per_field_and_language_in_constant_queries(
    client, reporter, count, django_assert_max_num_queries
):
    make_corrections(reporter, "fr", count)
    make_corrections(reporter, "en", 1)
    client.force_login(reporter)
    with django_assert_max_num_queries(5):
        response = client.get("/claims/dashboard/corrections/")
    assert response.status_code == 200
    tables = {t["language"]: t for t in response.context["tables"]}
    fields = [value for value, _ in response.context["fields"]]
    fr_totals = dict(zip(fields, tables["fr"]["totals"]))
    assert (fr_totals["speaker"], fr_totals["types"], fr_totals["not_a_claim"], fr_totals["span"]) == (
        count,
        count,
        1,
        0,
    )
    assert dict(zip(fields, tables["en"]["totals"]))["speaker"] == 1
    assert "lang=fr" in response.content.decode() and "field=speaker" in response.content.decode()


def test_a_figure_links_to_its_examples(client, reporter):
    article = make_corrections(reporter, "fr", 3)
    client.force_login(reporter)
    body = client.get("/claims/dashboard/corrections/?lang=fr&field=speaker").content.decode()
    assert body.count("L&#x27;Insee") == 3 and f"/articles/{article.pk}/#claim-" in body
    assert "l&#x27;institut vendredi" in body  # the machine's value, before → after
    assert client.get("/claims/dashboard/corrections/?week=not-a-date&field=nonsense").status_code == 200
