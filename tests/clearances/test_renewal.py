"""Renewal from 7 months before the end, 10 for ZEER GEHEIM: on the model and in the database."""

import datetime

import pytest

from clearances.models import RENEWAL_LEAD, Clearance
from clearances.selectors import due_for_renewal, last_end_due_on
from directory.classification import Classification
from tests.factories import make_clearance

D = datetime.date
DAY = datetime.timedelta(days=1)


def clearance(level: int, valid_until: datetime.date) -> Clearance:
    return Clearance(
        level=level,
        status=Clearance.Status.GRANTED,
        requested_on=D(2021, 1, 1),
        decided_on=D(2021, 10, 15),
        valid_until=valid_until,
    )


@pytest.mark.parametrize(
    ("level", "opens_on"),
    [
        (Classification.BEPERKT, D(2026, 3, 15)),
        (Classification.VERTROUWELIJK, D(2026, 3, 15)),
        (Classification.GEHEIM, D(2026, 3, 15)),
        (Classification.ZEER_GEHEIM, D(2025, 12, 15)),
    ],
)
def test_the_window_opens_seven_months_ahead_ten_for_top_secret(level, opens_on):
    item = clearance(level, D(2026, 10, 15))
    assert item.renewal_opens_on() == opens_on
    assert not item.is_due_for_renewal_on(opens_on - DAY)
    assert item.is_due_for_renewal_on(opens_on)
    assert item.is_due_for_renewal_on(D(2026, 10, 15))  # the last valid day
    assert not item.is_due_for_renewal_on(D(2026, 10, 16))  # expired, no longer renewable


def test_only_a_granted_clearance_is_due():
    item = clearance(Classification.GEHEIM, D(2026, 10, 15))
    item.status = Clearance.Status.WITHDRAWN
    assert not item.is_due_for_renewal_on(D(2026, 6, 1))


def test_the_days_left_count_down_to_the_end():
    item = clearance(Classification.GEHEIM, D(2026, 10, 15))
    assert item.days_left_on(D(2026, 10, 15)) == 0
    assert item.days_left_on(D(2026, 10, 5)) == 10


def test_the_last_end_due_survives_the_end_of_february():
    # 30 September less 7 months is 29 February 2024, like 29 September.
    assert last_end_due_on(D(2024, 2, 29), RENEWAL_LEAD) == D(2024, 9, 30)
    assert last_end_due_on(D(2024, 2, 28), RENEWAL_LEAD) == D(2024, 9, 28)
    assert last_end_due_on(D(2024, 3, 1), RENEWAL_LEAD) == D(2024, 10, 1)


@pytest.mark.django_db
def test_the_database_agrees_with_the_model_on_every_day(dov_person):
    ends = [D(2024, 9, 28), D(2024, 9, 30), D(2024, 10, 31), D(2025, 2, 28), D(2025, 3, 31)]
    clearances = [
        make_clearance(
            dov_person, level, decided_on=D(2021, 1, 1), valid_until=end, requested_on=D(2020, 6, 1)
        )
        for end in ends
        for level in (Classification.VERTROUWELIJK, Classification.ZEER_GEHEIM)
    ]
    day = D(2023, 11, 1)
    while day <= D(2025, 4, 2):
        in_database = set(
            Clearance.objects.filter(due_for_renewal(day)).values_list("pk", flat=True)
        )
        in_python = {item.pk for item in clearances if item.is_due_for_renewal_on(day)}
        assert in_database == in_python, day
        day += DAY
