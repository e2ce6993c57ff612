"""Small helpers shared by the portal's forms."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import formats
from django.utils.translation import gettext_lazy as _


def share_choices(fields: list[tuple[forms.Form, str]]) -> None:
    """Let several choice fields over the same model render from one query.

    Each ModelChoiceField queries its choices when rendered; on a page with several
    forms over the same model, the first field's rows are read once and reused.
    """
    rows: dict[type, list] = {}
    for form, name in fields:
        field = form.fields[name]
        model = field.queryset.model
        if model not in rows:
            rows[model] = list(field.queryset)
        field.iterator = shared_iterator(rows[model])
        field.widget.choices = field.choices


def shared_iterator(objects: list) -> type[ModelChoiceIterator]:
    class SharedChoiceIterator(ModelChoiceIterator):
        def __iter__(self):  # noqa: ANN204 - as ModelChoiceIterator
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for obj in objects:
                yield self.choice(obj)

        def __len__(self) -> int:
            return len(objects) + (self.field.empty_label is not None)

    return SharedChoiceIterator


class DeferredChoiceIterator(ModelChoiceIterator):
    """Reads its field's queryset when iterated, not when made (as Django's does)."""

    def __init__(self, field: forms.ModelChoiceField) -> None:
        self.field = field

    @property
    def queryset(self) -> QuerySet:
        return self.field.queryset


class DeferredQuerysetMixin:
    """A model choice field whose queryset may be built when it is first read (to check a
    posted value, or to list the options) rather than when the form is made.

    For a queryset that is costly to build (a rule over people: 1.5 ms) in a form that a
    page shows unposted, with a picker holding only the chosen option
    (``ChosenOnlySelect``), which then reads nothing.
    """

    iterator = DeferredChoiceIterator
    _build_queryset: Callable[[], QuerySet] | None = None

    def defer_queryset(self, build: Callable[[], QuerySet]) -> None:
        self.queryset = None
        self._build_queryset = build

    def _deferred_queryset(self) -> QuerySet | None:
        if self._build_queryset is not None:
            build, self._build_queryset = self._build_queryset, None
            forms.ModelChoiceField._set_queryset(self, build())
        return self._queryset

    def _replace_queryset(self, queryset: QuerySet | None) -> None:
        self._build_queryset = None
        forms.ModelChoiceField._set_queryset(self, queryset)

    queryset = property(_deferred_queryset, _replace_queryset)


# The dates a person can mean: far enough back for old files, far enough ahead for any
# review date, and never so far that adding a clearance's five years or a dossier's
# fifty-year review passes the calendar's end (year 9999), which is a server error.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def plausible_date(value: datetime.date) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={
                "earliest": formats.date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
        )


class PlausibleDatesMixin:
    """Every date field of the form accepts only dates between 1900 and 2999."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(plausible_date)
                field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
                field.widget.attrs.setdefault("max", LATEST_DATE.isoformat())


class DateInput(forms.DateInput):
    """The browser's date picker, which shows the date as the user's locale writes it
    (06/12/2026 in Belgium) and sends it as 2026-12-06.

    The field reads both (liaison/formats/: day first, ISO added by Django). When a form
    comes back with an error, the date the user typed is handed back to the picker in
    the ISO form it needs, so a date typed as 06/12/2026 is not lost.
    """

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: object) -> str | None:
        if isinstance(value, str):
            value = parsed_date(value) or value
        return super().format_value(value)


def parsed_date(text: str) -> datetime.date | None:
    """The date in ``text`` as the active language reads it, or None."""
    for date_format in formats.get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    return None


def fits_key(model: type[models.Model], value: object) -> bool:
    """False for a whole number the model's primary key column cannot hold."""
    try:
        number = int(str(value))
    except ValueError:
        return True  # not a number at all: the field's own check names it
    low, high = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
    return (low is None or number >= low) and (high is None or number <= high)


class KeyChoicesField(forms.ModelMultipleChoiceField):
    """Several objects by id; an id beyond the database's integer range is just invalid.

    Django checks such ids with an ``IN`` query, which SQLite refuses with an
    OverflowError (a server error) and PostgreSQL runs for nothing.
    """

    def _check_values(self, value: list[object]) -> models.QuerySet:
        for key in value:
            if self.to_field_name is None and not fits_key(self.queryset.model, key):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return super()._check_values(value)
