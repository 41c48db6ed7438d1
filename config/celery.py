"""The Celery application. Settings live in config/settings/celery.py under CELERY_*."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each pool process loads the language models in `worker_process_init`
# (claims.tasks._load_models) before it reports itself up. Celery kills a
# process that is not up after 4 s; on a busy machine the models take longer,
# so a replaced process (after a time limit or a crash) was killed again and
# again and the worker stopped taking tasks.
app.conf.worker_proc_alive_timeout = 120

EMBEDDED_BROKER_SCHEMES = ("sqla+", "sqlalchemy+")


@app.on_after_configure.connect
def _embedded_broker_polling(sender, **_kwargs) -> None:
    """The embedded broker (SQLite through kombu's SQLAlchemy transport) is polled: a worker whose
    queues are empty sleeps `polling_interval` before it looks again, so a submitted article waits up
    to that long before extraction starts. kombu's 1 s default becomes BROKER_POLLING_INTERVAL_MS.
    It cannot go in the broker's transport options: that transport passes them all to SQLAlchemy's
    create_engine, which refuses `polling_interval`."""
    from django.conf import settings

    if str(sender.conf.broker_url or "").startswith(EMBEDDED_BROKER_SCHEMES):
        from kombu.transport.sqlalchemy import Transport

        Transport.polling_interval = settings.BROKER_POLLING_INTERVAL_MS / 1000
