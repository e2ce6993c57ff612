"""Helpers for the reminder tests: dossiers, clearances and appointments on given dates."""

import datetime
from importlib import import_module

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from clearances.models import Clearance, SecurityOfficerAppointment
from directory.classification import Classification, declassification_review_date
from dossiers import services
from dossiers.models import Dossier
from dossiers.workstreams import Workstream
from reminders.models import Reminder, ReminderLeadTime

DAY = datetime.timedelta(days=1)
DEFAULT_LEAD_TIMES = import_module("reminders.migrations.0001_initial").DEFAULT_LEAD_TIMES


@pytest.fixture(autouse=True)
def default_lead_times(db) -> None:
    """The lead times the migration seeds, also after a transactional test flushed them."""
    if not ReminderLeadTime.objects.exists():
        ReminderLeadTime.objects.bulk_create(
            ReminderLeadTime(subject=subject, amount=amount, unit=unit)
            for subject, amount, unit in DEFAULT_LEAD_TIMES
        )


def today() -> datetime.date:
    return timezone.localdate()


def make_dossier(
    owner: User,
    *,
    title: str = "Kennisdeling radicalisering",
    level: Classification = Classification.NIET_GECLASSIFICEERD,
    deadline: datetime.date | None = None,
    **fields: object,
) -> Dossier:
    return services.dossier_create(
        title=title,
        workstream=Workstream.INFORMATION_POSITION,
        kind=fields.pop("kind", Dossier.Kind.CONTACT),
        owner=owner,
        classification=level,
        declassification_review_on=declassification_review_date(level, today()),
        deadline=deadline,
        **fields,
    )


def give_clearance(
    user: User,
    level: Classification = Classification.GEHEIM,
    *,
    valid_until: datetime.date | None = None,
    **fields: object,
) -> Clearance:
    fields.setdefault("status", Clearance.Status.GRANTED)
    return Clearance.objects.create(
        person=user.person,
        level=level,
        requested_on=today() - 400 * DAY,
        decided_on=today() - 300 * DAY,
        valid_until=valid_until or today() + 1000 * DAY,
        **fields,
    )


def share(dossier: Dossier, user: User, ends_on: datetime.date | None = None) -> None:
    """Need-to-know for the user, so that he may open the dossier and be reminded of it."""
    services.grant_to_user(
        dossier=dossier, user=user, reason="Betrokken", granted_by=dossier.owner, ends_on=ends_on
    )


def appoint(user: User, **fields: object) -> SecurityOfficerAppointment:
    """The user becomes security officer of his own organisation."""
    fields.setdefault("starts_on", today() - 500 * DAY)
    return SecurityOfficerAppointment.objects.create(
        person=user.person, organisation=user.organisation, **fields
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


@pytest.fixture
def cleared_officer(officer: User) -> User:
    give_clearance(officer, Classification.GEHEIM)
    return officer
