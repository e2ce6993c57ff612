"""Small helpers shared by the portal's forms."""

from django import forms
from django.forms.models import ModelChoiceIterator


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
