"""Login lockouts behind the TLS proxy are per client, not per proxy (issue 17).

Behind the proxy every request has the proxy's REMOTE_ADDR. Axes keyed on it,
so five wrong passwords from anyone locked the user out for everyone.
"""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.5"
COLLEAGUE = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    """What BEHIND_TLS_PROXY=1 sets (checked in test_the_environment_sets_one_trusted_proxy)."""
    settings.TRUSTED_PROXY_COUNT = 1


def login_from(address: str, password: str, *, forwarded_for: str | None = None):
    """A login through the proxy: the proxy appends the address it saw to X-Forwarded-For."""
    header = f"{forwarded_for}, {address}" if forwarded_for else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header).post(
        reverse("login"), {"username": "reporter", "password": password}
    )


def test_wrong_passwords_from_one_client_do_not_lock_out_the_others(behind_proxy, reporter):
    for _ in range(5):
        login_from(ATTACKER, "wrong")
    assert login_from(ATTACKER, "pw-reporter-1").status_code == 429
    assert login_from(COLLEAGUE, "pw-reporter-1").status_code == 302


def test_a_forged_forwarded_for_entry_does_not_escape_the_lock(behind_proxy, reporter):
    for n in range(5):
        login_from(ATTACKER, "wrong", forwarded_for=f"192.0.2.{n}")
    locked = login_from(ATTACKER, "pw-reporter-1", forwarded_for="192.0.2.99")
    assert locked.status_code == 429 and "Too many failed" in locked.content.decode()


def test_two_trusted_proxies_take_the_second_entry_from_the_right(settings, reporter):
    settings.TRUSTED_PROXY_COUNT = 2
    for _ in range(5):
        # client → CDN (appends the client) → our proxy (appends the CDN) → us
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ATTACKER}, 10.9.9.9").post(
            reverse("login"), {"username": "reporter", "password": "wrong"}
        )
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{COLLEAGUE}, 10.9.9.9")
    assert (
        colleague.post(reverse("login"), {"username": "reporter", "password": "pw-reporter-1"}).status_code
        == 302
    )


def test_without_a_proxy_the_header_is_ignored(reporter):
    assert django_settings.TRUSTED_PROXY_COUNT == 0
    for n in range(5):
        Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").post(
            reverse("login"), {"username": "reporter", "password": "wrong"}
        )
    forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert (
        forged.post(reverse("login"), {"username": "reporter", "password": "pw-reporter-1"}).status_code
        == 429
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"BEHIND_TLS_PROXY": "1"}, "1 1"),
        ({"BEHIND_TLS_PROXY": "1", "TRUSTED_PROXY_COUNT": "2"}, "2 2"),
        ({"BEHIND_TLS_PROXY": "0", "TRUSTED_PROXY_COUNT": "2"}, "0 None"),
    ],
)
def test_the_environment_sets_the_trusted_proxy_count(environ, expected):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK.get('NUM_PROXIES'))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "",
        "CLAIMTRACK_VAR_DIR": str(django_settings.VAR_DIR),
        **environ,
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split("\n")[-2] == expected
