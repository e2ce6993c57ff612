"""The outbox: e-mails committed with what they tell, then sent at most once (rule 11).

An attempt claims its row (``sending``, committed) before it talks to the relay and
settles it after: ``sent``; ``pending`` again when the relay was unreachable (the
task retries with backoff); ``failed`` when the relay refused the address or the
attempts ran out; ``uncertain`` when the relay may have taken the message. A row left
``sending`` longer than a task may live was claimed by a process that died during
the send: it becomes ``uncertain`` too. Nothing sends an uncertain or failed row
again except the administrator's deliberate resend.

No transaction is open while the relay is spoken to.
"""

import datetime
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from reminders.mail import DeliveryUncertain
from reminders.models import OutboxEmail

logger = logging.getLogger(__name__)

Status = OutboxEmail.Status


class RetryLater(Exception):
    """The relay could not be reached or answered "try later"; the row is pending again."""


def claim_timeout() -> datetime.timedelta:
    """How long an attempt can last at most: the hard time limit of a task."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def outbox_expire_claims() -> int:
    """Rows whose sender died mid-send become uncertain; returns how many."""
    expired = OutboxEmail.objects.filter(
        status=Status.SENDING, claimed_at__lt=timezone.now() - claim_timeout()
    ).update(
        status=Status.UNCERTAIN,
        last_error=gettext("The sending process stopped during the send."),
    )
    if expired:
        logger.warning("%d e-mails may or may not have been sent; see the outbox.", expired)
    return expired


def outbox_due_ids() -> list[int]:
    """Pending rows that no retry is waiting for: never tried, or whose retry was lost."""
    quiet_since = (
        timezone.now()
        - claim_timeout()
        - datetime.timedelta(seconds=settings.OUTBOX_RETRY_BACKOFF_MAX)
    )
    return list(
        OutboxEmail.objects.filter(status=Status.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=quiet_since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def outbox_claim(*, email_id: int) -> OutboxEmail | None:
    """Mark a pending row as being sent, committed at once; None if it is not pending."""
    claimed_at = timezone.now()
    claimed = OutboxEmail.objects.filter(pk=email_id, status=Status.PENDING).update(
        status=Status.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1
    )
    return OutboxEmail.objects.get(pk=email_id) if claimed else None


def is_refusal(error: Exception) -> bool:
    """The relay answered with a permanent error (5xx): trying again changes nothing."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def outbox_settle(*, email: OutboxEmail, status: str, error: object = "") -> None:
    """Record the outcome of the attempt that holds the claim (and of no later one)."""
    OutboxEmail.objects.filter(
        pk=email.pk, status__in=[Status.SENDING, Status.UNCERTAIN], claimed_at=email.claimed_at
    ).update(
        status=status,
        last_error=str(error)[:500],
        sent_at=timezone.now() if status == Status.SENT else None,
    )


def email_message(email: OutboxEmail) -> EmailMessage:
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.to],
        headers={"Message-ID": email.message_id},
    )


def outbox_send(*, email_id: int, last_try: bool = False) -> str:
    """One attempt at one e-mail; returns its status after it.

    Raises ``RetryLater`` when the row is pending again and another attempt may succeed.
    """
    outbox_expire_claims()
    email = outbox_claim(email_id=email_id)
    if email is None:  # sent, being sent, or waiting for the administrator
        status = OutboxEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
        return status or ""
    try:
        email_message(email).send()
    except DeliveryUncertain as error:
        outbox_settle(email=email, status=Status.UNCERTAIN, error=error)
        logger.warning("E-mail %s may or may not have been sent: %s", email.pk, error)
        return Status.UNCERTAIN
    except Exception as error:
        if is_refusal(error) or last_try or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            outbox_settle(email=email, status=Status.FAILED, error=error)
            logger.warning("E-mail %s failed: %s", email.pk, error)
            return Status.FAILED
        outbox_settle(email=email, status=Status.PENDING, error=error)
        raise RetryLater(str(error) or type(error).__name__) from error
    outbox_settle(email=email, status=Status.SENT)
    return Status.SENT


def outbox_send_due() -> Counter[str]:
    """Send every due e-mail in this process, one attempt each; counts the outcomes."""
    outcomes: Counter[str] = Counter()
    for email_id in outbox_due_ids():
        try:
            outcomes[outbox_send(email_id=email_id)] += 1
        except RetryLater as error:
            logger.warning("E-mail %s stays pending: %s", email_id, error)
            outcomes[Status.PENDING] += 1
    return outcomes


@transaction.atomic
def outbox_resend(*, emails: Iterable[OutboxEmail]) -> list[int]:
    """The administrator's deliberate resend of failed or uncertain e-mails; returns their ids.

    Saved one by one so that the audit trail names who resent what.
    """
    resent = []
    for email in OutboxEmail.objects.select_for_update().filter(
        pk__in=[email.pk for email in emails], status__in=[Status.FAILED, Status.UNCERTAIN]
    ):
        email.status = Status.PENDING
        email.attempts = 0
        email.last_error = ""
        email.claimed_at = None
        email.save(update_fields=["status", "attempts", "last_error", "claimed_at"])
        resent.append(email.pk)
    return resent
