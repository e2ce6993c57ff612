"""Action items of meetings fall due like tasks: recorded once through the real sweep,
in the inbox and the calendar feed, and told only to an assignee who may see the meeting."""

import pytest
from django.core import mail

from directory.classification import Classification
from network.models import ActionItem
from reminders.models import Notification, Reminder
from reminders.sweep import reminders_sweep
from tests.factories import DAY, give_clearance, make_meeting, share, today
from tests.reminders.conftest import feed_text, mailed_to

pytestmark = pytest.mark.django_db


def act(meeting, assignee, days: int = 7, title: str = "Uitnodigingen versturen") -> ActionItem:
    return ActionItem.objects.create(
        meeting=meeting, title=title, assignee=assignee, due_on=today() + days * DAY
    )


def test_an_action_item_raises_its_reminder_exactly_once(officer, open_meeting):
    item = act(open_meeting, officer)
    first, second = reminders_sweep(), reminders_sweep()
    assert (first.delivered, second.delivered) == (1, 0)
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.object_id, reminder.recipient) == (
        Reminder.Kind.ACTION_ITEM,
        item.pk,
        officer,
    )
    assert reminder.url == open_meeting.get_absolute_url()
    assert Notification.objects.filter(recipient=officer).count() == 1
    [digest] = mailed_to(officer)
    assert open_meeting.reference in digest.body


def test_a_done_or_unassigned_action_item_raises_nothing(officer, open_meeting):
    act(open_meeting, None)
    done = act(open_meeting, officer)
    done.done_on = today()
    done.save()
    reminders_sweep()
    assert not Reminder.objects.exists()


def test_an_assignee_who_may_not_see_the_meeting_is_told_nothing(vo_onderwijs, open_meeting):
    act(open_meeting, vo_onderwijs)
    reminders_sweep()
    assert not Reminder.objects.exists()
    assert not mailed_to(vo_onderwijs)
    share(open_meeting.body.dossier, vo_onderwijs)
    reminders_sweep()
    assert Reminder.objects.get().recipient == vo_onderwijs


def test_the_reminder_of_a_classified_meeting_names_the_reference_only(
    cleared_officer, beperkt_meeting
):
    act(beperkt_meeting, cleared_officer, title="Geheime opdracht")
    reminders_sweep()
    reminder = Reminder.objects.get()
    assert reminder.title == ""
    [digest] = mailed_to(cleared_officer)
    assert beperkt_meeting.reference in digest.body
    assert "Geheime opdracht" not in digest.body
    assert "Beperkt verslag" not in digest.body


def test_the_action_item_is_in_the_assignees_calendar_while_he_may_see_it(
    vo_onderwijs, officer, open_body
):
    meeting = make_meeting(open_body, Classification.BEPERKT)
    act(meeting, vo_onderwijs, days=20, title="Evaluatie bezorgen")
    share(open_body.dossier, vo_onderwijs)
    assert meeting.reference not in feed_text(vo_onderwijs.calendar_token)
    give_clearance(vo_onderwijs, Classification.BEPERKT)
    feed = feed_text(vo_onderwijs.calendar_token)
    assert meeting.reference in feed
    assert "Evaluatie bezorgen" not in feed  # a classified meeting: the reference only
    assert len(mail.outbox) == 0
