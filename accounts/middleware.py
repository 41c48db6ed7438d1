"""Speak the user's saved language on a browser that has not chosen one yet.

LocaleMiddleware reads the language cookie, then the browser's Accept-Language. A user who
picked French on their profile (or in the top bar on another computer) should get French
after logging in anywhere. At login (accounts.apps) the saved preference is put in the
session; here, when the browser has no language cookie, it is used and the cookie set. No
query per request: the session is loaded anyway.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

SESSION_KEY = "preferred_language"


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = None
        session = getattr(request, "session", None)
        if session is not None and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            chosen = session.get(SESSION_KEY)
            if chosen in dict(settings.LANGUAGES):
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
            else:
                chosen = None
        response = self.get_response(request)
        if chosen:
            set_language_cookie(response, chosen)
        return response
