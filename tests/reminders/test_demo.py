"""The demo accounts find their reminders once, however often the demo is loaded."""

import pytest
from django.core import mail
from django.core.management import call_command

from reminders.models import Notification, Reminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def test_the_demo_accounts_find_reminders_in_their_inbox_once(settings):
    inboxes = {
        username: Notification.objects.filter(recipient__username=username).count()
        for username in ("officer", "vo-onderwijs")
    }
    assert all(inboxes.values()), inboxes
    sent, recorded = len(mail.outbox), Reminder.objects.count()
    settings.DEBUG = True
    call_command("load_demo_data")
    assert (len(mail.outbox), Reminder.objects.count()) == (sent, recorded)
    assert {
        username: Notification.objects.filter(recipient__username=username).count()
        for username in ("officer", "vo-onderwijs")
    } == inboxes
