"""Rule 7: an e-mail, inbox entry or calendar entry names a classified item by reference only."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from directory.classification import Classification, declassification_review_date
from dossiers.models import Dossier, ProtocolAgreement
from reminders.models import Notification, Reminder
from reminders.sweep import reminders_sweep
from tests.factories import DAY, assign_task, client_for, give_clearance, make_dossier, share, today
from tests.reminders.conftest import feed_text, mailed_to

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Voorstel technische sweeping kabinet"
SECRET_TASK = "Afluisterapparatuur laten nagaan"
RESTRICTED_TITLE = "Vroegdetectie leerlingen met naam"
OPEN_TITLE = "Kennisdeling netwerk radicalisering"


def what_the_user_reads(user, client: Client) -> str:
    """Everything the user gets about his deadlines: e-mails, inbox and calendar feed."""
    emails = "".join(f"{message.subject}\n{message.body}" for message in mail.outbox)
    inbox = client.get(reverse("inbox")).content.decode()
    return "\n".join([emails, inbox, feed_text(user.calendar_token)])


def add_task(dossier: Dossier, title: str, assignee) -> None:
    assign_task(dossier, assignee, today() + DAY, title=title)


@pytest.fixture
def cleared_officer(officer):
    give_clearance(officer, Classification.GEHEIM)
    return officer


def test_a_classified_dossier_is_named_by_reference_and_link_only(cleared_officer, omgeving):
    secret = make_dossier(
        cleared_officer,
        title=SECRET_TITLE,
        level=Classification.GEHEIM,
        deadline=today() + 7 * DAY,
        kind=Dossier.Kind.PROTOCOL_AGREEMENT,
        summary="Afluisteren van vergaderzalen",
    )
    add_task(secret, SECRET_TASK, cleared_officer)
    ProtocolAgreement.objects.create(dossier=secret, partner=omgeving, review_on=today() + 30 * DAY)
    reminders_sweep()
    assert Notification.objects.filter(recipient=cleared_officer).count() == 3
    read = what_the_user_reads(cleared_officer, client_for(cleared_officer))
    assert read.count(secret.reference) >= 3 * 3  # three items, in mail, inbox and feed
    assert secret.get_absolute_url() in read
    for secret_text in (SECRET_TITLE, SECRET_TASK, "Afluisteren"):
        assert secret_text not in read
    assert not Reminder.objects.exclude(title="").exists()  # not even kept


def test_a_restricted_dossier_is_named_by_reference_only_even_unclassified(officer):
    restricted = make_dossier(
        officer, title=RESTRICTED_TITLE, deadline=today() + DAY, restricted_distribution=True
    )
    reminders_sweep()
    read = what_the_user_reads(officer, client_for(officer))
    assert restricted.reference in read
    assert RESTRICTED_TITLE not in read


def test_an_open_dossier_is_named_with_its_title(officer):
    make_dossier(officer, title=OPEN_TITLE, deadline=today() + 7 * DAY)
    reminders_sweep()
    read = what_the_user_reads(officer, client_for(officer))
    assert read.count(OPEN_TITLE) >= 3  # the control: e-mail, inbox and feed name it


@pytest.mark.parametrize("fixture", ["cabinet_staff", "vo_onderwijs"])
def test_an_assignee_who_may_not_open_the_dossier_is_told_nothing(request, fixture, officer):
    give_clearance(officer, Classification.GEHEIM)
    assignee = request.getfixturevalue(fixture)
    give_clearance(assignee, Classification.ZEER_GEHEIM)  # clearance without need-to-know
    dossier = make_dossier(officer, title=SECRET_TITLE, level=Classification.GEHEIM)
    add_task(dossier, SECRET_TASK, assignee)
    reminders_sweep()
    assert not Reminder.objects.filter(recipient=assignee).exists()
    assert not mailed_to(assignee)
    assert dossier.reference not in client_for(assignee).get(reverse("inbox")).content.decode()


def test_an_assignee_whose_clearance_lapsed_before_the_sweep_is_told_nothing(officer, vo_onderwijs):
    give_clearance(officer, Classification.GEHEIM)
    give_clearance(vo_onderwijs, Classification.GEHEIM, valid_until=today() - DAY)
    dossier = make_dossier(officer, title=SECRET_TITLE, level=Classification.GEHEIM)
    share(dossier, vo_onderwijs)
    add_task(dossier, SECRET_TASK, vo_onderwijs)
    reminders_sweep()
    assert not Reminder.objects.filter(recipient=vo_onderwijs).exists()
    give_clearance(vo_onderwijs, Classification.GEHEIM)
    reminders_sweep()
    [message] = mailed_to(vo_onderwijs)
    assert dossier.reference in message.body and SECRET_TASK not in message.body


def test_an_inbox_entry_follows_a_later_classification(officer):
    dossier = make_dossier(officer, title=OPEN_TITLE, deadline=today() + 7 * DAY)
    reminders_sweep()
    client = client_for(officer)
    assert OPEN_TITLE in client.get(reverse("inbox")).content.decode()
    dossier.classification = Classification.VERTROUWELIJK
    dossier.declassification_review_on = declassification_review_date(
        Classification.VERTROUWELIJK, today()
    )
    dossier.save()
    inbox = client.get(reverse("inbox")).content.decode()
    assert dossier.reference in inbox
    assert OPEN_TITLE not in inbox


def test_the_feed_lists_only_dossiers_the_user_may_see(officer, vo_onderwijs):
    give_clearance(officer, Classification.VERTROUWELIJK)
    visible = make_dossier(officer, title=OPEN_TITLE, deadline=today() + 40 * DAY)
    above = make_dossier(
        officer, title=SECRET_TITLE, level=Classification.GEHEIM, deadline=today() + 40 * DAY
    )
    feed = Client().get(reverse("calendar_feed", args=[officer.calendar_token]))
    summaries = [str(event["summary"]) for event in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert any(visible.reference in summary for summary in summaries)
    assert not any(above.reference in summary for summary in summaries)
    assert visible.reference not in feed_text(vo_onderwijs.calendar_token)
