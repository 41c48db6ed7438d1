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
