"""The audit trail of a dossier, in words."""

from auditlog.models import LogEntry
from django.db.models import QuerySet

from accounts.audit_text import EntryText, entries_text, grouped_by_change
from dossiers.forms.purpose import AccessPurpose
from dossiers.models import Dossier

HISTORY_LENGTH = 100


def dossier_history(dossier: Dossier) -> QuerySet[LogEntry]:
    """Changes to the dossier and its parts, and every recorded opening, newest first."""
    return (
        LogEntry.objects.filter(additional_data__dossier=dossier.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_in_words(dossier: Dossier) -> list[list[EntryText]]:
    """The latest of the history in words, the entries of one save together."""
    entries = dossier_history(dossier)[:HISTORY_LENGTH]
    return grouped_by_change(entries_text(entries, dict(AccessPurpose.choices)))
