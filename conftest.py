"""Fixtures shared by every test module."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED", BASE_DIR.parent / "shared"))
SEED_ARTICLE = SHARED / "samples" / "starlink-fr-2022-10.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def reporter(django_user_model):
    return django_user_model.objects.create_user("reporter", password="pw-reporter-1")


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user("colleague", password="pw-colleague-1")


@pytest.fixture
def api(reporter):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(reporter)
    return client


@pytest.fixture
def web(client, reporter):
    client.force_login(reporter)
    return client
