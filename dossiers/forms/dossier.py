"""The dossier form and the filters of the dossier list."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.pickers import PersonChoiceField
from accounts.roles import Role
from common.forms import PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.classification import Classification
from directory.models import Organisation
from directory.pickers import (
    OrganisationChoiceField,
    OrganisationsChoiceField,
    in_label_order,
    lists_all_choices,
    picker_widget,
    remote_picker,
)
from dossiers.access import dossier_readers
from dossiers.declassification import Recorded, review_terms
from dossiers.forms.common import DATE_INPUT
from dossiers.models import Dossier
from dossiers.pickers import any_organisations, organisations_url, people_url, possible_owners
from dossiers.workstreams import Workstream


class DossierForm(VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Dossier
        fields = [
            "title",
            "summary",
            "workstream",
            "kind",
            "status",
            "owner",
            "partners",
            "classification",
            "restricted_distribution",
            "classified_on",
            "declassification_review_on",
            "deadline",
            "opened_on",
            "public_title",
            "public_summary",
            "releasable_to",
        ]
        widgets = {
            "classified_on": DATE_INPUT,
            "declassification_review_on": DATE_INPUT,
            "deadline": DATE_INPUT,
            "opened_on": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "public_summary": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"partners": OrganisationsChoiceField, "owner": PersonChoiceField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = possible_owners(self.instance)
        remote_picker(owner, url=people_url(self.instance, "owner"))
        partners = self.fields["partners"]
        partners.queryset = in_label_order(Organisation.objects.filter(is_active=True))
        picker_widget(partners.widget)
        if "kind" in self.fields:  # a body's form leaves the kind to the body
            self.limit_kinds()

    def limit_kinds(self) -> None:
        """A dossier keeps its kind; a body's own dossier is made with the body only."""
        kind = self.fields["kind"]
        if self.instance.pk:
            kind.disabled = True
        else:
            kind.choices = [choice for choice in kind.choices if choice[0] != Dossier.Kind.NETWORK]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("classification") is not None:
            self.fill_review_terms(cleaned)
        self.check_owner_may_open(cleaned)
        return cleaned

    def fill_review_terms(self, cleaned: dict) -> None:
        """The review date the save will keep, so that the form checks what is saved."""
        terms = review_terms(
            level=cleaned["classification"],
            classified_on=cleaned.get("classified_on"),
            review_on=cleaned.get("declassification_review_on"),
            opened_on=cleaned.get("opened_on") or timezone.localdate(),
            recorded=self.recorded(),
        )
        cleaned["classified_on"] = terms.classified_on
        cleaned["declassification_review_on"] = terms.review_on

    def recorded(self) -> Recorded | None:
        """The dossier as saved: before the form's values are put on it (in _post_clean)."""
        if self.instance.pk is None:
            return None
        return Recorded(
            classification=self.instance.classification,
            classified_on=self.instance.classified_on,
            declassification_review_on=self.instance.declassification_review_on,
            review_date_set_by_hand=self.instance.review_date_set_by_hand,
        )

    def check_owner_may_open(self, cleaned: dict) -> None:
        """The owner is reminded of the dossier: he must be able to open it as it will be."""
        owner, level = cleaned.get("owner"), cleaned.get("classification")
        if owner is None or level is None:
            return
        as_saved = Dossier(
            pk=self.instance.pk,
            owner=owner,
            classification=level,
            restricted_distribution=cleaned.get("restricted_distribution", False),
        )
        if not dossier_readers(as_saved).filter(pk=owner.pk).exists():
            self.add_error(
                "owner",
                ValidationError(
                    _("This owner's clearance does not cover the classification of the dossier."),
                    code="owner_not_cleared",
                ),
            )


class DeadlineWindow:
    OVERDUE = "overdue"
    NEXT_30_DAYS = "30"
    NEXT_90_DAYS = "90"
    CHOICES = [
        (OVERDUE, _("Overdue")),
        (NEXT_30_DAYS, _("Within 30 days")),
        (NEXT_90_DAYS, _("Within 90 days")),
    ]


class PartnerFilter(django_filters.ModelChoiceFilter):
    """A partner organisation, named in both languages as in the dossier's form."""

    field_class = OrganisationChoiceField


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    workstream = django_filters.ChoiceFilter(
        label=capfirst(_("workstream")), choices=Workstream.choices
    )
    kind = django_filters.ChoiceFilter(label=capfirst(_("kind")), choices=Dossier.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=capfirst(_("status")), choices=Dossier.Status.choices
    )
    classification = django_filters.ChoiceFilter(
        label=capfirst(_("classification")), choices=Classification.choices
    )
    partner = PartnerFilter(
        label=capfirst(_("partner")), field_name="partners", queryset=any_organisations()
    )
    owner = django_filters.ModelChoiceFilter(
        label=capfirst(_("owner")),
        queryset=User.objects.filter(groups__name=Role.LIAISON_OFFICER),
    )
    deadline = django_filters.ChoiceFilter(
        label=capfirst(_("deadline")), choices=DeadlineWindow.CHOICES, method="deadline_window"
    )

    class Meta:
        model = Dossier
        fields: list[str] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Which organisations are partners of a classified dossier is itself one of its
        # details: only the liaison officer, who sees them all, filters by partner.
        if self.request is None or self.request.user.role != Role.LIAISON_OFFICER:
            del self.filters["partner"]
            return
        # Every organisation: the page holds the chosen one, the autocomplete the others.
        remote_picker(
            self.form.fields["partner"],
            url=organisations_url("any"),
            all_choices=lists_all_choices(self.request),
        )

    def search(self, queryset, name: str, value: str):
        from dossiers.search import search_dossiers

        return search_dossiers(queryset, value)

    def deadline_window(self, queryset, name: str, value: str):
        today = timezone.localdate()
        # A deadline window reads in date order, nearest first (``?sort=`` still wins).
        if value == DeadlineWindow.OVERDUE:
            window = queryset.filter(deadline__lt=today, status__in=Dossier.OPEN_STATUSES)
        else:
            window = queryset.filter(
                deadline__gte=today, deadline__lte=today + datetime.timedelta(days=int(value))
            )
        return window.order_by("deadline", "pk")
