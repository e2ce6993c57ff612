"""What the domain apps plug into the reminders, the way apps register with the admin.

``reminders`` imports no domain app: each one registers, in its ``AppConfig.ready()``,
what falls due (for the sweep and for the calendar feed) and which of its items a
reader may see named. A source is called as ``falling_due(*, today, leads)`` and
``calendar_deadlines(*, user, since)``; both return a list of ``reminders.sweep.Due``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accounts.models import User

NameableCheck = Callable[[User, set[int]], set[int]]
# The same question for many readers at once: (reader id, dossier id) pairs in, the
# nameable ones out, in a number of queries that does not grow with the readers.
NameablePairsCheck = Callable[[set[tuple[int, int]]], set[tuple[int, int]]]


@dataclass(frozen=True)
class Source:
    name: str
    falling_due: Callable[..., list]
    calendar_deadlines: Callable[..., list]


SOURCES: dict[str, Source] = {}
NAMEABLE_CHECKS: list[NameableCheck] = []
NAMEABLE_PAIRS_CHECKS: list[NameablePairsCheck] = []


def register_source(
    name: str, *, falling_due: Callable[..., list], calendar_deadlines: Callable[..., list]
) -> None:
    """Add an app's deadlines to the sweep and the calendar feed; registering twice replaces."""
    SOURCES[name] = Source(name, falling_due, calendar_deadlines)


def register_nameable_check(check: NameableCheck, pairs: NameablePairsCheck) -> None:
    """``check(viewer, dossier_ids)`` returns the ids among them whose title the viewer may read.

    A reminder's title shows only if a registered check names its dossier: without
    one, every message gives the reference alone (rule 7). ``pairs`` answers the same
    for many readers at once (the digests of a sweep).
    """
    if check not in NAMEABLE_CHECKS:
        NAMEABLE_CHECKS.append(check)
    if pairs not in NAMEABLE_PAIRS_CHECKS:
        NAMEABLE_PAIRS_CHECKS.append(pairs)


def nameable_ids(viewer: User, dossier_ids: Iterable[int | None]) -> set[int]:
    wanted = {pk for pk in dossier_ids if pk is not None}
    if not wanted:
        return set()
    return set().union(*(check(viewer, wanted) for check in NAMEABLE_CHECKS))


def nameable_pairs(pairs: Iterable[tuple[int, int | None]]) -> set[tuple[int, int]]:
    """Of these (reader id, dossier id) pairs, those where the reader may read the title."""
    wanted = {(reader, pk) for reader, pk in pairs if pk is not None}
    if not wanted:
        return set()
    return set().union(*(check(wanted) for check in NAMEABLE_PAIRS_CHECKS))
