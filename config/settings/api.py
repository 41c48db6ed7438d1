"""The REST API (Django REST framework) and its OpenAPI schema (drf-spectacular)."""

from __future__ import annotations

from config.settings.security import TRUSTED_PROXY_COUNT

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
if TRUSTED_PROXY_COUNT:
    REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT
