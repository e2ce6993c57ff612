"""The form of a committee report: its period, its ceiling and why it is read."""

import datetime
import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
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
from dossiers.report import DraftRow, reordered
from dossiers.workstreams import Workstream


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


def posted_ids(data: QueryDict) -> list[int]:
    """The dossiers whose rows a sent edit form holds (the pages the officer had open)."""
    return [int(match[1]) for key in data if (match := re.fullmatch(r"position_(\d{1,12})", key))]


class ReportDraftForm(forms.Form):
    """The officer's edit of a draft: committee, texts, and per dossier in or out and where.

    A section can hold thousands of dossiers, so the page offers them a page at a time:
    the form has an "include" box and a position (within the section) for the rows it
    is given, the ones shown or the ones sent back, never a dossier the draft does not
    hold. Saving changes only those rows: the others keep their choices and their order.
    """

    committee = forms.ChoiceField(label=capfirst(_("committee")), choices=committee_choices)
    language = forms.ChoiceField(
        label=capfirst(_("language")), choices=CommitteeReport.Language.choices
    )
    introduction = text_field(capfirst(_("introduction")))
    closing = text_field(capfirst(_("closing")), rows=3)

    def __init__(
        self,
        *args: object,
        draft: CommitteeReport,
        rows: list[DraftRow],
        next_pages: dict[str, int] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.next_pages = next_pages or {}
        self.rows: dict[str, list[DraftRow]] = {workstream.value: [] for workstream in Workstream}
        for row in rows:
            self.rows[row.dossier.workstream].append(row)
        for workstream in Workstream:
            self.fields[f"lead_{workstream.value}"] = text_field(str(workstream.label), rows=2)
            self.initial.setdefault(
                f"lead_{workstream.value}", draft.section_texts.get(workstream.value, "")
            )
            for row in self.rows[workstream.value]:
                add_row_fields(self, row)

    def section_rows(self) -> list[tuple[object, list[tuple[object, object]], str, int | None]]:
        """(lead field, [(include field, position field)], section, next page) per section."""
        return [
            (
                self[f"lead_{workstream}"],
                self.row_fields(workstream),
                workstream,
                self.next_pages.get(workstream),
            )
            for workstream in self.rows
        ]

    def row_fields(self, workstream: str) -> list[tuple[object, object]]:
        return [
            (self[f"include_{row.dossier.pk}"], self[f"position_{row.dossier.pk}"])
            for row in self.rows[workstream]
        ]

    def choices(self, section_order: Callable[[str], list[int]]) -> dict[str, object]:
        """What the draft keeps: the texts, the order per section and who is left out.

        Only the rows the form holds change: ``section_order(section)`` gives the
        section's current order, in which the rows are moved to their new positions.
        """
        data = self.cleaned_data
        shown = {row.dossier.pk for rows in self.rows.values() for row in rows}
        order = dict(self.draft.order)
        left_out = [pk for pk in self.draft.left_out_ids if pk not in shown]
        texts = {}
        for workstream, rows in self.rows.items():
            texts[workstream] = data[f"lead_{workstream}"]
            if not rows:
                continue
            positions = {row.dossier.pk: data[f"position_{row.dossier.pk}"] for row in rows}
            order[workstream] = reordered(section_order(workstream), positions)
            left_out += [pk for pk in positions if not data[f"include_{pk}"]]
        return {
            "committee": data["committee"],
            "language": data["language"],
            "introduction": data["introduction"],
            "closing": data["closing"],
            "section_texts": texts,
            "order": order,
            "left_out_ids": left_out,
        }


def add_row_fields(form: forms.Form, row: DraftRow) -> None:
    pk = row.dossier.pk
    form.fields[f"include_{pk}"] = forms.BooleanField(label=row.title, required=False)
    form.fields[f"position_{pk}"] = forms.IntegerField(
        label=capfirst(_("position")), min_value=1, max_value=10_000_000
    )
    form.initial[f"include_{pk}"] = row.included
    form.initial[f"position_{pk}"] = row.position


class DraftRowsForm(forms.Form):
    """One more page of a section's rows, asked by the edit page."""

    section = forms.ChoiceField(choices=Workstream.choices)
    page = forms.IntegerField(min_value=1, max_value=100_000)
