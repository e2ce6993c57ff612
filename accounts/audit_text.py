"""Audit entries in words, as a user reads them, not as auditlog stores them.

auditlog keeps a change as ``{"field": ["old", "new"]}`` with the field's name and the
values as strings: a choice's code, an ISO date, the id of a related row, ``"None"``.
Here each change becomes the field's translated label and the values as the page
shows them elsewhere: the choice's label, the date as 06/12/2026, the related row by
its ``str()`` (which for every dossier model is a reference, never a title), "—" for
nothing. The related rows of a whole page are read in one query per model.

auditlog also diffs the reverse side of relations when a row is created or deleted
(``backlinks: None → dossiers.DossierLink.None``): that says nothing and is left out.
What the content mask hid (dossiers/audit.py) stays hidden.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from accounts.audit_actor import actor_name, actor_username

NOTHING = "—"
MASK = "***"
EMPTY = (None, "None", "")

ACTION_WORDS = {
    LogEntry.Action.CREATE: pgettext_lazy("audit action", "created"),
    LogEntry.Action.UPDATE: pgettext_lazy("audit action", "changed"),
    LogEntry.Action.DELETE: pgettext_lazy("audit action", "deleted"),
    LogEntry.Action.ACCESS: pgettext_lazy("audit action", "opened"),
}
ACTION_CHOICES = list(ACTION_WORDS.items())
M2M_WORDS = {
    "add": pgettext_lazy("audit change", "added"),
    "delete": pgettext_lazy("audit change", "removed"),
}
HIDDEN = gettext_lazy("(not shown)")


@dataclass
class Change:
    """One field of one entry: ``label: old → new``, or ``label: added a, b``."""

    label: str
    old: str = ""
    new: str = ""
    operation: str = ""

    def __str__(self) -> str:
        if self.operation:
            return f"{self.label}: {self.operation} {self.new}"
        return f"{self.label}: {self.old} → {self.new}"


@dataclass
class EntryText:
    """An entry as a sentence: who did what to which object, and the changes."""

    entry: LogEntry
    actor: str
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)
    purpose: str = ""

    def changes_line(self) -> str:
        return "; ".join(str(change) for change in self.changes)


def action_word(action: int) -> str:
    return str(ACTION_WORDS.get(action, action))


def entry_field(entry: LogEntry, name: str) -> models.Field | None:
    """The model field a change is about, or None when it says nothing to a reader.

    The reverse side of a relation (not concrete, not many-to-many) is auditlog's noise.
    """
    model = entry.content_type.model_class()
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not (model_field.concrete or model_field.many_to_many):
        return None
    return model_field


class RelatedNames:
    """The ``str()`` of the rows the changes of a page point to, one query per model."""

    def __init__(self, entries: Sequence[LogEntry]) -> None:
        wanted: dict[type[models.Model], set[object]] = defaultdict(set)
        for entry in entries:
            for name, values in (entry.changes_dict or {}).items():
                model_field = entry_field(entry, name)
                if model_field is None or not model_field.many_to_one or isinstance(values, dict):
                    continue
                for value in values:
                    key = related_key(model_field, value)
                    if key is not None:
                        wanted[model_field.related_model].add(key)
        self.names = {
            (model, key): row_name(row)
            for model, keys in wanted.items()
            for key, row in model._base_manager.in_bulk(keys).items()
        }

    def name(self, model_field: models.ForeignKey, value: object) -> str:
        key = related_key(model_field, value)
        if key is None:
            return NOTHING
        return self.names.get(
            (model_field.related_model, key),
            gettext("deleted %(model)s") % {"model": model_field.related_model._meta.verbose_name},
        )


def row_name(row: models.Model) -> str:
    """A person by full name, anything else by its ``str()`` (a reference, for dossiers)."""
    full_name = row.get_full_name() if hasattr(row, "get_full_name") else ""
    return full_name or str(row)


def related_key(model_field: models.ForeignKey, value: object) -> object | None:
    if value in EMPTY or value == MASK:
        return None
    try:
        return model_field.related_model._meta.pk.to_python(value)
    except ValidationError:
        return None


def value_text(model_field: models.Field, value: object, related: RelatedNames) -> str:
    """A stored value as the rest of the portal shows it."""
    if value in EMPTY:
        return NOTHING
    if value == MASK:
        return str(HIDDEN)
    if model_field.many_to_one:
        return related.name(model_field, value)
    if model_field.choices:
        labels = {str(key): label for key, label in model_field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(model_field, models.BooleanField):
        return gettext("yes") if str(value) == "True" else gettext("no")
    if isinstance(model_field, models.DateTimeField):
        return moment_text(str(value))
    if isinstance(model_field, models.DateField):
        return day_text(str(value))
    return str(value)


def day_text(value: str) -> str:
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def moment_text(value: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def change_of(entry: LogEntry, name: str, values: object, related: RelatedNames) -> Change | None:
    model_field = entry_field(entry, name)
    if model_field is None:
        return None
    label = capfirst(str(model_field.verbose_name))
    if isinstance(values, dict):  # many-to-many: what was added or removed
        objects = [str(HIDDEN) if item == MASK else str(item) for item in values.get("objects", [])]
        operation = M2M_WORDS.get(values.get("operation", ""), values.get("operation", ""))
        return Change(label=label, operation=str(operation), new=", ".join(objects))
    old, new = (value_text(model_field, value, related) for value in values)
    return Change(label=label, old=old, new=new)


def entry_purpose(entry: LogEntry, purposes: Mapping[str, str]) -> str:
    """Why a classified item was opened: the purpose given (by its label) and its detail."""
    data = entry.additional_data or {}
    purpose = data.get("purpose")
    return " — ".join(filter(None, [str(purposes.get(purpose, purpose or "")), data.get("detail")]))


def entry_text(entry: LogEntry, related: RelatedNames, purposes: Mapping[str, str]) -> EntryText:
    changes = (
        change_of(entry, name, values, related)
        for name, values in (entry.changes_dict or {}).items()
    )
    return EntryText(
        entry=entry,
        actor=actor_name(entry) or actor_username(entry),
        action=action_word(entry.action),
        subject=f"{capfirst(entry.content_type.name)} {entry.object_repr}",
        changes=[change for change in changes if change is not None],
        purpose=entry_purpose(entry, purposes),
    )


def entries_text(
    entries: Iterable[LogEntry], purposes: Mapping[str, str] | None = None
) -> list[EntryText]:
    """The entries in words, with the rows they point to read in one query per model;
    ``purposes`` gives the labels of the reasons for opening (they belong to dossiers)."""
    entries = list(entries)
    related = RelatedNames(entries)
    return [entry_text(entry, related, purposes or {}) for entry in entries]


def grouped_by_change(texts: Sequence[EntryText]) -> list[list[EntryText]]:
    """Consecutive entries of one request (one save of a form: the dossier and its
    details, its partners) as one group."""
    groups: list[list[EntryText]] = []
    for text in texts:
        cid = text.entry.cid
        if groups and cid and groups[-1][0].entry.cid == cid:
            groups[-1].append(text)
        else:
            groups.append([text])
    return groups
