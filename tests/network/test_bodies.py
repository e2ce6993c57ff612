"""Bodies and meetings obey the dossiers' access rule: the stricter of the body's and the
meeting's marking, 404 for what a user may not see, counts only for cabinet staff."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from directory.classification import Classification
from network.models import Meeting
from tests.factories import client_for, give_clearance, make_body, make_dossier, make_meeting, share

pytestmark = pytest.mark.django_db
BODIES = reverse("network:body_list")


def body_page(body) -> str:
    return reverse("network:body_detail", args=[body.pk])


def meeting_page(meeting) -> str:
    return reverse("network:meeting_detail", args=[meeting.pk])


def purpose_given(client, meeting) -> None:
    url = reverse("network:meeting_purpose", args=[meeting.pk])
    response = client.post(url, {"purpose": "case_work", "detail": "Opvolging platform"})
    assert response.status_code == 302


def test_the_officer_sees_an_open_body_and_its_meeting(officer_client, open_meeting):
    assert officer_client.get(body_page(open_meeting.body)).status_code == 200
    response = officer_client.get(meeting_page(open_meeting))
    assert response.status_code == 200
    assert "Open verslag" in response.content.decode()


def test_cabinet_staff_get_counts_only(cabinet_client, open_meeting, officer):
    make_body(officer, Classification.BEPERKT, title="Geheim netwerk")
    response = cabinet_client.get(BODIES)
    assert response.status_code == 200
    assert "page" not in response.context
    assert [(row["bodies"], row["meetings"]) for row in response.context["counts"]] == [(1, 1)]
    assert open_meeting.body.dossier.title not in response.content.decode()
    assert cabinet_client.get(body_page(open_meeting.body)).status_code == 404
    assert cabinet_client.get(meeting_page(open_meeting)).status_code == 404


def test_a_security_officer_sees_only_a_body_shared_with_him(
    vo_onderwijs_client, vo_onderwijs, open_meeting, officer
):
    other = make_body(officer, title="Ander netwerk")
    assert vo_onderwijs_client.get(body_page(open_meeting.body)).status_code == 404
    assert vo_onderwijs_client.get(meeting_page(open_meeting)).status_code == 404
    share(open_meeting.body.dossier, vo_onderwijs)
    response = vo_onderwijs_client.get(BODIES)
    assert [body.pk for body in response.context["page"]] == [open_meeting.body.pk]
    assert vo_onderwijs_client.get(body_page(open_meeting.body)).status_code == 200
    assert vo_onderwijs_client.get(meeting_page(open_meeting)).status_code == 200
    assert vo_onderwijs_client.get(body_page(other)).status_code == 404


def test_a_meeting_stricter_than_its_body_needs_the_clearance(
    vo_onderwijs_client, vo_onderwijs, open_body, beperkt_meeting
):
    share(open_body.dossier, vo_onderwijs)
    assert vo_onderwijs_client.get(meeting_page(beperkt_meeting)).status_code == 404
    listed = vo_onderwijs_client.get(body_page(open_body)).context["meetings"]
    assert beperkt_meeting not in listed
    give_clearance(vo_onderwijs, Classification.BEPERKT)
    purpose_given(vo_onderwijs_client, beperkt_meeting)
    assert vo_onderwijs_client.get(meeting_page(beperkt_meeting)).status_code == 200


def test_a_classified_meeting_of_an_open_body_needs_need_to_know(
    other_officer, open_body, beperkt_meeting
):
    """The deputy sees the open body as liaison officer, but not its BEPERKT meeting:
    clearance without a grant is not enough."""
    client = client_for(other_officer)
    assert client.get(body_page(open_body)).status_code == 200
    assert client.get(meeting_page(beperkt_meeting)).status_code == 404
    share(open_body.dossier, other_officer)
    purpose_given(client, beperkt_meeting)
    assert client.get(meeting_page(beperkt_meeting)).status_code == 200


def test_a_meeting_of_a_classified_body_follows_the_body(
    vo_onderwijs_client, vo_onderwijs, cleared_officer
):
    body = make_body(cleared_officer, Classification.GEHEIM, title="Crisiscel")
    meeting = make_meeting(body)
    share(body.dossier, vo_onderwijs)
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    assert vo_onderwijs_client.get(meeting_page(meeting)).status_code == 404
    assert vo_onderwijs_client.get(body_page(body)).status_code == 404


def test_reading_a_classified_meeting_asks_the_purpose_and_logs_it(
    cleared_officer, beperkt_meeting
):
    client = client_for(cleared_officer)
    response = client.get(meeting_page(beperkt_meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("network:meeting_purpose", args=[beperkt_meeting.pk])
    )
    purpose_given(client, beperkt_meeting)
    response = client.get(meeting_page(beperkt_meeting))
    assert "Beperkt verslag" in response.content.decode()
    logged = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(Meeting),
        object_pk=str(beperkt_meeting.pk),
        actor=cleared_officer,
    )
    assert logged.get().additional_data["purpose"] == "case_work"


def test_opening_a_classified_body_passes_its_dossiers_gate(cleared_officer):
    body = make_body(cleared_officer, Classification.VERTROUWELIJK, title="Crisiscel")
    client = client_for(cleared_officer)
    response = client.get(body_page(body))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dossiers:purpose", args=[body.dossier.pk]))


# --- Decisions in the timelines of the dossiers discussed -------------------------------


def timeline_entries(client, dossier) -> list:
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    return response.context["linked_entries"]


def test_a_decision_shows_in_the_dossier_timeline_to_who_may_see_the_meeting(
    officer, officer_client, other_officer, open_meeting, beperkt_meeting
):
    dossier = make_dossier(officer, title="Opleiding vroegdetectie")
    open_meeting.discussed.add(dossier)
    beperkt_meeting.discussed.add(dossier)
    owner_sees = timeline_entries(officer_client, dossier)
    assert [entry.url for entry in owner_sees] == [
        meeting_page(open_meeting),
        meeting_page(beperkt_meeting),
    ]
    # The open meeting's decision is quoted; the classified one's stays behind its gate.
    assert [entry.text for entry in owner_sees] == ["Besluit van de vergadering", ""]
    deputy_sees = timeline_entries(client_for(other_officer), dossier)
    assert [entry.url for entry in deputy_sees] == [meeting_page(open_meeting)]


def test_the_meeting_names_only_the_dossiers_the_reader_may_see(
    vo_onderwijs, vo_onderwijs_client, officer, open_meeting
):
    shown = make_dossier(officer, title="Gedeeld")
    hidden = make_dossier(officer, title="Niet gedeeld")
    open_meeting.discussed.add(shown, hidden)
    share(open_meeting.body.dossier, vo_onderwijs)
    share(shown, vo_onderwijs)
    response = vo_onderwijs_client.get(meeting_page(open_meeting))
    assert list(response.context["discussed"]) == [shown]
    assert hidden.reference not in response.content.decode()


# --- Methods and query counts -----------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, open_meeting):
    for url in (BODIES, body_page(open_meeting.body), meeting_page(open_meeting)):
        assert client.get(url).status_code == 302


def test_the_pages_only_answer_get(officer_client, open_meeting):
    for url in (BODIES, body_page(open_meeting.body), meeting_page(open_meeting)):
        assert officer_client.post(url).status_code == 405


def add_meetings(body, count: int) -> None:
    for n in range(count):
        meeting = make_meeting(body, location=f"Zaal {n}")
        meeting.discussed.add(body.dossier)


def add_bodies(officer, count: int) -> None:
    for n in range(count):
        add_meetings(make_body(officer, title=f"Netwerk {Meeting.objects.count()} {n}"), 1)


def test_query_counts_do_not_grow_with_the_rows(officer, officer_client, open_meeting):
    from tests.network.test_directory import queries_for

    body = open_meeting.body
    urls = [
        BODIES,
        body_page(body),
        meeting_page(open_meeting),
        reverse("dossiers:detail", args=[body.dossier.pk]),
    ]
    add_bodies(officer, 2)
    add_meetings(body, 2)
    small = [queries_for(officer_client, url) for url in urls]
    add_bodies(officer, 10)
    add_meetings(body, 10)
    large = [queries_for(officer_client, url) for url in urls]
    assert large == small


def test_a_shared_body_names_its_members_without_their_details(
    vo_onderwijs, vo_onderwijs_client, open_body, kanselarij
):
    from directory.models import Person
    from network.models import Membership

    member = Person.objects.create(
        first_name="Eva",
        last_name="Lid",
        organisation=kanselarij,
        email="eva.lid@kanselarij.test",
        phone="+32 2 111 22 33",
    )
    Membership.objects.create(body=open_body, person=member)
    share(open_body.dossier, vo_onderwijs)
    html = vo_onderwijs_client.get(body_page(open_body)).content.decode()
    assert "Eva Lid" in html
    assert "eva.lid@kanselarij.test" not in html and "+32 2 111 22 33" not in html
