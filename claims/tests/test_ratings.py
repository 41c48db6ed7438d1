"""The rating scale (/claims/ratings/): everyone reads it, editors change it."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article
from claims.models import Claim, Rating

RATINGS = reverse("claims:ratings")
NEW_RATING = {
    "label": "Satire",
    "slug": "satire",
    "rating_value": "2",
    "worst_rating": "1",
    "best_rating": "5",
    "colour": "#3366CC",
    "position": "9",
}


def edit_url(rating: Rating) -> str:
    return reverse("claims:rating_edit", args=[rating.pk])


def delete_url(rating: Rating) -> str:
    return reverse("claims:rating_delete", args=[rating.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_it_requires_login(client):
    assert "/login/" in client.get(RATINGS)["Location"]
    assert "/login/" in client.post(RATINGS, NEW_RATING)["Location"]


@pytest.mark.embedded
@pytest.mark.django_db
def test_everyone_logged_in_reads_the_scale_in_order_without_edit_controls(web):
    response = web.get(RATINGS)
    assert response.status_code == 200
    labels = [rating.label for rating in response.context["ratings"]]
    assert labels == list(Rating.objects.order_by("position", "pk").values_list("label", flat=True))
    assert b"Add a rating" not in response.content and b"Delete" not in response.content


@pytest.mark.embedded
@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["reporter", "no_role_user"])
def test_only_editors_may_add_edit_or_delete_ratings(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    rating = Rating.objects.get(slug="mixed")
    assert client.post(RATINGS, NEW_RATING).status_code == 403
    assert client.get(edit_url(rating)).status_code == 403
    assert client.post(edit_url(rating), {**NEW_RATING, "slug": "mixed"}).status_code == 403
    assert client.post(delete_url(rating)).status_code == 403
    assert not Rating.objects.filter(slug="satire").exists()
    assert Rating.objects.get(pk=rating.pk).label == "Mixed"


@pytest.mark.embedded
@pytest.mark.django_db
def test_an_editor_adds_a_rating(as_editor):
    response = as_editor.post(RATINGS, NEW_RATING)
    assert response.status_code == 302
    rating = Rating.objects.get(slug="satire")
    assert (rating.label, rating.rating_value, rating.colour, rating.position) == ("Satire", 2, "#3366cc", 9)
    assert messages_of(response) == ["Rating “Satire” added."]


@pytest.mark.django_db
def test_an_editor_edits_a_rating(as_editor):
    rating = Rating.objects.get(slug="mixed")
    assert as_editor.get(edit_url(rating)).status_code == 200
    response = as_editor.post(edit_url(rating), {**NEW_RATING, "label": "Half true", "slug": "mixed"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.label, rating.slug, rating.position) == ("Half true", "mixed", 9)


@pytest.mark.embedded
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"rating_value": "7"}, "rating_value_within_scale"),
        ({"colour": "red"}, "Use a colour such as"),
        ({"colour": '#123456" onmouseover="x'}, "Ensure this value has at most 7 characters"),
        ({"slug": "true"}, "already exists"),
        ({"slug": "not a slug"}, "Enter a valid"),
        ({"label": ""}, "This field is required"),
    ],
)
def test_invalid_ratings_are_refused_with_the_reason(as_editor, changes, error):
    response = as_editor.post(RATINGS, {**NEW_RATING, **changes})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Rating.objects.filter(label="Satire").exists()


@pytest.mark.embedded
@pytest.mark.django_db
def test_an_unused_rating_can_be_deleted(as_editor):
    rating = Rating.objects.create(**{**NEW_RATING, "rating_value": 2, "worst_rating": 1, "best_rating": 5})
    response = as_editor.post(delete_url(rating))
    assert response.status_code == 302
    assert not Rating.objects.filter(pk=rating.pk).exists()


@pytest.mark.embedded
@pytest.mark.django_db
def test_deleting_a_rating_in_use_is_refused_clearly(as_editor):
    rating = Rating.objects.get(slug="false")
    article = Article.objects.create(text="x", content_hash="r" * 64)
    for start in (0, 10):
        Claim.objects.create(article=article, text="A claim.", start=start, end=start + 5, verdict=rating)
    response = as_editor.post(delete_url(rating))
    assert response.status_code == 302
    assert messages_of(response) == [
        "“False” is the verdict of 2 claims, so it cannot be deleted. Change those verdicts first, or keep the rating."
    ]
    assert Rating.objects.filter(pk=rating.pk).exists()


@pytest.mark.django_db
def test_deleting_needs_post(as_editor):
    assert as_editor.get(delete_url(Rating.objects.first())).status_code == 405
