"""The worklist of declassification reviews and their reminders."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.classification import Classification
from dossiers.access import visible_dossiers
from dossiers.models import Dossier
from reminders.models import Reminder
from reminders.sweep import reminders_sweep
from tests.factories import (
    DAY,
    client_for,
    data_queries,
    give_clearance,
    make_dossier,
    share,
    today,
)

pytestmark = pytest.mark.django_db
REVIEWS = reverse("dossiers:reviews")


def due_in(owner, days: int, level: Classification = Classification.VERTROUWELIJK, **fields):
    """A dossier classified so long ago that its legal review falls ``days`` from today."""
    review_on = today() + days * DAY
    classified_on = review_on - relativedelta(years=20 if level <= 2 else 30)
    return make_dossier(
        owner, level, classified_on=classified_on, declassification_review_on=None, **fields
    )


def listed(client, **query: str) -> list[str]:
    response = client.get(REVIEWS, query)
    assert response.status_code == 200
    return [dossier.reference for dossier in response.context["page"]]


def test_the_worklist_shows_what_falls_due_within_the_horizon(cleared_officer, officer_client):
    overdue = due_in(cleared_officer, -10).reference
    soon = due_in(cleared_officer, 100, Classification.GEHEIM).reference
    later = due_in(cleared_officer, 3 * 365).reference
    far = make_dossier(cleared_officer, Classification.VERTROUWELIJK).reference
    make_dossier(cleared_officer)  # unclassified: nothing to review

    assert listed(officer_client) == [overdue, soon]  # a year ahead by default
    assert listed(officer_client, within="overdue") == [overdue]
    assert listed(officer_client, within="5") == [overdue, soon, later]
    assert listed(officer_client, within="") == [overdue, soon, later, far]
    assert listed(officer_client, within="5", classification="3") == [soon]
    hostile = officer_client.get(REVIEWS, {"within": "nonsense"})
    assert hostile.status_code == 200 and "within" in hostile.context["filter"].errors


def test_the_worklist_shows_only_what_the_officer_may_see(officer, officer_client, vo_onderwijs):
    give_clearance(officer, Classification.VERTROUWELIJK)
    give_clearance(vo_onderwijs, Classification.ZEER_GEHEIM)
    mine = due_in(officer, 30).reference
    due_in(vo_onderwijs, 30)  # not shared with the officer
    secret = due_in(vo_onderwijs, 30, Classification.GEHEIM)
    share(Dossier.objects.get(reference=secret.reference), officer)  # above his clearance
    assert listed(officer_client) == [mine]


@pytest.mark.parametrize("role", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_the_worklist_is_absent_for_everyone_but_the_officer(request, role):
    user = request.getfixturevalue(role)
    give_clearance(user, Classification.ZEER_GEHEIM)
    assert client_for(user).get(REVIEWS).status_code == 404


def test_the_worklist_sends_the_anonymous_to_log_in_and_refuses_a_post(client, officer_client):
    assert client.get(REVIEWS).status_code == 302
    assert officer_client.post(REVIEWS).status_code == 405


def test_the_worklist_query_count_is_the_same_at_5_and_60_dossiers(cleared_officer, officer_client):
    def worklist_queries(until: int) -> int:
        for days in range(Dossier.objects.count(), until):
            due_in(cleared_officer, days)
        with CaptureQueriesContext(connection) as queries:
            assert len(listed(officer_client)) == min(until, 25)
        return data_queries(queries)

    listed(officer_client)  # the session's first request writes it; later ones do not
    small = worklist_queries(5)
    assert small == worklist_queries(60) and small <= 10


def review_reminders() -> list[tuple[datetime.date, str, str]]:
    return sorted(
        Reminder.objects.filter(kind=Reminder.Kind.DECLASSIFICATION_REVIEW).values_list(
            "due_on", "lead", "recipient__username"
        )
    )


def test_a_review_is_reminded_to_the_owner_once_per_lead_time(cleared_officer):
    dossier = due_in(cleared_officer, 200)
    review_on = dossier.declassification_review_on
    six, one, week = (
        review_on - relativedelta(months=6),
        review_on - relativedelta(months=1),
        review_on - 7 * DAY,
    )
    # Every day from two before to two after each lead time and the review itself: the
    # days a reminder may wrongly come early, twice or late.
    days = {lead + shift * DAY for lead in (six, one, week, review_on) for shift in range(-2, 3)}
    for day in sorted(days):
        reminders_sweep(today=day)
        if day in (six, one, week):
            reminders_sweep(today=day)  # a second sweep the same day adds nothing
    assert review_reminders() == [
        (review_on, lead, "officer")
        for lead in ("days_before:7", "months_before:1", "months_before:6")
    ]


def test_a_review_is_not_reminded_to_an_owner_who_can_no_longer_open_it(officer):
    clearance = give_clearance(officer, Classification.VERTROUWELIJK)
    due_in(officer, 20)
    clearance.status = clearance.Status.WITHDRAWN
    clearance.save()
    reminders_sweep(today=today())
    assert review_reminders() == []


def test_beperkt_needs_a_clearance_unless_the_setting_says_otherwise(
    officer, vo_onderwijs, settings
):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.BEPERKT)
    share(dossier, vo_onderwijs)  # need-to-know, but no clearance
    assert not visible_dossiers(vo_onderwijs).filter(pk=dossier.pk).exists()
    settings.BEPERKT_NEEDS_CLEARANCE = False
    assert visible_dossiers(vo_onderwijs).filter(pk=dossier.pk).exists()
    above = make_dossier(officer, Classification.VERTROUWELIJK)
    share(above, vo_onderwijs)
    assert not visible_dossiers(vo_onderwijs).filter(pk=above.pk).exists()


def test_the_worklist_sorts_by_review_date_both_ways(cleared_officer, officer_client):
    for days in (200, 20, 90):
        due_in(cleared_officer, days)
    soonest_first = listed(officer_client, sort="review_on")
    assert listed(officer_client, sort="-review_on") == soonest_first[::-1]
    assert [
        Dossier.objects.get(reference=ref).declassification_review_on for ref in soonest_first
    ] == sorted(Dossier.objects.values_list("declassification_review_on", flat=True))
