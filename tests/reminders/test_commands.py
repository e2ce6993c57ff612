"""The on-demand command and the demo data."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from reminders.models import Notification, OutboxEmail
from tests.factories import DAY, make_dossier, today

pytestmark = pytest.mark.django_db


def test_send_reminders_sweeps_now_and_a_second_run_sends_nothing(officer, capsys):
    make_dossier(officer, deadline=today() + DAY)
    call_command("send_reminders")
    assert "1 reminders due, 1 delivered to 1 recipients" in capsys.readouterr().out
    call_command("send_reminders")
    assert "0 delivered" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_send_reminders_fails_loudly_when_mail_is_down_but_fills_the_inbox(officer, settings):
    settings.EMAIL_BACKEND = "tests.reminders.test_exactly_once.BrokenMailServer"
    make_dossier(officer, deadline=today() + DAY)
    with pytest.raises(CommandError, match="outbox"):
        call_command("send_reminders")
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING
