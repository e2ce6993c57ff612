"""The directory: bilingual search, who sees which contact details, what an organisation's
page lists of dossiers, and query counts that do not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.classification import Classification
from directory.models import Organisation, Person
from dossiers.models import TimelineEntry
from tests.conftest import make_organisation
from tests.dossiers.conftest import give_clearance, make_dossier

pytestmark = pytest.mark.django_db
ORGANISATIONS = reverse("network:organisation_list")
CONTACTS = reverse("network:contact_list")


def organisation_page(pk: int) -> str:
    return reverse("network:organisation_detail", args=[pk])


def contact_page(pk: int) -> str:
    return reverse("network:contact_detail", args=[pk])


@pytest.fixture
def ocad(db) -> Organisation:
    return make_organisation(
        "OCAD",
        name="Coördinatieorgaan voor de dreigingsanalyse",
        short_name_fr="OCAM",
        name_fr="Organe de coordination pour l'analyse de la menace",
        kind=Organisation.Kind.FEDERAL_PARTNER,
    )


@pytest.fixture
def adiv(db) -> Organisation:
    return make_organisation(
        "ADIV",
        name="Algemene Dienst Inlichting en Veiligheid",
        short_name_fr="SGRS",
        name_fr="Service général du renseignement et de la sécurité",
        kind=Organisation.Kind.FEDERAL_PARTNER,
    )


@pytest.fixture
def teacher(onderwijs) -> Person:
    """A contact of Onderwijs without an account, with personal details."""
    return Person.objects.create(
        first_name="Griet",
        last_name="Vandenbroucke",
        organisation=onderwijs,
        function="Inspecteur",
        email="griet.vandenbroucke@onderwijs.test",
        phone="+32 2 555 12 34",
    )


def listed_abbreviations(response) -> set[str]:
    return {organisation.short_name for organisation in response.context["page"]}


# --- Search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "dreigingsanalyse",  # part of the Dutch name
        "Coordinatieorgaan",  # the Dutch name typed without its accent
        "analyse de la menace",  # part of the French name
        "ocad",  # the Dutch abbreviation, lower case
        "OCAM",  # the French abbreviation
    ],
)
def test_the_search_finds_an_organisation_by_either_name_or_abbreviation(
    officer_client, ocad, adiv, text
):
    response = officer_client.get(ORGANISATIONS, {"q": text})
    assert listed_abbreviations(response) == {"OCAD"}


def test_the_filters_narrow_by_kind(officer_client, ocad, onderwijs):
    response = officer_client.get(ORGANISATIONS, {"kind": Organisation.Kind.FEDERAL_PARTNER})
    assert listed_abbreviations(response) == {"OCAD"}


def test_the_lists_sort_by_a_column(officer_client, ocad, adiv, onderwijs, teacher):
    pages = officer_client.get(ORGANISATIONS, {"sort": "-abbreviation"}).context["page"]
    abbreviations = [organisation.short_name for organisation in pages]
    assert abbreviations == sorted(abbreviations, reverse=True) and len(abbreviations) >= 3
    Person.objects.create(first_name="Ann", last_name="Aerts", organisation=ocad)
    contacts = officer_client.get(CONTACTS, {"sort": "-name"}).context["page"]
    names = [contact.last_name for contact in contacts]
    assert names == sorted(names, reverse=True) and "Aerts" in names


def test_a_french_reader_sees_the_french_names(officer, officer_client, ocad):
    officer.language = "fr"
    officer.save()
    response = officer_client.get(ORGANISATIONS, {"q": "OCAD"}, HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    if response.context["LANGUAGE_CODE"] != "fr":
        pytest.skip("the language middleware chose another language")
    assert "OCAM" in html and "analyse de la menace" in html


def test_names_fall_back_to_dutch(onderwijs, ocad):
    assert ocad.name_in("fr") == "Organe de coordination pour l'analyse de la menace"
    assert ocad.abbreviation_in("fr-be") == "OCAM"
    assert ocad.name_in("en") == ocad.name
    assert onderwijs.abbreviation_in("fr") == "DOV"


# --- Contact details --------------------------------------------------------------------


def test_cabinet_staff_see_organisations_but_no_contact_page(cabinet_client, teacher):
    assert cabinet_client.get(ORGANISATIONS).status_code == 200
    organisation = cabinet_client.get(organisation_page(teacher.organisation_id))
    assert "Vandenbroucke" not in organisation.content.decode()
    assert cabinet_client.get(CONTACTS).status_code == 404
    assert cabinet_client.get(contact_page(teacher.pk)).status_code == 404


def test_users_without_a_role_see_nothing_of_the_directory(uncleared_client, teacher):
    for url in (ORGANISATIONS, organisation_page(teacher.organisation_id), CONTACTS):
        assert uncleared_client.get(url).status_code == 404
    assert uncleared_client.get(contact_page(teacher.pk)).status_code == 404


@pytest.mark.parametrize("url_of", [contact_page, lambda pk: CONTACTS])
def test_another_departments_security_officer_sees_the_name_not_the_details(
    vo_omgeving_client, teacher, url_of
):
    html = vo_omgeving_client.get(url_of(teacher.pk)).content.decode()
    assert "Vandenbroucke" in html and "Inspecteur" in html
    assert "griet.vandenbroucke@onderwijs.test" not in html
    assert "555 12 34" not in html


def test_another_departments_security_officer_sees_no_details_on_the_organisation_page(
    vo_omgeving_client, teacher
):
    html = vo_omgeving_client.get(organisation_page(teacher.organisation_id)).content.decode()
    assert "Vandenbroucke" in html
    assert "griet.vandenbroucke@onderwijs.test" not in html and "555 12 34" not in html


@pytest.mark.parametrize("client_name", ["officer_client", "vo_onderwijs_client"])
def test_the_officer_and_the_own_security_officer_see_the_details(request, teacher, client_name):
    client = request.getfixturevalue(client_name)
    for url in (contact_page(teacher.pk), CONTACTS, organisation_page(teacher.organisation_id)):
        html = client.get(url).content.decode()
        assert "griet.vandenbroucke@onderwijs.test" in html, url
        assert "+32 2 555 12 34" in html, url


# --- Dossiers on the organisation page --------------------------------------------------


@pytest.fixture
def ocad_dossiers(officer, ocad) -> dict[str, object]:
    """An open dossier with OCAD as partner, and a GEHEIM one that mentions OCAD."""
    give_clearance(officer, Classification.GEHEIM)
    open_one = make_dossier(officer, title="Kennisdeling met OCAD")
    open_one.partners.add(ocad)
    secret = make_dossier(officer, Classification.GEHEIM, title="Geheime analyse OCAD")
    TimelineEntry.objects.create(
        dossier=secret, occurred_on=datetime.date(2022, 5, 3), text="Overleg", organisation=ocad
    )
    TimelineEntry.objects.create(
        dossier=open_one, occurred_on=datetime.date(2022, 3, 1), text="Mail", organisation=ocad
    )
    return {"open": open_one, "secret": secret}


@pytest.mark.parametrize("client_name", ["vo_onderwijs_client", "cabinet_client"])
def test_the_organisation_page_never_lists_a_dossier_the_viewer_may_not_see(
    request, ocad, ocad_dossiers, client_name
):
    client = request.getfixturevalue(client_name)
    response = client.get(organisation_page(ocad.pk))
    html = response.content.decode()
    assert ocad_dossiers["secret"].reference not in html
    assert "Geheime analyse" not in html
    # The last contact counts only dossiers the viewer may see: the hidden May meeting
    # does not show through its date.
    assert response.context["organisation"].last_contact_on != datetime.date(2022, 5, 3)


def test_the_officer_sees_a_classified_dossier_by_reference_only(
    officer_client, ocad, ocad_dossiers
):
    response = officer_client.get(organisation_page(ocad.pk))
    html = response.content.decode()
    assert ocad_dossiers["secret"].reference in html
    assert "Geheime analyse" not in html
    assert "Kennisdeling met OCAD" in html
    assert response.context["organisation"].last_contact_on == datetime.date(2022, 5, 3)


def test_the_cabinet_sees_the_open_dossier_and_its_last_contact(
    cabinet_client, ocad, ocad_dossiers
):
    response = cabinet_client.get(organisation_page(ocad.pk))
    assert "Kennisdeling met OCAD" in response.content.decode()
    assert response.context["organisation"].last_contact_on == datetime.date(2022, 3, 1)


# --- Methods, log-in, query counts ------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, teacher):
    for url in (ORGANISATIONS, CONTACTS, contact_page(teacher.pk)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_pages_only_answer_get(officer_client, teacher):
    for url in (ORGANISATIONS, CONTACTS, contact_page(teacher.pk)):
        assert officer_client.post(url).status_code == 405
    assert officer_client.post(organisation_page(teacher.organisation_id)).status_code == 405


def add_rows(organisation: Organisation, count: int, officer) -> None:
    start = Organisation.objects.count()
    for n in range(count):
        extra = make_organisation(f"X{start + n}", name=f"Extra {start + n}")
        Person.objects.create(first_name="P", last_name=f"{start + n}", organisation=extra)
        Person.objects.create(first_name="Q", last_name=f"{start + n}", organisation=organisation)
        dossier = make_dossier(officer, title=f"Extra {start + n}")
        dossier.partners.add(organisation)
        TimelineEntry.objects.create(
            dossier=dossier, occurred_on=datetime.date(2022, 1, 1), text="x", organisation=extra
        )


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_the_rows(officer, officer_client, onderwijs):
    urls = [
        ORGANISATIONS,
        f"{ORGANISATIONS}?sort=-policy_domain&per_page=100",
        CONTACTS,
        f"{CONTACTS}?sort=-organisation&per_page=100",
        organisation_page(onderwijs.pk),
    ]
    add_rows(onderwijs, 2, officer)
    officer_client.get(reverse("home"))  # the session's first request renews its idle timer
    small = [queries_for(officer_client, url) for url in urls]
    add_rows(onderwijs, 12, officer)
    large = [queries_for(officer_client, url) for url in urls]
    assert large == small


@pytest.mark.parametrize(
    ("client_name", "organisations", "contacts"),
    [
        ("officer_client", True, True),
        ("vo_onderwijs_client", True, True),
        ("cabinet_client", True, False),
        ("uncleared_client", False, False),
    ],
)
def test_the_menu_offers_the_directory_to_whom_may_use_it(
    request, client_name, organisations, contacts
):
    html = request.getfixturevalue(client_name).get(reverse("home")).content.decode()
    assert (f'href="{ORGANISATIONS}"' in html) is organisations
    assert (f'href="{CONTACTS}"' in html) is contacts
