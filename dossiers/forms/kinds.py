"""The forms of the details each kind of dossier carries, and of an access request's opinions."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import KeyChoicesField, PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.models import Organisation
from directory.pickers import OrganisationChoiceField, remote_picker
from dossiers.forms.common import DATE_INPUT, DefaultedFieldsMixin, PartFormMixin
from dossiers.models import (
    AccessRequest,
    Activity,
    Attachment,
    Dossier,
    InformationRequest,
    Opinion,
    ParliamentaryFollowUp,
    PilotProject,
    ProtocolAgreement,
)
from dossiers.pickers import any_organisations, organisations_url

TEXT_AREA = forms.Textarea(attrs={"rows": 3})
DATE_FIELDS = (
    "signed_on",
    "valid_until",
    "review_on",
    "flemish_dpo_opinion_on",
    "federal_dpo_opinion_on",
    "published_on",
)
ARTICLE_20_TEXTS = (
    "legal_basis",
    "purposes",
    "data_categories",
    "person_categories",
    "recipients",
    "security_measures",
)


class AccessRequestForm(DefaultedFieldsMixin, PlausibleDatesMixin, forms.ModelForm):
    """The 44/11/9 request to its end: the ministers' decision and what resulted from it."""

    # The view passes the user: the resulting dossier is chosen among those he may see.
    takes_user = True
    defaulted = ("decision",)

    class Meta:
        model = AccessRequest
        fields = [
            "step",
            "requesting_services",
            "addressees",
            "cooperation_agreement",
            "deciding_ministries",
            "decision",
            "decided_on",
            "resulting_dossier",
        ]
        widgets = {"cooperation_agreement": TEXT_AREA, "decided_on": DATE_INPUT}
        field_classes = {
            "requesting_services": KeyChoicesField,
            "addressees": KeyChoicesField,
            "deciding_ministries": KeyChoicesField,
        }

    def __init__(self, *args: object, user: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from dossiers.access import visible_dossiers  # access reads the models the forms use

        agreements = Dossier.objects.none() if user is None else visible_dossiers(user)
        self.fields["resulting_dossier"].queryset = agreements.filter(
            kind__in=[Dossier.Kind.PROTOCOL_AGREEMENT, Dossier.Kind.LEGISLATIVE_FILE]
        ).order_by("reference")
        self.fields["resulting_dossier"].label_from_instance = str  # the reference only


class InformationRequestForm(PlausibleDatesMixin, forms.ModelForm):
    """The request and its answer; an answer classified above the editor's clearance is
    left out of the form, neither shown nor changed."""

    takes_user = True

    class Meta:
        model = InformationRequest
        fields = [
            "direction",
            "requesting_organisation",
            "requested_organisation",
            "legal_basis",
            "question",
            "due_on",
            "status",
            "answer",
            "answered_on",
            "answer_classification",
        ]
        widgets = {
            "question": TEXT_AREA,
            "answer": TEXT_AREA,
            "due_on": DATE_INPUT,
            "answered_on": DATE_INPUT,
        }

    def __init__(self, *args: object, user: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        from dossiers.access import reaches_level  # access reads the models the forms use

        self.user = user
        if user is None or not reaches_level(user, self.instance.answer_classification):
            for name in ("answer", "answered_on", "answer_classification"):
                del self.fields[name]

    def clean_answer_classification(self) -> int:
        """Nobody classifies an answer above what he may read himself."""
        from dossiers.access import reaches_level

        level = self.cleaned_data["answer_classification"]
        if not reaches_level(self.user, level):
            raise forms.ValidationError(
                _("This is above the classification you may read."), code="above_clearance"
            )
        return level


class ParliamentaryFollowUpForm(forms.ModelForm):
    class Meta:
        model = ParliamentaryFollowUp
        fields = ["committee", "minister"]


class ProtocolAgreementForm(DefaultedFieldsMixin, PlausibleDatesMixin, forms.ModelForm):
    """The agreement with what article 20 of the law of 30 July 2018 asks it to state."""

    defaulted = ("flemish_dpo_outcome", "federal_dpo_outcome")

    published_url = forms.URLField(
        label=capfirst(ProtocolAgreement._meta.get_field("published_url").verbose_name),
        required=False,
        max_length=200,
        assume_scheme="https",
    )

    class Meta:
        model = ProtocolAgreement
        fields = [
            "partner",
            "flemish_party",
            "policy_domain",
            "status",
            "signed_on",
            "valid_until",
            "review_on",
            "legal_basis",
            "purposes",
            "data_categories",
            "person_categories",
            "recipients",
            "retention",
            "security_measures",
            "flemish_dpo_opinion_on",
            "flemish_dpo_outcome",
            "flemish_dpo_attachment",
            "federal_dpo_opinion_on",
            "federal_dpo_outcome",
            "federal_dpo_attachment",
            "published_url",
            "published_on",
        ]
        widgets = {
            **{name: DATE_INPUT for name in DATE_FIELDS},
            **{name: TEXT_AREA for name in ARTICLE_20_TEXTS},
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.FEDERAL_PARTNER
        )
        self.fields["flemish_party"].queryset = Organisation.objects.filter(
            kind__in=[Organisation.Kind.DEPARTMENT, Organisation.Kind.AGENCY]
        )
        # An opinion is one of the dossier's own attachments, once it has some.
        dossier_id = self.instance.dossier_id if self.instance.pk else None
        attachments = Attachment.objects.filter(dossier_id=dossier_id)
        for name in ("flemish_dpo_attachment", "federal_dpo_attachment"):
            self.fields[name].queryset = attachments


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
    Dossier.Kind.INFORMATION_REQUEST: InformationRequestForm,
    Dossier.Kind.PARLIAMENTARY_FOLLOW_UP: ParliamentaryFollowUpForm,
}


class OpinionForm(PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "opinion"

    class Meta:
        model = Opinion
        fields = ["body", "received_on", "outcome", "summary"]
        widgets = {"received_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"body": OrganisationChoiceField}

    def __init__(self, *args: object, all_choices: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = any_organisations()
        remote_picker(body, url=organisations_url("any"), all_choices=all_choices)
