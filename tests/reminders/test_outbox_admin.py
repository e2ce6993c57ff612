"""The administrator sees what failed or may have been sent, and resends it deliberately."""

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse

from accounts.models import User
from reminders.models import OutboxEmail
from tests.factories import client_for

pytestmark = pytest.mark.django_db

Status = OutboxEmail.Status
CHANGELIST = "admin:reminders_outboxemail_changelist"


def outbox_row(recipient: User, status: str, **fields: object) -> OutboxEmail:
    return OutboxEmail.objects.create(
        recipient=recipient,
        to=recipient.email,
        subject="1 herinnering",
        body="Dossier VO-2026-0001: deadline",
        status=status,
        attempts=1,
        **fields,
    )


def test_uncertain_and_failed_emails_are_listed_by_status(
    administrator, officer, vo_onderwijs, vo_omgeving
):
    outbox_row(officer, Status.UNCERTAIN)
    outbox_row(vo_onderwijs, Status.FAILED, last_error="(550, b'Mailbox unavailable')")
    outbox_row(vo_omgeving, Status.SENT)
    client = client_for(administrator)
    uncertain = client.get(reverse(CHANGELIST), {"status__exact": "uncertain"}).content.decode()
    assert officer.email in uncertain
    assert vo_onderwijs.email not in uncertain and vo_omgeving.email not in uncertain
    failed = client.get(reverse(CHANGELIST), {"status__exact": "failed"}).content.decode()
    assert vo_onderwijs.email in failed and officer.email not in failed


def test_the_resend_action_sends_once_with_the_same_message_id_and_is_audited(
    administrator, officer, vo_onderwijs, django_capture_on_commit_callbacks
):
    uncertain = outbox_row(officer, Status.UNCERTAIN)
    sent = outbox_row(vo_onderwijs, Status.SENT)
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST),
            {"action": "resend", "_selected_action": [uncertain.pk, sent.pk]},
            follow=True,
        )
    assert response.status_code == 200
    [message] = mail.outbox  # the sent one is not sent again
    assert message.to == [officer.email]
    assert message.extra_headers["Message-ID"] == uncertain.message_id
    uncertain.refresh_from_db()
    assert uncertain.status == Status.SENT
    entry = LogEntry.objects.get_for_object(uncertain).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == administrator
    assert entry.changes_dict["status"] == [Status.UNCERTAIN.value, Status.PENDING.value]


def test_outbox_rows_cannot_be_added_edited_or_deleted(administrator, officer):
    email = outbox_row(officer, Status.UNCERTAIN)
    client = client_for(administrator)
    change = reverse("admin:reminders_outboxemail_change", args=[email.pk])
    assert client.get(change).status_code == 200  # read-only view
    client.post(change, {"to": "someone@else.test", "status": "sent"})
    email.refresh_from_db()
    assert (email.to, email.status) == (officer.email, Status.UNCERTAIN)
    assert client.get(reverse("admin:reminders_outboxemail_add")).status_code == 403
    delete = reverse("admin:reminders_outboxemail_delete", args=[email.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert OutboxEmail.objects.filter(pk=email.pk).exists()
