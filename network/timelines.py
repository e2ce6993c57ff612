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

    The meetings that discussed the dossier are read first, by the dossier's key: most
    dossiers were discussed in none, and their page then asks nothing more. The rule is
    then asked of those meetings alone: asked of every meeting, it tested the body
    dossier of every consultation body (17 ms at 1,000,000 dossiers and 1,000 bodies)."""
    discussed_in = list(Meeting.objects.filter(discussed=dossier).values_list("pk", flat=True))
    if not discussed_in:
        return []
    decisions = (
        visible_decisions(user, discussed_in)
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
