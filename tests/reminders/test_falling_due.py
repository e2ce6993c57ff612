"""What falls due on each boundary day, for every kind of deadline, and to whom."""

import datetime

import pytest
from auditlog.models import LogEntry
from dateutil.relativedelta import relativedelta

from accounts.roles import Role
from clearances.models import Clearance
from directory.classification import Classification
from directory.models import Person
from dossiers import services
from dossiers.models import Dossier, DossierUserGrant, ProtocolAgreement
from reminders.models import Reminder, ReminderLeadTime
from reminders.sweep import reminders_sweep
from tests.factories import (
    DAY,
    appoint,
    assign_task,
    give_clearance,
    make_dossier,
    make_user,
    share,
    today,
)

pytestmark = pytest.mark.django_db

Kind = Reminder.Kind


def sweep_on(days: list[datetime.date]) -> dict[datetime.date, list[tuple[str, str]]]:
    """Sweep on each day in turn; what each day recorded as (lead time, recipient)."""
    recorded = {}
    for day in days:
        known = set(Reminder.objects.values_list("pk", flat=True))
        reminders_sweep(today=day)
        new = Reminder.objects.exclude(pk__in=known).order_by("lead", "recipient__username")
        if new:
            recorded[day] = list(new.values_list("lead", "recipient__username"))
    return recorded


def every_day(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + offset * DAY for offset in range((last - first).days + 1)]


def test_a_dossier_deadline_is_reminded_14_7_1_days_ahead_then_once_overdue(officer):
    deadline = today() + 30 * DAY
    make_dossier(officer, deadline=deadline)
    assert sweep_on(every_day(deadline - 20 * DAY, deadline + 5 * DAY)) == {
        deadline - 14 * DAY: [("days_before:14", "officer")],
        deadline - 7 * DAY: [("days_before:7", "officer")],
        deadline - 1 * DAY: [("days_before:1", "officer")],
        deadline + 1 * DAY: [("days_after:1", "officer")],
    }


def test_a_closed_dossier_is_not_reminded(officer):
    deadline = today() + 7 * DAY
    make_dossier(officer, deadline=deadline, status=Dossier.Status.CLOSED)
    assert sweep_on([today()]) == {}


def test_an_open_task_is_reminded_to_its_assignee_and_a_done_one_not(officer, vo_onderwijs):
    due_on = today() + 20 * DAY
    dossier = make_dossier(officer)
    share(dossier, vo_onderwijs)
    assign_task(dossier, vo_onderwijs, due_on, title="Nalezen")
    done = assign_task(dossier, officer, due_on, title="Klaar")
    services.task_set_done(task=done, done=True)
    assert sweep_on(every_day(due_on - 15 * DAY, due_on + 2 * DAY)) == {
        due_on - 14 * DAY: [("days_before:14", "vo-onderwijs")],
        due_on - 7 * DAY: [("days_before:7", "vo-onderwijs")],
        due_on - 1 * DAY: [("days_before:1", "vo-onderwijs")],
        due_on + 1 * DAY: [("days_after:1", "vo-onderwijs")],
    }


def test_a_deadline_entered_late_gets_the_latest_reminder_only(officer):
    make_dossier(officer, deadline=today() + 6 * DAY)
    assert sweep_on([today()]) == {today(): [("days_before:7", "officer")]}


def test_a_missed_sweep_catches_up_with_one_reminder_but_not_after_a_month(officer):
    make_dossier(officer, title="Recent", deadline=today() - 3 * DAY)
    make_dossier(officer, title="Long ago", deadline=today() - 40 * DAY)
    assert sweep_on([today()]) == {today(): [("days_after:1", "officer")]}
    assert Reminder.objects.get().reference == Dossier.objects.get(title="Recent").reference


def test_protocol_reviews_and_ends_are_reminded_90_30_7_days_ahead_to_the_owner(officer, omgeving):
    review_on = today() + 100 * DAY
    ends_on = today() + 200 * DAY
    dossier = make_dossier(officer, kind=Dossier.Kind.PROTOCOL_AGREEMENT)
    ProtocolAgreement.objects.create(
        dossier=dossier, partner=omgeving, review_on=review_on, valid_until=ends_on
    )
    days = [
        day
        for due_on in (review_on, ends_on)
        for lead in (91, 90, 31, 30, 8, 7, 0)
        for day in [due_on - lead * DAY]
    ]
    recorded = sweep_on(sorted(days))
    assert recorded == {
        review_on - 90 * DAY: [("days_before:90", "officer")],
        review_on - 30 * DAY: [("days_before:30", "officer")],
        review_on - 7 * DAY: [("days_before:7", "officer")],
        ends_on - 90 * DAY: [("days_before:90", "officer")],
        ends_on - 30 * DAY: [("days_before:30", "officer")],
        ends_on - 7 * DAY: [("days_before:7", "officer")],
    }
    kinds = Reminder.objects.values_list("kind", flat=True)
    assert sorted(set(kinds)) == [Kind.PROTOCOL_END, Kind.PROTOCOL_REVIEW]


def test_a_review_and_an_end_on_the_same_day_are_two_reminders(officer, omgeving):
    """The reminders' key holds the kind: an agreement reviewed on the day it ends (or a
    dossier whose deadline is its classification's review) is told of both."""
    due_on = today() + 30 * DAY
    dossier = make_dossier(officer, kind=Dossier.Kind.PROTOCOL_AGREEMENT)
    ProtocolAgreement.objects.create(
        dossier=dossier, partner=omgeving, review_on=due_on, valid_until=due_on
    )
    assert sweep_on([today()]) == {today(): [("days_before:30", "officer")] * 2}
    kinds = Reminder.objects.values_list("kind", flat=True)
    assert sorted(kinds) == [Kind.PROTOCOL_END, Kind.PROTOCOL_REVIEW]
    assert sweep_on([today()]) == {}  # and neither again


@pytest.fixture
def holder(onderwijs) -> Person:
    """Somebody of the Department of Education, without a portal account."""
    return Person.objects.create(first_name="An", last_name="Peeters", organisation=onderwijs)


@pytest.fixture
def security_officers(vo_onderwijs, vo_omgeving):
    appoint(vo_onderwijs)
    appoint(vo_omgeving)
    return vo_onderwijs, vo_omgeving


def grant_clearance(person: Person, level: Classification, valid_until: datetime.date) -> Clearance:
    return Clearance.objects.create(
        person=person,
        level=level,
        status=Clearance.Status.GRANTED,
        requested_on=today() - 400 * DAY,
        decided_on=today() - 300 * DAY,
        valid_until=valid_until,
    )


@pytest.mark.parametrize(
    ("level", "window"),
    [(Classification.GEHEIM, 7), (Classification.ZEER_GEHEIM, 10)],
)
def test_a_clearance_is_reminded_when_renewal_opens_then_3_and_1_month_ahead_and_at_expiry(
    officer, security_officers, holder, level, window
):
    expires = today() + 400 * DAY
    grant_clearance(holder, level, expires)
    opens, three, one = (expires - relativedelta(months=months) for months in (window, 3, 1))
    recorded = sweep_on(
        [
            opens - DAY,
            opens,
            three - DAY,
            three,
            one - DAY,
            one,
            expires - DAY,
            expires,
            expires + DAY,
        ]
    )
    # the security officer of the holder's organisation and the liaison officer; not another VO
    to_both = ["officer", "vo-onderwijs"]
    assert recorded == {
        opens: [("renewal_window", name) for name in to_both],
        three: [("months_before:3", name) for name in to_both],
        one: [("months_before:1", name) for name in to_both],
        expires: [("days_before:0", name) for name in to_both],
    }


def test_a_clearance_whose_renewal_is_requested_is_not_reminded(officer, security_officers, holder):
    expires = today() + 100 * DAY
    grant_clearance(holder, Classification.GEHEIM, expires)
    Clearance.objects.create(
        person=holder,
        level=Classification.GEHEIM,
        status=Clearance.Status.UNDER_INVESTIGATION,
        requested_on=today() - 10 * DAY,
    )
    assert sweep_on([today()]) == {}


def test_a_liaison_officer_who_arrives_later_is_told_of_a_renewal_and_the_others_not_again(
    officer, security_officers, holder
):
    grant_clearance(holder, Classification.GEHEIM, today() + 20 * DAY)
    assert sweep_on([today()]) == {
        today(): [("months_before:1", "officer"), ("months_before:1", "vo-onderwijs")]
    }
    assert sweep_on([today()]) == {}  # nothing new: told to every recipient already
    make_user("deputy", officer.organisation, Role.LIAISON_OFFICER)
    assert sweep_on([today()]) == {today(): [("months_before:1", "deputy")]}
    assert sweep_on([today()]) == {}


def test_an_ended_appointment_no_longer_brings_clearance_reminders(officer, vo_onderwijs, holder):
    appoint(vo_onderwijs, ends_on=today() - 40 * DAY)  # long enough ago to be forgotten
    grant_clearance(holder, Classification.GEHEIM, today() + 20 * DAY)
    assert sweep_on([today()]) == {today(): [("months_before:1", "officer")]}


def test_an_appointment_end_is_reminded_to_the_liaison_officer_and_the_appointee(
    officer, vo_omgeving
):
    ends_on = today() + 40 * DAY
    appoint(vo_omgeving, ends_on=ends_on)
    recorded = sweep_on(every_day(ends_on - 31 * DAY, ends_on + DAY))
    assert recorded == {
        ends_on - 30 * DAY: [("days_before:30", "officer"), ("days_before:30", "vo-omgeving")],
        ends_on - 7 * DAY: [("days_before:7", "officer"), ("days_before:7", "vo-omgeving")],
    }


def test_an_appointment_continued_by_a_new_one_is_not_reminded(officer, vo_omgeving):
    ends_on = today() + 7 * DAY
    appoint(vo_omgeving, starts_on=today() - 900 * DAY, ends_on=ends_on)
    appoint(vo_omgeving, starts_on=ends_on + DAY)
    assert sweep_on([today()]) == {}


def grant(dossier: Dossier, user, ends_on: datetime.date) -> DossierUserGrant:
    return share(dossier, user, ends_on=ends_on)


def test_a_lapsed_grant_is_revoked_audited_and_its_owner_told(officer, vo_onderwijs, vo_omgeving):
    give_clearance(officer, Classification.BEPERKT)
    dossier = make_dossier(officer, title="Vroegdetectie", level=Classification.BEPERKT)
    lapsed = grant(dossier, vo_onderwijs, today() - DAY)
    lasting = grant(dossier, vo_omgeving, today())
    sweep_on([today()])
    assert list(DossierUserGrant.objects.values_list("pk", flat=True)) == [lasting.pk]
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.recipient, reminder.due_on) == (
        Kind.GRANT_REVOKED,
        officer,
        today() - DAY,
    )
    assert reminder.party == vo_onderwijs.get_full_name()
    deletion = LogEntry.objects.get(action=LogEntry.Action.DELETE, object_id=lapsed.pk)
    assert deletion.object_repr == str(lapsed)
    assert deletion.additional_data == {"dossier": dossier.pk}


def test_the_administrator_changes_the_lead_times(officer):
    ReminderLeadTime.objects.filter(subject=Kind.DOSSIER_DEADLINE, amount=14).delete()
    ReminderLeadTime.objects.create(
        subject=Kind.DOSSIER_DEADLINE, amount=3, unit=ReminderLeadTime.Unit.DAYS_BEFORE
    )
    deadline = today() + 20 * DAY
    make_dossier(officer, deadline=deadline)
    assert sorted(sweep_on(every_day(deadline - 16 * DAY, deadline + 2 * DAY))) == [
        deadline - 7 * DAY,
        deadline - 3 * DAY,
        deadline - 1 * DAY,
        deadline + 1 * DAY,
    ]
