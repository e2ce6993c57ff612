"""What falls due among the meetings: open action items, for their assignees.

A reminder names the meeting's reference and links to it; the action's title only
when neither the meeting nor its body is confidential. Only an assignee who may open
the meeting on the day is told anything (rule 7).
"""

import datetime
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from accounts.models import User
from dossiers.access import readable_pairs
from network.models import ActionItem
from network.visibility import visible_meetings
from reminders.models import ReminderLeadTime
from reminders.sweep import Due, Kind, Lead, dated, due_window, not_yet_recorded, reached

Entry = tuple[ActionItem, datetime.date, str]


def falling_due(*, today: datetime.date, leads: dict[str, list[ReminderLeadTime]]) -> list[Due]:
    item_leads: Sequence[Lead] = leads[Kind.ACTION_ITEM]
    window = due_window(item_leads, today)
    if window is None:
        return []
    items = not_yet_recorded(
        open_action_items().filter(due_on__range=window, assignee__isnull=False),
        kind=Kind.ACTION_ITEM,
        date_field="due_on",
        recipient_field="assignee",
        leads=item_leads,
        window=window,
        today=today,
    )
    dues = action_dues(reached(items, due_on_of, item_leads, today))
    readable = readable_pairs(
        {(due.recipient_id, due.item.meeting_id) for due in dues}, today, visible_meetings
    )
    return [due for due in dues if (due.recipient_id, due.item.meeting_id) in readable]


def calendar_deadlines(*, user: User, since: datetime.date) -> list[Due]:
    """The user's open action items from ``since`` on, in meetings he may see (one query)."""
    items = open_action_items().filter(
        assignee=user, due_on__gte=since, meeting__in=visible_meetings(user).values("pk")
    )
    return action_dues(dated(items, due_on_of, since))


def action_dues(entries: Iterable[Entry]) -> list[Due]:
    return [
        Due(
            kind=Kind.ACTION_ITEM,
            item=item,
            due_on=due_on,
            lead=lead,
            recipient_id=item.assignee_id,
            reference=item.meeting.reference,
            url=item.meeting.get_absolute_url(),
            title="" if item.meeting.needs_access_purpose else item.title,
            dossier_id=item.meeting.body.dossier_id,
        )
        for item, due_on, lead in entries
    ]


def open_action_items() -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(done_on__isnull=True).select_related("meeting__body__dossier")


def due_on_of(item: ActionItem) -> datetime.date | None:
    return item.due_on
