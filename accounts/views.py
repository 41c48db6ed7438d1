"""The user's profile: role, language, API token (create, show once, revoke)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    new_key = request.session.pop("new_token_key", None)
    context = {
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


app_name = "accounts"
urlpatterns = [
    path("", profile, name="profile"),
    path("token/", token_create, name="token_create"),
    path("token/revoke/", token_revoke, name="token_revoke"),
]
