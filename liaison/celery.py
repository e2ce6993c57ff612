"""The Celery app. Start a worker with: celery -A liaison worker -l info."""

import os

from celery import Celery
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task logs carry the id of the request that enqueued them (JSON logs, see settings).
app.steps["worker"].add(DjangoStructLogInitStep)
