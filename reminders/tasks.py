from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reminders.outbox import RetryLater, outbox_due_ids, outbox_expire_claims, outbox_send
from reminders.sweep import reminders_collect


@shared_task
def sweep_reminders() -> int:
    """Record what falls due, fill inboxes and outbox, then hand each e-mail to a worker.

    Run every quarter of an hour by beat; running it again, or twice at once, repeats
    nothing. An e-mail that cannot be enqueued (broker down) stays in the outbox and
    the next sweep enqueues it.
    """
    outbox_expire_claims()
    report = reminders_collect(today=timezone.localdate())
    emails_enqueue(outbox_due_ids())
    return report.found


def emails_enqueue(email_ids: list[int]) -> None:
    """One sending task per e-mail, once the rows are committed."""
    for email_id in email_ids:
        transaction.on_commit(sending_of(email_id), robust=True)


def sending_of(email_id: int) -> Callable[[], None]:
    def enqueue_sending() -> None:
        send_email.delay(email_id)

    return enqueue_sending


@shared_task(
    bind=True,
    autoretry_for=(RetryLater,),
    retry_backoff=settings.OUTBOX_RETRY_BACKOFF,
    retry_backoff_max=settings.OUTBOX_RETRY_BACKOFF_MAX,
    max_retries=settings.OUTBOX_MAX_ATTEMPTS - 1,
)
def send_email(self, email_id: int) -> str:
    """One attempt at one outbox e-mail; the task retries while the relay is unreachable."""
    return outbox_send(email_id=email_id, last_try=self.request.retries >= self.max_retries)
