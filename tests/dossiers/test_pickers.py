"""The people pickers' autocomplete, the organisation labels and the grant form's message."""

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
