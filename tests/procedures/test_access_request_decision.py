"""The 44/11/9 procedure to its end: the ministers' decision and the resulting agreement."""

import datetime

import pytest
from django.urls import reverse

from directory.classification import Classification
from directory.models import Organisation
from dossiers.models import AccessRequest, Dossier
from tests.factories import client_for, make_dossier, make_organisation, share
from tests.procedures.conftest import edit_data, make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministries(db) -> list[Organisation]:
    kind = Organisation.Kind.FEDERAL_SERVICE
    return [make_organisation("FOD BIZA", kind=kind), make_organisation("FOD JUST", kind=kind)]


def test_the_ministers_decide_and_the_request_links_the_resulting_protocol(
    officer, officer_client, ministries, vo_onderwijs
):
    request = make_procedure(officer, Dossier.Kind.ACCESS_REQUEST, {"step": "revision"})
    protocol = make_dossier(officer, kind=Dossier.Kind.PROTOCOL_AGREEMENT, title="Protocol")
    url = reverse("dossiers:update", args=[request.pk])
    undated = edit_data(officer_client, request, **{"details-decision": "granted"})
    response = officer_client.post(url, undated)
    assert response.status_code == 200
    errors = response.context["detail_form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["decided_on_required"]

    decided = edit_data(
        officer_client,
        request,
        **{
            "details-step": "decided",
            "details-decision": "granted_with_conditions",
            "details-decided_on": "2026-11-20",
            "details-deciding_ministries": [str(ministry.pk) for ministry in ministries],
            "details-resulting_dossier": protocol.pk,
        },
    )
    assert officer_client.post(url, decided).status_code == 302
    details = AccessRequest.objects.get()
    assert (details.decision, details.decided_on) == (
        "granted_with_conditions",
        datetime.date(2026, 11, 20),
    )
    assert set(details.deciding_ministries.all()) == set(ministries)
    assert details.resulting_dossier == protocol
    page = officer_client.get(request.get_absolute_url()).content.decode()
    assert protocol.get_absolute_url() in page

    share(request, vo_onderwijs)  # sees the request, not the protocol
    page = client_for(vo_onderwijs).get(request.get_absolute_url()).content.decode()
    assert protocol.reference not in page


def test_only_a_dossier_the_officer_may_see_can_be_the_result(officer, officer_client):
    request = make_procedure(officer, Dossier.Kind.ACCESS_REQUEST, {})
    # Above the officer's clearance (he has none): he cannot see it, so cannot choose it.
    hidden = make_dossier(officer, Classification.GEHEIM, kind=Dossier.Kind.PROTOCOL_AGREEMENT)
    data = edit_data(officer_client, request, **{"details-resulting_dossier": hidden.pk})
    response = officer_client.post(reverse("dossiers:update", args=[request.pk]), data)
    assert response.status_code == 200
    assert response.context["detail_form"].has_error("resulting_dossier")
    assert AccessRequest.objects.get().resulting_dossier is None
