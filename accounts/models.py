"""A user's own settings: the interface language (also the language of their notifications)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(_("interface language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.language or '-'})"


def language_of(user) -> str:
    """The user's chosen language, or the site default."""
    if user is None:
        return settings.LANGUAGE_CODE
    prefs = Preferences.objects.filter(user=user).only("language").first()
    return (prefs and prefs.language) or settings.LANGUAGE_CODE


def remember_language(user, language: str) -> None:
    if user is not None and user.is_authenticated and language in dict(settings.LANGUAGES):
        Preferences.objects.update_or_create(user=user, defaults={"language": language})
