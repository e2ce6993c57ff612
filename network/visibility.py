"""Which bodies, meetings and their parts a user may see: the dossiers' rule, asked.

A body is seen with its dossier (``visible_dossiers``); a meeting and what it holds
with the stricter of its own marking and its body's (``marked_parts_visible``). Both
are database conditions, so every list is one filtered query.
"""

import datetime

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts.models import User
from dossiers.access import marked_parts_visible, visible_dossiers
from network.models import ActionItem, Body, Decision, Meeting


def visible_bodies(user: User) -> QuerySet[Body]:
    return Body.objects.filter(dossier__in=visible_dossiers(user).values("pk"))


def visible_meetings(user: User, day: datetime.date | None = None) -> QuerySet[Meeting]:
    return marked_parts_visible(user, Meeting.objects.all(), dossier="body__dossier", day=day)


def visible_decisions(user: User, meetings: list[int]) -> QuerySet[Decision]:
    """The decisions of those of ``meetings`` the user may see: the rule tests these
    meetings alone, not every meeting first."""
    seen = visible_meetings(user).filter(pk__in=meetings)
    return Decision.objects.filter(meeting__in=seen.values("pk"))


def visible_action_items(user: User) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(meeting__in=visible_meetings(user).values("pk"))


def get_body_for_user(user: User, pk: int) -> Body:
    try:
        return visible_bodies(user).select_related("dossier", "chair", "secretariat").get(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None


def get_meeting_for_user(user: User, pk: int) -> Meeting:
    try:
        return visible_meetings(user).select_related("body__dossier").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def body_counts(user: User) -> list[dict[str, object]]:
    """Per kind, how many bodies and meetings the user may count (cabinet staff's view)."""
    meetings = visible_meetings(user).values("body__kind").annotate(meetings=Count("pk"))
    counted = {row["body__kind"]: row["meetings"] for row in meetings.order_by()}
    bodies = visible_bodies(user).values("kind").annotate(bodies=Count("pk")).order_by("kind")
    labels = dict(Body.Kind.choices)
    return [
        {
            "kind": labels[row["kind"]],
            "bodies": row["bodies"],
            "meetings": counted.get(row["kind"], 0),
        }
        for row in bodies
    ]
