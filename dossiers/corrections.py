"""Correcting and removing what a dossier holds, and undoing a removal for a short while.

An edit carries the version the user saw (``common.versions``), so two officers
correcting the same entry never overwrite each other silently. A removal keeps a
snapshot of the row in the user's session: within ``UNDO_MINUTES`` it can be put
back as it was, with its id, so links to it work again. Attachments are not
restorable: their file is removed with them. Auditlog records every step (rule 4).
"""

import datetime

from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from common.versions import version_claim
from dossiers.models import Attachment, Dossier

UNDO_MINUTES = 10


@transaction.atomic
def part_update(*, part: models.Model, seen_version: int | None, **fields: object) -> models.Model:
    """Save the corrected part unless someone saved it since ``seen_version``.

    Raises ``EditConflict`` with what is saved now.
    """
    version_claim(part, seen=seen_version)
    for name, value in fields.items():
        setattr(part, name, value)
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def part_delete(*, part: models.Model, dossier: Dossier) -> dict[str, object] | None:
    """Remove the part; the snapshot to undo it with, or None when it cannot be undone."""
    snapshot = None
    if not isinstance(part, Attachment):
        snapshot = {
            "dossier": dossier.pk,
            "row": serializers.serialize("json", [part]),
            "deleted_at": timezone.now().isoformat(),
        }
    if isinstance(part, Attachment):
        name = part.file.name
        part.delete()
        transaction.on_commit(lambda: part.file.storage.delete(name))
    else:
        part.delete()
    return snapshot


def undo_expired(snapshot: dict[str, object], now: datetime.datetime | None = None) -> bool:
    deleted_at = datetime.datetime.fromisoformat(str(snapshot["deleted_at"]))
    return (now or timezone.now()) - deleted_at > datetime.timedelta(minutes=UNDO_MINUTES)


@transaction.atomic
def part_restore(*, snapshot: dict[str, object], dossier: Dossier) -> models.Model | None:
    """Put a removed part back as it was; None when the snapshot is stale, of another
    dossier, or what it hung from is gone."""
    if snapshot.get("dossier") != dossier.pk or undo_expired(snapshot):
        return None
    (restored,) = serializers.deserialize("json", str(snapshot["row"]))
    part = restored.object
    if type(part)._base_manager.filter(pk=part.pk).exists():
        return None
    try:
        with transaction.atomic():
            part.save(force_insert=True)
            for name, values in restored.m2m_data.items():
                getattr(part, name).set(values)
    except IntegrityError:  # what it pointed at is gone: nothing to restore
        return None
    return part
