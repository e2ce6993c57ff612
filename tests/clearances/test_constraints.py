"""The date rules of a clearance hold in the database: the admin and imports obey them too."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from clearances.models import Clearance
from directory.classification import Classification

pytestmark = pytest.mark.django_db
D = datetime.date


def record(person, **fields: object) -> Clearance:
    fields.setdefault("status", Clearance.Status.GRANTED)
    fields.setdefault("requested_on", D(2024, 1, 10))
    fields.setdefault("decided_on", D(2024, 2, 29))
    return Clearance.objects.create(person=person, level=Classification.GEHEIM, **fields)


def refused(person, **fields: object) -> bool:
    try:
        with transaction.atomic():
            record(person, **fields)
    except IntegrityError:
        return True
    return False


def test_a_six_year_clearance_is_refused_by_the_database(dov_person):
    assert refused(dov_person, valid_until=D(2030, 2, 28))


def test_five_years_to_the_day_is_accepted_even_from_29_february(dov_person):
    assert not refused(dov_person, valid_until=D(2029, 2, 28))
    assert refused(dov_person, valid_until=D(2029, 3, 1))


@pytest.mark.parametrize(
    "fields",
    [
        {"decided_on": D(2024, 1, 1), "valid_until": D(2026, 1, 1)},  # decided before request
        {"valid_until": D(2024, 2, 1)},  # ends before the decision
        {"status": Clearance.Status.REQUESTED, "decided_on": None, "valid_until": D(2026, 1, 1)},
        {"status": Clearance.Status.REFUSED, "appeal_lodged_on": D(2024, 1, 1)},
        {"status": Clearance.Status.APPEAL_LODGED},
        {
            "status": Clearance.Status.APPEAL_DECIDED,
            "appeal_lodged_on": D(2024, 3, 5),
            "appeal_decided_on": D(2024, 6, 1),
        },
        {
            "status": Clearance.Status.REFUSED,
            "appeal_lodged_on": D(2024, 3, 5),
            "appeal_decided_on": D(2024, 3, 1),
        },
    ],
)
def test_dates_out_of_order_are_refused_by_the_database(dov_person, fields):
    fields.setdefault("valid_until", D(2027, 1, 1))
    assert refused(dov_person, **fields)


def test_a_decided_appeal_with_its_dates_and_outcome_is_accepted(dov_person):
    assert not refused(
        dov_person,
        status=Clearance.Status.APPEAL_DECIDED,
        valid_until=None,
        appeal_lodged_on=D(2024, 3, 5),
        appeal_decided_on=D(2024, 9, 1),
        appeal_outcome=Clearance.AppealOutcome.UPHELD,
    )
