"""The stored coverage figures: they follow every write at once, the new day, and are read
without counting over the clearances again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clearances import services, tasks
from clearances.models import CoverageFigures
from clearances.selectors import coverage
from directory.classification import Classification
from tests.factories import DAY, appoint, make_clearance, make_person, today

pytestmark = pytest.mark.django_db

# The signature of the count over every person and clearance (selectors.counted_coverage).
COUNTING = "COUNT(DISTINCT"


def granted(person, reference: str = "NVO-2026-0100") -> dict[str, object]:
    decided_on = today() - 10 * DAY
    return {
        "person": person.pk,
        "level": Classification.GEHEIM,
        "authority": "NVO",
        "authority_reference": reference,
        "status": "granted",
        "requested_on": (decided_on - 90 * DAY).isoformat(),
        "decided_on": decided_on.isoformat(),
        "valid_until": (decided_on + 1500 * DAY).isoformat(),
        "notes": "",
    }


def page_rows(response) -> dict[str, object]:
    return {organisation.short_name: organisation for organisation in response.context["page"]}


def test_a_clearance_recorded_on_its_page_is_counted_at_once(
    officer_client, onderwijs, django_capture_on_commit_callbacks
):
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    url = reverse("clearances:coverage")
    assert page_rows(officer_client.get(url))["DOV"].cleared_count == 0  # counted, stored
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = officer_client.post(reverse("clearances:create"), granted(griet))
    assert response.status_code == 302 and len(callbacks) == 1
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(url)
    assert page_rows(response)["DOV"].cleared_count == 1
    assert not [q for q in queries if COUNTING in q["sql"]]  # read, not counted again


def test_a_person_moving_on_is_counted_in_his_new_organisation_only(
    officer, onderwijs, omgeving, django_capture_on_commit_callbacks
):
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    make_clearance(griet, Classification.VERTROUWELIJK)
    before = {row.short_name: row.cleared_count for row in coverage(officer)}
    with django_capture_on_commit_callbacks(execute=True):
        services.person_update(person=griet, by=officer, organisation=omgeving)
    after = {row.short_name: row.cleared_count for row in coverage(officer)}
    assert (before["DOV"], before["DOMG"]) == (1, 0)
    assert (after["DOV"], after["DOMG"]) == (0, 1)


def test_an_appointment_is_counted_at_once(officer, omgeving, django_capture_on_commit_callbacks):
    hilde = make_person(omgeving, "Hilde", "Desmet")
    assert {row.short_name: row.no_officer for row in coverage(officer)}["DOMG"]
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_create(person=hilde, organisation=omgeving, starts_on=today())
    line = {row.short_name: row for row in coverage(officer)}["DOMG"]
    assert (line.officer_count, line.no_officer, line.uncleared_officer) == (1, False, True)


def test_a_clearance_that_lapses_at_midnight_is_not_counted_the_next_day(officer, onderwijs):
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    make_clearance(griet, Classification.VERTROUWELIJK, valid_until=today())
    appoint(griet)
    assert coverage(officer, today()).get(short_name="DOV").cleared_count == 1
    tomorrow = coverage(officer, today() + DAY).get(short_name="DOV")
    assert (tomorrow.cleared_count, tomorrow.uncleared_officer) == (0, True)
    assert CoverageFigures.objects.get(organisation=onderwijs).day == today() + DAY


def test_the_nightly_task_counts_every_organisation_for_the_new_day(onderwijs, omgeving):
    CoverageFigures.objects.create(
        organisation=onderwijs,
        day=today() - DAY,
        counted_at=timezone.now() - DAY,
        officer_count=0,
        cleared_count=7,
        renewal_count=0,
        uncleared_officer=False,
    )
    assert tasks.refresh_coverage_figures.delay().get() >= 2
    stored = CoverageFigures.objects.get(organisation=onderwijs)
    assert (stored.day, stored.cleared_count) == (today(), 0)
    assert CoverageFigures.objects.filter(organisation=omgeving, day=today()).exists()


def test_the_page_says_when_its_figures_were_counted(officer_client, onderwijs):
    response = officer_client.get(reverse("clearances:coverage"))
    counted_at = CoverageFigures.objects.get(organisation=onderwijs).counted_at
    assert response.context["counted_at"] <= counted_at
    assert f"{timezone.localtime(response.context['counted_at']):%H:%M}" in (
        response.content.decode()
    )


def test_the_page_sorts_by_a_figure(officer_client, onderwijs, omgeving, kanselarij):
    for number in range(3):
        make_clearance(make_person(omgeving, "Jan", f"Peeters{number}"))
    make_clearance(make_person(onderwijs, "Griet", "Vandenbroucke"))
    response = officer_client.get(reverse("clearances:coverage"), {"sort": "-cleared_count"})
    assert [row.short_name for row in response.context["page"]][:2] == ["DOMG", "DOV"]


def test_cabinet_staff_see_the_counts_without_names(cabinet_client, onderwijs):
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    make_clearance(griet, Classification.VERTROUWELIJK)
    appoint(griet)
    response = cabinet_client.get(reverse("clearances:coverage"))
    html = response.content.decode()
    assert page_rows(response)["DOV"].cleared_count == 1
    assert "Vandenbroucke" not in html
    assert not hasattr(page_rows(response)["DOV"], "active_appointments")


def test_a_security_officer_reads_his_own_organisations_line_only(
    vo_onderwijs_client, onderwijs, omgeving
):
    make_clearance(make_person(omgeving, "Hilde", "Desmet"))
    response = vo_onderwijs_client.get(reverse("clearances:coverage"))
    assert list(page_rows(response)) == ["DOV"]
    assert "Desmet" not in response.content.decode()


def people_with_clearances(organisations, count: int) -> None:
    for number in range(count):
        organisation = organisations[number % len(organisations)]
        person = make_person(organisation, "Lotte", f"Claes{number}")
        make_clearance(person, Classification.VERTROUWELIJK)
        if number % 5 == 0:
            appoint(person)


@pytest.mark.parametrize(
    ("client_fixture", "url_name", "counts_only"),
    [
        ("officer_client", "clearances:coverage", False),
        ("cabinet_client", "clearances:coverage", True),
        ("cabinet_client", "home", True),
        ("vo_onderwijs_client", "home", False),
    ],
)
def test_the_pages_read_the_figures_at_the_same_cost_at_any_size(
    request, client_fixture, url_name, counts_only, onderwijs, omgeving, kanselarij
):
    client = request.getfixturevalue(client_fixture)
    url = reverse(url_name)
    organisations = [onderwijs, omgeving, kanselarij]

    def measured() -> CaptureQueriesContext:
        services.coverage_figures_refresh()  # as the worker does after the writes
        client.get(url)  # the cache of the cabinet's other figures filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return queries

    people_with_clearances(organisations, 2)
    few = measured()
    people_with_clearances(organisations, 30)
    many = measured()
    assert len(many) == len(few)
    assert not [query for query in many if COUNTING in query["sql"]]
    if counts_only:  # cabinet staff: no clearance is read but the user's own, as he logs in
        assert not [
            query
            for query in many
            if "clearances_clearance" in query["sql"]
            and not query["sql"].startswith('SELECT "accounts_user"')
        ]


def test_an_appointment_deleted_in_the_admin_is_counted_at_once(
    officer, administrator, onderwijs, django_capture_on_commit_callbacks
):
    from django.contrib import admin
    from django.test import RequestFactory

    from clearances.admin import SecurityOfficerAppointmentAdmin
    from clearances.models import SecurityOfficerAppointment

    appointment = appoint(make_person(onderwijs, "Griet", "Vandenbroucke"))
    assert coverage(officer).get(short_name="DOV").officer_count == 1
    request = RequestFactory().post("/")
    request.user = administrator
    model_admin = SecurityOfficerAppointmentAdmin(SecurityOfficerAppointment, admin.site)
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.delete_model(request, appointment)
    assert coverage(officer).get(short_name="DOV").no_officer
