"""How long ago something happened, in the reader's language.

Django's ``timesince`` says "0 minutes" for anything under a minute, which reads as
« il y a 0 minute »; ``naturaltime`` counts seconds. A desk wants "just now" / « à l'instant ».
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

JUST_NOW = timedelta(minutes=1)


@register.filter
def ago(value: datetime | None) -> str:
    """ "just now" under a minute, otherwise "3 minutes ago" / « il y a 3 minutes » (plurals right)."""
    if not value:
        return ""
    if abs(timezone.now() - value) < JUST_NOW:
        return _("just now")
    return naturaltime(value)
