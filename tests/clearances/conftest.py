"""People, clearances and appointments of the permission matrix's organisations."""

import pytest

from clearances.models import Clearance, SecurityOfficerAppointment
from directory.classification import Classification
from directory.models import Person
from tests.factories import appoint, make_clearance, make_person


@pytest.fixture
def dov_person(onderwijs) -> Person:
    return make_person(onderwijs, "Griet", "Vandenbroucke")


@pytest.fixture
def dov_clearance(dov_person) -> Clearance:
    return make_clearance(dov_person, Classification.VERTROUWELIJK, authority_reference="NVO-1")


@pytest.fixture
def dov_appointment(dov_person) -> SecurityOfficerAppointment:
    return appoint(dov_person)
