"""Rule 6: no reminder is lost and none is sent twice, whatever happens between sweeps."""

import smtplib
import threading

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from kombu.exceptions import OperationalError

from clearances.models import Clearance
from directory.classification import Classification
from directory.models import Person
from dossiers.models import Dossier, DossierUserGrant, ProtocolAgreement
from reminders.models import Notification, OutboxEmail, Reminder
from reminders.sweep import reminders_sweep
from reminders.tasks import send_email, sweep_reminders
from tests.factories import DAY, appoint, assign_task, make_dossier, share, today
from tests.reminders.conftest import mailed_to


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, messages: list) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.django_db
def test_two_sweeps_give_one_reminder(officer):
    make_dossier(officer, deadline=today() + 7 * DAY)
    first = reminders_sweep()
    second = reminders_sweep()
    assert (first.delivered, second.delivered) == (1, 0)
    assert Reminder.objects.count() == 1
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_digest_is_one_email_per_recipient_per_sweep(officer, vo_onderwijs):
    references = [
        make_dossier(officer, title=f"Dossier {number}", deadline=today() + number * DAY).reference
        for number in (1, 3, 7)
    ]
    task_dossier = make_dossier(officer, title="Opleiding")
    share(task_dossier, vo_onderwijs)
    assign_task(task_dossier, vo_onderwijs, today() + 7 * DAY, title="Nalezen")
    reminders_sweep()
    assert len(mail.outbox) == 2
    [digest] = mailed_to(officer)
    assert all(reference in digest.body for reference in references)
    assert digest.subject.startswith("3 ")
    [vo_digest] = mailed_to(vo_onderwijs)
    assert task_dossier.reference in vo_digest.body
    assert not any(reference in vo_digest.body for reference in references)


@pytest.mark.django_db
def test_a_relay_that_is_down_delays_the_email_not_the_inbox_and_a_later_sweep_sends_it_once(
    officer, vo_onderwijs, settings
):
    make_dossier(officer, deadline=today() + 7 * DAY)
    settings.EMAIL_BACKEND = "tests.reminders.test_exactly_once.BrokenMailServer"
    report = reminders_sweep()
    assert (report.found, report.delivered, report.emails_failed) == (1, 1, 1)
    assert Notification.objects.filter(recipient=officer).count() == 1
    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert "Connection unexpectedly closed" in email.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_RETRY_BACKOFF_MAX = settings.CELERY_TASK_TIME_LIMIT = 0  # retry now
    assert reminders_sweep().emails_sent == 1
    assert reminders_sweep().emails_sent == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id
    assert Notification.objects.count() == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


@pytest.mark.django_db
def test_a_sweep_while_the_broker_is_down_loses_and_repeats_nothing(
    officer, monkeypatch, django_capture_on_commit_callbacks
):
    make_dossier(officer, deadline=today() + 7 * DAY)

    def broker_down(*args: object, **kwargs: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_reminders.delay()
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back
    for _sweep in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sweep_reminders.delay()
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().sent_at is not None
    assert Notification.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once(officer, vo_onderwijs):
    references = [
        make_dossier(officer, title=f"Dossier {number}", deadline=today() + number * DAY).reference
        for number in (1, 7, 14)
    ]
    shared = make_dossier(officer, title="Gedeeld")
    grant = share(shared, vo_onderwijs, ends_on=today() - DAY)
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def sweep() -> None:
        try:
            start.wait(timeout=10)
            reminders_sweep()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Reminder.objects.count() == 4
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0
    assert Notification.objects.count() == 4
    bodies = "".join(message.body for message in mail.outbox)
    for reference in [*references, shared.reference]:
        assert bodies.count(reference) == 1, reference
    assert not DossierUserGrant.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_id=grant.pk).count() == 1


@pytest.mark.django_db
def test_email_off_means_inbox_only(officer):
    officer.email_reminders = False
    officer.save()
    make_dossier(officer, deadline=today() + 7 * DAY)
    assert reminders_sweep().delivered == 1
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=officer).count() == 1


@pytest.mark.django_db
def test_the_digest_is_in_the_recipients_language(officer, vo_onderwijs):
    deadline = today() + 7 * DAY
    officer.language = "fr"
    officer.save()
    make_dossier(officer, deadline=deadline)
    reminders_sweep()
    [message] = mail.outbox
    with translation.override("fr"):
        french = date_format(deadline)
    with translation.override("nl"):
        dutch = date_format(deadline)
    assert french in message.body
    assert french == dutch or dutch not in message.body


def fill(officer, vo_onderwijs, size: int, offset: int) -> None:
    """``size`` items of every kind falling due today, for the same recipients."""
    holders = Person.objects.bulk_create(
        Person(
            first_name="Houder", last_name=f"{offset + n}", organisation=vo_onderwijs.organisation
        )
        for n in range(size)
    )
    for n in range(size):
        dossier = make_dossier(
            officer,
            title=f"Dossier {offset + n}",
            deadline=today() + 7 * DAY,
            kind=Dossier.Kind.PROTOCOL_AGREEMENT,
        )
        share(dossier, vo_onderwijs.organisation)
        assign_task(dossier, vo_onderwijs, today() + DAY)
        ProtocolAgreement.objects.create(
            dossier=dossier, partner=officer.organisation, review_on=today() + 30 * DAY
        )
        share(
            dossier,
            vo_onderwijs,
            ends_on=today() - DAY,
        )
        Clearance.objects.create(
            person=holders[n],
            level=Classification.GEHEIM,
            status=Clearance.Status.GRANTED,
            requested_on=today() - 400 * DAY,
            decided_on=today() - 300 * DAY,
            valid_until=today() + 30 * DAY,
        )


@pytest.mark.django_db
def test_the_sweep_makes_as_many_queries_for_ten_times_more_items(officer, vo_onderwijs):
    appoint(vo_onderwijs)
    counts, delivered = [], []
    for size, offset in ((3, 0), (30, 100)):
        fill(officer, vo_onderwijs, size, offset)
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            report = reminders_sweep()
        counts.append(len(queries))
        delivered.append(report.delivered)
    # per item: deadline, review and revoked grant to the owner, the task to its assignee,
    # the clearance to the liaison officer and the security officer
    assert delivered == [3 * 6, 30 * 6]
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_a_sweep_with_nothing_new_reads_no_deadline_again(officer, vo_onderwijs):
    from dossiers.reminders import falling_due
    from reminders.sweep import lead_times

    appoint(vo_onderwijs)
    fill(officer, vo_onderwijs, 10, 0)
    first = reminders_sweep()
    recorded = Reminder.objects.count()
    assert first.delivered == recorded == 10 * 6
    # recorded deadlines and tasks are left out in the database (an anti-join), not loaded
    again_due = [due.kind for due in falling_due(today=today(), leads=lead_times())]
    assert Reminder.Kind.DOSSIER_DEADLINE not in again_due
    assert Reminder.Kind.TASK_DUE not in again_due
    again = reminders_sweep()
    assert again.delivered == 0 and Reminder.objects.count() == recorded
    deadline = Reminder.objects.filter(kind=Reminder.Kind.DOSSIER_DEADLINE).first()
    # the address built from one reverse() is the dossier's own
    assert deadline.url == Dossier.objects.get(pk=deadline.dossier_id).get_absolute_url()
    # the next lead time of the same deadlines (one day before) is new, and recorded once
    day_before = today() + 6 * DAY
    reminders_sweep(today=day_before)
    reminders_sweep(today=day_before)
    deadlines = Reminder.objects.filter(kind=Reminder.Kind.DOSSIER_DEADLINE)
    assert deadlines.count() == 20 and deadlines.values("lead").distinct().count() == 2
