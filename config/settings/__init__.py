"""Claimtrack settings, read from the environment.

Every variable is listed in `.env.example`. With nothing set, Claimtrack runs
in its embedded mode: a SQLite database and a SQLite-backed Celery broker under
`var/`, DEBUG on. Production sets DATABASE_URL (PostgreSQL), CELERY_BROKER_URL
(Redis), SECRET_KEY, ALLOWED_HOSTS and DEBUG=0.

This module holds Django's core settings (apps, middleware, templates, database,
languages, files, cache, logging); the rest live in one module a concern and are
imported here by name, so that `DJANGO_SETTINGS_MODULE=config.settings` sees them all:

- env: the typed environment helpers (envbool, envint, envlist), BASE_DIR, VAR_DIR, DEBUG
- security: SECRET_KEY, logins (password rules, lockouts), cookies, HTTPS, proxies, CSP
- celery: the broker, time limits, queues, routes, the beat schedule
- claimtrack: Claimtrack's own limits, sources, queue, exports, publishing and matching
- api: REST framework and the OpenAPI schema
- mail: e-mail and the site's addresses
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

# Every part's settings by name: Django reads the upper-case names of this module only.
from config.settings.api import (  # noqa: F401
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
from config.settings.celery import (  # noqa: F401
    BROKER_POLLING_INTERVAL_MS,
    CELERY_ACCEPT_CONTENT,
    CELERY_BEAT_SCHEDULE,
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP,
    CELERY_BROKER_CONNECTION_TIMEOUT,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    CELERY_BROKER_URL,
    CELERY_RESULT_BACKEND,
    CELERY_TASK_ACKS_LATE,
    CELERY_TASK_ALWAYS_EAGER,
    CELERY_TASK_DEFAULT_QUEUE,
    CELERY_TASK_EAGER_PROPAGATES,
    CELERY_TASK_IGNORE_RESULT,
    CELERY_TASK_PUBLISH_RETRY_POLICY,
    CELERY_TASK_QUEUES,
    CELERY_TASK_REJECT_ON_WORKER_LOST,
    CELERY_TASK_ROUTES,
    CELERY_TASK_SERIALIZER,
    CELERY_TASK_SOFT_TIME_LIMIT,
    CELERY_TASK_TIME_LIMIT,
    CELERY_WORKER_HIJACK_ROOT_LOGGER,
    CELERY_WORKER_PREFETCH_MULTIPLIER,
    SWEEP_EXTRACTING_AFTER_SECONDS,
    SWEEP_QUEUED_AFTER_SECONDS,
    WORKER_LOAD_MODELS,
)
from config.settings.claimtrack import (  # noqa: F401
    ARTICLE_MAX_CHARS,
    BULK_IMPORT_MAX_ROWS,
    CLAIMREVIEW_AUTHOR_NAME,
    CLAIMREVIEW_AUTHOR_URL,
    DASHBOARD_MAX_AGE_SECONDS,
    DATA_UPLOAD_MAX_MEMORY_SIZE,
    DIGEST_HOUR,
    EXPORT_ASYNC_THRESHOLD,
    EXPORT_DAILY_QUOTA,
    EXPORT_HTML_ASYNC_THRESHOLD,
    EXPORT_MAX_PENDING_PER_USER,
    EXPORT_PDF_ASYNC_THRESHOLD,
    EXPORT_PDF_MAX_CLAIMS,
    EXPORT_RATE_LIMIT,
    EXPORT_RETENTION_DAYS,
    FETCH_ALLOW_HOSTS,
    FETCH_ALLOW_PRIVATE_ADDRESSES,
    FETCH_MAX_BYTES,
    FETCH_MAX_REDIRECTS,
    FETCH_TIMEOUT_SECONDS,
    FILE_UPLOAD_MAX_MEMORY_SIZE,
    MATCH_AUTOLINK_THRESHOLD,
    MATCH_SUGGEST_THRESHOLD,
    MATCHING_ENABLED,
    QUEUE_COUNT_CAP,
    REQUEST_MAX_BYTES,
    SOURCES_DEAD_AFTER_FAILURES,
    SOURCES_FEED_MAX_BYTES,
    SOURCES_HOST_DELAY_SECONDS,
    SOURCES_MAX_ITEMS_PER_POLL,
    UPLOAD_MAX_BYTES,
)
from config.settings.env import BASE_DIR, DEBUG, VAR_DIR, envbool, envint, envlist
from config.settings.mail import (  # noqa: F401
    DEFAULT_FROM_EMAIL,
    EMAIL_BACKEND,
    EMAIL_HOST,
    EMAIL_HOST_PASSWORD,
    EMAIL_HOST_USER,
    EMAIL_PORT,
    EMAIL_USE_TLS,
    PUBLIC_BASE_URL,
    SITE_URL,
)
from config.settings.security import (  # noqa: F401
    AUTH_PASSWORD_VALIDATORS,
    AUTHENTICATION_BACKENDS,
    AXES_CLIENT_IP_CALLABLE,
    AXES_COOLOFF_TIME,
    AXES_FAILURE_LIMIT,
    AXES_LOCKOUT_PARAMETERS,
    AXES_LOCKOUT_TEMPLATE,
    AXES_RESET_ON_SUCCESS,
    AXES_VERBOSE,
    BEHIND_TLS_PROXY,
    CONTENT_SECURITY_POLICY,
    CSRF_COOKIE_HTTPONLY,
    CSRF_COOKIE_SAMESITE,
    CSRF_COOKIE_SECURE,
    SECRET_KEY,
    SECURE_CONTENT_TYPE_NOSNIFF,
    SECURE_HSTS_INCLUDE_SUBDOMAINS,
    SECURE_HSTS_PRELOAD,
    SECURE_HSTS_SECONDS,
    SECURE_PROXY_SSL_HEADER,
    SECURE_REFERRER_POLICY,
    SECURE_SSL_REDIRECT,
    SESSION_COOKIE_AGE,
    SESSION_COOKIE_HTTPONLY,
    SESSION_COOKIE_SAMESITE,
    SESSION_COOKIE_SECURE,
    TRUSTED_PROXY_COUNT,
    X_FRAME_OPTIONS,
)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # OpClass in index expressions (the trigram search indexes, claims.search).
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "simple_history",
    "accounts",
    "articles",
    "claims",
    "ops",
    "sources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 413 on a Content-Length over REQUEST_MAX_BYTES, before anything reads the body.
    "config.request_limits.RequestSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: locks out repeated failed logins (django-axes).
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "claims.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -----------------------------------------------------------------
# Embedded default: a SQLite file. SQLite gets a busy timeout and IMMEDIATE
# transactions so that the web process and the worker can write side by side
# without "database is locked" errors.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'claimtrack.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    # A file, not :memory:, so a worker process started by a test sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-claimtrack.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Fail fast (web requests, /healthz, workers) when the database host does not answer.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("DB_CONNECT_TIMEOUT", 5)
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The login page lists the demo accounts `make run` created (never on with DEBUG off unless asked).
SHOW_DEMO_LOGINS = envbool("SHOW_DEMO_LOGINS", DEBUG)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:list"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Unambiguous dates in both languages ("2 Dec 2026", "2 déc. 2026"): config/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Cache ----------------------------------------------------------------------------
# Holds the export rate limit's counts. Each process has its own unless CACHE_URL names a
# shared Redis database (production: use one the broker does not use, e.g. redis://host:6379/1).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # bm25s logs every index it builds at DEBUG (one per matched claim).
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "bm25s": {"level": "WARNING"},
    },
}
