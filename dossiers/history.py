from auditlog.models import LogEntry
from django.db.models import QuerySet

from dossiers.models import Dossier


def dossier_history(dossier: Dossier) -> QuerySet[LogEntry]:
    """Changes to the dossier and its parts, and every recorded opening, newest first."""
    return (
        LogEntry.objects.filter(additional_data__dossier=dossier.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
