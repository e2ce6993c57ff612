"""The outbox's rules in one process: give up after the last attempt, never resend blindly."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from reminders.models import Notification, OutboxEmail
from reminders.sweep import reminders_sweep
from reminders.tasks import send_email
from tests.factories import DAY, make_dossier, today

pytestmark = pytest.mark.django_db

Status = OutboxEmail.Status


def test_an_email_that_keeps_failing_shows_as_failed_after_the_last_attempt(officer, settings):
    make_dossier(officer, deadline=today() + 7 * DAY)
    settings.EMAIL_BACKEND = "tests.reminders.test_exactly_once.BrokenMailServer"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_BACKOFF_MAX = settings.CELERY_TASK_TIME_LIMIT = 0  # retry at once
    reminders_sweep()
    assert OutboxEmail.objects.get().status == Status.PENDING
    reminders_sweep()
    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (Status.FAILED, 2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders_sweep()  # a failed e-mail waits for the administrator
    assert mail.outbox == []
    assert OutboxEmail.objects.get().attempts == 2
    assert Notification.objects.filter(recipient=officer).count() == 1


def test_an_email_left_being_sent_is_not_sent_again_and_turns_uncertain_after_the_time_limit(
    officer, settings
):
    make_dossier(officer, deadline=today() + 7 * DAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders_sweep()
    mail.outbox.clear()
    email = OutboxEmail.objects.get()
    # as if a worker claimed it a moment ago and died during the send
    claimed = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT - 5)
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING, claimed_at=claimed, sent_at=None
    )
    assert send_email.delay(email.pk).get() == Status.SENDING
    OutboxEmail.objects.filter(pk=email.pk).update(claimed_at=claimed - datetime.timedelta(10))
    assert send_email.delay(email.pk).get() == Status.UNCERTAIN
    reminders_sweep()
    assert mail.outbox == []
    assert OutboxEmail.objects.get().status == Status.UNCERTAIN
