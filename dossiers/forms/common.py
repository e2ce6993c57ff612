"""What the dossier forms share: the date input and the ids of forms on the dossier page."""

from common.forms import DateInput

DATE_INPUT = DateInput()


class PartFormMixin:
    """Forms that share the dossier page get ids of their own (``timeline-text``, ...)."""

    id_prefix = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)
