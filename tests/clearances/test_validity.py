"""The valid clearance on its boundaries, through the function and the queryset expression."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from clearances.models import Clearance
from clearances.validity import valid_clearance_level, valid_clearance_level_expression
from directory.classification import Classification
from directory.models import Person
from tests.factories import make_clearance

pytestmark = pytest.mark.django_db

DECIDED = datetime.date(2024, 3, 1)
END = datetime.date(2026, 2, 28)
DAY = datetime.timedelta(days=1)


def levels_on(user: User, day: datetime.date) -> tuple[object, object]:
    """The level by the Python function and by the database expression, which must agree."""
    in_database = (
        Person.objects.filter(user=user)
        .annotate(level=valid_clearance_level_expression("pk", day))
        .values_list("level", flat=True)
        .get()
    )
    return valid_clearance_level(user, day), in_database


def test_valid_on_the_last_day_and_gone_the_day_after(vo_onderwijs):
    make_clearance(vo_onderwijs.person, Classification.GEHEIM, decided_on=DECIDED, valid_until=END)
    assert levels_on(vo_onderwijs, END) == (Classification.GEHEIM, Classification.GEHEIM)
    assert levels_on(vo_onderwijs, END + DAY) == (None, None)


def test_valid_from_the_day_of_the_decision_not_before(vo_onderwijs):
    make_clearance(vo_onderwijs.person, Classification.GEHEIM, decided_on=DECIDED, valid_until=END)
    assert levels_on(vo_onderwijs, DECIDED - DAY) == (None, None)
    assert levels_on(vo_onderwijs, DECIDED) == (Classification.GEHEIM, Classification.GEHEIM)


def test_a_withdrawn_clearance_gives_nothing_even_within_its_dates(vo_onderwijs):
    make_clearance(
        vo_onderwijs.person,
        Classification.GEHEIM,
        status=Clearance.Status.WITHDRAWN,
        decided_on=DECIDED,
        valid_until=END,
    )
    assert levels_on(vo_onderwijs, DECIDED + 30 * DAY) == (None, None)


def test_withdrawing_the_higher_of_two_falls_back_to_the_lower(vo_onderwijs):
    person = vo_onderwijs.person
    make_clearance(person, Classification.VERTROUWELIJK, decided_on=DECIDED, valid_until=END)
    secret = make_clearance(person, Classification.GEHEIM, decided_on=DECIDED, valid_until=END)
    day = DECIDED + 10 * DAY
    assert levels_on(vo_onderwijs, day) == (Classification.GEHEIM, Classification.GEHEIM)
    secret.status = Clearance.Status.WITHDRAWN
    secret.save()
    expected = (Classification.VERTROUWELIJK, Classification.VERTROUWELIJK)
    assert levels_on(vo_onderwijs, day) == expected


def test_two_overlapping_clearances_give_the_highest_while_both_run(vo_onderwijs):
    person = vo_onderwijs.person
    make_clearance(person, Classification.VERTROUWELIJK, decided_on=DECIDED, valid_until=END)
    make_clearance(
        person,
        Classification.ZEER_GEHEIM,
        decided_on=DECIDED + 100 * DAY,
        valid_until=END - 100 * DAY,
    )
    both = DECIDED + 150 * DAY
    assert levels_on(vo_onderwijs, both) == (Classification.ZEER_GEHEIM, Classification.ZEER_GEHEIM)
    only_the_lower = END - 50 * DAY
    expected = (Classification.VERTROUWELIJK, Classification.VERTROUWELIJK)
    assert levels_on(vo_onderwijs, only_the_lower) == expected


@pytest.mark.parametrize(
    "status",
    [
        Clearance.Status.REQUESTED,
        Clearance.Status.UNDER_INVESTIGATION,
        Clearance.Status.REFUSED,
        Clearance.Status.EXPIRED,
    ],
)
def test_only_a_granted_clearance_counts(vo_onderwijs, status):
    make_clearance(
        vo_onderwijs.person,
        Classification.GEHEIM,
        status=status,
        decided_on=DECIDED,
        valid_until=END,
    )
    assert levels_on(vo_onderwijs, DECIDED + DAY) == (None, None)


def test_a_decision_dated_in_the_future_gives_nothing_until_that_day(vo_onderwijs):
    today = timezone.localdate()
    make_clearance(
        vo_onderwijs.person,
        Classification.GEHEIM,
        requested_on=today - 30 * DAY,
        decided_on=today + 10 * DAY,
        valid_until=today + 400 * DAY,
    )
    assert valid_clearance_level(vo_onderwijs) is None
    assert levels_on(vo_onderwijs, today) == (None, None)
    assert levels_on(vo_onderwijs, today + 10 * DAY) == (
        Classification.GEHEIM,
        Classification.GEHEIM,
    )


def test_another_persons_clearance_is_not_mine(vo_onderwijs, vo_omgeving):
    make_clearance(vo_omgeving.person, Classification.GEHEIM, decided_on=DECIDED, valid_until=END)
    assert levels_on(vo_onderwijs, DECIDED + DAY) == (None, None)
    assert levels_on(vo_omgeving, DECIDED + DAY) == (Classification.GEHEIM, Classification.GEHEIM)
