"""Notices: an inbox entry now, for something that happened rather than falls due.

A notice is a reminder recorded as already sent, with its notification, under the
same unique key as every reminder: telling twice about the same thing is impossible.
No e-mail: the daily digest is for deadlines.
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from reminders.models import Notification, Reminder
from reminders.sweep import Due


@transaction.atomic
def notices_record(dues: Sequence[Due]) -> int:
    """An inbox entry for each due not told yet; how many were new."""
    if not dues:
        return 0
    content_types = ContentType.objects.get_for_models(*{type(due.item) for due in dues})
    told = 0
    for due in dues:
        reminder = due.as_reminder(content_types)
        key = {
            "content_type": reminder.content_type,
            "object_id": reminder.object_id,
            "due_on": reminder.due_on,
            "lead": reminder.lead,
            "recipient_id": reminder.recipient_id,
        }
        reminder.sent_at = timezone.now()
        fields = {
            name: getattr(reminder, name)
            for name in ("kind", "reference", "title", "party", "url", "dossier_id", "sent_at")
        }
        reminder, created = Reminder.objects.get_or_create(**key, defaults=fields)
        if created:
            Notification.objects.create(recipient_id=reminder.recipient_id, reminder=reminder)
            told += 1
    return told
