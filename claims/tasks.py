"""The extraction task. Thin: it takes an id and calls the service."""

from __future__ import annotations

import logging
import time

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.signals import worker_process_init
from django.conf import settings
from django.db import InterfaceError, OperationalError

from claims import services
from claims.services.extract import ExtractionTimeout

logger = logging.getLogger(__name__)


class ExtractionTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        """The hard time limit killed the pool process: fail the article with its reason.

        Called in the worker's main process (the pool process is gone). Without
        it the article would stay `extracting` until the sweep queued it again,
        to be killed again, up to MAX_EXTRACTION_ATTEMPTS times. The soft limit
        normally comes first, but code that catches every Exception (spaCy
        fallbacks in the extractor) can swallow SoftTimeLimitExceeded.
        """
        if isinstance(exc, TimeLimitExceeded) and args:
            services.article_fail(
                article_id=args[0],
                reason=f"Extraction took longer than {settings.CELERY_TASK_TIME_LIMIT} s; its worker process was stopped.",
            )


@shared_task(
    base=ExtractionTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Only transient database errors are retried (a dropped connection, a
    # restart); a bug in extraction fails the article with its reason instead.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def extract_article(self, article_id: int) -> int | None:
    deadline = time.monotonic() + settings.CELERY_TASK_SOFT_TIME_LIMIT
    try:
        stored = services.article_extract(article_id=article_id, deadline=deadline)
        if stored is not None and settings.MATCHING_ENABLED:
            # Claims are visible now; matching them against other articles follows in the background.
            match_article.delay(article_id)  # routed to the `matching` queue (settings.CELERY_TASK_ROUTES)
        return stored
    except (SoftTimeLimitExceeded, ExtractionTimeout):
        services.article_fail(
            article_id=article_id,
            reason=f"Extraction took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s and was stopped.",
        )
        return None
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        logger.exception("Extraction of article %s failed", article_id)
        services.article_fail(
            article_id=article_id, reason=f"Extraction failed: {exc.__class__.__name__}: {exc}"
        )
        return None


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=5,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def match_article(article_id: int) -> int:
    """Embed an article's claims and link them to the same claims elsewhere (claims.services.matching)."""
    from claims.services.matching import link_article

    return link_article(article_id)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=5,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def embed_fact_checks() -> int:
    """Embed the imported fact-checks that have no vector yet (after an import from the web page),
    so that new claims are matched against them. Idempotent: embedded rows are skipped."""
    from claims.models import FactCheck
    from claims.services.matching import embed_fact_checks as embed

    batch = 2000  # about a minute of encoding: well inside the task's time limit
    todo = list(FactCheck.objects.filter(vector__isnull=True).order_by("pk")[:batch])
    embed(todo)
    if len(todo) == batch:  # a large import: the rest in a fresh task
        embed_fact_checks.delay()
    return len(todo)


@worker_process_init.connect
def _load_models(**_kwargs) -> None:
    """Load the language models once per worker process, before the first task
    (not in a worker that only builds exports: WORKER_LOAD_MODELS=0)."""
    if not settings.WORKER_LOAD_MODELS:
        return
    warm_models()


def warm_models() -> dict[str, float]:
    """Load and run once everything the first extraction would otherwise pay for: both spaCy
    pipelines, the check-worthiness and type models, and the sentence encoder (its 70 MB of weights
    are read on the first encoding, not at load). Returns the seconds each part took; logs
    "Models warm" when done (bench/submit_latency.py waits for that line)."""
    from claims import extraction
    from claims.extraction import cw_embed

    timings: dict[str, float] = {}
    started = time.monotonic()
    for label, run in (
        ("en", lambda: extraction.extract("Warm-up: the 3 models were loaded in 2 seconds.", lang="en")),
        (
            "fr",
            lambda: extraction.extract(
                "Préchauffage : les 3 modèles ont été chargés en 2 secondes.", lang="fr"
            ),
        ),
        ("encoder", lambda: cw_embed.embed(["Warm-up: the encoder is ready."])),
    ):
        t0 = time.monotonic()
        try:
            run()
        except Exception:
            logger.warning("Model warm-up (%s) failed", label, exc_info=True)
        timings[label] = round(time.monotonic() - t0, 2)
    logger.info(
        "Models warm in %.1f s (%s)",
        time.monotonic() - started,
        ", ".join(f"{k} {v} s" for k, v in timings.items()),
    )
    return timings


@shared_task(ignore_result=True)
def refresh_dashboard() -> None:
    """Recount the dashboard's aggregates into its summary row (claims.selectors)."""
    from claims.selectors import refresh_dashboard_summary

    refresh_dashboard_summary()


from claims.exports.tasks import build_export, delete_old_exports  # noqa: E402, F401  (registered under claims.tasks.*)
