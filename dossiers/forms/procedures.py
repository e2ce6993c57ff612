"""The forms of a parliamentary follow-up's parts, and the filters of the protocol register."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.models import Organisation, PolicyDomain
from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.models import (
    CommitteeCommitment,
    CommitteeReport,
    ParliamentaryQuestion,
    ProtocolAgreement,
)


class ParliamentaryQuestionForm(
    PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm
):
    id_prefix = "question"

    class Meta:
        model = ParliamentaryQuestion
        fields = [
            "question_kind",
            "member",
            "number",
            "asked_on",
            "subject",
            "answer_due_on",
            "answer",
            "answered_on",
        ]
        widgets = {
            "asked_on": DATE_INPUT,
            "answer_due_on": DATE_INPUT,
            "answered_on": DATE_INPUT,
            "answer": forms.Textarea(attrs={"rows": 3}),
        }


class CommitteeCommitmentForm(
    PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm
):
    """A commitment, and the kept committee report in which it was answered."""

    id_prefix = "commitment"

    class Meta:
        model = CommitteeCommitment
        fields = ["description", "made_on", "due_on", "answered_in", "answered_on"]
        widgets = {
            "made_on": DATE_INPUT,
            "due_on": DATE_INPUT,
            "answered_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, reports: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Only the reports the user may see (``visible_reports``), given by the view.
        self.fields["answered_in"].queryset = (
            CommitteeReport.objects.none() if reports is None else reports
        )


class ReviewWindow:
    OVERDUE = "overdue"
    NEXT_90_DAYS = "90"
    NEXT_365_DAYS = "365"
    CHOICES = [
        (OVERDUE, _("Overdue")),
        (NEXT_90_DAYS, _("Within 90 days")),
        (NEXT_365_DAYS, _("Within a year")),
    ]


class ProtocolFilter(django_filters.FilterSet):
    """The filters of the register of protocol agreements."""

    partner = django_filters.ModelChoiceFilter(
        label=capfirst(_("partner service")),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.FEDERAL_PARTNER),
    )
    policy_domain = django_filters.ModelChoiceFilter(
        label=capfirst(_("policy domain")), queryset=PolicyDomain.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=capfirst(_("agreement status")), choices=ProtocolAgreement.Status.choices
    )
    review = django_filters.ChoiceFilter(
        label=capfirst(_("review date")), choices=ReviewWindow.CHOICES, method="review_window"
    )
    review_before = django_filters.DateFilter(
        label=capfirst(_("review date until")),
        field_name="review_on",
        lookup_expr="lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = ProtocolAgreement
        fields: list[str] = []

    def review_window(self, queryset, name: str, value: str):
        today = timezone.localdate()
        if value == ReviewWindow.OVERDUE:
            return queryset.filter(review_on__lt=today)
        return queryset.filter(
            review_on__gte=today, review_on__lte=today + datetime.timedelta(days=int(value))
        )
