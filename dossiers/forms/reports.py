"""The form of a committee report: its period, its ceiling and why it is read."""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clearances.validity import current_clearance_level
from common.forms import PlausibleDatesMixin
from directory.classification import Classification
from dossiers.forms.common import DATE_INPUT
from dossiers.forms.purpose import AccessPurpose
from dossiers.models import CommitteeReport


class ReportForm(PlausibleDatesMixin, forms.Form):
    READING = ("purpose", "detail")

    committee_date = forms.DateField(label=capfirst(_("committee date")), widget=DATE_INPUT)
    period_start = forms.DateField(label=capfirst(_("period from")), widget=DATE_INPUT)
    period_end = forms.DateField(label=capfirst(_("period until")), widget=DATE_INPUT)
    ceiling = forms.TypedChoiceField(
        label=capfirst(_("highest classification")),
        choices=Classification.choices,
        coerce=int,
        initial=Classification.NIET_GECLASSIFICEERD,
        help_text=_("The highest level the audience may see."),
    )
    introduction = forms.CharField(
        label=capfirst(_("introduction")),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # A report above NIET GECLASSIFICEERD shows classified dossiers: why they are read.
    purpose = forms.ChoiceField(
        label=capfirst(_("purpose")),
        choices=[("", "---------"), *AccessPurpose.choices],
        required=False,
        help_text=_("Needed for a classified report: every dossier in it is logged as read."),
    )
    detail = forms.CharField(label=capfirst(_("explanation")), required=False, max_length=300)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        cleaned = super().clean()
        self.check_period(cleaned.get("period_start"), cleaned.get("period_end"))
        ceiling = cleaned.get("ceiling")
        if ceiling is not None and Classification(ceiling).needs_access_purpose:
            self.require_purpose(cleaned)
        if ceiling is not None and ceiling > (current_clearance_level(self.user) or 0):
            self.add_error(
                "ceiling",
                ValidationError(
                    _("You cannot report above your own clearance."), code="above_clearance"
                ),
            )
        return cleaned

    def check_period(self, start: datetime.date | None, end: datetime.date | None) -> None:
        """The kept report's constraint on the period, asked before anything is built."""
        if not (start and end):
            return
        period = {"period_start", "period_end"}
        others = {field.name for field in CommitteeReport._meta.fields} - period
        try:
            CommitteeReport(period_start=start, period_end=end).validate_constraints(exclude=others)
        except ValidationError as error:
            for violation in error.error_dict[NON_FIELD_ERRORS]:
                self.add_error("period_end", violation)

    def require_purpose(self, cleaned: dict) -> None:
        missing = ValidationError(
            _("A classified report needs the purpose of reading it."), code="purpose_required"
        )
        if not cleaned.get("purpose"):
            self.add_error("purpose", missing)
        if len(cleaned.get("detail", "")) < 3:
            self.add_error("detail", missing)

    def report_fields(self) -> dict[str, object]:
        """What the report is built from, without why it is read."""
        return {k: v for k, v in self.cleaned_data.items() if k not in self.READING}
