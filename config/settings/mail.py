"""E-mail (notifications, digests) and the site's own addresses."""

from __future__ import annotations

import os

from config.settings.env import envbool, envint

# --- E-mail (notifications) ------------------------------------------------------------
# Printed to the console unless an SMTP host is configured.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where readers reach published fact-checks: ClaimReview `url` and the public pages'
# canonical link are PUBLIC_BASE_URL + /p/<uuid>/. Empty: SITE_URL.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Claimtrack <claimtrack@localhost>")
