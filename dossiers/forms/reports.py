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
from dossiers.models.reports import committee_choices, default_committee
from dossiers.report import Report


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
    committee = forms.ChoiceField(
        label=capfirst(_("committee")), choices=committee_choices, required=False
    )
    language = forms.ChoiceField(
        label=capfirst(_("language")),
        choices=CommitteeReport.Language.choices,
        initial=CommitteeReport.Language.DUTCH,
        required=False,
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
        fields = {k: v for k, v in self.cleaned_data.items() if k not in self.READING}
        fields["committee"] = fields["committee"] or default_committee()
        fields["language"] = fields["language"] or CommitteeReport.Language.DUTCH
        return fields


def text_field(label: str, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": rows})
    )


class ReportDraftForm(forms.Form):
    """The officer's edit of a draft: committee, texts, and per dossier in or out and where.

    Every dossier of the built report has an "include" box and a position within its
    section; the form is built from the report, so it never names a dossier the report
    does not show.
    """

    committee = forms.ChoiceField(label=capfirst(_("committee")), choices=committee_choices)
    language = forms.ChoiceField(
        label=capfirst(_("language")), choices=CommitteeReport.Language.choices
    )
    introduction = text_field(capfirst(_("introduction")))
    closing = text_field(capfirst(_("closing")), rows=3)

    def __init__(self, *args: object, report: Report, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        for section in report.sections:
            self.fields[f"lead_{section.workstream}"] = text_field(section.label, rows=2)
            self.initial.setdefault(f"lead_{section.workstream}", section.lead)
            items = section.items + section.left_out
            for position, item in enumerate(items, start=1):
                self.fields[f"include_{item.dossier_id}"] = forms.BooleanField(
                    label=item.title, required=False
                )
                self.fields[f"position_{item.dossier_id}"] = forms.IntegerField(
                    label=capfirst(_("position")), min_value=1, max_value=10_000
                )
                self.initial[f"include_{item.dossier_id}"] = item in section.items
                self.initial[f"position_{item.dossier_id}"] = position

    def section_rows(self) -> list[tuple[object, list[tuple[object, object]]]]:
        """(lead field, [(include field, position field)]) per section, for the template."""
        return [
            (
                self[f"lead_{section.workstream}"],
                [
                    (self[f"include_{item.dossier_id}"], self[f"position_{item.dossier_id}"])
                    for item in section.items + section.left_out
                ],
            )
            for section in self.report.sections
        ]

    def choices(self) -> dict[str, object]:
        """What the draft keeps: the texts, the order per section and who is left out."""
        data = self.cleaned_data
        order, left_out, texts = {}, [], {}
        for section in self.report.sections:
            texts[section.workstream] = data[f"lead_{section.workstream}"]
            ids = [item.dossier_id for item in section.items + section.left_out]
            order[section.workstream] = sorted(ids, key=lambda pk: data[f"position_{pk}"])
            left_out += [pk for pk in ids if not data[f"include_{pk}"]]
        return {
            "committee": data["committee"],
            "language": data["language"],
            "introduction": data["introduction"],
            "closing": data["closing"],
            "section_texts": texts,
            "order": order,
            "left_out_ids": left_out,
        }
