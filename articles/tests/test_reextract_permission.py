"""Who may re-extract an article: editors (and admins), and the reporter who submitted it.

Anyone else with a role gets 403 and the article is left as it is (issue 17).
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from articles.models import Article
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def people(django_user_model):
    return {
        "submitter": make_user(django_user_model, "submitter", "reporter"),
        "colleague": make_user(django_user_model, "colleague", "reporter"),
        "editor": make_user(django_user_model, "editor", "editor"),
        "admin": make_user(django_user_model, "chief", "admin"),
        "no role": make_user(django_user_model, "visitor", None),
    }


@pytest.fixture
def article(people):
    return Article.objects.create(
        text="Le chômage a baissé de 3 % en 2024.",
        content_hash="p" * 64,
        status="extracted",
        created_by=people["submitter"],
    )


ALLOWED = {"submitter": True, "colleague": False, "editor": True, "admin": True, "no role": False}


@pytest.mark.parametrize("who", list(ALLOWED))
def test_the_api_lets_editors_and_the_submitter_re_extract(who, people, article):
    client = APIClient()
    client.force_authenticate(people[who])
    response = client.post(f"/api/v1/articles/{article.pk}/reextract/")
    article.refresh_from_db()
    if ALLOWED[who]:
        assert response.status_code == 202, response.content
        assert article.status == "queued"
    else:
        assert response.status_code == 403, response.content
        assert "re-extract" in response.json()["detail"]
        assert article.status == "extracted"


@pytest.mark.parametrize("who", list(ALLOWED))
def test_the_ui_lets_editors_and_the_submitter_re_extract(who, people, article):
    client = Client()
    client.force_login(people[who])
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert (f'action="/articles/{article.pk}/reextract/"' in page) is ALLOWED[who]
    response = client.post(f"/articles/{article.pk}/reextract/")
    article.refresh_from_db()
    if ALLOWED[who]:
        assert response.status_code == 302
        assert article.status == "queued"
    else:
        assert response.status_code == 403
        assert article.status == "extracted"


def test_an_article_with_no_known_submitter_is_re_extracted_by_editors_only(people):
    article = Article.objects.create(text="Un texte.", content_hash="q" * 64, status="extracted")
    for who, status in (("colleague", 403), ("editor", 202)):
        client = APIClient()
        client.force_authenticate(people[who])
        assert client.post(f"/api/v1/articles/{article.pk}/reextract/").status_code == status
