"""Two people editing the same dossier: the later save over a newer version is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from directory.models import Organisation
from dossiers.forms import DossierForm, ProtocolAgreementForm
from dossiers.models import Dossier, ProtocolAgreement
from tests.factories import client_for, make_dossier, make_organisation, make_user, opened_form

pytestmark = pytest.mark.django_db


def translated(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


@pytest.fixture
def deputy(kanselarij):
    return make_user("deputy", kanselarij, Role.LIAISON_OFFICER)


@pytest.fixture
def agreement(officer) -> Dossier:
    """A dossier with details: a protocol agreement with a partner service."""
    dossier = make_dossier(officer, title="Protocol met OCAD", kind=Dossier.Kind.PROTOCOL_AGREEMENT)
    ocad = make_organisation("OCAD", kind=Organisation.Kind.FEDERAL_PARTNER)
    ProtocolAgreement.objects.create(dossier=dossier, partner=ocad)
    return dossier


def edit_page_data(dossier: Dossier) -> dict[str, object]:
    details = ProtocolAgreement.objects.get(dossier=dossier)
    return opened_form(DossierForm(instance=dossier)) | opened_form(
        ProtocolAgreementForm(instance=details, prefix="details")
    )


def test_a_save_over_a_newer_version_is_refused_and_can_be_reapplied(officer, deputy, agreement):
    url = reverse("dossiers:update", args=[agreement.pk])
    officer_client, deputy_client = client_for(officer), client_for(deputy)
    officer_sees = edit_page_data(agreement)  # both open the edit page
    deputy_sees = edit_page_data(agreement)

    deputy_sees |= {"title": "Protocol met OCAD (herzien)", "details-status": "negotiation"}
    assert deputy_client.post(url, deputy_sees).status_code == 302

    officer_sees |= {"deadline": "2027-03-01"}
    refused = officer_client.post(url, officer_sees)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert translated("Your changes were not saved.") in page
    assert "Protocol met OCAD (herzien)" in page  # what the other one saved
    assert "Deputy Tester" in page  # who saved it
    agreement.refresh_from_db()
    assert agreement.title == "Protocol met OCAD (herzien)"
    assert agreement.deadline is None
    assert agreement.protocol_agreement.status == ProtocolAgreement.Status.NEGOTIATION

    # The form kept the officer's input and now carries the saved version: he checks
    # it, takes the new title, and saves again.
    form = refused.context["form"]
    reapplied = {**officer_sees, "seen_version": form["seen_version"].value()}
    reapplied["title"] = "Protocol met OCAD (herzien)"
    reapplied["details-status"] = "negotiation"
    assert officer_client.post(url, reapplied).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Protocol met OCAD (herzien)"
    assert agreement.deadline == datetime.date(2027, 3, 1)


def test_saves_one_after_the_other_both_succeed(officer_client, agreement):
    url = reverse("dossiers:update", args=[agreement.pk])
    first = edit_page_data(agreement) | {"title": "Eerste"}
    assert officer_client.post(url, first).status_code == 302
    agreement.refresh_from_db()
    second = edit_page_data(agreement) | {"title": "Tweede"}
    assert officer_client.post(url, second).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Tweede", 3)
