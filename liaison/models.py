from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """When a Celery worker last completed the periodic heartbeat task (a single row)."""

    completed_at = models.DateTimeField(_("completed at"))
    worker = models.CharField(_("worker"), max_length=255)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker} {self.completed_at:%Y-%m-%d %H:%M:%S}"
