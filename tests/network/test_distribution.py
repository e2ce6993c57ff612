"""Sending the agenda or the minutes: one outbox row per member with an e-mail address,
carrying the reference and a link, never the content."""

import pytest
from django.urls import reverse

from directory.classification import Classification
from network.models import Membership
from reminders.models import OutboxEmail
from tests.factories import DAY, client_for, make_meeting, make_person, share, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(open_body, onderwijs, vo_onderwijs) -> dict[str, object]:
    """A contact with an address, one without, one who left, an organisation, an account."""
    with_address = make_person(onderwijs, "Els", "Van Damme")
    with_address.email = "els@onderwijs.test"
    with_address.preferred_language = "fr"
    with_address.save()
    former = make_person(onderwijs, "Oud", "Lid")
    former.email = "oud@onderwijs.test"
    former.save()
    vo_onderwijs.person.email = "sofie@onderwijs.test"
    vo_onderwijs.person.save()
    for person in (with_address, make_person(onderwijs, "Zonder", "Adres"), vo_onderwijs.person):
        Membership.objects.create(body=open_body, person=person, starts_on=today() - DAY)
    Membership.objects.create(
        body=open_body, person=former, starts_on=today() - 90 * DAY, ends_on=today() - 30 * DAY
    )
    Membership.objects.create(body=open_body, organisation=onderwijs)
    return {"contact": with_address, "account": vo_onderwijs}


def send(client, meeting, what: str):
    return client.post(reverse(f"network:meeting_send_{what}", args=[meeting.pk]))


def test_the_agenda_goes_to_current_members_with_an_address(cleared_officer, open_body, members):
    meeting = make_meeting(open_body, Classification.BEPERKT, minutes="Geheim verslag")
    client = client_for(cleared_officer)
    assert send(client, meeting, "agenda").status_code == 303  # the purpose first
    purpose = reverse("network:meeting_purpose", args=[meeting.pk])
    client.post(purpose, {"purpose": "case_work", "detail": "Agenda rondsturen"})
    response = send(client, meeting, "agenda")
    assert response.status_code == 302
    emails = OutboxEmail.objects.order_by("to")
    assert list(emails.values_list("to", "recipient")) == [
        ("els@onderwijs.test", None),
        ("sofie@onderwijs.test", members["account"].pk),
    ]
    for email in emails:
        assert meeting.reference in email.subject
        assert meeting.get_absolute_url() in email.body
        for secret in ("Geheim verslag", "Besluit van de vergadering", open_body.dossier.title):
            assert secret not in email.subject + email.body
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at is not None and meeting.minutes_sent_at is None


def test_the_minutes_are_announced_not_quoted(officer_client, open_meeting, members):
    send(officer_client, open_meeting, "minutes")
    bodies = OutboxEmail.objects.values_list("body", flat=True)
    assert len(bodies) == 2
    assert not any("Open verslag" in body for body in bodies)
    open_meeting.refresh_from_db()
    assert open_meeting.minutes_sent_at is not None


def test_only_the_officer_sends_and_only_by_post(
    officer_client, vo_onderwijs, vo_onderwijs_client, open_meeting, members
):
    share(open_meeting.body.dossier, vo_onderwijs)
    assert send(vo_onderwijs_client, open_meeting, "agenda").status_code == 403
    url = reverse("network:meeting_send_agenda", args=[open_meeting.pk])
    assert officer_client.get(url).status_code == 405
    assert not OutboxEmail.objects.exists()
