"""Security headers, login throttling, and the public API docs."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_pages_carry_a_strict_content_security_policy(web):
    response = web.get(reverse("articles:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_repeated_wrong_passwords_lock_the_login(reporter):
    client = Client()
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "reporter", "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post(reverse("login"), {"username": "reporter", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post(reverse("login"), {"username": "reporter", "password": "pw-reporter-1"})
    assert locked.status_code == 429
    assert "Too many failed" in locked.content.decode()


def test_the_right_password_logs_in(reporter):
    client = Client()
    response = client.post(reverse("login"), {"username": "reporter", "password": "pw-reporter-1"})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_the_api_docs_are_served_without_a_cdn(path):
    response = Client().get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn" not in body.lower() and "unpkg" not in body.lower() and "jsdelivr" not in body.lower()


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_pages_have_no_inline_style_nor_fonts_and_link_back_to_the_app(path):
    body = Client().get(path).content.decode()
    assert "<style" not in body and "fonts.googleapis" not in body
    assert f'href="{reverse("articles:list")}"' in body


def test_healthz_reports_database_broker_and_worker():
    from django.utils import timezone

    from ops.models import WorkerHeartbeat

    # A worker ran the heartbeat task just now (tests/faults/test_healthz.py covers the rest).
    WorkerHeartbeat.objects.create(hostname="celery@test", last_seen=timezone.now())
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "broker", "worker")} == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "worker": "ok",
    }
    # Whatever other tests left on the shared broker: a figure, never a failure.
    assert set(body["backlog"]) == {"tasks_queued", "articles_waiting"}
