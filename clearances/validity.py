"""The valid clearance of a person: the one rule every access decision compares with.

A person's valid clearance on a day is the highest level among the granted
clearances whose decision is on or before that day and whose validity has not
ended; none means no clearance. It is computed from the dates at every request,
so a clearance that lapses or is withdrawn takes its access away at once. Only
``Clearance`` rows count: a proposal awaiting a second person's confirmation
(``ClearanceProposal``) is never read here, so it confers nothing.
"""

import datetime

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import User
from clearances.models import Clearance
from common.dates import active_on
from directory.classification import Classification


def valid_on(day: datetime.date, prefix: str = "") -> Q:
    """The clearances (reached through ``prefix``) that are valid on ``day``."""
    granted = Q(**{f"{prefix}status": Clearance.Status.GRANTED})
    return granted & active_on(
        day, start="decided_on", end="valid_until", open_ended=False, prefix=prefix
    )


def valid_clearance_level_expression(
    person_ref: str = "pk", day: datetime.date | None = None
) -> Subquery:
    """A subquery giving the valid level of the person at ``OuterRef(person_ref)``, or NULL."""
    day = day or timezone.localdate()
    return Subquery(
        Clearance.objects.filter(valid_on(day), person=OuterRef(person_ref))
        .values("person")
        .annotate(highest=Max("level"))
        .values("highest")[:1]
    )


def valid_clearance_level(user: User, day: datetime.date | None = None) -> Classification | None:
    """The user's valid clearance level on ``day`` (today by default), or None."""
    if not user.is_authenticated:
        return None
    day = day or timezone.localdate()
    highest = Clearance.objects.filter(valid_on(day), person__user=user).aggregate(
        highest=Max("level")
    )["highest"]
    return None if highest is None else Classification(highest)


# The name under which accounts.backends loads the level together with the user.
CLEARANCE_ANNOTATION = "valid_clearance_level_today"
MISSING = object()


def current_clearance_level(user: User) -> Classification | None:
    """Today's valid level, read once per user object (that is, once per request).

    ``request.user`` is a lazy proxy, so the cache lives in attributes, which it
    forwards, rather than in ``__dict__``.
    """
    cached = getattr(user, "_current_clearance_level", MISSING)
    if cached is MISSING:
        loaded = getattr(user, CLEARANCE_ANNOTATION, MISSING)
        if loaded is MISSING:
            cached = valid_clearance_level(user)
        else:
            cached = None if loaded is None else Classification(loaded)
        user._current_clearance_level = cached
    return cached
