"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, users, a worker.

The browser is never downloaded (no ``playwright install``): the tests use the
``chromium`` package of the system (``make system-packages``) and fail with a
clear message when it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.celery_helpers import drain_queue, start_worker, stop_worker

LOCALES = {"en": ("en-GB", "en-GB,en;q=0.9"), "fr": ("fr-FR", "fr-FR,fr;q=0.9")}


@pytest.fixture
def open_context(chromium, live_server):
    """Open a browser context (one person's session) in a language: "en" or "fr"."""
    contexts = []

    def _open(language: str):
        locale, accept = LOCALES[language]
        context = chromium.new_context(
            base_url=live_server.url,
            locale=locale,
            extra_http_headers={"Accept-Language": accept},
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


def _login_of(user) -> Person:
    # conftest.make_user gives every user the password pw-<username>-1.
    return Person(user.username, f"pw-{user.username}-1")


@pytest.fixture
def rita(rita) -> Person:
    """The suite's reporter rita (conftest.py), as someone who types her login."""
    return _login_of(rita)


@pytest.fixture
def eddie(eddie) -> Person:
    """The suite's editor eddie (conftest.py), as someone who types his login."""
    return _login_of(eddie)


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
