"""Hostile or mistaken API input is a readable 4xx, never a 500 (issues 13 and 17)."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Rating

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

DEPTH = 5_000


@pytest.fixture
def claim():
    article = Article.objects.create(
        text="Le chômage a baissé de 0,3 point au troisième trimestre.",
        content_hash="d" * 64,
        status="extracted",
    )
    return Claim.objects.create(
        article=article, text="baissé de 0,3 point", start=14, end=33, claim_type="quantity"
    )


@pytest.fixture
def editor_api(editor):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(editor)
    return client


def deep_json(depth: int = DEPTH) -> str:
    return "[" * depth + "]" * depth


def deep_object(depth: int = DEPTH) -> str:
    return '{"text": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


@pytest.mark.parametrize("body", [deep_json(), deep_object()], ids=["arrays", "objects"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/articles/"),
        ("post", "/api/v1/claims/{claim}/assign/"),
        ("post", "/api/v1/claims/{claim}/propose/"),
        ("post", "/api/v1/claims/{claim}/evidence/"),
        ("post", "/api/v1/claims/{claim}/comments/"),
        ("post", "/api/v1/claims/bulk/"),
        ("patch", "/api/v1/claims/{claim}/"),
    ],
)
def test_json_nested_5000_deep_is_a_400_on_every_json_endpoint(editor_api, claim, method, path, body):
    response = getattr(editor_api, method)(path.format(claim=claim.pk), body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert "nested too deeply" in response.json()["detail"]
    assert Article.objects.count() == 1 and Claim.objects.get().version == 1


def test_json_nested_a_little_is_still_read(editor_api):
    """The parser only refuses what Python cannot read: ordinary nesting is an ordinary validation error."""
    response = editor_api.post("/api/v1/articles/", '{"text": [[["a"]]]}', content_type="application/json")
    assert response.status_code == 400 and "text" in response.json()


def test_an_unknown_rating_names_the_value_and_the_choices(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/propose/",
        {"rating": "vrai", "rationale": "Checked.", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["rating"][0]
    assert "does not exist" not in message
    assert "“vrai”" in message or "'vrai'" in message
    for slug in Rating.objects.values_list("slug", flat=True):
        assert slug in message
    claim.refresh_from_db()
    assert claim.version == 1 and claim.verdict is None


@pytest.mark.parametrize("value", [7, ["true"]])
def test_a_rating_of_the_wrong_type_is_a_readable_400(editor_api, claim, value):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/propose/",
        {"rating": value, "rationale": "Checked.", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["rating"][0]
    assert "does not exist" not in message and "Choose one of: true, mostly-true," in message
