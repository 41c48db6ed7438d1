"""Shared fixtures for the security tests."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def token_api(reporter):
    """The API as a reporter with a token (the way integrations call it)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reporter).key}")
    return client
