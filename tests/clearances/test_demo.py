"""The demo register: idempotent, every status, and the situations the coverage page flags."""

import pytest

from accounts import demo as accounts_demo
from accounts.models import User
from clearances import demo
from clearances.models import (
    MAX_VALIDITY,
    Clearance,
    ClearanceStatusChange,
    SecurityOfficerAppointment,
)
from clearances.selectors import coverage, due_for_renewal, expired_on
from clearances.validity import valid_clearance_level
from directory.classification import Classification
from directory.models import Person
from tests.factories import today

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]
MODELS = (Person, Clearance, ClearanceStatusChange, SecurityOfficerAppointment)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_running_the_loader_twice_duplicates_nothing():
    first = counts()
    accounts_demo.load()
    demo.load()
    assert counts() == first
    assert first["Person"] >= 40 and first["Clearance"] >= 40


def test_the_demo_accounts_hold_the_agreed_levels():
    levels = {
        username: valid_clearance_level(User.objects.get(username=username))
        for username in ("officer", "vo-onderwijs", "vo-kanselarij", "kabinet")
    }
    assert levels == {
        "officer": Classification.GEHEIM,
        "vo-onderwijs": Classification.VERTROUWELIJK,
        "vo-kanselarij": Classification.VERTROUWELIJK,
        "kabinet": None,
    }


def test_every_status_occurs_and_some_are_due_or_expired():
    statuses = set(Clearance.objects.values_list("status", flat=True))
    assert statuses == set(Clearance.Status.values)
    assert Clearance.objects.filter(due_for_renewal(today())).count() >= 5
    assert Clearance.objects.filter(expired_on(today())).count() >= 4


def test_every_demo_clearance_respects_the_five_year_cap():
    for clearance in Clearance.objects.filter(valid_until__isnull=False):
        assert clearance.valid_until <= clearance.decided_on + MAX_VALIDITY


def test_granted_demo_clearances_have_a_history_that_reads_true():
    granted = Clearance.objects.filter(status=Clearance.Status.GRANTED).first()
    steps = list(granted.status_changes.order_by("pk").values_list("to_status", flat=True))
    assert steps == ["requested", "under_investigation", "granted"]
    assert granted.status_changes.filter(changed_by__username="officer").count() == 3


def test_the_coverage_flags_show_in_the_demo():
    rows = {row.short_name: row for row in coverage(User.objects.get(username="officer"))}
    assert rows["DOMG"].no_officer
    assert rows["DWVG"].uncleared_officer and not rows["DWVG"].no_officer
    assert rows["FB"].too_many_officers
    assert not (rows["DOV"].no_officer or rows["DOV"].uncleared_officer)
    assert not (rows["DKBUZA"].no_officer or rows["DKBUZA"].uncleared_officer)
    officers = {
        (a.organisation.short_name, a.person.user.username)
        for a in SecurityOfficerAppointment.objects.filter(person__user__isnull=False)
    }
    assert officers == {("DOV", "vo-onderwijs"), ("DKBUZA", "vo-kanselarij")}


def test_the_demo_command_loads_the_register():
    assert Clearance.objects.filter(authority_reference="DEMO-0001").exists()


def test_the_demo_has_scopes_briefings_appeals_an_interim_officer_and_a_pending_renewal():
    scopes = set(Clearance.objects.values_list("scope", flat=True))
    assert scopes == set(Clearance.Scope.values)
    granted = Clearance.objects.filter(status=Clearance.Status.GRANTED)
    assert not granted.filter(briefed_on__isnull=True, renews__isnull=True).exists()
    decided = Clearance.objects.get(status=Clearance.Status.APPEAL_DECIDED)
    assert decided.appeal_outcome and decided.appeal_lodged_on < decided.appeal_decided_on
    interim = SecurityOfficerAppointment.objects.get(interim=True)
    assert interim.organisation.short_name == "DWVG" and interim.ends_on is None
    renewal = Clearance.objects.get(renews__isnull=False)
    assert renewal.status == Clearance.Status.REQUESTED
    assert renewal.renews.is_due_for_renewal_on(today())
