"""A body is created with its dossier; its members are edited beside it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import PlausibleDatesMixin
from directory.models import Organisation, Person
from dossiers.forms import DATE_INPUT, DossierForm
from network.models import Body, Membership


class BodyDossierForm(DossierForm):
    """The dossier behind a new body: its name, workstream, marking and owner.

    Once created, these are edited on the dossier's own page.
    """

    class Meta(DossierForm.Meta):
        fields = [
            "title",
            "summary",
            "workstream",
            "owner",
            "partners",
            "classification",
            "restricted_distribution",
            "declassification_review_on",
            "opened_on",
        ]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "chair", "secretariat"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = Person.objects.order_by("last_name", "first_name")
        self.fields["secretariat"].queryset = Organisation.objects.order_by("short_name")


class MembershipForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")
        self.fields["organisation"].queryset = Organisation.objects.order_by("short_name")

    def clean(self) -> dict:
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("organisation")):
            raise ValidationError(
                _("Choose either a contact or an organisation as member."),
                code="person_or_organisation",
            )
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on",
                ValidationError(_("The end comes before the start."), code="ends_before_start"),
            )
        return cleaned


MembershipFormSet = forms.inlineformset_factory(
    Body, Membership, form=MembershipForm, extra=2, can_delete=True
)
