"""The user's profile: e-mail, interface language, role, API token (create, show once, revoke)."""

from __future__ import annotations

import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from rest_framework.authtoken.models import Token

from accounts.middleware import SESSION_KEY, set_language_cookie
from accounts.models import Preferences, remember_language


class ProfileForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy("Where notifications are sent: assignments, returned verdicts, mentions."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Interface language"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language named in its own tongue: "English", "Français".
        self.fields["language"].choices = [
            (code, translation.get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            user.email = form.cleaned_data["email"]
            user.save(update_fields=["email"])
            language = form.cleaned_data["language"]
            Preferences.objects.update_or_create(user=user, defaults={"language": language})
            with translation.override(language):  # said in the language just chosen
                messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            set_language_cookie(response, language)
            request.session[SESSION_KEY] = language
            return response
    else:
        form = ProfileForm(initial={"email": user.email, "language": translation.get_language()})
    token = Token.objects.filter(user=request.user).first()
    new_key = request.session.pop("new_token_key", None)
    context = {
        "form": form,
        "roles": list(request.user.groups.values_list("name", flat=True)),
        "token": token,
        "new_key": new_key if token and new_key == token.key else None,
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create (or replace) the user's API token; its key is shown once."""
    Token.objects.filter(user=request.user).delete()
    token = Token.objects.create(user=request.user)
    request.session["new_token_key"] = token.key
    messages.success(request, _("New API token created. Copy it now: it will not be shown again."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    deleted, _unused = Token.objects.filter(user=request.user).delete()
    if deleted:
        messages.success(request, _("API token revoked: programs using it can no longer connect."))
    return redirect("accounts:profile")


def demo_logins() -> list[dict]:
    """The demo accounts `load_demo` created, when the login page may show them and they still exist."""
    if not settings.SHOW_DEMO_LOGINS:
        return []
    try:
        entries = json.loads((Path(settings.VAR_DIR) / "demo-logins.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    existing = set(
        get_user_model()
        .objects.filter(username__in=[e.get("username") for e in entries], is_active=True)
        .values_list("username", flat=True)
    )
    return [e for e in entries if e.get("username") in existing]


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "demo_logins": demo_logins()}


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered on the user's profile so every device follows."""
    response = django_set_language(request)
    if request.method == "POST":
        language = request.POST.get("language", "")
        remember_language(request.user, language)
        if language in dict(settings.LANGUAGES):
            request.session[SESSION_KEY] = language
    return response


app_name = "accounts"
urlpatterns = [
    path("", profile, name="profile"),
    path("token/", token_create, name="token_create"),
    path("token/revoke/", token_revoke, name="token_revoke"),
]
