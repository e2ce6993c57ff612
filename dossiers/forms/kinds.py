"""The forms of the details each kind of dossier carries, and of an access request's opinions."""

from django import forms

from common.forms import KeyChoicesField, PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.models import Organisation
from directory.pickers import OrganisationChoiceField, in_label_order, picker_widget
from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.models import (
    AccessRequest,
    Activity,
    Dossier,
    Opinion,
    PilotProject,
    ProtocolAgreement,
)


class AccessRequestForm(forms.ModelForm):
    class Meta:
        model = AccessRequest
        fields = ["step", "requesting_services", "addressees", "cooperation_agreement"]
        widgets = {"cooperation_agreement": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"requesting_services": KeyChoicesField, "addressees": KeyChoicesField}


class ProtocolAgreementForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = ProtocolAgreement
        fields = ["partner", "policy_domain", "status", "signed_on", "valid_until", "review_on"]
        widgets = {"signed_on": DATE_INPUT, "valid_until": DATE_INPUT, "review_on": DATE_INPUT}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.FEDERAL_PARTNER
        )


class PilotProjectForm(forms.ModelForm):
    class Meta:
        model = PilotProject
        fields = ["municipalities"]
        field_classes = {"municipalities": KeyChoicesField}


class ActivityForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["activity_kind", "held_on", "audience", "participants"]
        widgets = {"held_on": DATE_INPUT}


# The form of the details that each kind of dossier carries.
KIND_DETAIL_FORMS: dict[str, type[forms.ModelForm]] = {
    Dossier.Kind.ACCESS_REQUEST: AccessRequestForm,
    Dossier.Kind.PROTOCOL_AGREEMENT: ProtocolAgreementForm,
    Dossier.Kind.PILOT_PROJECT: PilotProjectForm,
    Dossier.Kind.ACTIVITY: ActivityForm,
}


class OpinionForm(PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "opinion"

    class Meta:
        model = Opinion
        fields = ["body", "received_on", "outcome", "summary"]
        widgets = {"received_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"body": OrganisationChoiceField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = in_label_order(body.queryset)
        picker_widget(body.widget)
