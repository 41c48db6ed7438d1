"""The profile page: API tokens are created, shown once, and revoked by their owner only."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_user_creates_a_token_sees_it_once_and_it_works(web, reporter):
    response = web.post(reverse("accounts:token_create"), follow=True)
    key = Token.objects.get(user=reporter).key
    assert key in response.content.decode()
    assert key not in web.get(reverse("accounts:profile")).content.decode()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/articles/").status_code == 200


def test_revoking_the_token_locks_programs_out(web, reporter):
    web.post(reverse("accounts:token_create"))
    key = Token.objects.get(user=reporter).key
    web.post(reverse("accounts:token_revoke"))
    assert not Token.objects.filter(user=reporter).exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/articles/").status_code == 401


def test_revoking_only_touches_ones_own_token(web, reporter, other_user):
    theirs = Token.objects.create(user=other_user)
    web.post(reverse("accounts:token_revoke"))
    assert Token.objects.filter(pk=theirs.pk).exists()


def test_token_routes_need_login_and_post(web):
    anonymous = Client()
    assert anonymous.get(reverse("accounts:profile")).status_code == 302
    assert anonymous.post(reverse("accounts:token_create")).status_code == 302
    assert web.get(reverse("accounts:token_create")).status_code == 405
