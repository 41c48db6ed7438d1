"""Every route, UI and API, for each role and for an anonymous visitor.

Each row names a route, how to call it, and the status each persona gets.
Personas: anon (not logged in), none (logged in, no role), reporter, editor,
admin. Exports and reports need a review role: a user without one may read
the desk, not copy it out in bulk (issue 17). The claim under test has a verdict proposed by a third person, so
approval is legal for editors and admins and the answers show the role check
alone. UI routes send anonymous visitors to the login page (302); the API
answers 401.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from articles.models import Article
from claims.models import Claim, Export, Rating
from conftest import make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["anon", "none", "reporter", "editor", "admin"]
LOGIN = 302


def everyone(status):
    return {"anon": LOGIN, "none": status, "reporter": status, "editor": status, "admin": status}


def api_everyone(status):
    return {"anon": 401, "none": status, "reporter": status, "editor": status, "admin": status}


def reviewers(ok, *, anon=LOGIN, refused=403):
    return {"anon": anon, "none": refused, "reporter": ok, "editor": ok, "admin": ok}


def editors(ok, *, anon=LOGIN, refused=403):
    return {"anon": anon, "none": refused, "reporter": refused, "editor": ok, "admin": ok}


# (route id, method, path template, payload, expected status per persona)
ROUTES = [
    # --- UI -------------------------------------------------------------------------------------
    ("articles list", "get", "/articles/", None, everyone(200)),
    ("submit page", "get", "/articles/new/", None, reviewers(200)),
    (
        "submit text",
        "post",
        "/articles/new/",
        {"kind": "text", "text": "Le chômage a baissé de 3 % en 2024."},
        reviewers(302),
    ),
    # Re-extraction: editors and admins, or the article's submitter (see the test below).
    ("re-extract", "post", "/articles/{article}/reextract/", {}, editors(302)),
    # Only failed articles can be deleted (by their submitter or an editor); this one was extracted.
    ("delete a working article", "post", "/articles/{article}/delete/", {}, reviewers(403)),
    ("article status", "get", "/articles/{article}/status/", None, everyone(200)),
    # The uploaded original (this article has none: 404 once logged in; see tests/security/test_media.py).
    ("article original", "get", "/articles/{article}/original/", None, everyone(404)),
    ("article page", "get", "/articles/{article}/", None, everyone(200)),
    ("article edit page", "get", "/articles/{article}/edit/", None, reviewers(200)),
    (
        "article edit",
        "post",
        "/articles/{article}/edit/",
        {"title": "Corrigé", "author": "J. Martin"},
        reviewers(302),
    ),
    ("claim queue", "get", "/claims/", None, everyone(200)),
    (
        "bulk dismiss",
        "post",
        "/claims/bulk/",
        {"claims": ["{new_claim}"], "action": "dismiss", "next": "/claims/"},
        reviewers(302),
    ),
    ("review panel", "get", "/claims/{claim}/panel/", None, everyone(200)),
    (
        "assign to me",
        "post",
        "/claims/{new_claim}/assign/",
        {"assign-version": "1", "assign-assignee": "{me_pk}"},
        reviewers(302),
    ),
    ("approve", "post", "/claims/{claim}/approve/", {"version": "2"}, editors(302)),
    (
        "return",
        "post",
        "/claims/{claim}/return/",
        {"return-version": "2", "return-reason": "Source?"},
        editors(302),
    ),
    ("dismiss", "post", "/claims/{new_claim}/dismiss/", {"version": "1"}, reviewers(302)),
    (
        "evidence",
        "post",
        "/claims/{claim}/evidence/",
        {"evidence-url": "https://example.org/a", "evidence-title": "A", "evidence-stance": "supports"},
        reviewers(302),
    ),
    ("comment", "post", "/claims/{claim}/comment/", {"comment-body": "Looks right."}, reviewers(302)),
    (
        "correct a claim",
        "post",
        "/claims/{new_claim}/correct/",
        {"version": "1", "start": "0", "end": "15", "type": "quote", "speaker": "X"},
        reviewers(302),
    ),
    ("split a claim", "post", "/claims/{new_claim}/split/", {"version": "1", "at": "3"}, reviewers(302)),
    ("not a claim", "post", "/claims/{new_claim}/not-a-claim/", {"version": "1"}, reviewers(302)),
    (
        "add a claim",
        "post",
        "/claims/add/{article}/",
        {"start": "16", "end": "26", "type": "other"},
        reviewers(302),
    ),
    ("my work", "get", "/claims/mine/", None, everyone(200)),
    ("dashboard", "get", "/claims/dashboard/", None, everyone(200)),
    ("rating scale", "get", "/claims/ratings/", None, everyone(200)),
    (
        "edit a rating",
        "post",
        "/claims/ratings/{rating}/edit/",
        {
            "label": "Vrai",
            "slug": "true",
            "rating_value": 5,
            "best_rating": 5,
            "worst_rating": 1,
            "colour": "#1b7a3e",
            "position": 0,
        },
        editors(302),
    ),
    ("export csv", "get", "/claims/export/?format=csv", None, reviewers(200)),
    ("article export", "get", "/claims/article/{article}/export/?format=json", None, reviewers(200)),
    ("report", "get", "/claims/report/?article={article}", None, reviewers(200)),
    ("my exports", "get", "/claims/exports/", None, everyone(200)),
    ("someone else's export", "get", "/claims/exports/{export}/download/", None, everyone(404)),
    ("make public", "post", "/claims/{published}/public/", {}, editors(302)),
    ("claim import", "get", "/claims/import/", None, editors(200)),
    ("check a claim", "get", "/claims/check/", None, everyone(200)),
    ("fact-check import page", "get", "/claims/factchecks/import/", None, editors(200)),
    ("apply a verdict to matches", "post", "/claims/{published}/matches/apply-verdict/", {}, reviewers(200)),
    ("profile", "get", "/profile/", None, everyone(200)),
    ("create token", "post", "/profile/token/", {}, everyone(302)),
    (
        "admin site",
        "get",
        "/admin/",
        None,
        {"anon": 302, "none": 302, "reporter": 302, "editor": 302, "admin": 200},
    ),
    # --- API ------------------------------------------------------------------------------------
    ("api articles", "get", "/api/v1/articles/", None, api_everyone(200)),
    (
        "api submit",
        "post",
        "/api/v1/articles/",
        {"text": "Inflation rose to 4.2% in March."},
        reviewers(201, anon=401),
    ),
    ("api article", "get", "/api/v1/articles/{article}/", None, api_everyone(200)),
    (
        "api patch article",
        "patch",
        "/api/v1/articles/{article}/",
        {"title": "Corrigé"},
        reviewers(200, anon=401),
    ),
    ("api re-extract", "post", "/api/v1/articles/{article}/reextract/", {}, editors(202, anon=401)),
    (
        "api delete article",
        "delete",
        "/api/v1/articles/{article}/",
        None,
        {"anon": 401, "none": 403, "reporter": 403, "editor": 403, "admin": 204},
    ),
    ("api claims", "get", "/api/v1/claims/", None, api_everyone(200)),
    ("api claim", "get", "/api/v1/claims/{claim}/", None, api_everyone(200)),
    (
        "api assign",
        "post",
        "/api/v1/claims/{new_claim}/assign/",
        {"assignee": "{me}", "version": 1},
        reviewers(200, anon=401),
    ),
    ("api approve", "post", "/api/v1/claims/{claim}/approve/", {"version": 2}, editors(200, anon=401)),
    (
        "api return",
        "post",
        "/api/v1/claims/{claim}/return/",
        {"version": 2, "reason": "Source?"},
        editors(200, anon=401),
    ),
    ("api dismiss", "post", "/api/v1/claims/{new_claim}/dismiss/", {"version": 1}, reviewers(200, anon=401)),
    (
        "api patch",
        "patch",
        "/api/v1/claims/{new_claim}/",
        {"speaker": "X", "version": 1},
        reviewers(200, anon=401),
    ),
    (
        "api add claim",
        "post",
        "/api/v1/claims/",
        {"article": "{article}", "start": 16, "end": 26, "types": ["other"]},
        reviewers(201, anon=401),
    ),
    (
        "api correct",
        "patch",
        "/api/v1/claims/{new_claim}/",
        {"start": 0, "end": 2, "version": 1},
        reviewers(200, anon=401),
    ),
    (
        "api split",
        "post",
        "/api/v1/claims/{new_claim}/split/",
        {"at": 3, "version": 1},
        reviewers(200, anon=401),
    ),
    (
        "api not a claim",
        "post",
        "/api/v1/claims/{new_claim}/not-a-claim/",
        {"version": 1},
        reviewers(200, anon=401),
    ),
    (
        "api evidence",
        "post",
        "/api/v1/claims/{claim}/evidence/",
        {"url": "https://example.org/b", "title": "B"},
        reviewers(201, anon=401),
    ),
    ("api comments", "post", "/api/v1/claims/{claim}/comments/", {"body": "ok"}, reviewers(201, anon=401)),
    (
        "api bulk dismiss",
        "post",
        "/api/v1/claims/bulk/",
        {"claims": ["{new_claim}"], "action": "dismiss"},
        reviewers(200, anon=401),
    ),
    (
        "api apply verdict to matches",
        "post",
        "/api/v1/claims/{published}/matches/apply-verdict/",
        {},
        reviewers(200, anon=401),
    ),
    ("api me", "get", "/api/v1/me/", None, api_everyone(200)),
    ("api ratings", "get", "/api/v1/ratings/", None, api_everyone(200)),
    ("api export", "get", "/api/v1/claims/export/?format=ndjson", None, reviewers(200, anon=401)),
    ("api report", "get", "/api/v1/articles/{article}/report/?format=html", None, reviewers(200, anon=401)),
    ("api someone else's export", "get", "/api/v1/exports/{export}/", None, api_everyone(404)),
    ("api schema (public)", "get", "/api/schema/", None, {p: 200 for p in PERSONAS}),
]


@pytest.fixture
def world(django_user_model):
    proposer = make_user(django_user_model, "proposer", "reporter")
    stranger = make_user(django_user_model, "stranger", "editor")
    article = Article.objects.create(
        title="Starlink",
        text="Le milliardaire a fait don d'environ 25 000 terminaux.",
        content_hash="m" * 64,
        status="extracted",
        language="fr",
    )
    claim = Claim.objects.create(
        article=article,
        text="environ 25 000 terminaux",
        start=31,
        end=55,
        claim_type="quantity",
        status="verdict_proposed",
        verdict=Rating.objects.get(slug="true"),
        rationale="Confirmed.",
        proposed_by=proposer,
        assignee=proposer,
        version=2,
    )
    new_claim = Claim.objects.create(article=article, text="Le milliardaire", start=0, end=15)
    published = Claim.objects.create(
        article=article,
        text="terminaux",
        start=46,
        end=55,
        status="published",
        verdict=Rating.objects.get(slug="true"),
        rationale="Yes.",
        proposed_by=proposer,
    )
    export = Export.objects.create(owner=stranger, format="csv", status="done", public_id=uuid.uuid4())
    return {
        "article": article.pk,
        "claim": claim.pk,
        "new_claim": new_claim.pk,
        "published": published.pk,
        "rating": Rating.objects.get(slug="true").pk,
        "export": export.public_id,
    }


def persona_client(persona: str, django_user_model, *, api: bool):
    if persona == "anon":
        return Client(), None
    role = {"none": None, "reporter": "reporter", "editor": "editor", "admin": "admin"}[persona]
    user = make_user(django_user_model, f"as-{persona}", role)
    if persona == "admin":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if api:
        token = Token.objects.create(user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}"), user
    client = Client()
    client.force_login(user)
    return client, user


def fill(value, world, user):
    names = {**world, "me": user.username if user else "", "me_pk": user.pk if user else ""}
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [fill(v, world, user) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, world, user) for k, v in value.items()}
    return value


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("route", "method", "path", "payload", "expected"), ROUTES, ids=[r[0] for r in ROUTES]
)
def test_each_route_answers_each_persona_as_its_role_allows(
    world, django_user_model, persona, route, method, path, payload, expected
):
    is_api = path.startswith("/api/")
    client, user = persona_client(persona, django_user_model, api=is_api)
    url = fill(path, world, user)
    data = fill(payload, world, user)
    if is_api and method != "get":
        response = getattr(client, method)(url, data=data or {}, content_type="application/json")
    elif method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, data=data or {})
    assert response.status_code == expected[persona], (route, persona, response.content[:300])


@pytest.mark.parametrize("api", [False, True], ids=["ui", "api"])
def test_a_reporter_may_re_extract_the_article_she_submitted(world, django_user_model, api):
    client, user = persona_client("reporter", django_user_model, api=api)
    Article.objects.filter(pk=world["article"]).update(created_by=user)
    path = (
        f"/api/v1/articles/{world['article']}/reextract/"
        if api
        else f"/articles/{world['article']}/reextract/"
    )
    response = client.post(path, data={}, content_type="application/json") if api else client.post(path)
    assert response.status_code == (202 if api else 302)
