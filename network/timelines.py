"""The decisions of meetings, in the timelines of the dossiers they discussed."""

from django.utils.translation import gettext

from accounts.models import User
from dossiers.models import Dossier
from dossiers.timelines import LinkedEntry
from network.models import Meeting
from network.visibility import visible_decisions


def decisions_in_timeline(user: User, dossier: Dossier) -> list[LinkedEntry]:
    """Only decisions of meetings the reader may see: a dossier reader without the
    meeting's clearance or need-to-know sees none of them (one query more). The text of a
    confidential meeting's decision stays behind the meeting's own read gate: the
    entry gives its reference and link only.

    Most dossiers were discussed in no meeting: a look-up by key answers that first, so
    their page does not build the rule's query of meetings and decisions (a few ms)."""
    if not Meeting.objects.filter(discussed=dossier).exists():
        return []
    decisions = (
        visible_decisions(user)
        .filter(meeting__discussed=dossier)
        .select_related("meeting__body__dossier")
        .order_by("-meeting__held_on", "position", "pk")
    )
    return [
        LinkedEntry(
            occurred_on=decision.meeting.held_on,
            label=gettext("Decision of meeting %(meeting)s")
            % {"meeting": decision.meeting.reference},
            text="" if decision.meeting.needs_access_purpose else decision.text,
            url=decision.meeting.get_absolute_url(),
        )
        for decision in decisions
    ]
