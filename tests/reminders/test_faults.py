"""Rule 11 under real faults: a Celery worker on Redis, a local SMTP relay, no patching.

After each fault every recipient has each reminder once in the inbox and at most once
by e-mail (counted by Message-ID at the relay); what may have been sent is shown to
the administrator, not sent again. Each test prints its figures (run with -s).
"""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from liaison.tasks import check_health
from reminders.models import OutboxEmail
from reminders.tasks import send_email, sweep_reminders
from tests.factories import DAY, client_for, make_dossier, today
from tests.reminders.faults import (
    FAULT_SETTINGS,
    empty_broker,
    figures,
    relay,
    statuses,
    wait_for,
    worker,
)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

Status = OutboxEmail.Status
EMAILS = 3  # one digest per recipient


@pytest.fixture
def recipients(officer: User, vo_onderwijs: User, vo_omgeving: User) -> list[User]:
    """Four reminders due for three people: the officer's digest holds two."""
    empty_broker()
    for owner, count in ((officer, 2), (vo_onderwijs, 1), (vo_omgeving, 1)):
        for number in range(count):
            make_dossier(
                owner, title=f"Dossier {owner.username} {number}", deadline=today() + 7 * DAY
            )
    return [officer, vo_onderwijs, vo_omgeving]


def sweep() -> None:
    """The periodic sweep, run by the worker as beat would ask it."""
    assert sweep_reminders.delay().get(timeout=30) is not None


def report(scenario: str, outcome: dict[str, object]) -> None:
    print(f"\n[{scenario}] {outcome}")


def test_a_worker_killed_during_a_send_leaves_that_email_uncertain_and_not_sent_again(
    recipients, administrator
):
    with relay() as sink:
        sink.start()
        sink.released.clear()  # the relay holds the first message at DATA
        with worker(sink.port) as first:
            sweep_reminders.delay()
            assert sink.content_arrived.wait(timeout=30)
            first.kill()
        sink.released.set()
        [killed] = OutboxEmail.objects.filter(status=Status.SENDING)
        with worker(sink.port):
            # the killed task delivered again (acks_late) finds the claim and sends nothing
            assert send_email.delay(killed.pk).get(timeout=10) in {Status.SENDING, Status.UNCERTAIN}
            assert wait_for(lambda: statuses()[Status.SENT] == EMAILS - 1)
            # once the claim is older than the hard time limit, the next sweep sees it
            killed.refresh_from_db()
            age = (timezone.now() - killed.claimed_at).total_seconds()
            time.sleep(max(0.0, float(FAULT_SETTINGS["CELERY_TASK_TIME_LIMIT"]) + 0.2 - age))
            sweep()
            assert send_email.delay(killed.pk).get(timeout=10) == Status.UNCERTAIN
        outcome = figures(sink)
    report("worker killed during a send", outcome)
    assert outcome["e-mails received"] == EMAILS  # the held one counted once, never resent
    assert statuses() == {Status.SENT: EMAILS - 1, Status.UNCERTAIN: 1}
    changelist = reverse("admin:reminders_outboxemail_changelist") + "?status__exact=uncertain"
    page = client_for(administrator).get(changelist).content.decode()
    assert killed.to in page
    assert not any(user.email in page for user in recipients if user.email != killed.to)


def test_a_relay_that_is_down_delays_emails_until_it_is_back_then_each_goes_once(recipients):
    with relay() as sink, worker(sink.port):
        sweep()
        # every e-mail was tried, failed and is retried with backoff; the inbox is full
        assert wait_for(lambda: OutboxEmail.objects.filter(attempts__gte=2).count() == EMAILS)
        assert statuses()[Status.SENT] == 0
        back = timezone.now()
        sink.start()
        assert wait_for(lambda: statuses()[Status.SENT] == EMAILS, timeout=30)
        last_sent = max(OutboxEmail.objects.values_list("sent_at", flat=True))
        sweep()  # a later sweep sends nothing again
        outcome = figures(sink)
    outcome["seconds from relay back to last e-mail sent"] = round(
        (last_sent - back).total_seconds(), 1
    )
    report("relay down, then back", outcome)
    assert outcome["e-mails received"] == EMAILS


def test_a_relay_that_never_answers_frees_the_worker_and_loses_nothing(recipients):
    with relay() as sink:
        sink.hang()  # accepts the connection, never greets
        with worker(sink.port):
            started = time.monotonic()
            sweep()
            # each attempt timed out and freed the one worker slot for the next
            assert wait_for(lambda: OutboxEmail.objects.filter(attempts__gte=1).count() == EMAILS)
            assert check_health.delay().get(timeout=15)["database"]
            freed_after = round(time.monotonic() - started, 1)
            assert statuses()[Status.SENT] == 0
            sink.start()
            assert wait_for(lambda: statuses()[Status.SENT] == EMAILS, timeout=30)
        outcome = figures(sink)
    outcome["seconds until the worker answered again"] = freed_after
    report("relay hangs before greeting", outcome)
    assert outcome["e-mails received"] == EMAILS


def test_a_relay_silent_after_the_content_makes_emails_uncertain_not_repeated(recipients):
    with relay() as sink:
        sink.start()
        sink.released.clear()  # takes the content, never answers: maybe delivered
        with worker(sink.port):
            sweep()
            assert wait_for(lambda: statuses()[Status.UNCERTAIN] == EMAILS)
            assert check_health.delay().get(timeout=15)["database"]
            sink.released.set()
            sweep()
            time.sleep(1)
        outcome = figures(sink)
    report("relay silent after DATA", outcome)
    assert outcome["e-mails received"] == EMAILS
    assert statuses() == {Status.UNCERTAIN: EMAILS}


def test_a_refused_address_fails_alone_and_the_others_get_theirs(recipients):
    refused = recipients[2]
    with relay() as sink:
        sink.refused.add(refused.email)
        sink.start()
        with worker(sink.port):
            sweep()
            assert wait_for(lambda: statuses() == {Status.SENT: EMAILS - 1, Status.FAILED: 1})
        outcome = figures(sink)
    report("one address refused with 550", outcome)
    failed = OutboxEmail.objects.get(status=Status.FAILED)
    assert (failed.to, failed.attempts) == (refused.email, 1)
    assert "550" in failed.last_error
    assert {to for _id, to, _body in sink.received} == {
        user.email for user in recipients if user != refused
    }
