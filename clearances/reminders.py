"""What falls due among clearances and security officers.

A granted clearance is reminded of when its renewal window opens (7 months ahead, 10
for ZEER GEHEIM: the rule of ``clearances.models``), then at the administrator's lead
times (3 months, 1 month, the day itself), unless its renewal is already requested or
granted. The reminders go to the security officers of the holder's organisation and
to every liaison officer. An appointment that ends is reminded of to the liaison
officers and to the appointee.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from clearances.models import IN_PROGRESS, Clearance, SecurityOfficerAppointment, renewal_lead
from clearances.selectors import appointments_active_on, renewal_under_way
from directory.classification import Classification
from directory.models import Person
from reminders.models import ReminderLeadTime
from reminders.sweep import (
    CHUNK,
    RENEWAL_WINDOW,
    Due,
    Kind,
    Lead,
    Paths,
    batched,
    dated,
    due_window,
    not_yet_recorded,
    reached,
)

Entry = tuple[SecurityOfficerAppointment, datetime.date, str]


@dataclass(frozen=True)
class RenewalWindow:
    """The lead time the law sets for a clearance level: renewal starts this long ahead."""

    level: int
    code: str = RENEWAL_WINDOW

    def reminds_on(self, due_on: datetime.date) -> datetime.date:
        return due_on - renewal_lead(self.level)

    def latest_due_on(self, today: datetime.date) -> datetime.date:
        return today + renewal_lead(self.level) + relativedelta(days=3)


def falling_due(*, today: datetime.date, leads: dict[str, list[ReminderLeadTime]]) -> Iterator[Due]:
    liaison_officers = liaison_officer_ids()
    return chain(
        renewals_due(today, leads[Kind.CLEARANCE_EXPIRY], liaison_officers),
        appointment_ends_due(today, leads[Kind.APPOINTMENT_END], liaison_officers),
    )


def renewals_due(
    today: datetime.date, leads: list[ReminderLeadTime], liaison_officers: set[int]
) -> Iterator[Due]:
    """The renewals not recorded yet for all their recipients, read a chunk at a time: one
    query for ZEER GEHEIM and one for the other levels, whose renewal windows differ."""
    officers = security_officer_ids(today)
    # The recipients of a clearance's reminders, in the database (``not_yet_recorded``).
    organisation_officers = (
        active_appointments(today).filter(
            organisation=OuterRef("person__organisation"), person__user__is_active=True
        ),
        "person__user",
    )
    paths = Paths("clearances:detail")  # Clearance.get_absolute_url
    zeer_geheim = Q(level=Classification.ZEER_GEHEIM)
    # Each group with a level of it: the renewal window is the same for all its levels.
    # The ids of both groups' clearances not told yet and the lead time reached
    # (``not_yet_recorded``) are read whole before anything is recorded: each query
    # probes the reminders clearance by clearance, and PostgreSQL plans the probe for
    # the table as it is then. Planned after the first group's few thousand reminders,
    # the second group's probe read them all for each clearance (300 s instead of 1 s).
    untold: dict[int, str] = {}
    for levels, level in ((zeer_geheim, Classification.ZEER_GEHEIM), (~zeer_geheim, 0)):
        clearances = renewals_untold(
            levels, [RenewalWindow(level), *leads], today, liaison_officers, organisation_officers
        )
        untold.update(clearances.values_list("pk", "reached_lead"))
    # Then the clearances a chunk at a time.
    for batch in batched(untold, CHUNK):
        for clearance in renewable_clearances().filter(pk__in=batch).order_by("pk"):
            due_on, lead, url = clearance.valid_until, untold[clearance.pk], paths(clearance.pk)
            for recipient_id in officers[clearance.person.organisation_id] | liaison_officers:
                yield clearance_due(clearance, due_on, lead, recipient_id, url)


def renewals_untold(
    levels: Q,
    leads: list[Lead],
    today: datetime.date,
    liaison_officers: set[int],
    organisation_officers: tuple[QuerySet, str],
) -> QuerySet[Clearance]:
    """The clearances of these levels whose reminder for the lead reached today is not
    recorded yet for all their recipients."""
    window = due_window(leads, today)
    return not_yet_recorded(
        renewable_clearances().filter(levels, valid_until__range=window),
        kind=Kind.CLEARANCE_EXPIRY,
        date_field="valid_until",
        also_told=liaison_officers,
        told_through=organisation_officers,
        leads=leads,
        window=window,
        today=today,
    )


def appointment_ends_due(
    today: datetime.date, leads: list[ReminderLeadTime], liaison_officers: set[int]
) -> list[Due]:
    window = due_window(leads, today)
    if window is None:
        return []
    appointments = not_yet_recorded(
        ending_appointments().filter(ends_on__range=window),
        kind=Kind.APPOINTMENT_END,
        date_field="ends_on",
        recipient_field="person__user",
        also_told=liaison_officers,
        leads=leads,
        window=window,
        today=today,
    )
    return appointment_dues(reached(appointments, ends_on_of, leads, today), liaison_officers)


def clearance_due(
    clearance: Clearance,
    due_on: datetime.date,
    lead: str,
    recipient_id: int,
    url: str | None = None,
) -> Due:
    return Due(
        kind=Kind.CLEARANCE_EXPIRY,
        item=clearance,
        due_on=due_on,
        lead=lead,
        recipient_id=recipient_id,
        reference=holder(clearance.person),
        url=url or clearance.get_absolute_url(),
    )


def appointment_dues(entries: Iterable[Entry], liaison_officers: set[int]) -> list[Due]:
    return [
        Due(
            kind=Kind.APPOINTMENT_END,
            item=appointment,
            due_on=due_on,
            lead=lead,
            recipient_id=recipient_id,
            reference=holder(appointment.person),
            url=reverse("clearances:person_detail", args=[appointment.person_id]),
        )
        for appointment, due_on, lead in entries
        for recipient_id in liaison_officers | appointee(appointment)
    ]


# --- The personal calendar feed -------------------------------------------------------


def calendar_deadlines(*, user: User, since: datetime.date) -> list[Due]:
    """Renewals and ends the user answers for (two queries).

    All of them for a liaison officer; for anybody else, the clearances of the
    organisations where he is security officer, and the end of his own appointment.
    """
    clearances = renewable_clearances().filter(valid_until__gte=since)
    appointments = ending_appointments().filter(ends_on__gte=since)
    if not user.is_liaison_officer:
        organisations = active_appointments(timezone.localdate()).filter(person__user=user)
        clearances = clearances.filter(
            person__organisation__in=organisations.values("organisation")
        )
        appointments = appointments.filter(person__user=user)
    clearances = list(clearances)
    return [
        *(
            clearance_due(clearance, opens_on, RENEWAL_WINDOW, user.pk)
            for clearance, opens_on, _lead in dated(clearances, renewal_opens_on, since)
        ),
        *(
            clearance_due(clearance, expires_on, "", user.pk)
            for clearance, expires_on, _lead in dated(clearances, valid_until_of, since)
        ),
        *appointment_dues(dated(appointments, ends_on_of, since), {user.pk}),
    ]


# --- Shared querysets and helpers -----------------------------------------------------


def renewable_clearances() -> QuerySet[Clearance]:
    """Granted clearances whose renewal is neither requested nor granted yet: neither
    filed for it (``renews``) nor, for older records, a later request of the holder."""
    renewal = Clearance.objects.filter(
        person=OuterRef("person"), requested_on__gt=OuterRef("decided_on")
    ).filter(
        Q(status__in=IN_PROGRESS)
        | Q(status=Clearance.Status.GRANTED, valid_until__gt=OuterRef("valid_until"))
    )
    return (
        Clearance.objects.filter(status=Clearance.Status.GRANTED, valid_until__isnull=False)
        .exclude(Exists(renewal))
        .exclude(renewal_under_way())
        .select_related("person__organisation")
        .only(
            "level",
            "valid_until",
            "person",
            "person__organisation",
            "person__first_name",
            "person__last_name",
            "person__organisation__short_name",
        )
    )


def active_appointments(day: datetime.date) -> QuerySet[SecurityOfficerAppointment]:
    return SecurityOfficerAppointment.objects.filter(appointments_active_on(day))


def ending_appointments() -> QuerySet[SecurityOfficerAppointment]:
    """Appointments with an end date that no later appointment of the same holder continues."""
    successor = SecurityOfficerAppointment.objects.filter(
        person=OuterRef("person"),
        organisation=OuterRef("organisation"),
        starts_on__gt=OuterRef("starts_on"),
    )
    return (
        SecurityOfficerAppointment.objects.filter(ends_on__isnull=False)
        .exclude(Exists(successor))
        .select_related("person__organisation")
        .only(
            "ends_on",
            "person",
            "person__organisation",
            "person__first_name",
            "person__last_name",
            "person__user",
            "person__organisation__short_name",
        )
    )


def security_officer_ids(day: datetime.date) -> defaultdict[int, set[int]]:
    """The portal accounts of each organisation's active security officers (one query)."""
    officers: defaultdict[int, set[int]] = defaultdict(set)
    for organisation_id, user_id in (
        active_appointments(day)
        .filter(person__user__isnull=False)
        .values_list("organisation", "person__user")
    ):
        officers[organisation_id].add(user_id)
    return officers


def liaison_officer_ids() -> set[int]:
    """The active liaison officers (an inactive account is told nothing)."""
    officers = User.objects.filter(groups__name=Role.LIAISON_OFFICER, is_active=True)
    return set(officers.values_list("pk", flat=True))


def holder(person: Person) -> str:
    return f"{person.full_name} ({person.organisation.short_name})"


def appointee(appointment: SecurityOfficerAppointment) -> set[int]:
    return {appointment.person.user_id} if appointment.person.user_id else set()


def renewal_opens_on(clearance: Clearance) -> datetime.date | None:
    return clearance.renewal_opens_on()


def valid_until_of(clearance: Clearance) -> datetime.date | None:
    return clearance.valid_until


def ends_on_of(appointment: SecurityOfficerAppointment) -> datetime.date | None:
    return appointment.ends_on
