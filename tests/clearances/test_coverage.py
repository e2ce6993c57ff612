"""Coverage per organisation: officers, cleared people, renewals and the three flags."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clearances.models import SecurityOfficerAppointment
from clearances.selectors import coverage
from clearances.services import coverage_figures_refresh
from directory.classification import Classification
from tests.factories import DAY, appoint, make_clearance, make_organisation, make_person, today

pytestmark = pytest.mark.django_db

ASSISTANT = SecurityOfficerAppointment.Function.ASSISTANT


@pytest.fixture
def landscape(onderwijs, omgeving, kanselarij, cabinet):
    """DOV in order, DOMG without officer, DKBUZA with three, KABMP's officer lapsed."""
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    make_clearance(griet, Classification.VERTROUWELIJK)
    appoint(griet)
    thomas = make_person(onderwijs, "Thomas", "Jacobs")  # an assistant without clearance
    appoint(thomas, function=ASSISTANT)
    kristof = make_person(onderwijs, "Kristof", "Lemmens")
    make_clearance(kristof, Classification.GEHEIM, valid_until=today() + 100 * DAY)  # due
    make_clearance(kristof, Classification.VERTROUWELIJK)  # counted once
    hilde = make_person(omgeving, "Hilde", "Desmet")
    make_clearance(hilde, Classification.VERTROUWELIJK)
    appoint(hilde, starts_on=today() - 900 * DAY, ends_on=today() - DAY)  # ended
    for first_name in ("Bart", "Annelies", "Jens"):
        person = make_person(kanselarij, first_name, "Mertens")
        make_clearance(person, Classification.GEHEIM)
        appoint(person)
    marc = make_person(cabinet, "Marc", "Van den Broeck")
    make_clearance(marc, Classification.GEHEIM, valid_until=today() - DAY)  # lapsed yesterday
    appoint(marc)
    make_organisation("DMOW", handles_classified=False)


def rows(user) -> dict[str, object]:
    return {organisation.short_name: organisation for organisation in coverage(user)}


def flags(row) -> set[str]:
    return {
        name
        for name in ("no_officer", "too_many_officers", "uncleared_officer")
        if getattr(row, name)
    }


def test_each_organisation_gets_its_flags(landscape, officer):
    found = rows(officer)
    assert set(found) == {"DOV", "DOMG", "DKBUZA", "KABMP"}  # DMOW handles nothing classified
    assert flags(found["DOV"]) == set()
    assert flags(found["DOMG"]) == {"no_officer"}
    assert flags(found["DKBUZA"]) == {"too_many_officers"}
    assert flags(found["KABMP"]) == {"uncleared_officer"}


def test_two_officers_are_still_in_order(landscape, officer, kanselarij):
    SecurityOfficerAppointment.objects.filter(
        organisation=kanselarij, person__first_name="Jens"
    ).update(ends_on=today() - DAY)
    assert flags(rows(officer)["DKBUZA"]) == set()


def test_an_officer_without_any_clearance_is_flagged_too(officer, omgeving):
    appoint(make_person(omgeving, "Jeroen", "Pauwels"))
    assert flags(rows(officer)["DOMG"]) == {"uncleared_officer"}


def test_the_counts_of_cleared_people_and_renewals(landscape, officer):
    found = rows(officer)
    assert (found["DOV"].officer_count, found["DOV"].cleared_count) == (1, 2)
    assert found["DOV"].renewal_count == 1
    assert (found["DOMG"].officer_count, found["DOMG"].cleared_count) == (0, 1)
    assert (found["DKBUZA"].officer_count, found["DKBUZA"].cleared_count) == (3, 3)
    assert (found["KABMP"].cleared_count, found["KABMP"].renewal_count) == (0, 0)


def test_active_officers_and_assistants_carry_their_valid_level(landscape, officer):
    dov = rows(officer)["DOV"]
    holders = {a.person.first_name: (a.function, a.holder_level) for a in dov.active_appointments}
    assert holders == {
        "Griet": ("officer", Classification.VERTROUWELIJK),
        "Thomas": ("assistant", None),
    }
    assert rows(officer)["DOMG"].active_appointments == []


def test_a_security_officer_sees_only_his_organisations_line(landscape, vo_onderwijs):
    assert list(rows(vo_onderwijs)) == ["DOV"]


def test_cabinet_staff_get_rows_without_appointments(landscape, cabinet_staff):
    found = rows(cabinet_staff)
    assert set(found) == {"DOV", "DOMG", "DKBUZA", "KABMP"}
    assert not hasattr(found["DOV"], "active_appointments")
    assert found["DOV"].cleared_count == 2


def test_nobody_else_gets_a_line(landscape, uncleared):
    assert rows(uncleared) == {}


def test_the_page_flags_and_names(landscape, officer_client):
    response = officer_client.get(reverse("clearances:coverage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Griet Vandenbroucke" in html and "Marc Van den Broeck" in html
    assert html.count('data-testid="flag-no-officer"') == 1
    assert html.count('data-testid="flag-too-many"') == 1
    assert html.count('data-testid="flag-uncleared"') == 1


def test_the_page_costs_the_same_for_more_organisations(landscape, officer_client):
    url = reverse("clearances:coverage")
    officer_client.get(url)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(url)
    for number in range(8):
        organisation = make_organisation(f"ORG{number}")
        person = make_person(organisation, "Lotte", f"Claes{number}")
        make_clearance(person, Classification.VERTROUWELIJK)
        appoint(person)
        appoint(make_person(organisation, "Jan", f"Peeters{number}"), function=ASSISTANT)
    coverage_figures_refresh()  # as the worker does after a write through the services
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(url)
    assert "Claes7" in response.content.decode()
    assert len(many) == len(few)
