"""Consultation bodies and networks, their members and meetings."""

from network.models.bodies import Body, Membership
from network.models.meetings import ActionItem, AgendaItem, Attendance, Decision, Meeting

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "Body",
    "Decision",
    "Meeting",
    "Membership",
]
