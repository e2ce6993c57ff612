"""The audit trail of a dossier, in words, as the reader may read it."""

from collections.abc import Sequence

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from accounts.audit_text import EntryText, entries_text, grouped_by_change
from accounts.models import User
from dossiers.access import reaches_level
from dossiers.audit import logged_answer_level, masked_changes
from dossiers.forms.purpose import AccessPurpose
from dossiers.models import Dossier, InformationRequest

HISTORY_LENGTH = 100
ANSWER = frozenset({"answer"})


def dossier_history(dossier: Dossier) -> QuerySet[LogEntry]:
    """Changes to the dossier and its parts, and every recorded opening, newest first."""
    return (
        LogEntry.objects.filter(additional_data__dossier=dossier.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_in_words(dossier: Dossier, reader: User) -> list[list[EntryText]]:
    """The latest of the history in words, the entries of one save together."""
    entries = answers_masked(list(dossier_history(dossier)[:HISTORY_LENGTH]), reader)
    return grouped_by_change(entries_text(entries, dict(AccessPurpose.choices)))


def answers_masked(entries: Sequence[LogEntry], reader: User) -> Sequence[LogEntry]:
    """The entries as ``reader`` may read them: the answer of an information request is
    masked (in memory, never in the table) unless the reader's clearance reaches the
    answer's level, as on the answer's own page (rule 9). One query, for the answers'
    levels now, when any entry carries an answer."""
    content_type = ContentType.objects.get_for_model(InformationRequest)
    answered = [
        entry
        for entry in entries
        if entry.content_type_id == content_type.pk and "answer" in (entry.changes_dict or {})
    ]
    if not answered:
        return entries
    levels_now = dict(
        InformationRequest.objects.filter(
            pk__in={entry.object_id for entry in answered}
        ).values_list("pk", "answer_classification")
    )
    for entry in answered:
        if not reaches_level(reader, answer_level(entry, levels_now.get(entry.object_id))):
            entry.changes = masked_changes(entry.changes_dict, ANSWER)
    return entries


def answer_level(entry: LogEntry, level_now: int | None) -> int:
    """The highest of the answer's levels: as logged, and its level now (raised since,
    it hides the old text too)."""
    return max(logged_answer_level(entry), level_now or 0)
