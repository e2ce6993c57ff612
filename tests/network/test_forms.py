"""The officer's forms: organisations, contacts, bodies with their members, meetings with
their four lists; audited, refused to the other roles, and never a server error."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from directory.classification import Classification
from directory.models import Organisation, Person
from dossiers.workstreams import Workstream
from network.models import Attendance, Body, Meeting, Membership
from tests.factories import DAY, make_person, today

pytestmark = pytest.mark.django_db


def test_the_officer_adds_and_edits_an_organisation_and_it_is_audited(officer, officer_client):
    data = {
        "name": "Coördinatieorgaan voor de dreigingsanalyse",
        "short_name": "OCAD",
        "name_fr": "Organe de coordination pour l'analyse de la menace",
        "short_name_fr": "OCAM",
        "kind": Organisation.Kind.FEDERAL_PARTNER,
        "is_active": "on",
    }
    response = officer_client.post(reverse("network:organisation_create"), data)
    ocad = Organisation.objects.get(short_name="OCAD")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:organisation_detail", args=[ocad.pk])
    data["short_name_fr"] = "OCAM-X"
    officer_client.post(reverse("network:organisation_update", args=[ocad.pk]), data)
    ocad.refresh_from_db()
    assert ocad.short_name_fr == "OCAM-X"
    entries = LogEntry.objects.get_for_object(ocad)
    assert {entry.action for entry in entries} == {LogEntry.Action.CREATE, LogEntry.Action.UPDATE}
    assert all(entry.actor == officer for entry in entries)


def test_the_officer_adds_a_contact(officer_client, onderwijs):
    data = {
        "first_name": "Els",
        "last_name": "Van Damme",
        "organisation": onderwijs.pk,
        "email": "els@onderwijs.test",
        "preferred_language": "fr",
    }
    response = officer_client.post(reverse("network:contact_create"), data)
    contact = Person.objects.get(last_name="Van Damme")
    assert response["Location"] == reverse("network:contact_detail", args=[contact.pk])
    assert LogEntry.objects.get_for_object(contact).get().action == LogEntry.Action.CREATE


@pytest.mark.parametrize("client_name", ["vo_onderwijs_client", "cabinet_client"])
def test_only_the_officer_writes_the_directory(request, client_name, onderwijs):
    client = request.getfixturevalue(client_name)
    person = make_person(onderwijs)
    for url in (
        reverse("network:organisation_create"),
        reverse("network:organisation_update", args=[onderwijs.pk]),
        reverse("network:contact_create"),
        reverse("network:contact_update", args=[person.pk]),
        reverse("network:body_create"),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_a_duplicate_abbreviation_is_refused_in_the_users_language(officer_client, onderwijs):
    data = {"name": "Ander", "short_name": onderwijs.short_name, "kind": "department"}
    with translation.override("nl"):
        response = officer_client.post(reverse("network:organisation_create"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("short_name", "unique")


def body_data(officer, **fields) -> dict:
    data = {
        "dossier-title": "Netwerk informatie-officieren",
        "dossier-workstream": Workstream.RADICALISATION,
        "dossier-owner": officer.pk,
        "dossier-classification": Classification.NIET_GECLASSIFICEERD,
        "dossier-opened_on": today().isoformat(),
        "body-kind": Body.Kind.INFORMATION_OFFICERS,
    }
    data.update(fields)
    return data


def test_the_officer_creates_a_body_with_its_dossier(officer, officer_client, kanselarij):
    response = officer_client.post(
        reverse("network:body_create"), body_data(officer, **{"body-secretariat": kanselarij.pk})
    )
    body = Body.objects.get()
    assert response["Location"] == body.get_absolute_url()
    assert (body.dossier.title, body.dossier.owner, body.secretariat) == (
        "Netwerk informatie-officieren",
        officer,
        kanselarij,
    )
    assert LogEntry.objects.get_for_object(body).exists()


def test_a_body_above_the_owners_clearance_is_refused(officer, officer_client):
    data = body_data(officer, **{"dossier-classification": Classification.GEHEIM})
    response = officer_client.post(reverse("network:body_create"), data)
    assert response.status_code == 200
    assert response.context["dossier_form"].has_error("owner", "owner_not_cleared")
    assert not Body.objects.exists()


def formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{name}": value for name, value in row.items()})
    return data


def test_the_officer_edits_the_members(officer_client, open_body, onderwijs):
    person = make_person(onderwijs)
    data = {"body-kind": Body.Kind.PLATFORM}
    data |= formset(
        "members",
        [
            {"person": person.pk, "starts_on": "2022-01-01"},
            {"organisation": onderwijs.pk, "starts_on": "2022-01-01", "ends_on": "2022-12-31"},
        ],
    )
    response = officer_client.post(reverse("network:body_update", args=[open_body.pk]), data)
    assert response.status_code == 302
    assert open_body.memberships.count() == 2


def test_a_member_is_a_contact_or_an_organisation_not_both(officer_client, open_body, onderwijs):
    data = {"body-kind": Body.Kind.PLATFORM}
    data |= formset(
        "members",
        [{"person": make_person(onderwijs).pk, "organisation": onderwijs.pk, "starts_on": "x"}],
    )
    response = officer_client.post(reverse("network:body_update", args=[open_body.pk]), data)
    assert response.status_code == 200
    assert not Membership.objects.exists()


def meeting_data(**fields) -> dict:
    data = {
        "meeting-held_on": "2022-02-15",
        "meeting-classification": Classification.NIET_GECLASSIFICEERD,
        "meeting-minutes": "Verslag",
    }
    data |= formset("agenda", [{"position": 1, "title": "Stand van zaken"}])
    data |= formset("decisions", [{"position": 1, "text": "Het platform deelt informatie."}])
    data |= formset("actions", [])
    data |= formset("attendance", [])
    data.update(fields)
    return data


def test_the_officer_records_a_meeting_with_its_lists(
    officer, officer_client, open_body, onderwijs
):
    member = Membership.objects.create(body=open_body, organisation=onderwijs)
    data = meeting_data()
    data |= formset("attendance", [{"membership": member.pk, "status": "excused"}])
    data |= formset(
        "actions",
        [{"position": 1, "title": "Nota", "assignee": officer.pk, "due_on": "2030-01-01"}],
    )
    url = reverse("network:meeting_create", args=[open_body.pk])
    response = officer_client.post(url, data)
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert [item.title for item in meeting.agenda_items.all()] == ["Stand van zaken"]
    assert [d.text for d in meeting.decisions.all()] == ["Het platform deelt informatie."]
    assert meeting.action_items.get().assignee == officer
    assert meeting.attendances.get().status == Attendance.Status.EXCUSED


def test_a_meeting_above_the_officers_clearance_is_refused(officer_client, open_body):
    url = reverse("network:meeting_create", args=[open_body.pk])
    data = meeting_data(**{"meeting-classification": Classification.GEHEIM})
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].has_error("classification", "above_clearance")
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "hostile",
    [
        {"meeting-held_on": "31-02-2022"},
        {"meeting-held_on": "9999-12-31"},
        {"meeting-discussed": "99999999999999999999"},
        {"agenda-TOTAL_FORMS": "x"},
        {"actions-0-assignee": "-1"},
        {"attendance-TOTAL_FORMS": "1", "attendance-0-membership": "abc"},
    ],
)
def test_hostile_meeting_input_gets_a_form_not_a_server_error(officer_client, open_body, hostile):
    url = reverse("network:meeting_create", args=[open_body.pk])
    data = meeting_data()
    data |= formset("actions", [{"title": "x", "due_on": today() + DAY}])
    data.update(hostile)
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_security_officer_may_read_but_not_edit_a_shared_meeting(
    vo_onderwijs, vo_onderwijs_client, open_meeting
):
    from tests.factories import share

    share(open_meeting.body.dossier, vo_onderwijs)
    assert vo_onderwijs_client.get(open_meeting.get_absolute_url()).status_code == 200
    edit = reverse("network:meeting_update", args=[open_meeting.pk])
    assert vo_onderwijs_client.get(edit).status_code == 403
    assert vo_onderwijs_client.post(edit, meeting_data()).status_code == 403
