import time

import pytest
from celery.result import EagerResult
from django.core import mail

from liaison.celery import app
from reminders.models import Notification, Reminder
from reminders.tasks import sweep_reminders
from tests.factories import DAY, make_dossier, real_worker, today


def wait_for(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sweeps_and_delivers_through_redis(officer):
    dossier = make_dossier(officer, deadline=today() + 7 * DAY)
    assert app.conf.broker_url.startswith("redis://")
    with real_worker():
        result = sweep_reminders.delay()
        assert not isinstance(result, EagerResult)
        assert result.get(timeout=30) == 1
        # the sweep enqueued the officer's delivery after its commit; the worker runs it
        assert wait_for(lambda: len(mail.outbox) == 1)
    [message] = mail.outbox
    assert message.to == [officer.email]
    assert dossier.reference in message.body
    assert Reminder.objects.get().sent_at is not None
    assert Notification.objects.filter(recipient=officer).count() == 1
