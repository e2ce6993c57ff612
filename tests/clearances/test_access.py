"""Who reaches which page of the register: the access matrix of every view."""

import pytest
from django.test import Client
from django.urls import reverse

from clearances.models import Clearance
from directory.classification import Classification
from tests.factories import appoint, make_clearance, make_person

pytestmark = pytest.mark.django_db

# Every view, with the object of the DOV (vo-onderwijs's organisation) it shows.
OBJECT_VIEWS = {
    "detail": "clearance",
    "update": "clearance",
    "person_detail": "person",
    "person_update": "person",
    "appointment_update": "appointment",
}
PLAIN_VIEWS = [
    "list",
    "export",
    "create",
    "person_create",
    "appointment_create",
    "coverage",
]
GET_ONLY = {"list", "export", "detail", "person_detail", "coverage"}
ALL_VIEWS = [*PLAIN_VIEWS, *OBJECT_VIEWS]


@pytest.fixture
def dov(dov_person, dov_clearance, dov_appointment) -> dict[str, object]:
    return {"person": dov_person, "clearance": dov_clearance, "appointment": dov_appointment}


def url_of(name: str, dov: dict[str, object]) -> str:
    if name in OBJECT_VIEWS:
        return reverse(f"clearances:{name}", args=[dov[OBJECT_VIEWS[name]].pk])
    return reverse(f"clearances:{name}")


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_the_officer_reaches_every_page(officer_client, dov, name):
    assert officer_client.get(url_of(name, dov)).status_code == 200


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_the_security_officer_of_the_organisation_reaches_every_page(
    vo_onderwijs_client, dov, name
):
    assert vo_onderwijs_client.get(url_of(name, dov)).status_code == 200


@pytest.mark.parametrize("name", list(OBJECT_VIEWS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_security_officer_gets_404(vo_omgeving_client, dov, name, method):
    response = getattr(vo_omgeving_client, method)(url_of(name, dov))
    assert response.status_code == (405 if method == "post" and name in GET_ONLY else 404)


@pytest.mark.parametrize("name", ["list", "export", "coverage"])
def test_another_organisations_security_officer_sees_none_of_its_people(
    vo_omgeving_client, dov, name
):
    response = vo_omgeving_client.get(url_of(name, dov))
    assert response.status_code == 200
    assert "Vandenbroucke" not in response.content.decode()


@pytest.mark.parametrize("name", [n for n in ALL_VIEWS if n != "coverage"])
def test_cabinet_staff_get_404_everywhere_but_coverage(cabinet_client, dov, name):
    assert cabinet_client.get(url_of(name, dov)).status_code == 404


def test_cabinet_staff_see_coverage_as_counts_without_names(cabinet_client, dov, onderwijs):
    other = make_person(onderwijs, "Kristof", "Lemmens")
    make_clearance(other, Classification.GEHEIM)
    response = cabinet_client.get(reverse("clearances:coverage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "DOV" in html
    for name in ("Griet", "Vandenbroucke", "Kristof", "Lemmens"):
        assert name not in html
    row = next(o for o in response.context["page"] if o.short_name == "DOV")
    assert (row.officer_count, row.cleared_count) == (1, 2)
    assert reverse("clearances:person_detail", args=[dov["person"].pk]) not in html


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_a_user_without_role_gets_404(uncleared_client, dov, name):
    assert uncleared_client.get(url_of(name, dov)).status_code == 404


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_anonymous_is_sent_to_log_in(dov, name):
    url = url_of(name, dov)
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=" in response.url


@pytest.mark.parametrize("name", ALL_VIEWS)
@pytest.mark.parametrize("client_name", ["officer_client", "uncleared_client"])
def test_a_wrong_method_gets_405_before_any_lookup(request, dov, name, client_name):
    client = request.getfixturevalue(client_name)
    url = url_of(name, dov)
    assert client.delete(url).status_code == 405
    if name in GET_ONLY:
        assert client.post(url).status_code == 405


def test_a_security_officer_reads_but_does_not_change_his_own_clearance(
    vo_onderwijs, vo_onderwijs_client
):
    own = make_clearance(vo_onderwijs.person, Classification.VERTROUWELIJK)
    detail = vo_onderwijs_client.get(reverse("clearances:detail", args=[own.pk]))
    assert detail.status_code == 200
    assert reverse("clearances:update", args=[own.pk]) not in detail.content.decode()
    assert vo_onderwijs_client.get(reverse("clearances:update", args=[own.pk])).status_code == 403
    response = vo_onderwijs_client.post(
        reverse("clearances:update", args=[own.pk]),
        {"level": Classification.ZEER_GEHEIM, "status": "granted"},
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.level == Classification.VERTROUWELIJK


def post_clearance(client: Client, person, **fields) -> object:
    data = {
        "person": person.pk,
        "level": Classification.VERTROUWELIJK,
        "authority": "NVO",
        "authority_reference": "NVO-2025-0001",
        "status": "requested",
        "requested_on": "2025-01-10",
        **fields,
    }
    return client.post(reverse("clearances:create"), data)


def test_the_security_officer_records_a_clearance_in_his_organisation(
    vo_onderwijs, vo_onderwijs_client, dov_person
):
    response = post_clearance(vo_onderwijs_client, dov_person)
    clearance = Clearance.objects.get(authority_reference="NVO-2025-0001")
    assert response.status_code == 302 and response.url == clearance.get_absolute_url()
    assert clearance.status_changes.get().changed_by == vo_onderwijs


def test_a_security_officer_cannot_record_a_clearance_elsewhere(vo_omgeving_client, dov_person):
    response = post_clearance(vo_omgeving_client, dov_person)
    assert response.status_code == 200
    assert response.context["form"].has_error("person", code="invalid_choice")
    assert not Clearance.objects.filter(authority_reference="NVO-2025-0001").exists()


def test_a_refused_form_keeps_what_was_typed(officer_client, dov_person):
    response = post_clearance(
        officer_client,
        dov_person,
        status="granted",
        decided_on="2025-02-01",
        valid_until="2031-02-01",
        notes="Dringend voor de taskforce",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dringend voor de taskforce" in html and "2031-02-01" in html
    assert not Clearance.objects.exists()


def test_the_officer_edits_a_person_and_an_appointment(officer_client, dov, kanselarij):
    person = dov["person"]
    response = officer_client.post(
        reverse("clearances:person_update", args=[person.pk]),
        {"first_name": "Griet", "last_name": "Vanden Broucke", "organisation": kanselarij.pk},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.organisation) == ("Vanden Broucke", kanselarij)
    appointment = dov["appointment"]
    response = officer_client.post(
        reverse("clearances:appointment_update", args=[appointment.pk]),
        {
            "person": person.pk,
            "organisation": appointment.organisation_id,
            "function": "assistant",
            "starts_on": "2024-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.function == "assistant" and str(appointment.ends_on) == "2026-12-31"


def test_the_security_officer_adds_a_person_to_his_organisation(vo_onderwijs_client, onderwijs):
    response = vo_onderwijs_client.post(
        reverse("clearances:person_create"),
        {"first_name": "Kristof", "last_name": "Lemmens", "organisation": onderwijs.pk},
    )
    assert response.status_code == 302
    assert onderwijs.people.filter(last_name="Lemmens").exists()


def test_the_person_page_flags_an_appointment_without_valid_clearance(
    officer_client, dov_person, omgeving
):
    make_clearance(dov_person, Classification.GEHEIM, status="withdrawn")
    appoint(dov_person)
    url = reverse("clearances:person_detail", args=[dov_person.pk])
    html = officer_client.get(url).content.decode()
    assert 'data-testid="uncleared-holder"' in html
    make_clearance(dov_person, Classification.VERTROUWELIJK)
    html = officer_client.get(url).content.decode()
    assert 'data-testid="uncleared-holder"' not in html


def test_the_clearance_page_shows_the_status_history(officer, officer_client, dov_person):
    from clearances import services

    clearance = services.clearance_create(
        by=officer,
        person=dov_person,
        level=Classification.GEHEIM,
        status="requested",
        requested_on="2025-01-10",
    )
    services.clearance_update(clearance=clearance, by=officer, status="under_investigation")
    html = officer_client.get(clearance.get_absolute_url()).content.decode()
    assert html.count(officer.get_full_name()) >= 2
    assert str(Clearance.Status.UNDER_INVESTIGATION.label) in html
