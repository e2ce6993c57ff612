from collections.abc import Callable

from celery import shared_task
from django.db import connection, transaction
from django.utils import timezone

from liaison.health import record_worker_heartbeat
from liaison.reminders import pending_recipient_ids, reminders_deliver, reminders_record


@shared_task(bind=True)
def check_health(self) -> dict[str, object]:
    """Prove that a worker runs and reaches the database; says which worker ran it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (answer,) = cursor.fetchone()
    return {"database": answer == 1, "vendor": connection.vendor, "worker": self.request.hostname}


@shared_task
def sweep_reminders() -> int:
    """Record what falls due today, then hand each recipient's delivery to a worker.

    Run daily by beat; running it again, or twice at once, repeats nothing. A delivery
    that cannot be enqueued (broker down) stays pending and the next sweep picks it up.
    """
    with transaction.atomic():
        found = reminders_record(today=timezone.localdate())
        for recipient_id in pending_recipient_ids():
            transaction.on_commit(delivery_of(recipient_id), robust=True)
    return found


def delivery_of(recipient_id: int) -> Callable[[], None]:
    def enqueue_delivery() -> None:
        deliver_reminders.delay(recipient_id)

    return enqueue_delivery


@shared_task
def deliver_reminders(recipient_id: int) -> int:
    """Inbox and digest e-mail for one recipient's pending reminders."""
    return reminders_deliver(recipient_id=recipient_id)


@shared_task(bind=True)
def record_heartbeat(self) -> None:
    """Sent by beat every WORKER_HEARTBEAT_SECONDS: proves a worker still completes tasks."""
    record_worker_heartbeat(worker=self.request.hostname or "in-process")
