"""Writes of the reminders app used by other apps."""

from accounts.models import User
from reminders.models import OutboxEmail
from reminders.tasks import emails_enqueue


def outbox_add(*, recipient: User, subject: str, body: str) -> OutboxEmail:
    """An e-mail through the outbox, sent after the commit at most once (rule 11)."""
    email = OutboxEmail.objects.create(
        recipient=recipient, to=recipient.email, subject=subject, body=body
    )
    emails_enqueue([email.pk])
    return email


def outbox_add_address(
    *, to: str, subject: str, body: str, recipient: User | None = None
) -> OutboxEmail:
    """An e-mail to an address, which may belong to a contact without an account."""
    email = OutboxEmail.objects.create(recipient=recipient, to=to, subject=subject, body=body)
    emails_enqueue([email.pk])
    return email
