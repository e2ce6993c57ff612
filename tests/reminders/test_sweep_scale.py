"""The sweep at scale: its queries do not grow with recipients or deadlines, a sweep with
nothing new writes nothing, and a digest stays short however much falls due."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from clearances.models import Clearance
from directory.classification import Classification
from directory.models import Organisation
from dossiers.models import ProtocolAgreement
from reminders.models import Notification, OutboxEmail, Reminder
from reminders.sweep import reminders_collect, reminders_sweep
from tests.factories import DAY, appoint, assign_task, make_dossier, make_user, today
from tests.reminders.conftest import mailed_to

pytestmark = pytest.mark.django_db


def falling_due(organisation: Organisation, recipients: int, per_recipient: int, round: int):
    """New liaison officers, each owning dossiers whose deadline, task and agreement review
    fall due, and a clearance in the organisation per officer (told to every liaison
    officer and the organisation's security officer)."""
    for number in range(recipients):
        owner = make_user(f"lo-{round}-{number}", organisation, Role.LIAISON_OFFICER)
        for item in range(per_recipient):
            dossier = make_dossier(
                owner, title=f"Dossier {round} {number} {item}", deadline=today() + 7 * DAY
            )
            assign_task(dossier, owner, today() + DAY)
            ProtocolAgreement.objects.create(
                dossier=dossier, partner=organisation, review_on=today() + 30 * DAY
            )
        Clearance.objects.create(
            person=owner.person,
            level=Classification.GEHEIM,
            status=Clearance.Status.GRANTED,
            requested_on=today() - 400 * DAY,
            decided_on=today() - 300 * DAY,
            valid_until=today() + 30 * DAY,
        )


def test_the_sweep_makes_as_many_queries_for_more_recipients_and_more_deadlines(
    kanselarij, vo_onderwijs
):
    """Recording and delivering (sending is one task per e-mail, outside the sweep)."""
    appoint(vo_onderwijs, kanselarij)
    counts, delivered, recipients = [], [], []
    for round, (size, per_recipient) in enumerate(((2, 1), (6, 1), (6, 4))):
        falling_due(kanselarij, size, per_recipient, round)
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            report = reminders_collect(today=today())
        counts.append(len(queries))
        delivered.append(report.delivered)
        recipients.append(report.recipients)
    assert recipients[0] < recipients[1] < recipients[2]
    assert delivered[0] < delivered[1] < delivered[2]
    assert counts[0] == counts[1] == counts[2]
    assert OutboxEmail.objects.count() == sum(recipients)
    assert Notification.objects.count() == Reminder.objects.count() == sum(delivered)

    # nothing new: no reminder, notification or e-mail written, nothing delivered
    with CaptureQueriesContext(connection) as queries:
        again = reminders_collect(today=today())
    assert (again.found, again.delivered, again.recipients) == (0, 0, 0)
    assert not [query for query in queries if query["sql"].startswith(("INSERT", "UPDATE"))]


def test_a_digest_lists_the_first_reminders_and_counts_the_others(officer, settings):
    settings.REMINDER_DIGEST_LINES = 2
    dossiers = [
        make_dossier(officer, title=f"Dossier {n}", deadline=today() + n * DAY) for n in (1, 3, 5)
    ]
    for dossier in dossiers:
        assign_task(dossier, officer, today() + 7 * DAY)
    report = reminders_sweep()
    assert report.delivered == Notification.objects.filter(recipient=officer).count() == 6
    [digest] = mailed_to(officer)
    assert digest.subject.startswith("6 ")
    # the two soonest deadlines, then the number of the others waiting in the inbox
    for dossier in dossiers[:2]:
        assert digest.body.count(dossier.get_absolute_url()) == 1
    assert dossiers[2].reference not in digest.body
    assert " 4 " in digest.body
    assert len(mail.outbox) == 1
