"""The pickers: their autocomplete, the organisation labels, the grant form's message, and
pages that hold only the chosen option."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.classification import Classification
from directory.models import Organisation
from directory.pickers import in_label_order, organisation_label
from dossiers.forms import GrantForm
from tests.factories import client_for, give_clearance, make_dossier, share

pytestmark = pytest.mark.django_db


def people(client, dossier, picker: str, query: str = "") -> list[int]:
    url = reverse("dossiers:people", args=[dossier.pk])
    response = client.get(url, {"for": picker, "q": query})
    assert response.status_code == 200
    return [row["value"] for row in response.json()["results"]]


def test_assignees_are_only_readers_of_the_dossier(
    officer, officer_client, vo_onderwijs, vo_omgeving
):
    give_clearance(officer, Classification.GEHEIM)
    give_clearance(vo_onderwijs, Classification.GEHEIM)
    give_clearance(vo_omgeving, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.VERTROUWELIJK, title="Vertrouwelijk")
    share(dossier, vo_onderwijs)
    officer_client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "opvolging"},
    )
    assert set(people(officer_client, dossier, "assignee")) == {officer.pk, vo_onderwijs.pk}
    assert vo_omgeving.pk not in people(officer_client, dossier, "assignee", vo_omgeving.first_name)


def test_typing_part_of_a_name_finds_her_with_function_and_organisation(
    officer_client, open_dossier, vo_onderwijs
):
    from directory.models import Person

    Person.objects.update_or_create(
        user=vo_onderwijs,
        defaults={
            "first_name": vo_onderwijs.first_name,
            "last_name": vo_onderwijs.last_name,
            "organisation": vo_onderwijs.organisation,
            "function": "Veiligheidsofficier",
        },
    )
    url = reverse("dossiers:people", args=[open_dossier.pk])
    found = officer_client.get(url, {"for": "grantee", "q": vo_onderwijs.first_name[3:8]}).json()
    texts = {row["value"]: row["text"] for row in found["results"]}
    assert "Veiligheidsofficier" in texts[vo_onderwijs.pk]
    assert vo_onderwijs.organisation.short_name in texts[vo_onderwijs.pk]


@pytest.mark.parametrize("role", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_nobody_is_offered_to_others(request, role, officer, open_dossier):
    user = request.getfixturevalue(role)
    share(open_dossier, user)
    client = client_for(user)
    url = reverse("dossiers:people", args=[open_dossier.pk])
    for picker in ("assignee", "owner", "grantee"):
        assert client.get(url, {"for": picker}).status_code in (403, 404)
    assert client.get(reverse("dossiers:owner_choices")).status_code == 404


def test_an_unknown_picker_is_absent(officer_client, open_dossier):
    url = reverse("dossiers:people", args=[open_dossier.pk])
    assert officer_client.get(url, {"for": "password"}).status_code == 404


def test_a_classified_dossier_picker_is_not_logged_as_an_opening(officer, officer_client):
    from auditlog.models import LogEntry

    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Geheim")
    url = reverse("dossiers:people", args=[dossier.pk])
    assert officer_client.get(url, {"for": "assignee"}).status_code == 302  # purpose first
    officer_client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "opvolging"},
    )
    openings = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    for query in ("a", "an", "ann"):
        assert officer_client.get(url, {"for": "assignee", "q": query}).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == openings


def test_organisations_are_labelled_and_sorted_in_both_languages(db):
    ocad = Organisation.objects.create(
        name="Coördinatieorgaan voor de dreigingsanalyse",
        short_name="OCAD",
        name_fr="Organe de coordination pour l'analyse de la menace",
        short_name_fr="OCAM",
        kind=Organisation.Kind.FEDERAL_PARTNER,
    )
    Organisation.objects.create(
        name="Algemene Dienst Inlichting en Veiligheid",
        short_name="ADIV",
        name_fr="Service Général du Renseignement et de la Sécurité",
        short_name_fr="SGRS",
        kind=Organisation.Kind.FEDERAL_PARTNER,
    )
    with translation.override("fr"):
        assert organisation_label(ocad).startswith("OCAM — Organe")
        assert "OCAD — Coördinatieorgaan" in organisation_label(ocad)
        order = [o.short_name for o in in_label_order(Organisation.objects.all())]
        assert order.index("OCAD") < order.index("ADIV")  # OCAM before SGRS
    with translation.override("nl"):
        order = [o.short_name for o in in_label_order(Organisation.objects.all())]
        assert order.index("ADIV") < order.index("OCAD")


def test_the_grant_form_names_what_is_wrong(officer, vo_onderwijs, open_dossier):
    both = GrantForm(
        {"user": vo_onderwijs.pk, "organisation": vo_onderwijs.organisation_id, "reason": "x"},
        dossier=open_dossier,
    )
    assert not both.is_valid() and both.has_error("__all__", "two_recipients")
    neither = GrantForm({"reason": "x"}, dossier=open_dossier)
    assert not neither.is_valid() and neither.has_error("__all__", "no_recipient")


def person_options(html: str, select_id: str) -> list[str]:
    """The values of the options of one select in a page (people or organisations)."""
    import re

    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S)
    assert select is not None, select_id
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def test_the_dossier_page_lists_no_people_whatever_their_number(
    cleared_officer, officer_client, kanselarij, confidential_dossier
):
    """Its task picker holds only the chosen person and asks the autocomplete for the
    others: neither its size nor its queries grow with the people it may offer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from accounts.roles import Role
    from tests.factories import data_queries, make_user

    give_purpose = {"purpose": "case_work", "detail": "opvolging"}
    officer_client.post(reverse("dossiers:purpose", args=[confidential_dossier.pk]), give_purpose)

    def page_with(readers: int) -> tuple[str, int]:
        for number in range(User.objects.filter(username__startswith="reader").count(), readers):
            reader = make_user(f"reader{number}", kanselarij, Role.LIAISON_OFFICER)
            give_clearance(reader, Classification.GEHEIM)
            share(confidential_dossier, reader)
        with CaptureQueriesContext(connection) as queries:
            page = officer_client.get(confidential_dossier.get_absolute_url())
        return page.content.decode(), data_queries(queries)

    few, few_queries = page_with(2)
    many, many_queries = page_with(22)
    assert person_options(few, "task-assignee") == person_options(many, "task-assignee") == [""]
    assert few_queries == many_queries
    people_url = reverse("dossiers:people", args=[confidential_dossier.pk])
    assert f'data-autocomplete-url="{people_url}?for=assignee"' in many
    # Without JavaScript, a link lists them all; a task added from there keeps the list.
    assert f"{confidential_dossier.get_absolute_url()}?choices=all#tasks" in many
    listed = officer_client.get(confidential_dossier.get_absolute_url(), {"choices": "all"})
    assert len(person_options(listed.content.decode(), "task-assignee")) == 1 + 1 + 22


def test_an_invalid_task_keeps_its_chosen_person_and_only_him(
    cleared_officer, officer_client, open_dossier, vo_onderwijs
):
    share(open_dossier, vo_onderwijs)
    url = reverse("dossiers:task_add", args=[open_dossier.pk])
    response = officer_client.post(url, {"title": "", "assignee": vo_onderwijs.pk})
    assert response.status_code == 422
    html = response.content.decode()
    assert person_options(html, "task-assignee") == ["", str(vo_onderwijs.pk)]
    assert f'<option value="{vo_onderwijs.pk}" selected>' in html
    listed = officer_client.post(f"{url}?choices=all", {"title": "", "assignee": "x"})
    assert len(person_options(listed.content.decode(), "task-assignee")) == 3


def test_the_grants_panel_lists_no_people_and_the_page_without_javascript_does(
    cleared_officer, officer_client, open_dossier, vo_onderwijs, vo_omgeving
):
    url = reverse("dossiers:grants", args=[open_dossier.pk])
    panel = officer_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert person_options(panel, "grant-user") == [""]
    assert "?for=grantee" in panel
    # The page's own link to the panel, followed without JavaScript, lists them all.
    detail = officer_client.get(open_dossier.get_absolute_url()).content.decode()
    assert f'href="{url}?choices=all"' in detail
    listed = officer_client.get(url, {"choices": "all"}).content.decode()
    offered = {cleared_officer.pk, vo_onderwijs.pk, vo_omgeving.pk}
    assert set(person_options(listed, "grant-user")) == {""} | {str(pk) for pk in offered}


def test_a_grant_to_someone_the_picker_may_not_offer_is_refused(
    cleared_officer, officer_client, open_dossier, cabinet_staff
):
    """The select holds nobody, but the posted person is checked against whom it may offer."""
    url = reverse("dossiers:grant_add", args=[open_dossier.pk])
    response = officer_client.post(url, {"user": cabinet_staff.pk, "reason": "Briefing"})
    assert response.status_code == 422
    assert response.context["grant_form"].has_error("user", "invalid_choice")
    assert not open_dossier.user_grants.exists()


def test_the_dossier_page_lists_no_organisations_whatever_their_number(
    officer_client, open_dossier
):
    """The timeline's organisation picker asks the autocomplete too: municipalities and
    police zones make hundreds of organisations."""
    from tests.factories import make_organisation

    def options(organisations: int, **query: str) -> list[str]:
        for number in range(Organisation.objects.count(), organisations):
            make_organisation(f"GEM{number}", kind=Organisation.Kind.MUNICIPALITY)
        page = officer_client.get(open_dossier.get_absolute_url(), query)
        return person_options(page.content.decode(), "timeline-organisation")

    assert options(5) == options(40) == [""]
    assert len(options(40, choices="all")) == 1 + 40
    page = officer_client.get(open_dossier.get_absolute_url()).content.decode()
    assert f'data-autocomplete-url="{reverse("dossiers:organisations")}?for=any"' in page


def test_the_organisation_autocomplete_offers_what_the_form_accepts(
    request, officer_client, officer
):
    from tests.factories import make_organisation

    ocad = make_organisation("OCAD", name="Coördinatieorgaan", name_fr="Organe de coordination")
    closed = make_organisation("OUD", name="Opgeheven coördinatiecel", is_active=False)
    url = reverse("dossiers:organisations")

    def found(picker: str, query: str) -> set[int]:
        answer = officer_client.get(url, {"for": picker, "q": query})
        return {row["value"] for row in answer.json()["results"]}

    assert found("any", "coördinat") == {ocad.pk, closed.pk}
    assert found("active", "coördinat") == {ocad.pk}  # whom a dossier can be shared with
    assert found("any", "organe coord") == {ocad.pk}  # the French name too
    assert officer_client.get(url, {"for": "secret"}).status_code == 404
    for fixture in ("vo_onderwijs_client", "cabinet_client", "uncleared_client"):
        assert request.getfixturevalue(fixture).get(url, {"for": "any"}).status_code == 404


def test_an_organisation_the_picker_may_not_offer_is_refused(officer_client, open_dossier):
    from tests.factories import make_organisation

    closed = make_organisation("OUD", is_active=False)
    response = officer_client.post(
        reverse("dossiers:grant_add", args=[open_dossier.pk]),
        {"organisation": closed.pk, "reason": "Betrokken"},
    )
    assert response.status_code == 422
    assert response.context["grant_form"].has_error("organisation", "invalid_choice")
    assert not open_dossier.group_grants.exists()


def test_a_match_carries_what_it_was_found_by(officer_client, open_dossier, vo_onderwijs):
    """Tom Select filters the answer again as the user types: on the label and on every
    word the server looked in, so a person found by the full name of his organisation
    is not hidden by it."""
    url = reverse("dossiers:people", args=[open_dossier.pk])
    name = vo_onderwijs.organisation.name
    found = officer_client.get(url, {"for": "grantee", "q": name}).json()["results"]
    match = next(row for row in found if row["value"] == vo_onderwijs.pk)
    assert name not in match["text"]
    assert name in match["search"]
