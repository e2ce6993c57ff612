"""Writes on the register, each in one transaction; a status change is always recorded.

Nobody records or changes his own clearance. A record that would leave a liaison
officer with a granted clearance is kept as a proposal until a second authorised
person confirms it. ``by=None`` is a load by the system (demo data, an import), not a
person, and is held to neither rule.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clearances.models import (
    Clearance,
    ClearanceProposal,
    ClearanceStatusChange,
    CoverageFigures,
    SecurityOfficerAppointment,
)
from clearances.selectors import (
    account_link_refusal,
    counted_coverage,
    coverage_counted_for,
    may_decide_proposal,
    needs_second_person,
    pending_renewal,
)
from common.versions import version_claim
from directory.models import Organisation, Person

# What a stored row of coverage figures holds besides its organisation.
COVERAGE_FIGURES = ("officer_count", "cleared_count", "renewal_count", "uncleared_officer")


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


def recorded_person(clearance: Clearance) -> int:
    """Whose clearance it is in the database: a bound form may have changed the instance."""
    return Clearance.objects.values_list("person", flat=True).get(pk=clearance.pk)


def refuse_own_clearance(*, by: User | None, person_ids: set[int]) -> None:
    if by is not None and Person.objects.filter(pk__in=person_ids, user=by).exists():
        raise PermissionDenied(_("Nobody records or changes his own clearance."))


def refuse_other_person(*, clearance: Clearance | None, fields: dict[str, object]) -> None:
    """A clearance stays with the person it was recorded for: another is a new clearance."""
    if clearance is None or clearance.pk is None or "person" not in fields:
        return
    if fields["person"].pk != recorded_person(clearance):
        raise PermissionDenied(
            _("A clearance cannot move to another person: record a new clearance instead.")
        )


def refuse_unconfirmed_grant(*, by: User | None, person: Person, status: str) -> None:
    if by is not None and needs_second_person(person=person, status=status):
        raise PermissionDenied(
            _("A liaison officer's clearance takes effect only when a second person confirms it.")
        )


def clearance_save(*, clearance: Clearance, by: User | None, fields: dict[str, object]) -> None:
    """Save the clearance and its status history.

    The previous status is read from the database (and locked), for a bound form has
    already written the new one on the instance.
    """
    previous = ""
    if clearance.pk is not None:
        previous = (
            Clearance.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=clearance.pk)
        )
    validated_save(clearance, fields)
    if clearance.status != previous:
        status_change_record(clearance=clearance, from_status=previous, by=by)
    coverage_figures_enqueue(organisation_ids=[clearance.person.organisation_id])


def pending_proposals_supersede(*, clearance: Clearance) -> None:
    """A proposal made before the clearance last changed must not undo that change."""
    for stale in clearance.proposals.filter(outcome=ClearanceProposal.Outcome.PENDING):
        stale.outcome = ClearanceProposal.Outcome.SUPERSEDED
        stale.save(update_fields=["outcome"])


@transaction.atomic
def clearance_create(*, by: User | None, **fields: object) -> Clearance:
    clearance = Clearance()
    person = fields["person"]
    refuse_own_clearance(by=by, person_ids={person.pk})
    refuse_unconfirmed_grant(
        by=by, person=person, status=fields.get("status", Clearance.Status.REQUESTED)
    )
    clearance_save(clearance=clearance, by=by, fields=fields)
    return clearance


@transaction.atomic
def clearance_update(
    *, clearance: Clearance, by: User | None, seen_version: int | None = None, **fields: object
) -> Clearance:
    """Save the clearance unless it changed since `seen_version`; record a status change."""
    refuse_other_person(clearance=clearance, fields=fields)
    person = fields.get("person", clearance.person)
    refuse_own_clearance(by=by, person_ids={recorded_person(clearance), person.pk})
    refuse_unconfirmed_grant(by=by, person=person, status=fields.get("status", clearance.status))
    version_claim(clearance, seen=seen_version)
    clearance_save(clearance=clearance, by=by, fields=fields)
    pending_proposals_supersede(clearance=clearance)
    return clearance


# What a renewal request takes over from the clearance it renews.
RENEWED_TERMS = ("person", "level", "scope", "authority")


@transaction.atomic
def clearance_renewal_start(
    *, clearance: Clearance, by: User | None, requested_on: datetime.date | None = None
) -> Clearance:
    """File the request that renews a granted clearance; its renewal reminders stop.

    One renewal at a time: while one is in progress (or granted), another is refused.
    """
    clearance = Clearance.objects.select_for_update().get(pk=clearance.pk)
    if clearance.status != Clearance.Status.GRANTED:
        raise ValidationError(_("Only a granted clearance is renewed."), code="not_granted")
    if pending_renewal(clearance) is not None:
        raise ValidationError(
            _("The renewal of this clearance has already been requested."),
            code="renewal_under_way",
        )
    terms = {name: getattr(clearance, name) for name in RENEWED_TERMS}
    return clearance_create(
        by=by,
        **terms,
        status=Clearance.Status.REQUESTED,
        requested_on=requested_on or timezone.localdate(),
        renews=clearance,
    )


@transaction.atomic
def clearance_propose(
    *, clearance: Clearance | None, by: User, seen_version: int | None = None, **fields: object
) -> ClearanceProposal:
    """Record a liaison officer's clearance (or its change) for a second person to confirm.

    A proposal overwrites nothing, so the version the proposer saw is not checked: the
    second person confirms it against the clearance as it then stands.
    """
    refuse_other_person(clearance=clearance, fields=fields)
    person = fields["person"]
    recorded = {recorded_person(clearance)} if clearance is not None else set()
    refuse_own_clearance(by=by, person_ids={person.pk} | recorded)
    Clearance(**fields).full_clean()  # the terms must make a valid clearance
    if clearance is not None:
        pending_proposals_supersede(clearance=clearance)  # the latest one is to be confirmed
    proposal = ClearanceProposal(clearance=clearance, proposed_by=by, **fields)
    proposal.full_clean()
    proposal.save()
    return proposal


def proposal_to_decide(*, proposal: ClearanceProposal, by: User) -> ClearanceProposal:
    """The proposal, locked, if it still waits and ``by`` may decide it."""
    proposal = ClearanceProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise PermissionDenied(_("This proposal has already been decided."))
    if not may_decide_proposal(by, proposal):
        raise PermissionDenied(
            _("Only another authorised person confirms: neither the proposer nor the holder.")
        )
    return proposal


def proposal_decide(*, proposal: ClearanceProposal, by: User, outcome: str) -> None:
    proposal.outcome = outcome
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()


@transaction.atomic
def clearance_proposal_confirm(*, proposal: ClearanceProposal, by: User) -> Clearance:
    """The proposal's terms take effect, recorded as changed by the confirming person."""
    proposal = proposal_to_decide(proposal=proposal, by=by)
    clearance = proposal.clearance or Clearance(person=proposal.person)
    if clearance.pk is not None:
        version_claim(clearance, seen=None)  # an edit form opened before now is stale
    clearance_save(
        clearance=clearance, by=by, fields={**proposal.terms(), "person": proposal.person}
    )
    proposal.clearance = clearance
    proposal_decide(proposal=proposal, by=by, outcome=ClearanceProposal.Outcome.CONFIRMED)
    return clearance


@transaction.atomic
def clearance_proposal_reject(*, proposal: ClearanceProposal, by: User) -> None:
    proposal = proposal_to_decide(proposal=proposal, by=by)
    proposal_decide(proposal=proposal, by=by, outcome=ClearanceProposal.Outcome.REJECTED)


@transaction.atomic
def appointment_create(**fields: object) -> SecurityOfficerAppointment:
    appointment = SecurityOfficerAppointment()
    validated_save(appointment, fields)
    coverage_figures_enqueue(organisation_ids=[appointment.organisation_id])
    return appointment


@transaction.atomic
def appointment_update(
    *, appointment: SecurityOfficerAppointment, seen_version: int | None = None, **fields: object
) -> SecurityOfficerAppointment:
    """Save the appointment unless it changed since `seen_version` (common.versions)."""
    version_claim(appointment, seen=seen_version)
    before = appointment_organisation(appointment)
    validated_save(appointment, fields)
    coverage_figures_enqueue(organisation_ids=[before, appointment.organisation_id])
    return appointment


def appointment_organisation(appointment: SecurityOfficerAppointment) -> int:
    """Its organisation in the database: a bound form may have changed the instance."""
    return SecurityOfficerAppointment.objects.values_list("organisation", flat=True).get(
        pk=appointment.pk
    )


def refuse_account_link(*, by: User | None, person: Person, fields: dict[str, object]) -> None:
    if by is None or "user" not in fields:
        return
    refusal = account_link_refusal(by=by, person_pk=person.pk, user=fields["user"])
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def person_create(*, by: User | None = None, **fields: object) -> Person:
    person = Person()
    refuse_account_link(by=by, person=person, fields=fields)
    validated_save(person, fields)
    coverage_figures_enqueue(organisation_ids=[person.organisation_id])
    return person


@transaction.atomic
def person_update(*, person: Person, by: User | None = None, **fields: object) -> Person:
    refuse_account_link(by=by, person=person, fields=fields)
    before = person_organisation(person)
    validated_save(person, fields)
    coverage_figures_enqueue(organisation_ids=[before, person.organisation_id])
    return person


def person_organisation(person: Person) -> int | None:
    """His organisation in the database: a bound form may have changed the instance."""
    return Person.objects.values_list("organisation", flat=True).get(pk=person.pk)


# --- Coverage figures -------------------------------------------------------------------


def coverage_figures_enqueue(*, organisation_ids: list[int | None]) -> None:
    """Count the organisations' coverage figures again once the write is committed."""
    ids = sorted({pk for pk in organisation_ids if pk is not None})
    if ids:
        transaction.on_commit(lambda: coverage_figures_refresh_enqueue(ids), robust=True)


def coverage_figures_refresh_enqueue(organisation_ids: list[int]) -> None:
    from clearances.tasks import refresh_coverage_figures  # tasks call services

    refresh_coverage_figures.delay(organisation_ids)


@transaction.atomic
def coverage_figures_refresh(
    *,
    day: datetime.date | None = None,
    organisation_ids: list[int] | None = None,
    unless_counted: bool = False,
) -> int:
    """Count the coverage figures on ``day`` of the organisations (all by default) and
    store them; returns how many organisations were counted. Running twice is harmless.

    The organisations are locked first (against key changes only, so people and
    clearances are still written meanwhile): two refreshes of one organisation take
    turns, and the later one counts what the earlier one saw and more. With
    ``unless_counted`` (a page that found figures of another day), nothing is counted
    if another page counted them for ``day`` while this one waited for the lock.
    """
    day = day or timezone.localdate()
    organisations = Organisation.objects.order_by("pk")
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=organisation_ids)
    list(organisations.select_for_update(no_key=True).values_list("pk", flat=True))
    if unless_counted and coverage_counted_for(day, organisations):
        return 0
    counted_at = timezone.now()
    rows = []
    for values in counted_coverage(day, organisations).values("pk", *COVERAGE_FIGURES):
        organisation_id = values.pop("pk")
        rows.append(
            CoverageFigures(
                organisation_id=organisation_id, day=day, counted_at=counted_at, **values
            )
        )
    CoverageFigures.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["organisation"],
        update_fields=["day", "counted_at", *COVERAGE_FIGURES],
    )
    return len(rows)
