"""A failed article can be retried or deleted by its submitter or an editor; nothing else is deleted."""

from __future__ import annotations

import pytest

from articles.models import Article
from claims.tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(reporter):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.FAILED, error="Could not fetch", created_by=reporter
    )
    return Article.objects.get(pk=article.pk)


@pytest.mark.embedded
def test_the_submitter_deletes_a_failed_article_from_its_page(client, reporter, failed):
    client.force_login(reporter)
    page = client.get(f"/articles/{failed.pk}/").content.decode()
    assert f'action="/articles/{failed.pk}/delete/"' in page and ">Retry</button>" in page
    response = client.post(f"/articles/{failed.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/articles/"
    assert not Article.objects.filter(pk=failed.pk).exists()


def test_an_editor_may_delete_it_a_colleague_may_not(client, editor, other_user, failed):
    client.force_login(other_user)
    assert client.post(f"/articles/{failed.pk}/delete/").status_code == 403
    assert f"/articles/{failed.pk}/delete/" not in client.get(f"/articles/{failed.pk}/").content.decode()
    client.force_login(editor)
    assert client.post(f"/articles/{failed.pk}/delete/").status_code == 302
    assert not Article.objects.filter(pk=failed.pk).exists()


def test_an_article_that_did_not_fail_or_has_claims_is_never_deleted(client, editor, failed):
    working = make_article()
    client.force_login(editor)
    assert client.post(f"/articles/{working.pk}/delete/").status_code == 403
    make_claim(failed, "le chômage a baissé de 12 %")
    response = client.post(f"/articles/{failed.pk}/delete/")
    assert response.status_code == 302 and Article.objects.filter(pk=failed.pk).exists()


def test_the_articles_list_offers_retry_on_failed_articles(client, reporter, failed):
    client.force_login(reporter)
    page = client.get("/articles/?status=failed").content.decode()
    assert f'action="/articles/{failed.pk}/reextract/"' in page
