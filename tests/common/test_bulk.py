"""Rows inserted as tuples land as the ORM would write them; duplicates are skipped."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.bulk import insert_ignoring_conflicts
from dossiers.models import Dossier
from reminders.models import Notification, Reminder
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db

DUE_ON = datetime.date(2026, 12, 6)
RECORDED_AT = datetime.datetime(2026, 11, 29, 21, 5, 30, 123456, tzinfo=datetime.UTC)
FIELDS = (
    "content_type_id",
    "object_id",
    "kind",
    "due_on",
    "lead",
    "recipient_id",
    "reference",
    "title",
    "party",
    "url",
    "created_at",
)


def rows(recipient_id: int, objects: range) -> list[tuple]:
    content_type_id = ContentType.objects.get_for_model(Dossier).pk
    return [
        (
            content_type_id,
            pk,
            Reminder.Kind.DOSSIER_DEADLINE,
            DUE_ON,
            "days_before:7",
            recipient_id,
            f"REF-{pk}",
            "",
            "",
            f"/dossiers/{pk}/",
            RECORDED_AT,
        )
        for pk in objects
    ]


def test_rows_read_back_with_their_dates_and_times():
    user = make_user("bulk", make_organisation("BULK"), None)
    insert_ignoring_conflicts(Reminder, FIELDS, rows(user.pk, range(1, 4)))
    reminder = Reminder.objects.get(object_id=2)
    assert (reminder.due_on, reminder.created_at) == (DUE_ON, RECORDED_AT)
    assert (reminder.recipient, reminder.reference, reminder.sent_at) == (user, "REF-2", None)


def test_any_text_and_no_value_read_back_as_given():
    user = make_user("bulk", make_organisation("BULK"), None)
    hostile = ["\\N", "a\tb\nc\r\\d", "quote \" and ' comma,", "", "ééé — ✓"]
    content_type_id = ContentType.objects.get_for_model(Dossier).pk
    insert_ignoring_conflicts(
        Reminder,
        (*FIELDS, "dossier_id"),
        [
            (
                content_type_id,
                pk,
                "task_due",
                DUE_ON,
                "",
                user.pk,
                text,
                text,
                text,
                "/",
                RECORDED_AT,
                None,
            )
            for pk, text in enumerate(hostile)
        ],
    )
    stored = Reminder.objects.order_by("object_id").values_list("reference", "title", "dossier_id")
    assert list(stored) == [(text, text, None) for text in hostile]


def test_rows_already_there_by_a_unique_key_are_skipped_not_an_error():
    user = make_user("bulk", make_organisation("BULK"), None)
    insert_ignoring_conflicts(Reminder, FIELDS, rows(user.pk, range(1, 4)))
    insert_ignoring_conflicts(Reminder, FIELDS, rows(user.pk, range(2, 6)))
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
    fields = [Reminder._meta.get_field(name) for name in FIELDS]
    batch = connection.ops.bulk_batch_size(fields, many)  # all of them on PostgreSQL
    with CaptureQueriesContext(connection) as none:
        insert_ignoring_conflicts(Reminder, FIELDS, [])
    with CaptureQueriesContext(connection) as inserts:
        insert_ignoring_conflicts(Reminder, FIELDS, many)
    statements = [query for query in inserts if query["sql"].startswith("INSERT")]
    assert (len(none), len(statements)) == (0, -(-len(many) // batch))
    assert Reminder.objects.count() == 3000
