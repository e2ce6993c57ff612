"""Entries stored before the mask existed: mask those of dossiers confidential today,
and give entries with an actor the copy of who acted (see dossiers.audit and
liaison.audit_actor). Run by the owner role, which may update the audit table."""

from django.db import migrations
from django.db.models import Q

CHUNK = 2000


def mask_and_name(apps, schema_editor):
    from dossiers.audit import CONTENT_FIELDS, masked_changes
    from liaison.audit_actor import ACTOR_NAME, ACTOR_USERNAME

    LogEntry = apps.get_model("auditlog", "LogEntry")
    Dossier = apps.get_model("dossiers", "Dossier")
    fields_by_model = {model._meta.model_name: fields for model, fields in CONTENT_FIELDS.items()}
    open_ids = set(
        Dossier.objects.filter(classification=0, restricted_distribution=False).values_list(
            "pk", flat=True
        )
    )
    entries = LogEntry.objects.filter(
        Q(additional_data__has_key="dossier") | Q(actor__isnull=False)
    ).select_related("content_type", "actor")
    for entry in entries.iterator(chunk_size=CHUNK):
        data = dict(entry.additional_data or {})
        fields = fields_by_model.get(entry.content_type.model)
        if "dossier" in data and data["dossier"] not in open_ids and fields and entry.changes:
            entry.changes = masked_changes(entry.changes, fields)
        if entry.actor is not None and ACTOR_USERNAME not in data:
            data[ACTOR_USERNAME] = entry.actor.username
            data[ACTOR_NAME] = f"{entry.actor.first_name} {entry.actor.last_name}".strip()
        entry.additional_data = data
        entry.save(update_fields=["changes", "additional_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("dossiers", "0005_dossier_version"),
    ]

    operations = [migrations.RunPython(mask_and_name, migrations.RunPython.noop)]
