"""The audit trail read as of a moment: what a row's field held then, what was made since."""

import datetime
from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef


def values_as_of(
    model: type[Model], ids: Iterable[int], field: str, moment: datetime.datetime
) -> dict[int, str]:
    """The value ``field`` had at ``moment`` for those rows whose trail changed it since.

    Read from the first change after ``moment``: its old value is what held then, so the
    answer needs no entry from before (a trail begun late, or rows loaded in bulk, still
    answer). A row created after ``moment`` answers with its first value. Rows the trail
    does not name are unchanged since: the caller keeps their current value.
    """
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(ids),
            timestamp__gt=moment,
            changes__has_key=field,
        )
        .order_by("timestamp", "pk")
        .values_list("object_id", "action", "changes")
    )
    found: dict[int, str] = {}
    for object_id, action, changes in entries.iterator():
        if object_id not in found:
            old, new = changes[field]
            found[object_id] = new if action == LogEntry.Action.CREATE else old
    return found


def created_after(model: type[Model], moment: datetime.datetime) -> Exists:
    """Rows whose trail records their creation after ``moment`` (for ``.exclude()``)."""
    return Exists(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            action=LogEntry.Action.CREATE,
            timestamp__gt=moment,
        )
    )
