"""Property-based fuzzing of the whole API against its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid, as an authenticated
editor; the response must never be a 5xx and must match the documented schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Calls to the raw WSGI app would close the test's DB connection after each request
    (Django's test client avoids that the same way)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(editor, seed_text):
    from rest_framework.authtoken.models import Token

    from articles.models import Article
    from claims.models import Claim

    article = Article.objects.create(text=seed_text, content_hash="f" * 64, status="extracted", language="fr")
    Claim.objects.create(article=article, text=seed_text[100:160], start=100, end=160, claim_type="event")
    return Token.objects.create(user=editor).key


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_errors_or_breaks_its_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
