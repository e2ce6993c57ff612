"""Helpers for the reminder tests: what was recorded, mailed and put in the feed."""

from importlib import import_module

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from reminders.models import Reminder, ReminderLeadTime

DEFAULT_LEAD_TIMES = [
    *import_module("reminders.migrations.0001_initial").DEFAULT_LEAD_TIMES,
    *(
        ("action_item", amount, unit)
        for amount, unit in import_module(
            "reminders.migrations.0002_action_items_and_contact_emails"
        ).ACTION_ITEM_LEAD_TIMES
    ),
    *import_module(
        "reminders.migrations.0003_declassification_review_reminders"
    ).DECLASSIFICATION_LEAD_TIMES,
]


@pytest.fixture(autouse=True)
def default_lead_times(db) -> None:
    """The lead times the migration seeds, also after a transactional test flushed them."""
    if not ReminderLeadTime.objects.exists():
        ReminderLeadTime.objects.bulk_create(
            ReminderLeadTime(subject=subject, amount=amount, unit=unit)
            for subject, amount, unit in DEFAULT_LEAD_TIMES
        )


def recorded() -> list[tuple[str, str, str]]:
    """Every reminder recorded: (kind, lead time, recipient), in a stable order."""
    return sorted(Reminder.objects.values_list("kind", "lead", "recipient__username"))


def recorded_leads(kind: str | None = None) -> list[str]:
    reminders = Reminder.objects.order_by("created_at", "pk")
    if kind:
        reminders = reminders.filter(kind=kind)
    return list(reminders.values_list("lead", flat=True))


def feed_text(token: str) -> str:
    """The calendar feed, fetched without a session, with its folded lines unfolded."""
    response = Client().get(reverse("calendar_feed", args=[token]))
    return response.content.decode().replace("\r\n ", "")


def mailed_to(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if user.email in message.to]
