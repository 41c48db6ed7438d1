"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, users, a worker.

The browser is never downloaded (no ``playwright install``): the tests use the
``chromium`` package of the system (``make system-packages``) and fail with a
clear message when it is missing.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest

from conftest import make_user
from tests.celery_helpers import drain_queue, start_worker, stop_worker

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCALES = {"en": ("en-GB", "en-GB,en;q=0.9"), "fr": ("fr-FR", "fr-FR,fr;q=0.9")}


@pytest.fixture(scope="module")
def chromium(django_db_setup, django_db_blocker):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Browser tests need Debian's Chromium: run `make system-packages` (apt-get install chromium).")
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


@pytest.fixture
def open_context(chromium, live_server):
    """Open a browser context (one person's session) in a language: "en" or "fr"."""
    contexts = []

    def _open(language: str):
        locale, accept = LOCALES[language]
        context = chromium.new_context(
            base_url=live_server.url, locale=locale, extra_http_headers={"Accept-Language": accept},
            viewport={"width": 1366, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@dataclass
class Person:
    username: str
    password: str


@pytest.fixture
def rita(django_user_model) -> Person:
    """A reporter. make_user gives every user the password pw-<username>-1."""
    make_user(django_user_model, "rita", "reporter")
    return Person("rita", "pw-rita-1")


@pytest.fixture
def eddie(django_user_model) -> Person:
    """An editor."""
    make_user(django_user_model, "eddie", "editor")
    return Person("eddie", "pw-eddie-1")


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A real Celery worker process on the test database and the real broker."""
    drain_queue()
    log = tmp_path / "worker.log"
    process = start_worker(log_path=log)
    process.log_path = log
    yield process
    stop_worker(process)
    drain_queue()
