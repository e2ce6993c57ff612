"""The administrator sets the lead times; reminders are read-only, even to a superuser."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from reminders.models import Reminder, ReminderLeadTime
from reminders.sweep import reminders_sweep
from tests.factories import DAY, client_for, make_dossier, today

pytestmark = pytest.mark.django_db


def test_the_administrator_changes_a_lead_time_and_it_is_audited(administrator):
    lead = ReminderLeadTime.objects.get(subject="dossier_deadline", amount=14)
    client = client_for(administrator)
    assert client.get(reverse("admin:reminders_reminderleadtime_changelist")).status_code == 200
    response = client.post(
        reverse("admin:reminders_reminderleadtime_change", args=[lead.pk]),
        {"subject": "dossier_deadline", "amount": 10, "unit": "days_before"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.amount == 10
    assert LogEntry.objects.get_for_object(lead).get().action == LogEntry.Action.UPDATE


def test_reminders_are_read_only_in_the_admin(administrator, officer):
    make_dossier(officer, deadline=today() + DAY)
    reminders_sweep()
    reminder = Reminder.objects.get()
    # Reminders name classified dossiers: only a superuser looks at them, read-only.
    administrator.is_superuser = True
    administrator.save()
    client = client_for(administrator)
    assert client.get(reverse("admin:reminders_reminder_changelist")).status_code == 200
    assert client.get(reverse("admin:reminders_reminder_add")).status_code == 403
    delete = reverse("admin:reminders_reminder_delete", args=[reminder.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Reminder.objects.filter(pk=reminder.pk).exists()
