"""A user's e-mail and interface language, set on the profile page and followed everywhere."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.models import Preferences
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_profile_sets_the_e_mail_and_the_interface_language(client, django_user_model):
    user = make_user(django_user_model, "nina", "reporter", email_domain="x.test")
    client.force_login(user)
    response = client.post("/profile/", {"email": "nina@desk.example", "language": "fr"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "nina@desk.example"
    assert Preferences.objects.get(user=user).language == "fr"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/profile/").content.decode()
    assert "Votre profil" in page and 'value="nina@desk.example"' in page


def test_a_bad_e_mail_is_a_form_error_and_changes_nothing(client, django_user_model):
    user = make_user(django_user_model, "nina", "reporter")
    client.force_login(user)
    response = client.post("/profile/", {"email": "not an address", "language": "en"})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "nina@newsroom.test" and not Preferences.objects.filter(user=user).exists()


def test_the_saved_language_follows_the_user_to_a_new_browser(client, django_user_model):
    user = make_user(django_user_model, "nina", "reporter", password="pw-nina-long-1")
    Preferences.objects.create(user=user, language="fr")
    response = client.post("/login/", {"username": "nina", "password": "pw-nina-long-1"}, follow=True)
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_the_top_bar_language_switch_is_remembered_on_the_profile(client, django_user_model):
    user = make_user(django_user_model, "nina", "reporter")
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/claims/"})
    assert Preferences.objects.get(user=user).language == "fr"


def test_the_language_menu_names_each_language_in_its_own_tongue(client, django_user_model):
    client.force_login(make_user(django_user_model, "nina", "reporter"))
    for accept in ("en", "fr"):
        page = client.get("/claims/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
        assert ">English</option>" in page and ">Français</option>" in page
        assert "Anglais" not in page


def test_the_login_page_lists_the_demo_accounts_load_demo_made(client, settings, tmp_path, django_user_model):
    import json

    settings.VAR_DIR = tmp_path
    settings.SHOW_DEMO_LOGINS = True
    assert "Demo accounts" not in client.get("/login/").content.decode()
    make_user(django_user_model, "demo", "editor")
    (tmp_path / "demo-logins.json").write_text(
        json.dumps(
            [
                {"username": "demo", "password": "claimtrack-demo", "role": "editor"},
                {"username": "gone", "password": "claimtrack-demo", "role": "reporter"},
            ]
        )
    )
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Comptes de démonstration" in page and "<code>demo</code> / <code>claimtrack-demo</code>" in page
    assert "gone" not in page  # a deleted account is not offered
    settings.SHOW_DEMO_LOGINS = False  # production: never shown
    assert "claimtrack-demo" not in client.get("/login/").content.decode()
