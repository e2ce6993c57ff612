"""Nobody records or raises his own clearance; a liaison officer's needs a second person."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import Role
from clearances import services
from clearances.forms import PersonForm
from clearances.models import Clearance, ClearanceProposal
from clearances.validity import valid_clearance_level
from directory.classification import Classification
from tests.factories import client_for, make_clearance, make_person, make_user, today

pytestmark = pytest.mark.django_db
S = Clearance.Status


@pytest.fixture
def deputy(kanselarij):
    """The liaison officer's deputy: the same role, another account."""
    return make_user("deputy", kanselarij, Role.LIAISON_OFFICER)


@pytest.fixture
def vo_kanselarij(kanselarij):
    """The security officer of the officer's own department."""
    return make_user("vo-kanselarij", kanselarij, Role.SECURITY_OFFICER)


def granted(person, level: int = Classification.ZEER_GEHEIM) -> dict[str, object]:
    decided_on = today() - datetime.timedelta(days=10)
    return {
        "person": person.pk,
        "level": level,
        "authority": Clearance.Authority.NVO,
        "authority_reference": "NVO-2026-0001",
        "status": S.GRANTED,
        "requested_on": (decided_on - datetime.timedelta(days=90)).isoformat(),
        "decided_on": decided_on.isoformat(),
        "valid_until": (decided_on + datetime.timedelta(days=1500)).isoformat(),
        "notes": "",
    }


def test_the_officer_cannot_raise_his_own_clearance(officer):
    own = make_clearance(officer.person, Classification.GEHEIM)
    client = client_for(officer)
    response = client.post(reverse("clearances:update", args=[own.pk]), granted(officer.person))
    assert response.status_code == 403
    response = client.post(reverse("clearances:create"), granted(officer.person))
    assert response.context["form"].has_error("person", "invalid_choice")
    assert valid_clearance_level(officer) == Classification.GEHEIM
    with pytest.raises(PermissionDenied):
        services.clearance_update(clearance=own, by=officer, level=Classification.ZEER_GEHEIM)
    with pytest.raises(PermissionDenied):
        services.clearance_create(
            by=officer,
            person=officer.person,
            level=Classification.ZEER_GEHEIM,
            requested_on=today(),
        )


def test_a_liaison_officers_clearance_takes_effect_only_when_a_second_person_confirms(
    officer, deputy, vo_kanselarij
):
    response = client_for(deputy).post(reverse("clearances:create"), granted(officer.person))
    assert response.status_code == 302
    assert not Clearance.objects.filter(person=officer.person).exists()
    assert valid_clearance_level(officer) is None
    proposal = ClearanceProposal.objects.get(person=officer.person)
    confirm = reverse("clearances:proposal_confirm", args=[proposal.pk])

    assert client_for(deputy).post(confirm).status_code == 403  # not the proposer
    assert client_for(officer).post(confirm).status_code == 403  # not the holder
    assert valid_clearance_level(officer) is None

    page = client_for(vo_kanselarij).get(
        reverse("clearances:person_detail", args=[officer.person.pk])
    )
    assert confirm in page.content.decode()
    assert client_for(vo_kanselarij).post(confirm).status_code == 302
    assert valid_clearance_level(officer) == Classification.ZEER_GEHEIM
    proposal.refresh_from_db()
    assert (proposal.outcome, proposal.decided_by) == ("confirmed", vo_kanselarij)
    assert proposal.clearance.status_changes.get().changed_by == vo_kanselarij
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ClearanceProposal), object_id=proposal.pk
    )
    assert logged.count() == 2  # proposed, then confirmed


def test_an_unconfirmed_raise_never_counts_for_access(officer, deputy):
    current = make_clearance(officer.person, Classification.GEHEIM)
    response = client_for(deputy).post(
        reverse("clearances:update", args=[current.pk]), granted(officer.person)
    )
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.level == Classification.GEHEIM
    assert valid_clearance_level(officer) == Classification.GEHEIM
    assert current.proposals.get().level == Classification.ZEER_GEHEIM


def test_a_rejected_proposal_changes_nothing(officer, deputy, vo_kanselarij):
    proposal = services.clearance_propose(
        clearance=None, by=deputy, **{**granted(officer.person), "person": officer.person}
    )
    reject = reverse("clearances:proposal_reject", args=[proposal.pk])
    assert client_for(vo_kanselarij).post(reject).status_code == 302
    proposal.refresh_from_db()
    assert proposal.outcome == "rejected"
    assert valid_clearance_level(officer) is None
    with pytest.raises(PermissionDenied):
        services.clearance_proposal_confirm(proposal=proposal, by=vo_kanselarij)


def test_a_withdrawal_takes_effect_at_once_and_outdates_an_earlier_proposal(
    officer, deputy, vo_kanselarij
):
    current = make_clearance(officer.person, Classification.GEHEIM)
    proposal = services.clearance_propose(
        clearance=current, by=deputy, **{**granted(officer.person), "person": officer.person}
    )
    services.clearance_update(clearance=current, by=vo_kanselarij, status=S.WITHDRAWN)
    assert valid_clearance_level(officer) is None
    proposal.refresh_from_db()
    assert proposal.outcome == "superseded"
    with pytest.raises(PermissionDenied):
        services.clearance_proposal_confirm(proposal=proposal, by=officer)
    assert valid_clearance_level(officer) is None


def test_nobody_links_his_own_account_to_a_cleared_person(officer, kanselarij):
    cleared = make_person(kanselarij, "Zeer", "Geheim")
    make_clearance(cleared, Classification.ZEER_GEHEIM)
    own_form = PersonForm(instance=officer.person, user=officer)
    assert "user" not in own_form.fields
    form = PersonForm(
        {
            "first_name": "Zeer",
            "last_name": "Geheim",
            "organisation": kanselarij.pk,
            "user": officer.pk,
        },
        instance=cleared,
        user=officer,
    )
    assert not form.is_valid()
    assert form.has_error("user")
    with pytest.raises(PermissionDenied):
        services.person_update(person=cleared, by=officer, user=officer)


def test_a_deputys_account_is_not_linked_to_a_cleared_person(officer, kanselarij):
    deputy = make_user("deputy", kanselarij, Role.LIAISON_OFFICER)
    deputy.person.delete()
    cleared = make_person(kanselarij, "Zeer", "Geheim")
    make_clearance(cleared, Classification.ZEER_GEHEIM)
    form = PersonForm(
        {
            "first_name": "Zeer",
            "last_name": "Geheim",
            "organisation": kanselarij.pk,
            "user": deputy.pk,
        },
        instance=cleared,
        user=officer,
    )
    assert not form.is_valid()
    assert form.has_error("user", "account_link_refused")
