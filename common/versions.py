"""No lost update: an edit carries the version the user saw, and a save over a newer
version is refused with what changed, keeping the user's input to apply again.
"""

from auditlog.models import LogEntry
from django import forms
from django.db import models
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SEEN_VERSION = "seen_version"


def version_field() -> models.PositiveIntegerField:
    # A database default too, so rows inserted in SQL (the bench, imports) start at 1.
    return models.PositiveIntegerField(
        gettext_lazy("version"), default=1, db_default=1, editable=False
    )


class EditConflict(Exception):
    """Someone saved the object after this user opened it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current} was saved after it was opened")
        self.current = current


def version_claim(instance: models.Model, *, seen: int | None) -> None:
    """Call in the transaction that saves `instance`: moves its version on, or raises
    EditConflict when a newer version was saved since `seen`. The row stays locked
    until the transaction ends, so two saves cannot both claim the same version.

    `seen` is None when the client sent no version (not a browser form): no check.
    """
    model = type(instance)
    rows = model._base_manager.filter(pk=instance.pk)
    if seen is None:
        rows.update(version=F("version") + 1)
        instance.version = rows.values_list("version", flat=True).get()
        return
    if not rows.filter(version=seen).update(version=F("version") + 1):
        raise EditConflict(rows.get())
    instance.version = seen + 1


class VersionedFormMixin:
    """A hidden field with the version of the object the user opened, when editing."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[SEEN_VERSION] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, required=False
            )

    def refuse_stale_edit(
        self, current: models.Model, *, related: tuple[forms.ModelForm, models.Model] | None = None
    ) -> None:
        """Say who saved what since, and let the next submit apply the user's input."""
        self.data = self.data.copy()
        self.data[self.add_prefix(SEEN_VERSION)] = current.version
        differences = differing_values(self, current)
        if related is not None and related[1] is not None:
            differences += differing_values(*related)
        self.add_error(None, stale_edit_message(current, differences))


def differing_values(form: forms.ModelForm, current: models.Model) -> list[str]:
    """'Label: saved value' for each field where the saved object differs from the form."""
    saved = model_to_dict(current, fields=form._meta.fields, exclude=form._meta.exclude)
    return [
        f"{field.label}: {saved_display(current, name)}"
        for name, field in form.fields.items()
        if name in saved and not field.disabled and field.has_changed(saved[name], form[name].data)
    ]


def saved_display(current: models.Model, name: str) -> str:
    value = getattr(current, name)
    if hasattr(current, f"get_{name}_display"):
        value = getattr(current, f"get_{name}_display")()
    elif isinstance(value, models.Manager):
        value = ", ".join(str(item) for item in value.all())
    if value in (None, ""):
        return "—"
    return str(formats.localize(value))


def stale_edit_message(current: models.Model, differences: list[str]) -> str:
    parts = [last_saved_by(current), _("Your changes were not saved.")]
    if differences:
        parts.append(
            _("The saved version differs from yours in: %(fields)s.")
            % {"fields": "; ".join(differences)}
        )
    else:
        parts.append(_("The saved version has the same values as yours."))
    parts.append(_("Your input is still in the form: check it and save again to apply it."))
    return " ".join(parts)


def last_saved_by(current: models.Model) -> str:
    """Who saved the object last, and when, from its audit trail."""
    last = LogEntry.objects.get_for_object(current).select_related("actor").first()
    if last is None or last.actor is None:
        return _("Someone saved this after you opened it.")
    return _("%(who)s saved this at %(when)s, after you opened it.") % {
        "who": last.actor.get_full_name() or last.actor.get_username(),
        "when": formats.date_format(timezone.localtime(last.timestamp), "DATETIME_FORMAT"),
    }
