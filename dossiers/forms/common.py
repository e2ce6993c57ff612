"""What the dossier forms share: the date input and the ids of forms on the dossier page."""

from common.forms import DateInput

DATE_INPUT = DateInput()


class PartFormMixin:
    """Forms that share the dossier page get ids of their own (``timeline-text``, ...)."""

    id_prefix = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class DefaultedFieldsMixin:
    """Fields added to a form that older clients do not send: left out, they keep the
    model's default (a DPO opinion or a decision still pending) instead of an error."""

    defaulted: tuple[str, ...] = ()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in self.defaulted:
            self.fields[name].required = False

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.defaulted:
            if not cleaned.get(name):
                cleaned[name] = self._meta.model._meta.get_field(name).get_default()
        return cleaned
