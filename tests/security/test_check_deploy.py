"""`manage.py check --deploy` with a production environment reports nothing."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
KNOWN_NON_SECURITY: set[str] = set()


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SESSION_", "DEBUG"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),  # 86 characters, > 5 unique
        ALLOWED_HOSTS="claimtrack.example.org",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_SSL_REDIRECT="1",
        SECURE_COOKIES="1",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/claimtrack",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


@pytest.fixture(scope="module")
def deploy_check() -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=production_env(),
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def issue_ids(output: str) -> list[str]:
    return re.findall(r"\((\w+\.[EW]\d+)\)", output)


def test_check_deploy_passes_with_the_production_environment(deploy_check):
    returncode, output = deploy_check
    assert returncode == 0, output
    problems = [i for i in issue_ids(output) if i not in KNOWN_NON_SECURITY]
    assert problems == [], output


def test_check_deploy_reports_no_warning_at_all(deploy_check):
    assert issue_ids(deploy_check[1]) == []


def test_production_settings_are_strict():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=production_env(),
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "DENY",
        "True",
    ], out.stderr


def test_debug_off_without_a_secret_key_refuses_to_start():
    env = production_env()
    env.pop("SECRET_KEY")
    out = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in out.stderr
