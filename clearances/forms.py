import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clearances.models import MAX_VALIDITY, Clearance, SecurityOfficerAppointment
from clearances.selectors import (
    account_link_refusal,
    clearance_holders,
    due_for_renewal,
    expired_on,
    in_scope,
    visible_organisations,
    visible_people,
)
from common.forms import DateInput, PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.classification import Classification
from directory.models import Organisation, Person

DATE_INPUT = DateInput()


def organisation_choices(user: User, current_id: int | None) -> QuerySet[Organisation]:
    """The active organisations the user works with, and the one already chosen."""
    organisations = visible_organisations(user)
    if current_id is None:
        return organisations
    return organisations | in_scope(Organisation.objects.filter(pk=current_id), user, "pk")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.last_name} {person.first_name} ({person.organisation.short_name})"


class ClearanceForm(VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Clearance
        fields = [
            "person",
            "level",
            "scope",
            "authority",
            "authority_reference",
            "status",
            "requested_on",
            "decided_on",
            "valid_until",
            "briefed_on",
            "appeal_lodged_on",
            "appeal_decided_on",
            "appeal_outcome",
            "notes",
        ]
        field_classes = {"person": PersonChoiceField}
        widgets = {
            "requested_on": DATE_INPUT,
            "decided_on": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "briefed_on": DATE_INPUT,
            "appeal_lodged_on": DATE_INPUT,
            "appeal_decided_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"valid_until": _("At most five years after the decision.")}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = clearance_holders(user).select_related("organisation")
        self.fields["scope"].required = False  # national unless said otherwise
        if self.instance.pk:
            # A clearance stays with its person: whatever is posted, the recorded one counts.
            self.fields["person"].disabled = True
            self.fields["person"].help_text = _(
                "A clearance cannot move to another person: record a new clearance instead."
            )

    def clean_scope(self) -> str:
        return self.cleaned_data["scope"] or Clearance.Scope.NATIONAL

    def clean(self) -> dict:
        cleaned = super().clean()
        decided_on = cleaned.get("decided_on")
        valid_until = cleaned.get("valid_until")
        if cleaned.get("status") == Clearance.Status.GRANTED:
            self.require(
                decided_on, "decided_on", _("A granted clearance needs its decision date.")
            )
            self.require(valid_until, "valid_until", _("A granted clearance needs its end date."))
        if valid_until and not decided_on and "decided_on" not in self.errors:
            self.add_error(
                "decided_on",
                ValidationError(
                    _("A clearance with an end date needs its decision date."),
                    code="decided_on_required",
                ),
            )
        if decided_on and valid_until:
            self.check_validity(decided_on, valid_until)
        self.check_appeal(cleaned)
        return cleaned

    def check_appeal(self, cleaned: dict) -> None:
        """A lodged appeal has its date; a decided one its date and outcome too."""
        status = cleaned.get("status")
        appealed = (Clearance.Status.APPEAL_LODGED, Clearance.Status.APPEAL_DECIDED)
        if status in appealed:
            self.require(
                cleaned.get("appeal_lodged_on"),
                "appeal_lodged_on",
                _("An appeal needs the date it was lodged."),
            )
            self.require(
                cleaned.get("decided_on"),
                "decided_on",
                _("An appeal is lodged against a decision: give its date."),
            )
        if status == Clearance.Status.APPEAL_DECIDED:
            self.require(
                cleaned.get("appeal_decided_on"),
                "appeal_decided_on",
                _("A decided appeal needs its date."),
            )
            self.require(
                cleaned.get("appeal_outcome"),
                "appeal_outcome",
                _("A decided appeal needs its outcome."),
            )

    def require(self, value: object, field: str, message: str) -> None:
        if not value and field not in self.errors:
            self.add_error(field, ValidationError(message, code=f"{field}_required"))

    def check_validity(self, decided_on: datetime.date, valid_until: datetime.date) -> None:
        """The five-year cap, which no check constraint can state; the date order is the
        model's constraint, shown above the form."""
        latest = decided_on + MAX_VALIDITY
        if valid_until > latest:
            self.add_error(
                "valid_until",
                ValidationError(
                    _(
                        "A clearance is valid for at most five years after the decision: "
                        "until %(latest)s at the latest."
                    ),
                    code="validity_too_long",
                    params={"latest": formats.date_format(latest, "SHORT_DATE_FORMAT")},
                ),
            )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "organisation", "function", "email", "phone", "user"]

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisation_choices(
            user, self.instance.organisation_id
        )
        if not user.is_liaison_officer:
            # Linking an account gives that account the person's clearance: officer only.
            del self.fields["user"]
            self.fields["organisation"].initial = user.organisation_id
            return
        if self.instance.pk and self.instance.user_id == user.pk:
            del self.fields["user"]  # nobody unlinks his own account
            return
        accounts_without_person = Q(person__isnull=True)
        if self.instance.user_id:
            accounts_without_person |= Q(pk=self.instance.user_id)
        self.fields["user"].queryset = (
            User.objects.filter(accounts_without_person)
            .exclude(pk=user.pk)
            .order_by("last_name", "first_name")
        )

    def clean_user(self) -> User | None:
        account = self.cleaned_data["user"]
        refusal = account_link_refusal(by=self.user, person_pk=self.instance.pk, user=account)
        if refusal:
            raise ValidationError(refusal, code="account_link_refused")
        return account


class AppointmentForm(VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = SecurityOfficerAppointment
        fields = ["person", "organisation", "function", "interim", "starts_on", "ends_on"]
        field_classes = {"person": PersonChoiceField}
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = visible_people(user).select_related("organisation")
        self.fields["organisation"].queryset = organisation_choices(
            user, self.instance.organisation_id
        )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ClearanceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=capfirst(_("organisation")),
        field_name="person__organisation",
        queryset=Organisation.objects.none(),
    )
    level = django_filters.ChoiceFilter(
        label=capfirst(_("level")),
        choices=[(level.value, level.label) for level in Classification.classified_levels()],
    )
    status = django_filters.ChoiceFilter(
        label=capfirst(_("status")), choices=Clearance.Status.choices
    )
    due_for_renewal = django_filters.ChoiceFilter(
        label=_("Due for renewal"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_due_for_renewal",
    )
    expired = django_filters.ChoiceFilter(
        label=_("Expired"), choices=YES_NO, empty_label=_("All"), method="filter_expired"
    )

    class Meta:
        model = Clearance
        fields: list[str] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Offer only the organisations of people whose clearances the user may see.
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=self.queryset.values("person__organisation")
        )

    def search(self, queryset: QuerySet[Clearance], name: str, value: str) -> QuerySet[Clearance]:
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(authority_reference__icontains=word)
            )
        return queryset

    def filter_due_for_renewal(
        self, queryset: QuerySet[Clearance], name: str, value: str
    ) -> QuerySet[Clearance]:
        return self.split(queryset, due_for_renewal(timezone.localdate()), value)

    def filter_expired(
        self, queryset: QuerySet[Clearance], name: str, value: str
    ) -> QuerySet[Clearance]:
        return self.split(queryset, expired_on(timezone.localdate()), value)

    @staticmethod
    def split(queryset: QuerySet[Clearance], condition: Q, value: str) -> QuerySet[Clearance]:
        """Only the clearances that meet the condition for "yes", the others for "no"."""
        if value == "yes":
            return queryset.filter(condition)
        if value == "no":
            return queryset.exclude(condition)
        return queryset
