"""What keeps submit → claims fast on the embedded default (docs/performance.md): the embedded
broker is polled every BROKER_POLLING_INTERVAL_MS, not kombu's 1 s, and each worker process warms
its models once, before its first task, never again per task."""

import re

import pytest
from celery import Celery
from django.conf import settings
from kombu.transport.sqlalchemy import Transport as SqlaTransport

from articles.models import Article
from articles.services import article_submit
from config.celery import _embedded_broker_polling, app
from tests.celery_helpers import drain_queue, start_worker, stop_worker, wait_for


@pytest.fixture
def restore_polling_interval(monkeypatch):
    # Celery takes CELERY_BROKER_URL from the environment before any app's own setting
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    before = SqlaTransport.__dict__.get("polling_interval")
    yield
    if before is None:
        if "polling_interval" in SqlaTransport.__dict__:
            del SqlaTransport.polling_interval
    else:
        SqlaTransport.polling_interval = before


def _app(broker_url: str) -> Celery:
    other = Celery("speed-test", set_as_current=False)
    other.conf.broker_url = broker_url
    return other


def test_an_sqlite_broker_is_polled_at_the_configured_interval(restore_polling_interval, settings, tmp_path):
    settings.BROKER_POLLING_INTERVAL_MS = 150
    _embedded_broker_polling(sender=_app(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"))
    assert SqlaTransport.polling_interval == 0.15
    with _app(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}").connection_for_read() as conn:
        assert conn.transport.polling_interval == 0.15


def test_a_redis_broker_leaves_the_sqlite_transport_alone(restore_polling_interval, settings):
    SqlaTransport.polling_interval = 1.0
    settings.BROKER_POLLING_INTERVAL_MS = 150
    _embedded_broker_polling(sender=_app("redis://127.0.0.1:6379/0"))
    assert SqlaTransport.polling_interval == 1.0


def test_the_polling_interval_is_not_handed_to_sqlalchemy(restore_polling_interval, settings, tmp_path):
    """kombu's SQLAlchemy transport passes its transport options to create_engine, which refuses
    `polling_interval`: the interval must not travel that way."""
    _embedded_broker_polling(sender=_app(f"sqla+sqlite:///{tmp_path / 'b.sqlite3'}"))
    assert "polling_interval" not in (getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {})
    with _app(f"sqla+sqlite:///{tmp_path / 'b.sqlite3'}").connection_for_write() as conn:
        conn.SimpleQueue("speed-test").put({"ok": 1})  # the engine is created: no TypeError


@pytest.mark.embedded
def test_the_configured_broker_polls_at_the_setting():
    if not settings.CELERY_BROKER_URL.startswith("sqla+"):
        pytest.skip("the embedded broker only: Redis is not polled")
    with app.connection_for_read() as conn:
        assert conn.transport.polling_interval == settings.BROKER_POLLING_INTERVAL_MS / 1000


@pytest.mark.worker
@pytest.mark.embedded
@pytest.mark.django_db(transaction=True)
def test_each_worker_process_warms_its_models_once_before_its_first_task(seed_text, tmp_path):
    log = tmp_path / "worker.log"
    drain_queue()
    worker = start_worker(log_path=log, concurrency=1)
    try:
        wait_for(lambda: "Models warm in" in log.read_text(), timeout=600, message="the warm-up")
        warm = log.read_text()
        # the spaCy pipelines of both languages and the encoder, each timed
        assert re.search(r"Models warm in [\d.]+ s \(en [\d.]+ s, fr [\d.]+ s, encoder [\d.]+ s\)", warm)
        article = article_submit(text=seed_text, title="Starlink").article
        wait_for(
            lambda: Article.objects.get(pk=article.pk).status == "extracted",
            timeout=300,
            message="extraction",
        )
        assert Article.objects.get(pk=article.pk).claims.exists()
    finally:
        stop_worker(worker)
    text = log.read_text()
    assert text.count("Models warm in") == 1
    assert "Model warm-up" not in text  # no part of the warm-up failed


def test_warming_loads_every_model_the_first_extraction_needs_and_only_once():
    from claims.extraction import cw_embed, extract
    from claims.extraction import nlp as nlp_mod
    from claims.tasks import warm_models

    timings = warm_models()
    assert set(timings) == {"en", "fr", "encoder"}
    loaded = {code: nlp_mod._MODELS[code] for code in ("en", "fr")}
    encoder = cw_embed._ENCODER
    assert encoder is not None
    warm_models()
    extract("Le budget atteint 3 milliards d'euros en 2024, selon le ministre.", lang="fr")
    assert {code: nlp_mod._MODELS[code] for code in ("en", "fr")} == loaded
    assert all(nlp_mod._MODELS[code] is loaded[code] for code in loaded)
    assert cw_embed._ENCODER is encoder
