"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED", BASE_DIR.parent / "shared"))
SEED_ARTICLE = SHARED / "samples" / "starlink-fr-2022-10.txt"
# Debian's chromium, never a downloaded browser; flags as this machine needs them.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    """Tests create many users; PBKDF2 would make each take a third of a second.
    (Skipped when pytest-django is off: `-p no:django` for the pure extractor tests.)"""
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher"
        ]


@pytest.fixture(autouse=True)
def _no_language_leaks_between_tests():
    """A request in French (LocaleMiddleware activates the language for the thread) or a view that
    switches language must not leave the next test speaking French."""
    yield
    try:
        from django.utils import translation

        translation.deactivate()
    except Exception:  # noqa: BLE001 - Django not configured (pure extractor tests)
        pass


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """The export rate limit counts in Django's cache: start each test with none."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def make_user(
    django_user_model,
    username: str,
    role: str | None,
    *,
    email_domain: str = "newsroom.test",
    password: str = "",
):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, email=f"{username}@{email_domain}", password=password or f"pw-{username}-1"
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reporter(django_user_model):
    return make_user(django_user_model, "reporter", "reporter")


@pytest.fixture
def other_user(django_user_model):
    """A second reporter."""
    return make_user(django_user_model, "colleague", "reporter")


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", "editor")


@pytest.fixture
def second_editor(django_user_model):
    return make_user(django_user_model, "editor2", "editor")


@pytest.fixture
def no_role_user(django_user_model):
    """Logged in, but without any role: may read, may not change anything."""
    return make_user(django_user_model, "visitor", None)


# The review desk's named personas (the workflow tests tell their stories with them).
@pytest.fixture
def rita(django_user_model):
    """A reporter."""
    return make_user(django_user_model, "rita", "reporter")


@pytest.fixture
def rob(django_user_model):
    """A second reporter."""
    return make_user(django_user_model, "rob", "reporter")


@pytest.fixture
def eddie(django_user_model):
    """An editor."""
    return make_user(django_user_model, "eddie", "editor")


@pytest.fixture
def erin(django_user_model):
    """A second editor."""
    return make_user(django_user_model, "erin", "editor")


@pytest.fixture
def nobody(django_user_model):
    """Logged in, but without any role."""
    return make_user(django_user_model, "nobody", None)


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


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request):
    """Transactional tests flush every table after they run, including the rows
    data migrations seed (the rating scale, the role groups and their
    permissions). Put them back before each such test, so test order never matters.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    import_module("claims.migrations.0002_seed_ratings").seed(apps, None)
    import_module("claims.migrations.0010_w13sp_search_and_ratings").seed(apps, None)
    for role, perms in import_module("claims.migrations.0005_role_permissions").ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    from articles.models import REEXTRACT_ANY_ROLES

    reextract = Permission.objects.get(content_type__app_label="articles", codename="reextract_article")
    for role in REEXTRACT_ANY_ROLES:
        Group.objects.get_or_create(name=role)[0].permissions.add(reextract)


@pytest.fixture(scope="module")
def chromium(django_db_setup, django_db_blocker):
    # Fail, never skip: `make test` installs Playwright (requirements-dev.txt) and Chromium.
    from playwright import sync_api

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail(
            "Browser tests need Debian's Chromium: run `make system-packages` (apt-get install chromium)."
        )
    # Playwright's sync API keeps an event loop running in this thread, and Django
    # refuses ORM calls from a thread with a running loop. The test's own ORM calls
    # (fixtures, flushes) are plain synchronous code, so lift the guard while the
    # browser is open (module scope: no other module runs under it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
