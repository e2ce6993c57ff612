from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts import permissions
from clearances.validity import current_clearance_level
from common.lists import CappedCount
from dossiers.workstreams import Workstream
from reminders.models import Notification

# The inbox badge counts unread notifications up to this ("99+"): on every page, it must
# not count the thousands a sweep may leave (15,000 for the benchmark officer at 100k).
UNREAD_BADGE_CAP = 99


def portal(request: HttpRequest) -> dict[str, object]:
    """What the base layout shows on every page: menu, workstreams, clearance, inbox.

    Each is read only when the page shows it.
    """

    def clearance_label() -> str:
        level = current_clearance_level(request.user)
        return "" if level is None else str(level.label)

    def unread_notifications() -> CappedCount:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return CappedCount(0)
        # Unordered: the inbox's order would sort every unread one before the LIMIT.
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).order_by()
        return CappedCount(unread[: UNREAD_BADGE_CAP + 1].count(), UNREAD_BADGE_CAP)

    return {
        "workstreams": Workstream,
        "may_use": SimpleLazyObject(lambda: permissions.navigation(request.user)),
        "current_clearance_label": SimpleLazyObject(clearance_label),
        "unread_notifications": SimpleLazyObject(unread_notifications),
    }
