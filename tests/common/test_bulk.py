"""Rows inserted as tuples land as the ORM would write them; duplicates are skipped."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.bulk import insert_ignoring_conflicts
from dossiers.models import Dossier
from reminders.models import Notification, Reminder
from reminders.sweep import RECORDED
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db

DUE_ON = datetime.date(2026, 12, 6)
RECORDED_AT = datetime.datetime(2026, 11, 29, 21, 5, 30, 123456, tzinfo=datetime.UTC)


def row(recipient_id: int, pk: int, text: str = "", sent_at: datetime.datetime | None = None):
    """A reminder's values in the order the sweep records them (``RECORDED``)."""
    content_type_id = ContentType.objects.get_for_model(Dossier).pk
    kind, url = Reminder.Kind.DOSSIER_DEADLINE, f"/dossiers/{pk}/"
    reference = text or f"REF-{pk}"
    values = (content_type_id, pk, kind, DUE_ON, "days_before:7", recipient_id, None)
    return (*values, reference, text, text, url, RECORDED_AT, sent_at)


def rows(recipient_id: int, objects: range) -> list[tuple]:
    return [row(recipient_id, pk) for pk in objects]


def test_rows_read_back_with_their_dates_and_times():
    user = make_user("bulk", make_organisation("BULK"), None)
    insert_ignoring_conflicts(Reminder, RECORDED, rows(user.pk, range(1, 4)))
    reminder = Reminder.objects.get(object_id=2)
    assert (reminder.due_on, reminder.created_at) == (DUE_ON, RECORDED_AT)
    assert (reminder.recipient, reminder.reference, reminder.sent_at) == (user, "REF-2", None)
    assert (reminder.title, reminder.party, reminder.dossier_id) == ("", "", None)


def test_any_text_and_no_value_read_back_as_given():
    user = make_user("bulk", make_organisation("BULK"), None)
    hostile = ["\\N", "a\tb\nc\r\\d", "quote \" and ' comma,", "{NULL}", "ééé — ✓"]
    insert_ignoring_conflicts(
        Reminder, RECORDED, [row(user.pk, pk, text) for pk, text in enumerate(hostile)]
    )
    stored = Reminder.objects.order_by("object_id").values_list(
        "reference", "title", "party", "dossier_id", "sent_at"
    )
    assert list(stored) == [(text, text, text, None, None) for text in hostile]
    assert Reminder.objects.filter(title="").count() == 0


def test_rows_already_there_by_a_unique_key_are_skipped_not_an_error():
    user = make_user("bulk", make_organisation("BULK"), None)
    insert_ignoring_conflicts(Reminder, RECORDED, rows(user.pk, range(1, 4)))
    insert_ignoring_conflicts(Reminder, RECORDED, rows(user.pk, range(2, 6)))
    assert sorted(Reminder.objects.values_list("object_id", flat=True)) == [1, 2, 3, 4, 5]
    reminder = Reminder.objects.get(object_id=5)
    insert_ignoring_conflicts(
        Notification,
        ("recipient_id", "reminder_id", "created_at"),
        [(user.pk, reminder.pk, RECORDED_AT)] * 2,
    )
    assert Notification.objects.get().reminder == reminder


def test_many_rows_go_in_as_few_statements_as_the_database_takes_and_none_in_none():
    user = make_user("bulk", make_organisation("BULK"), None)
    many = rows(user.pk, range(1, 3001))
    fields = [Reminder._meta.get_field(name) for name in RECORDED]
    batch = connection.ops.bulk_batch_size(fields, many)  # all of them on PostgreSQL
    with CaptureQueriesContext(connection) as none:
        insert_ignoring_conflicts(Reminder, RECORDED, [])
    with CaptureQueriesContext(connection) as inserts:
        insert_ignoring_conflicts(Reminder, RECORDED, many)
    statements = [query for query in inserts if query["sql"].startswith("INSERT")]
    assert (len(none), len(statements)) == (0, -(-len(many) // batch))
    assert Reminder.objects.count() == 3000
