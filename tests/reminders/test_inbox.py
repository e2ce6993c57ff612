"""The inbox, the unread count in the header, the settings page and the calendar feed."""

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from clearances.models import Clearance
from directory.classification import Classification
from directory.models import Person
from reminders.models import Notification
from reminders.sweep import reminders_sweep
from tests.factories import DAY, appoint, assign_task, client_for, make_dossier, share, today
from tests.reminders.conftest import feed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(officer) -> list:
    """Two dossiers of the officer whose deadline is near, swept into his inbox."""
    dossiers = [
        make_dossier(officer, title=f"Dossier {number}", deadline=today() + number * DAY)
        for number in (1, 7)
    ]
    reminders_sweep()
    return dossiers


def notification_of(dossier) -> Notification:
    return Notification.objects.get(reminder__reference=dossier.reference)


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "inbox", []),
        ("post", "notification_read", [1]),
        ("post", "notifications_read_all", []),
        ("get", "reminder_settings", []),
        ("post", "calendar_token_reset", []),
    ],
)
def test_anonymous_is_sent_to_log_in(client, method, name, args):
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_inbox_lists_unread_first_and_the_header_counts_them(officer, reminded):
    client = client_for(officer)
    soon, later = reminded
    Notification.objects.filter(pk=notification_of(soon).pk).update(read_at="2026-01-01T10:00Z")
    page = client.get(reverse("inbox")).content.decode()
    assert page.index(later.reference) < page.index(soon.reference)
    assert 'data-testid="unread-count">1<' in page
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="unread-count">1<' in home


def test_marking_one_as_read(officer, reminded):
    client = client_for(officer)
    notification = notification_of(reminded[0])
    assert client.get(reverse("notification_read", args=[notification.pk])).status_code == 405
    response = client.post(reverse("notification_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.is_read
    assert Notification.objects.filter(recipient=officer, read_at__isnull=True).count() == 1


def test_marking_one_as_read_with_htmx_swaps_the_entry_and_the_count(officer, reminded):
    notification = notification_of(reminded[0])
    response = client_for(officer).post(
        reverse("notification_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in content
    assert reverse("notification_read", args=[notification.pk]) not in content  # no button
    assert 'hx-swap-oob="true"' in content
    assert 'data-testid="unread-count">1<' in content


def test_somebody_elses_notification_is_not_found(officer, vo_onderwijs, reminded):
    notification = notification_of(reminded[0])
    response = client_for(vo_onderwijs).post(reverse("notification_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_marking_all_as_read(officer, vo_onderwijs, reminded):
    dossier = make_dossier(officer, title="Gedeeld")
    share(dossier, vo_onderwijs)
    assign_task(dossier, vo_onderwijs, today() + DAY)
    reminders_sweep()
    response = client_for(officer).post(reverse("notifications_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=vo_onderwijs, read_at__isnull=True).count() == 1


def test_the_inbox_makes_as_many_queries_for_30_entries_as_for_3(officer):
    client = client_for(officer)
    client.get(reverse("inbox"))  # the session's first request renews its idle timer
    counts = []
    for size in (3, 30):
        for number in range(size):
            make_dossier(officer, title=f"{size}-{number}", deadline=today() + 7 * DAY)
        reminders_sweep()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("inbox")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_switching_email_off(officer):
    client = client_for(officer)
    page = client.get(reverse("reminder_settings")).content.decode()
    assert officer.calendar_token in page
    response = client.post(reverse("reminder_settings"), {})  # the box unticked
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email_reminders is False
    make_dossier(officer, deadline=today() + DAY)
    reminders_sweep()
    assert mail.outbox == []


def feed(token: str):
    return Client().get(reverse("calendar_feed", args=[token]))  # no session


def test_the_feed_answers_its_token_only_and_a_reset_token_no_more(officer):
    make_dossier(officer, title="Netwerkdag", deadline=today() + 10 * DAY)
    old_token = officer.calendar_token
    response = feed(old_token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "Netwerkdag" in feed_text(old_token)
    assert feed("not-" + old_token).status_code == 404

    assert client_for(officer).post(reverse("calendar_token_reset")).status_code == 302
    officer.refresh_from_db()
    assert officer.calendar_token != old_token
    assert feed(old_token).status_code == 404
    assert feed(officer.calendar_token).status_code == 200


def test_the_feed_of_a_deactivated_account_is_gone(officer):
    officer.is_active = False
    officer.save()
    assert feed(officer.calendar_token).status_code == 404


def test_the_feed_lists_the_users_deadlines(officer, vo_onderwijs, onderwijs):
    officer.language = "en"  # the words below, whatever the translations say
    officer.save()
    dossier = make_dossier(officer, title="Netwerkdag", deadline=today() + 10 * DAY)
    assign_task(dossier, officer, today() + 3 * DAY, title="Zaal boeken")
    appoint(vo_onderwijs)
    holder = Person.objects.create(first_name="An", last_name="Peeters", organisation=onderwijs)
    Clearance.objects.create(
        person=holder,
        level=Classification.GEHEIM,
        status=Clearance.Status.GRANTED,
        requested_on=today() - 400 * DAY,
        decided_on=today() - 300 * DAY,
        valid_until=today() + 400 * DAY,
    )
    events = Calendar.from_ical(feed(officer.calendar_token).content).walk("VEVENT")
    by_summary = {str(event["summary"]): event["dtstart"].dt for event in events}
    assert by_summary[f"Deadline of dossier {dossier.reference} — Netwerkdag"] == today() + 10 * DAY
    assert by_summary[f"Task due in dossier {dossier.reference} — Zaal boeken"] == today() + 3 * DAY
    assert by_summary["Security clearance of An Peeters (DOV) expires"] == today() + 400 * DAY
    assert len({str(event["uid"]) for event in events}) == len(events)
    # the security officer of the holder's organisation sees the renewal, not the dossier
    vo_feed = feed_text(vo_onderwijs.calendar_token)
    assert "An Peeters" in vo_feed
    assert dossier.reference not in vo_feed


def test_resetting_the_calendar_address_is_audited(officer):
    client_for(officer).post(reverse("calendar_token_reset"))
    entry = LogEntry.objects.get_for_object(officer).get(
        additional_data__event="calendar_token_reset"
    )
    assert entry.actor == officer
    assert officer.calendar_token not in str(entry.changes)


def test_the_header_counts_unread_up_to_its_cap_in_one_query_at_any_size(officer, monkeypatch):
    """Shown on every page, the badge never counts more than cap + 1 notifications."""
    monkeypatch.setattr("liaison.context_processors.UNREAD_BADGE_CAP", 2)
    client = client_for(officer)
    client.get(reverse("home"))  # the session's first request renews its idle timer

    def badge() -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home")).content.decode()
        counted = [
            q["sql"] for q in queries.captured_queries if "reminders_notification" in q["sql"]
        ]
        return page, counted

    make_dossier(officer, title="Eerste", deadline=today() + 7 * DAY)
    reminders_sweep()
    page, small = badge()
    assert 'data-testid="unread-count">1<' in page
    for number in range(4):
        make_dossier(officer, title=f"Later {number}", deadline=today() + 7 * DAY)
    reminders_sweep()
    assert Notification.objects.filter(recipient=officer, read_at__isnull=True).count() > 3
    page, large = badge()
    assert 'data-testid="unread-count">2+<' in page
    assert len(small) == len(large) == 1 and "LIMIT 3" in large[0]
    assert "ORDER BY" not in large[0]  # no sort of every unread one before the LIMIT
