"""The services record every status change, with who made it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clearances import services
from clearances.models import Clearance, ClearanceStatusChange
from directory.classification import Classification

pytestmark = pytest.mark.django_db
S = Clearance.Status


def history(clearance: Clearance) -> list[tuple[str, str, str]]:
    return [
        (change.from_status, change.to_status, change.changed_by.username)
        for change in clearance.status_changes.order_by("pk")
    ]


@pytest.fixture
def requested(officer, dov_person) -> Clearance:
    return services.clearance_create(
        by=officer,
        person=dov_person,
        level=Classification.GEHEIM,
        status=S.REQUESTED,
        requested_on=datetime.date(2025, 1, 10),
    )


def test_creation_records_the_first_status(requested):
    assert history(requested) == [("", S.REQUESTED, "officer")]


def test_each_change_of_status_is_recorded_with_its_author(requested, officer, vo_onderwijs):
    services.clearance_update(clearance=requested, by=vo_onderwijs, status=S.UNDER_INVESTIGATION)
    services.clearance_update(
        clearance=requested,
        by=officer,
        status=S.GRANTED,
        decided_on=datetime.date(2025, 4, 1),
        valid_until=datetime.date(2030, 4, 1),
    )
    assert history(requested) == [
        ("", S.REQUESTED, "officer"),
        (S.REQUESTED, S.UNDER_INVESTIGATION, "vo-onderwijs"),
        (S.UNDER_INVESTIGATION, S.GRANTED, "officer"),
    ]


def test_a_change_without_new_status_records_nothing(requested, officer):
    services.clearance_update(clearance=requested, by=officer, notes="Dossier volledig")
    assert len(history(requested)) == 1
    requested.refresh_from_db()
    assert requested.notes == "Dossier volledig"


def test_the_previous_status_comes_from_the_database(requested, officer):
    """A bound form has already put the new status on the instance before the service runs."""
    requested.status = S.UNDER_INVESTIGATION
    services.clearance_update(clearance=requested, by=officer)
    assert history(requested)[-1] == (S.REQUESTED, S.UNDER_INVESTIGATION, "officer")


def test_an_invalid_clearance_saves_nothing_not_even_history(officer, dov_person):
    with pytest.raises(ValidationError):
        services.clearance_create(
            by=officer,
            person=dov_person,
            level=Classification.GEHEIM,
            status=S.GRANTED,  # without decision or end: refused by the constraint
            requested_on=datetime.date(2025, 1, 10),
        )
    assert not Clearance.objects.exists() and not ClearanceStatusChange.objects.exists()


def test_person_and_appointment_services_save_validated_rows(onderwijs):
    person = services.person_create(first_name="Ruth", last_name="Smets", organisation=onderwijs)
    services.person_update(person=person, function="Inspecteur")
    appointment = services.appointment_create(
        person=person, organisation=onderwijs, starts_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.appointment_update(appointment=appointment, ends_on=datetime.date(2023, 1, 1))
    appointment.refresh_from_db()
    assert appointment.ends_on is None
    person.refresh_from_db()
    assert person.function == "Inspecteur"
