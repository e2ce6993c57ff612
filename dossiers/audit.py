"""Audit entries of a classified dossier and its parts keep the reference, never the content.

Rule 4 of the design: the audit log stores ``str()`` of an object, which for every
dossier model is a reference, and it must not keep the title, summary or text of a
classified (BEPERKT and up) or Beperkte Verspreiding dossier either. auditlog's own
``mask_fields`` mask a field of every row of a model; here the content fields are
masked only when the entry's dossier is confidential, so the changes of an open
dossier stay readable, as do the status and dates of a classified one.

The mask is applied when the entry is stored (``pre_save`` of LogEntry, the one point
every entry passes, m2m changes included), so no reader of the table ever sees it.

One part of an open dossier may be classified above it: the answer to an information
request. Its entry keeps the answer with the answer's level (``answer_level``), and the
readers of the history mask it for whoever that level does not reach
(``dossiers.history.answers_masked``).
"""

from collections.abc import Sequence

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from directory.classification import Classification
from dossiers import models
from dossiers.models.procedures import ANSWER_LEVEL

MASK = "***"
# What auditlog writes for "no value" (smart_str(None) is "None"): no content, kept.
EMPTY = (None, "None", "")

# The fields that carry what a dossier is about; the others (status, dates, kind,
# classification, owner) are kept readable.
CONTENT_FIELDS: dict[type[Model], frozenset[str]] = {
    models.Dossier: frozenset({"title", "summary", "partners"}),
    models.AccessRequest: frozenset({"cooperation_agreement", "requesting_services", "addressees"}),
    models.Opinion: frozenset({"summary"}),
    models.ProtocolAgreement: frozenset(
        {
            "partner",
            "flemish_party",
            "legal_basis",
            "purposes",
            "data_categories",
            "person_categories",
            "recipients",
            "retention",
            "security_measures",
            "flemish_dpo_attachment",
            "federal_dpo_attachment",
        }
    ),
    models.InformationRequest: frozenset(
        {"requesting_organisation", "requested_organisation", "legal_basis", "question", "answer"}
    ),
    models.ParliamentaryFollowUp: frozenset({"committee", "minister"}),
    models.ParliamentaryQuestion: frozenset({"member", "number", "subject", "answer"}),
    models.CommitteeCommitment: frozenset({"description"}),
    models.PilotProject: frozenset({"municipalities"}),
    models.Activity: frozenset({"audience"}),
    models.TimelineEntry: frozenset({"text", "organisation"}),
    models.Task: frozenset({"title"}),
    models.Attachment: frozenset({"original_name", "description"}),
    models.DossierLink: frozenset({"note"}),
    models.DossierUserGrant: frozenset({"reason"}),
    models.DossierGroupGrant: frozenset({"reason"}),
}

# An answer may be classified above its open dossier: it is masked when stored unless
# it was and is unclassified, so the trail never holds a classified answer in clear; the
# history masks a kept answer again for readers once its level is raised
# (``dossiers.history``).
LEVELLED_FIELDS: dict[type[Model], frozenset[str]] = {
    models.InformationRequest: frozenset({"answer"}),
}


def open_dossier_ids(dossier_ids: set[int]) -> set[int]:
    """Those of the dossiers that are neither classified nor restricted (one query).

    A dossier that is gone is not among them, so its entries are masked, to be safe.
    """
    from dossiers.access import dossiers_open_to_all  # access reads the models audit masks

    return set(dossiers_open_to_all().filter(pk__in=dossier_ids).values_list("pk", flat=True))


def masked_changes(changes: dict, fields: frozenset[str]) -> dict:
    masked = {}
    for field, values in changes.items():
        if field not in fields:
            masked[field] = values
        elif isinstance(values, dict):  # many-to-many: keep the operation, hide the objects
            masked[field] = {**values, "objects": [MASK for _ in values.get("objects", [])]}
        else:
            masked[field] = [value if value in EMPTY else MASK for value in values]
    return masked


def logged_answer_level(entry: LogEntry) -> int:
    """The highest level of an entry's answer: as saved with the change (the highest level
    when the entry does not say, as those written before it did) and any level the change
    moved it from or to."""
    levels = [(entry.additional_data or {}).get(ANSWER_LEVEL, max(Classification))]
    for value in (entry.changes_dict or {}).get("answer_classification", []):
        if str(value).isdigit():
            levels.append(int(value))
    return max(levels)


def entry_mask(entry: LogEntry, *, confidential: bool) -> None:
    """Mask the content fields of an entry about a confidential dossier, and a part
    classified above its dossier whatever the dossier."""
    model = entry.content_type.model_class()
    fields = CONTENT_FIELDS.get(model, frozenset()) if confidential else frozenset()
    if logged_answer_level(entry) > Classification.NIET_GECLASSIFICEERD:
        fields |= LEVELLED_FIELDS.get(model, frozenset())
    if fields and entry.changes:
        entry.changes = masked_changes(entry.changes, fields)


def entries_mask(entries: list[LogEntry]) -> None:
    """Mask the entries tied to a confidential dossier, before they are stored."""
    tied = [
        entry for entry in entries if entry.changes and (entry.additional_data or {}).get("dossier")
    ]
    if not tied:
        return
    open_ids = open_dossier_ids({entry.additional_data["dossier"] for entry in tied})
    for entry in tied:
        entry_mask(entry, confidential=entry.additional_data["dossier"] not in open_ids)


def on_log_entry_save(
    sender: type, instance: LogEntry, raw: bool = False, **kwargs: object
) -> None:
    if not raw and instance.pk is None:
        entries_mask([instance])


def entries_insert(
    instances: Sequence[Model],
    *,
    action: int,
    actor: Model | None = None,
    extra: dict[str, str] | None = None,
) -> None:
    """auditlog's entries for many rows of one model, in one INSERT: the adapter for the
    bulk paths (the sweep's revocations, a report's readings), where auditlog's own
    entry per row would cost a query per row.

    The same entries ``log_create`` writes (the changes of a deletion, the dossier tie,
    the correlation id), masked like every other entry, since ``bulk_create`` sends no
    ``pre_save``.
    """
    if not instances:
        return
    content_type = ContentType.objects.get_for_model(type(instances[0]))
    cid = get_cid()
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk,
            object_repr=str(instance),
            action=action,
            actor=actor,
            changes=model_instance_diff(instance, None) if action == LogEntry.Action.DELETE else {},
            additional_data={**instance.get_additional_data(), **(extra or {})},
            cid=cid,
        )
        for instance in instances
    ]
    entries_mask(entries)
    LogEntry.objects.bulk_create(entries)
