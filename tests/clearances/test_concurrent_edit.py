"""Two people editing the same clearance or appointment: no save silently overwrites."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from clearances.forms import AppointmentForm, ClearanceForm
from clearances.models import Clearance
from tests.dossiers.test_concurrent_edit import opened_form, translated
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(kanselarij):
    return make_user("deputy", kanselarij, Role.LIAISON_OFFICER)


def test_a_clearance_saved_meanwhile_is_not_overwritten(officer, deputy, dov_clearance):
    url = reverse("clearances:update", args=[dov_clearance.pk])
    officer_sees = opened_form(ClearanceForm(instance=dov_clearance, user=officer))
    deputy_sees = opened_form(ClearanceForm(instance=dov_clearance, user=deputy))

    deputy_sees |= {"status": Clearance.Status.WITHDRAWN}
    assert client_for(deputy).post(url, deputy_sees).status_code == 302

    officer_client = client_for(officer)
    officer_sees |= {"notes": "Dossier bij NVO opgevraagd"}
    refused = officer_client.post(url, officer_sees)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert translated("Your changes were not saved.") in page
    with translation.override("nl"):
        assert str(Clearance.Status.WITHDRAWN.label) in page  # what the deputy saved
    dov_clearance.refresh_from_db()
    assert (dov_clearance.status, dov_clearance.notes) == (Clearance.Status.WITHDRAWN, "")
    # One status change recorded, the deputy's; none for the refused save.
    assert dov_clearance.status_changes.count() == 1

    again = {**officer_sees, "seen_version": refused.context["form"]["seen_version"].value()}
    again["status"] = Clearance.Status.WITHDRAWN
    assert officer_client.post(url, again).status_code == 302
    dov_clearance.refresh_from_db()
    assert (dov_clearance.status, dov_clearance.notes) == (
        Clearance.Status.WITHDRAWN,
        "Dossier bij NVO opgevraagd",
    )


def test_an_appointment_saved_meanwhile_is_not_overwritten(officer, deputy, dov_appointment):
    url = reverse("clearances:appointment_update", args=[dov_appointment.pk])
    officer_sees = opened_form(AppointmentForm(instance=dov_appointment, user=officer))
    deputy_sees = opened_form(AppointmentForm(instance=dov_appointment, user=deputy))

    deputy_sees |= {"ends_on": "2027-12-31"}
    assert client_for(deputy).post(url, deputy_sees).status_code == 302

    refused = client_for(officer).post(url, officer_sees | {"function": "assistant"})
    assert refused.status_code == 200
    assert translated("Your changes were not saved.") in refused.content.decode()
    dov_appointment.refresh_from_db()
    assert dov_appointment.function == "officer"
    assert dov_appointment.ends_on.isoformat() == "2027-12-31"
