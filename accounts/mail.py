"""E-mail to an account's owner, through the sender that the reminders app plugs in.

``accounts`` sits below ``reminders``, which owns the outbox; the outbox registers
itself here in its ``AppConfig.ready()`` so that every e-mail still leaves through it
(sent after the commit, at most once: rule 11).
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from accounts.models import User

EmailSender = Callable[..., object]

_senders: list[EmailSender] = []


def register_email_sender(sender: EmailSender) -> None:
    """``sender(*, recipient, subject, body)``; the last one registered is used."""
    _senders.append(sender)


def email_user(*, recipient: User, subject: str, body: str) -> None:
    if not _senders:
        raise ImproperlyConfigured("No e-mail sender registered: is 'reminders' installed?")
    _senders[-1](recipient=recipient, subject=subject, body=body)
