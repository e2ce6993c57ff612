"""What higher apps add to a dossier's timeline, each asked for the reader.

``dossiers`` knows no higher app: one (``network``: the decisions of the meetings
that discussed the dossier) registers, in its ``AppConfig.ready()``, a source called
as ``source(user, dossier)``. The source applies its own access rule, so a reader of
the dossier sees an entry only if he may also see where it comes from.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from accounts.models import User
from dossiers.models import Dossier


@dataclass(frozen=True)
class LinkedEntry:
    """An entry of the timeline that lives elsewhere: dated, labelled, with a link."""

    occurred_on: datetime.date
    label: str
    text: str
    url: str


TimelineSource = Callable[[User, Dossier], list[LinkedEntry]]
SOURCES: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def linked_entries(user: User, dossier: Dossier) -> list[LinkedEntry]:
    """The entries of every source for the reader, newest first."""
    entries = [entry for source in SOURCES for entry in source(user, dossier)]
    return sorted(entries, key=lambda entry: entry.occurred_on, reverse=True)
