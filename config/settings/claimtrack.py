"""Claimtrack's own settings: input limits, followed sources, the queue and dashboard, exports and
publishing, claim matching."""

from __future__ import annotations

import os

from config.settings.env import DEBUG, envbool, envint, envlist

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

# --- Claim matching (claims/matching, claims/services/matching.py) ----------------------------
# After extraction a worker links each claim to the same claim in other articles and to imported
# fact-checks. Scores are the re-ranker's probabilities: at or above SUGGEST a person confirms or
# rejects the link; at or above AUTOLINK it is made without asking. Empty = the shipped model's own
# thresholds (claims/matching/model.json, fitted on CheckThat! 2020 train).
MATCHING_ENABLED = envbool("MATCHING_ENABLED", True)
# Matching runs on its own queue, so that extraction never waits behind it (bin/run-dev serves it).
MATCH_SUGGEST_THRESHOLD = float(os.environ.get("MATCH_SUGGEST_THRESHOLD") or 0) or None
MATCH_AUTOLINK_THRESHOLD = float(os.environ.get("MATCH_AUTOLINK_THRESHOLD") or 0) or None
