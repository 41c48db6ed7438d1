"""What every page's top bar shows: the signed-in user's unread notification count."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread_notifications(request: HttpRequest) -> dict:
    """One indexed COUNT (notification_unread_idx), and only on pages that show the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: user.notifications.filter(read_at__isnull=True).count()
        )
    }
