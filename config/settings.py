"""Claimtrack settings, read from the environment.

Every variable is listed in `.env.example`. With nothing set, Claimtrack runs
in its embedded mode: a SQLite database and a SQLite-backed Celery broker under
`var/`, DEBUG on. Production sets DATABASE_URL (PostgreSQL), CELERY_BROKER_URL
(Redis), SECRET_KEY, ALLOWED_HOSTS and DEBUG=0.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CLAIMTRACK_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-dev-key-only-for-debug"  # noqa: S105 - DEBUG only

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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses further tries from the same user and address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# A lock is per username *and* client address: others can still log in as that user.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the TLS proxy the client address comes from X-Forwarded-For (config.client_ip).
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

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

# Uploads. A form or JSON body (not files) is read into memory up to this size: a pasted
# article of ARTICLE_MAX_CHARS characters is at most ~1.2 MB of JSON, the verdict import's
# confirm step re-posts up to 2 MB of CSV, URL-encoded (up to 3x). Uploaded files over
# FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file, not kept in memory. A
# request whose Content-Length exceeds REQUEST_MAX_BYTES is answered 413 before its body
# is read (config.request_limits.RequestSizeMiddleware); the proxy in front should refuse it
# first (nginx: client_max_body_size 12m).
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 7 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- Claimtrack limits ------------------------------------------------------------
# The largest article text we accept, in characters (a long feature is ~60k).
ARTICLE_MAX_CHARS = envint("ARTICLE_MAX_CHARS", 200_000)
# The largest uploaded file, in bytes (a .docx of a long article is ~1 MB).
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# URL fetching: refuse pages larger than this, and give up after this many seconds.
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_TIMEOUT_SECONDS = envint("FETCH_TIMEOUT_SECONDS", 15)
FETCH_MAX_REDIRECTS = envint("FETCH_MAX_REDIRECTS", 5)
# Tests serve pages on loopback; production must never fetch private addresses.
FETCH_ALLOW_PRIVATE_ADDRESSES = envbool("FETCH_ALLOW_PRIVATE_ADDRESSES", False)
# The largest request body (an upload of UPLOAD_MAX_BYTES plus its form fields).
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", UPLOAD_MAX_BYTES + 1024 * 1024)
# Internal hosts that may be fetched although private or loopback (a newsroom's own
# wire feed): comma-separated host:port pairs; exactly those pairs, nothing else.
# The embedded demo (`make run`) lets its own dev server through for the demo feed.
FETCH_ALLOW_HOSTS = envlist(
    "FETCH_ALLOW_HOSTS", "127.0.0.1:8000" if DEBUG and not os.environ.get("DATABASE_URL") else ""
)
# Followed sources (feeds): the largest feed, the pause between two requests to one
# host, the failures after which a source is declared dead, items imported per poll.
SOURCES_FEED_MAX_BYTES = envint("SOURCES_FEED_MAX_BYTES", 2 * 1024 * 1024)
SOURCES_HOST_DELAY_SECONDS = float(envint("SOURCES_HOST_DELAY_MS", 1000)) / 1000
SOURCES_DEAD_AFTER_FAILURES = envint("SOURCES_DEAD_AFTER_FAILURES", 8)
SOURCES_MAX_ITEMS_PER_POLL = envint("SOURCES_MAX_ITEMS_PER_POLL", 50)
# The opt-in daily digest e-mail (the previous day's) goes out after this local hour.
DIGEST_HOUR = envint("DIGEST_HOUR", 7)
# Bulk import: most rows in one upload.
BULK_IMPORT_MAX_ROWS = envint("BULK_IMPORT_MAX_ROWS", 2_000)

# --- Celery -------------------------------------------------------------------------
# Embedded default broker: SQLite through kombu's SQLAlchemy transport.
CELERY_BROKER_URL = (
    os.environ.get("CELERY_BROKER_URL") or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only when it has finished, and put back when its
# worker dies, so a killed worker delays an article but never loses it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 150)
# Heavy exports have their own queue, so they never starve extraction; a worker
# must consume it (`-Q celery,exports`, or a dedicated `-Q exports` worker).
# A worker process loads the language models when it starts; one that only builds
# exports does not need them (WORKER_LOAD_MODELS=0 saves ~500 MB and seconds per process).
WORKER_LOAD_MODELS = envbool("WORKER_LOAD_MODELS", True)
# Redis: redeliver unacknowledged tasks after this long (must exceed the time limit).
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 600)}
# Publishing must not hang a web request when the broker is down: fail fast,
# the article is already stored as `queued` and the sweep will queue it again.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The heartbeat has a queue of its own: behind a backlog of extraction tasks it
# expired unread and /healthz reported a busy worker as down. Workers consume
# every queue listed here (bin/run-dev and the test workers name them with -Q too).
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Queues: `celery` (extraction, fetches, polling), `health` (the heartbeat, never behind a backlog),
# `exports` (heavy exports and reports) and `matching` (claim matching after extraction): neither is
# ever in extraction's way. A worker started with -Q must list
# the ones it serves; bin/run-dev and the tests' workers take all three.
CELERY_TASK_QUEUES = [Queue("celery"), Queue("health"), Queue("exports"), Queue("matching")]
CELERY_TASK_ROUTES = {
    "ops.tasks.heartbeat": {"queue": "health"},
    "claims.tasks.build_export": {"queue": "exports"},
    "claims.tasks.match_article": {"queue": "matching"},
    "claims.tasks.embed_fact_checks": {"queue": "matching"},
}
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# The sweep requeues articles left in `queued` or `extracting` for longer than
# these many seconds (a lost message, a broker outage, a killed worker).
SWEEP_QUEUED_AFTER_SECONDS = envint("SWEEP_QUEUED_AFTER_SECONDS", 60)
SWEEP_EXTRACTING_AFTER_SECONDS = envint("SWEEP_EXTRACTING_AFTER_SECONDS", CELERY_TASK_TIME_LIMIT + 60)
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-articles": {
        "task": "articles.tasks.requeue_stuck_articles",
        "schedule": float(envint("SWEEP_INTERVAL_SECONDS", 30)),
    },
    # One task picks the sources that are due (their schedule lives in the Source rows).
    "poll-due-sources": {
        "task": "sources.tasks.poll_due_sources",
        "schedule": float(envint("SOURCES_POLL_TICK_SECONDS", 60)),
        "options": {"expires": float(envint("SOURCES_POLL_TICK_SECONDS", 60))},
    },
    "send-daily-digests": {
        "task": "sources.tasks.send_daily_digests",
        "schedule": 3600.0,
    },
    # The dashboard reads a summary row instead of counting every claim (claims.selectors).
    "refresh-dashboard": {
        "task": "claims.tasks.refresh_dashboard",
        "schedule": float(envint("DASHBOARD_REFRESH_SECONDS", 60)),
        "options": {"expires": float(envint("DASHBOARD_REFRESH_SECONDS", 60))},
    },
    "delete-old-exports": {
        "task": "claims.tasks.delete_old_exports",
        "schedule": 3600.0,
    },
    # /healthz reports the worker down when no heartbeat is younger than 2 × this + 30 s.
    # A heartbeat nobody took within one interval is dropped, not piled up.
    "worker-heartbeat": {
        "task": "ops.tasks.heartbeat",
        "schedule": float(envint("WORKER_HEARTBEAT_INTERVAL_SECONDS", 30)),
        "options": {"expires": float(envint("WORKER_HEARTBEAT_INTERVAL_SECONDS", 30))},
    },
}

# The dashboard recomputes its summary in the request when the worker's is older than this
# (no worker running); the worker refreshes it every DASHBOARD_REFRESH_SECONDS.
DASHBOARD_MAX_AGE_SECONDS = envint("DASHBOARD_MAX_AGE_SECONDS", 300)
# The queue counts its matches exactly up to this many; beyond, it shows an estimate.
QUEUE_COUNT_CAP = envint("QUEUE_COUNT_CAP", 1000)

# --- Exports and publishing ------------------------------------------------------------
# Over these many claims a file is built by a worker as an Export (claims.exports.limits),
# on its own Celery queue, `exports`; under them it is built in the request.
EXPORT_ASYNC_THRESHOLD = envint("EXPORT_ASYNC_THRESHOLD", 10_000)  # XLSX (constant memory)
EXPORT_PDF_ASYNC_THRESHOLD = envint("EXPORT_PDF_ASYNC_THRESHOLD", 200)  # WeasyPrint: ~20 ms, ~0.3 MB a claim
EXPORT_HTML_ASYNC_THRESHOLD = envint("EXPORT_HTML_ASYNC_THRESHOLD", 2_000)
# Not even a worker builds a PDF of more claims than this (10,000 took 208 s and 3.5 GB).
EXPORT_PDF_MAX_CLAIMS = envint("EXPORT_PDF_MAX_CLAIMS", 2_000)
# Per user: export and report requests (DRF rate syntax), worker-built exports queued or
# running at once, and worker-built exports per 24 hours. Refusals are 429s.
EXPORT_RATE_LIMIT = os.environ.get("EXPORT_RATE_LIMIT", "60/hour")
EXPORT_MAX_PENDING_PER_USER = envint("EXPORT_MAX_PENDING_PER_USER", 1)
EXPORT_DAILY_QUOTA = envint("EXPORT_DAILY_QUOTA", 20)
EXPORT_RETENTION_DAYS = envint("EXPORT_RETENTION_DAYS", 7)
# The organisation named as ClaimReview `author`.
CLAIMREVIEW_AUTHOR_NAME = os.environ.get("CLAIMREVIEW_AUTHOR_NAME", "Claimtrack newsroom")
CLAIMREVIEW_AUTHOR_URL = os.environ.get("CLAIMREVIEW_AUTHOR_URL", "")

# --- Cache ----------------------------------------------------------------------------
# Holds the export rate limit's counts. Each process has its own unless CACHE_URL names a
# shared Redis database (production: use one the broker does not use, e.g. redis://host:6379/1).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- REST framework ------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: a bad or missing token is answered 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON nested too deeply for Python is a 400, not a 500 (config.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": {"login": "10/min"},
}

# OpenAPI 3 schema; Swagger UI and Redoc are served from the sidecar package (no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": (
        "Articles in, claims out: submit news articles, read the claims extracted from them, "
        "and run the review workflow (assign, propose, approve, return, dismiss) with optimistic "
        "locking — every change carries the claim's `version` and a stale one is answered 409."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs are public (they describe, they reveal no data).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "articles.models.Article.Status",
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ExportStatusEnum": "claims.models.Export.Status",
        "ArticleOriginEnum": "articles.models.Article.Origin",
        "ClaimOriginEnum": "claims.models.Claim.Origin",
        "ClaimTypeEnum": "claims.models.Claim.Type",
        "SourceKindEnum": "sources.models.Source.Kind",
        "MatchKindEnum": ["claim", "fact_check"],
        "ClaimLinkStatusEnum": "claims.models.ClaimLink.Status",
    },
}

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

# --- Security (production) ---------------------------------------------------------------
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
# Only sent with HSTS (SECURE_HSTS_SECONDS > 0): cover subdomains and allow preloading.
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
# Neither cookie is readable from JavaScript (htmx and review.js take the CSRF token
# from the page, never from the cookie).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 14 * 24 * 3600)
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# How many proxies in front of us append to X-Forwarded-For (config.client_ip; DRF throttles too).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1) if BEHIND_TLS_PROXY else 0
if TRUSTED_PROXY_COUNT:
    REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy: our own scripts and styles only; no inline code, no
# framing. (The API docs views widen it for Redoc's inline styles and workers.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


# --- Claim matching (claims/matching, claims/services/matching.py) ----------------------------
# After extraction a worker links each claim to the same claim in other articles and to imported
# fact-checks. Scores are the re-ranker's probabilities: at or above SUGGEST a person confirms or
# rejects the link; at or above AUTOLINK it is made without asking. Empty = the shipped model's own
# thresholds (claims/matching/model.json, fitted on CheckThat! 2020 train).
MATCHING_ENABLED = envbool("MATCHING_ENABLED", True)
# Matching runs on its own queue, so that extraction never waits behind it (bin/run-dev serves it).
MATCH_SUGGEST_THRESHOLD = float(os.environ.get("MATCH_SUGGEST_THRESHOLD") or 0) or None
MATCH_AUTOLINK_THRESHOLD = float(os.environ.get("MATCH_AUTOLINK_THRESHOLD") or 0) or None
