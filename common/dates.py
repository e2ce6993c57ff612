"""The one "active on a day" rule of grants, appointments and clearances.

Something is active on a day when it started on or before that day (if it has a
start) and has not ended before it. An empty end means open-ended for a grant or
an appointment; a clearance without an end date is valid on no day.
"""

import datetime

from django.db.models import Q


def active_on(
    day: datetime.date,
    *,
    start: str | None = None,
    end: str = "ends_on",
    open_ended: bool = True,
    prefix: str = "",
) -> Q:
    """The rows (reached through ``prefix``) whose ``start``..``end`` holds ``day``."""
    active = Q(**{f"{prefix}{end}__gte": day})
    if open_ended:
        active |= Q(**{f"{prefix}{end}__isnull": True})
    if start is not None:
        active &= Q(**{f"{prefix}{start}__lte": day})
    return active


def is_active_on(
    day: datetime.date,
    *,
    ends_on: datetime.date | None,
    starts_on: datetime.date | None = None,
    open_ended: bool = True,
) -> bool:
    """``active_on`` for one object in hand; ``starts_on`` None means no start to check."""
    started = starts_on is None or starts_on <= day
    if ends_on is None:
        return started and open_ended
    return started and day <= ends_on
