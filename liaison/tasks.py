from celery import shared_task
from django.db import connection

from liaison.health import record_worker_heartbeat


@shared_task(bind=True)
def check_health(self) -> dict[str, object]:
    """Prove that a worker runs and reaches the database; says which worker ran it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (answer,) = cursor.fetchone()
    return {"database": answer == 1, "vendor": connection.vendor, "worker": self.request.hostname}


@shared_task(bind=True)
def record_heartbeat(self) -> None:
    """Sent by beat every WORKER_HEARTBEAT_SECONDS: proves a worker still completes tasks."""
    record_worker_heartbeat(worker=self.request.hostname or "in-process")
