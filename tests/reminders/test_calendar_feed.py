"""The calendar feed: a description with the reference and a link, an alarm, the real address."""

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from directory.classification import Classification
from tests.factories import DAY, give_clearance, make_dossier, today

pytestmark = pytest.mark.django_db
BASE_URL = "https://liaison.vlaanderen.be"


def feed_events(user) -> list:
    response = Client().get(reverse("calendar_feed", args=[user.calendar_token]))
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_an_event_links_to_the_configured_address_with_the_reference_and_an_alarm(
    officer, settings
):
    settings.PORTAL_BASE_URL = BASE_URL + "/"
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(
        officer, Classification.GEHEIM, title="Operatie Nachtuil", deadline=today() + 5 * DAY
    )
    (event,) = [  # its deadline (its declassification review is an event of its own)
        e
        for e in feed_events(officer)
        if dossier.reference in str(e["summary"]) and e["dtstart"].dt == dossier.deadline
    ]
    link = BASE_URL + dossier.get_absolute_url()
    assert str(event["url"]) == link
    assert str(event["description"]) == f"{dossier.reference}\n{link}"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].dt < -DAY / 2  # the day before
    assert dossier.reference in str(alarm["description"])
    feed = event.to_ical().decode()
    assert "Nachtuil" not in str(event["description"]) + str(alarm["description"])
    assert "127.0.0.1" not in feed
