"""The clearance list and its CSV export: filters, access, days left, a constant query count."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clearances.models import Clearance
from directory.classification import Classification
from tests.factories import DAY, make_clearance, make_organisation, make_person, today

pytestmark = pytest.mark.django_db
LIST = reverse("clearances:list")
EXPORT = reverse("clearances:export")


@pytest.fixture
def register(onderwijs, omgeving) -> dict[str, Clearance]:
    griet = make_person(onderwijs, "Griet", "Vandenbroucke")
    kristof = make_person(onderwijs, "Kristof", "Lemmens")
    jeroen = make_person(omgeving, "Jeroen", "Pauwels")
    nele = make_person(omgeving, "Nele", "Cools")
    return {
        "valid": make_clearance(griet, Classification.VERTROUWELIJK),
        "due": make_clearance(kristof, Classification.GEHEIM, valid_until=today() + 60 * DAY),
        "lapsed": make_clearance(jeroen, Classification.GEHEIM, valid_until=today() - DAY),
        "expired": make_clearance(
            jeroen,
            Classification.GEHEIM,
            status="expired",
            decided_on=today() - 1000 * DAY,
            valid_until=today() - 400 * DAY,
        ),
        "top_secret_due": make_clearance(
            nele, Classification.ZEER_GEHEIM, valid_until=today() + 250 * DAY
        ),
        "requested": Clearance.objects.create(
            person=nele, level=Classification.BEPERKT, requested_on=today() - 5 * DAY
        ),
    }


def listed(client, **query) -> set[int]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return {clearance.pk for clearance in response.context["page"]}


def pks(register, *names) -> set[int]:
    return {register[name].pk for name in names}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["valid", "due", "lapsed", "expired", "top_secret_due", "requested"]),
        ({"level": Classification.GEHEIM}, ["due", "lapsed", "expired"]),
        ({"status": "requested"}, ["requested"]),
        ({"due_for_renewal": "yes"}, ["due", "top_secret_due"]),
        ({"due_for_renewal": "no"}, ["valid", "lapsed", "expired", "requested"]),
        ({"expired": "yes"}, ["lapsed", "expired"]),
        ({"expired": "no"}, ["valid", "due", "top_secret_due", "requested"]),
        ({"q": "pauw"}, ["lapsed", "expired"]),
        ({"q": "nele cools"}, ["top_secret_due", "requested"]),
        ({"q": "griet cools"}, []),
    ],
)
def test_the_officer_filters_the_list(officer_client, register, query, expected):
    assert listed(officer_client, **query) == pks(register, *expected)


def test_filter_by_organisation(officer_client, register, omgeving):
    expected = pks(register, "lapsed", "expired", "top_secret_due", "requested")
    assert listed(officer_client, organisation=omgeving.pk) == expected


def test_a_security_officer_lists_only_his_organisation(vo_onderwijs_client, register, omgeving):
    assert listed(vo_onderwijs_client) == pks(register, "valid", "due")
    choices = vo_onderwijs_client.get(LIST).context["filter"].filters["organisation"].queryset
    assert omgeving not in choices
    response = vo_onderwijs_client.get(LIST, {"organisation": omgeving.pk})
    assert response.context["filter"].errors["organisation"]
    assert {clearance.pk for clearance in response.context["page"]} == pks(register, "valid", "due")


def test_the_list_shows_days_left_and_the_renewal_badge(officer_client, register, settings):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = officer_client.get(LIST, {"q": "Lemmens"}).content.decode()
    assert "60 days left" in html
    assert 'data-testid="renewal-due"' in html
    html = officer_client.get(LIST, {"q": "Vandenbroucke"}).content.decode()
    assert "1000 days left" in html
    assert 'data-testid="renewal-due"' not in html


def test_a_lapsed_clearance_shows_as_expired(officer_client, register):
    response = officer_client.get(LIST, {"q": "Pauwels"})
    html = response.content.decode()
    assert html.count(str(Clearance.Status.EXPIRED.label)) >= 2
    assert str(Clearance.Status.GRANTED.label) not in html.split("<tbody>")[1]


def test_the_list_pages_by_fifty(officer_client, onderwijs):
    person = make_person(onderwijs)
    for _number in range(51):
        make_clearance(person, Classification.VERTROUWELIJK)
    first = officer_client.get(LIST)
    assert len(first.context["page"]) == 50
    assert len(officer_client.get(LIST, {"page": 2}).context["page"]) == 1


def add_clearances(count: int) -> None:
    for number in range(count):
        organisation = make_organisation(f"O{Clearance.objects.count()}-{number}")
        person = make_person(organisation, "Lotte", f"Claes {number}")
        make_clearance(person, Classification.VERTROUWELIJK, valid_until=today() + number * DAY)


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("client_name", ["officer_client", "vo_onderwijs_client"])
def test_the_list_costs_the_same_queries_at_10_and_200_clearances(request, client_name, onderwijs):
    client = request.getfixturevalue(client_name)
    organisations = {"officer_client": None, "vo_onderwijs_client": onderwijs}
    add_clearances_in = organisations[client_name]

    def add(count: int) -> None:
        if add_clearances_in is None:
            add_clearances(count)
            return
        for number in range(count):
            person = make_person(add_clearances_in, "Lotte", f"Claes {number}")
            make_clearance(person, Classification.VERTROUWELIJK)

    add(10)
    client.get(LIST)  # warm the session and the content types
    at_10 = queries_of(client, LIST)
    add(190)
    at_200 = queries_of(client, LIST)
    assert len(client.get(LIST).context["page"]) == 50
    assert at_200 == at_10


def export_rows(client, **query) -> list[list[str]]:
    response = client.get(EXPORT, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_export_follows_the_filters(officer_client, register):
    rows = export_rows(officer_client, expired="yes")
    assert len(rows) == 3  # the header and two clearances
    assert {row[0] for row in rows[1:]} == {"Pauwels"}


def test_the_export_holds_only_what_the_user_may_see(vo_omgeving_client, register):
    names = {row[0] for row in export_rows(vo_omgeving_client)[1:]}
    assert names == {"Pauwels", "Cools"}


def test_the_export_neutralises_formulas(officer_client, onderwijs):
    person = make_person(onderwijs, "=HYPERLINK(1)", "+Evil")
    make_clearance(person, Classification.VERTROUWELIJK, authority_reference="@SUM(A1)")
    row = export_rows(officer_client)[1]
    assert row[0] == "'+Evil" and row[1] == "'=HYPERLINK(1)" and row[5] == "'@SUM(A1)"


def test_the_export_says_whether_renewal_is_due(officer_client, register):
    rows = {row[0]: row for row in export_rows(officer_client, level=Classification.GEHEIM)[1:]}
    assert rows["Lemmens"][10] == "60"
    assert rows["Lemmens"][11] != rows["Pauwels"][11]


def test_the_list_sorts_by_validity_through_the_page(officer_client, register):
    dates = [
        c.valid_until for c in officer_client.get(LIST, {"sort": "-valid_until"}).context["page"]
    ]
    known = [day for day in dates if day]
    assert known == sorted(known, reverse=True) and len(known) == 5
    levels = [c.level for c in officer_client.get(LIST, {"sort": "level"}).context["page"]]
    assert levels == sorted(levels)


def test_a_sorted_page_costs_the_same_at_10_and_120_clearances(officer_client, onderwijs):
    url = f"{LIST}?sort=-valid_until&per_page=100&level={Classification.VERTROUWELIJK}"

    def add(count: int) -> None:
        for number in range(Clearance.objects.count(), count):
            make_clearance(
                make_person(onderwijs, "Lotte", f"Claes {number}"), Classification.VERTROUWELIJK
            )

    add(10)
    officer_client.get(url)
    at_10 = queries_of(officer_client, url)
    add(120)
    assert queries_of(officer_client, url) == at_10
    assert len(officer_client.get(url).context["page"]) == 100
