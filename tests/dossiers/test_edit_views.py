"""Creating and editing a dossier: its form, its kind's details and their rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.classification import Classification
from dossiers.models import Dossier, ProtocolAgreement
from tests.factories import give_clearance, make_dossier

pytestmark = pytest.mark.django_db


def test_officer_creates_a_protocol_agreement_with_its_details(cleared_officer, officer_client):
    from directory.models import Organisation

    ocad = Organisation.objects.create(
        short_name="OCAD", name="OCAD", kind=Organisation.Kind.FEDERAL_PARTNER
    )
    response = officer_client.post(
        reverse("dossiers:create"),
        {
            "title": "Protocolafspraak OCAD",
            "workstream": "information_position",
            "kind": "protocol_agreement",
            "status": "open",
            "owner": cleared_officer.pk,
            "partners": [ocad.pk],
            "classification": Classification.VERTROUWELIJK,
            "opened_on": "2026-01-05",
            "details-partner": ocad.pk,
            "details-status": "negotiation",
            "details-review_on": "2027-01-05",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.reference == "VO-2026-0001"
    assert dossier.protocol_agreement.partner == ocad
    # The legal review term is filled in when left empty: 20 years for VERTROUWELIJK.
    assert dossier.declassification_review_on == datetime.date(2046, 1, 5)


def test_a_protocol_ending_before_its_signature_is_refused_with_the_rules_message(
    cleared_officer, officer_client
):
    from directory.models import Organisation

    ocad = Organisation.objects.create(
        short_name="OCAD", name="OCAD", kind=Organisation.Kind.FEDERAL_PARTNER
    )
    data = {
        "title": "Protocolafspraak OCAD",
        "workstream": "information_position",
        "kind": "protocol_agreement",
        "status": "open",
        "owner": cleared_officer.pk,
        "classification": Classification.NIET_GECLASSIFICEERD,
        "opened_on": "2026-01-05",
        "details-partner": ocad.pk,
        "details-status": "signed",
        "details-signed_on": "2026-02-01",
        "details-valid_until": "2026-01-31",
    }
    message = "De afspraak kan niet aflopen voor ze ondertekend is."
    response = officer_client.post(reverse("dossiers:create"), data)
    assert response.status_code == 200
    assert Dossier.objects.count() == 0
    assert message in response.content.decode()
    # The same rule and words for the admin and any import: the model's constraint.
    dossier = make_dossier(cleared_officer, title="Protocol")
    agreement = ProtocolAgreement(
        dossier=dossier,
        partner=ocad,
        status="signed",
        signed_on=datetime.date(2026, 2, 1),
        valid_until=datetime.date(2026, 1, 31),
    )
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()
    assert refused.value.messages == [message]


def test_invalid_dossier_form_shows_errors_and_saves_nothing(officer, officer_client):
    response = officer_client.post(
        reverse("dossiers:create"), {"title": "", "kind": "contact", "classification": "9"}
    )
    assert response.status_code == 200
    assert Dossier.objects.count() == 0
    assert "Dit veld is verplicht" in response.content.decode()


def test_the_owner_must_be_cleared_for_the_dossier(officer, officer_client, kanselarij):
    from accounts.roles import Role
    from tests.factories import make_user

    give_clearance(officer, Classification.GEHEIM)
    deputy = make_user("deputy", kanselarij, Role.LIAISON_OFFICER)
    give_clearance(deputy, Classification.VERTROUWELIJK)
    data = {
        "title": "Voorstel",
        "workstream": "information_position",
        "kind": "contact",
        "status": "open",
        "owner": deputy.pk,
        "classification": int(Classification.GEHEIM),
        "opened_on": "2026-01-05",
    }
    response = officer_client.post(reverse("dossiers:create"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("owner", "owner_not_cleared")
    assert not Dossier.objects.exists()
    officer_client.post(reverse("dossiers:create"), {**data, "owner": officer.pk})
    assert Dossier.objects.get().owner == officer
