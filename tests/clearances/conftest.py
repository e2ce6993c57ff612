"""People, clearances and appointments of the permission matrix's organisations."""

import datetime

import pytest
from django.utils import timezone

from clearances.models import Clearance, SecurityOfficerAppointment
from directory.classification import Classification
from directory.models import Organisation, Person

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def make_person(
    organisation: Organisation, first_name: str = "Griet", last_name: str = "Vandenbroucke"
) -> Person:
    return Person.objects.create(
        first_name=first_name, last_name=last_name, organisation=organisation
    )


def make_clearance(
    person: Person,
    level: int = Classification.GEHEIM,
    *,
    status: str = Clearance.Status.GRANTED,
    decided_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    **fields: object,
) -> Clearance:
    """A granted clearance decided 300 days ago and valid 1000 days more, unless told."""
    decided_on = decided_on or today() - 300 * DAY
    return Clearance.objects.create(
        person=person,
        level=level,
        status=status,
        requested_on=fields.pop("requested_on", decided_on - 60 * DAY),
        decided_on=decided_on,
        valid_until=valid_until or today() + 1000 * DAY,
        **fields,
    )


def appoint(
    person: Person,
    organisation: Organisation | None = None,
    function: str = SecurityOfficerAppointment.Function.OFFICER,
    **fields: object,
) -> SecurityOfficerAppointment:
    fields.setdefault("starts_on", today() - 200 * DAY)
    return SecurityOfficerAppointment.objects.create(
        person=person, organisation=organisation or person.organisation, function=function, **fields
    )


@pytest.fixture
def dov_person(onderwijs) -> Person:
    return make_person(onderwijs, "Griet", "Vandenbroucke")


@pytest.fixture
def dov_clearance(dov_person) -> Clearance:
    return make_clearance(dov_person, Classification.VERTROUWELIJK, authority_reference="NVO-1")


@pytest.fixture
def dov_appointment(dov_person) -> SecurityOfficerAppointment:
    return appoint(dov_person)
