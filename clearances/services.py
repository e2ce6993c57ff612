"""Writes on the register, each in one transaction; a status change is always recorded."""

from django.db import models, transaction

from clearances.models import Clearance, ClearanceStatusChange, SecurityOfficerAppointment
from liaison.models import Person, User
from liaison.versions import version_claim


def validated_save(instance: models.Model, fields: dict[str, object]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def status_change_record(
    *, clearance: Clearance, from_status: str, by: User | None
) -> ClearanceStatusChange:
    return ClearanceStatusChange.objects.create(
        clearance=clearance, from_status=from_status, to_status=clearance.status, changed_by=by
    )


@transaction.atomic
def clearance_create(*, by: User | None, **fields: object) -> Clearance:
    clearance = Clearance()
    validated_save(clearance, fields)
    status_change_record(clearance=clearance, from_status="", by=by)
    return clearance


@transaction.atomic
def clearance_update(
    *, clearance: Clearance, by: User | None, seen_version: int | None = None, **fields: object
) -> Clearance:
    """Save the clearance unless it changed since `seen_version`; record a status change.

    The previous status is read from the database (and locked), for a bound form has
    already written the new one on the instance.
    """
    version_claim(clearance, seen=seen_version)
    previous = (
        Clearance.objects.select_for_update().values_list("status", flat=True).get(pk=clearance.pk)
    )
    validated_save(clearance, fields)
    if clearance.status != previous:
        status_change_record(clearance=clearance, from_status=previous, by=by)
    return clearance


@transaction.atomic
def appointment_create(**fields: object) -> SecurityOfficerAppointment:
    appointment = SecurityOfficerAppointment()
    validated_save(appointment, fields)
    return appointment


@transaction.atomic
def appointment_update(
    *, appointment: SecurityOfficerAppointment, seen_version: int | None = None, **fields: object
) -> SecurityOfficerAppointment:
    """Save the appointment unless it changed since `seen_version` (liaison.versions)."""
    version_claim(appointment, seen=seen_version)
    validated_save(appointment, fields)
    return appointment


@transaction.atomic
def person_create(**fields: object) -> Person:
    person = Person()
    validated_save(person, fields)
    return person


@transaction.atomic
def person_update(*, person: Person, **fields: object) -> Person:
    validated_save(person, fields)
    return person
