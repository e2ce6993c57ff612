"""The Celery app. Start a worker with: celery -A liaison worker -l info."""

import os
from pathlib import Path

from celery import Celery, beat
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class PersistentScheduler(beat.PersistentScheduler):
    """Celery's own scheduler, creating the folder of its schedule file (a fresh volume)."""

    def setup_schedule(self) -> None:
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()


# Task logs carry the id of the request that enqueued them (JSON logs, see settings).
app.steps["worker"].add(DjangoStructLogInitStep)
