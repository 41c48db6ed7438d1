"""Celery: the broker, acknowledgement and time limits, queues, routes and the beat schedule."""

from __future__ import annotations

import os

from kombu import Queue

from config.settings.env import VAR_DIR, envbool, envint

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
# Other brokers: none ({} is Celery's own default).
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 600)}
    if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    else {}
)
# The embedded (SQLite) broker is polled: an idle worker looks at its queues, then sleeps this long
# (set on kombu's SQLAlchemy transport by config/celery.py: that transport hands its options to
# SQLAlchemy, which refuses this one). kombu's default, 1 s, made a submitted article wait 0.5 s on
# average, up to 1 s, before a worker took it. Each look costs ~3 ms of CPU (four queues, one SQLite
# transaction each): an idle worker uses ~0.6% of a core at 1 s, ~2% at 200 ms, ~3.6% at 100 ms
# (docs/performance.md).
BROKER_POLLING_INTERVAL_MS = envint("BROKER_POLLING_INTERVAL_MS", 200)
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
