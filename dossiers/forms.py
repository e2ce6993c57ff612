import datetime

import django_filters
import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from clearances.validity import current_clearance_level
from common.forms import KeyChoicesField, PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.classification import Classification, declassification_review_date
from directory.models import Organisation
from dossiers.access import dossier_readers
from dossiers.models import (
    AccessRequest,
    Activity,
    CommitteeReport,
    Dossier,
    Opinion,
    PilotProject,
    ProtocolAgreement,
    Task,
    TimelineEntry,
)
from dossiers.workstreams import Workstream

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartFormMixin:
    """Forms that share the dossier page get ids of their own (``timeline-text``, ...)."""

    id_prefix = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


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
            "declassification_review_on",
            "deadline",
            "opened_on",
        ]
        widgets = {
            "declassification_review_on": DATE_INPUT,
            "deadline": DATE_INPUT,
            "opened_on": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }
        field_classes = {"partners": KeyChoicesField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, groups__name=Role.LIAISON_OFFICER
        ).order_by("last_name")
        self.fields["partners"].queryset = Organisation.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["kind"].disabled = True

    def clean(self) -> dict:
        cleaned = super().clean()
        level = cleaned.get("classification")
        if level and not cleaned.get("declassification_review_on"):
            cleaned["declassification_review_on"] = declassification_review_date(
                level, cleaned.get("opened_on") or timezone.localdate()
            )
        self.check_owner_may_open(cleaned)
        return cleaned

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


class OpinionForm(PartFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "opinion"

    class Meta:
        model = Opinion
        fields = ["body", "received_on", "outcome", "summary"]
        widgets = {"received_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 2})}


class TimelineEntryForm(PartFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "timeline"

    class Meta:
        model = TimelineEntry
        fields = ["occurred_on", "entry_type", "organisation", "text"]
        widgets = {"occurred_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 2})}


class TaskForm(PartFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "task"

    class Meta:
        model = Task
        fields = ["title", "assignee", "due_on"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Only people who may open the dossier: the reminders name it to the assignee.
        assignee = self.fields["assignee"]
        assignee.queryset = dossier_readers(dossier).order_by("last_name", "first_name")
        assignee.error_messages["invalid_choice"] = _(
            "This person may not open this dossier. Choose someone who may, or share the "
            "dossier with this person first."
        )


class AccessPurpose(models.TextChoices):
    CASE_WORK = "case_work", _("Work on the dossier")
    BRIEFING = "briefing", _("Preparing a briefing or report")
    PARTNER_REQUEST = "partner_request", _("Answering a partner's question")
    SECURITY_CHECK = "security_check", _("Security or audit check")
    OTHER = "other", _("Other")


class AccessPurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label=capfirst(_("purpose")), choices=AccessPurpose.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(
        label=capfirst(_("explanation")),
        min_length=3,
        max_length=300,
        help_text=_("A few words that explain why you open this dossier."),
    )


class GrantForm(PartFormMixin, PlausibleDatesMixin, forms.Form):
    id_prefix = "grant"

    user = forms.ModelChoiceField(
        label=capfirst(_("person")), queryset=User.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisation")), queryset=Organisation.objects.none(), required=False
    )
    reason = forms.CharField(label=capfirst(_("reason")), max_length=250)
    ends_on = forms.DateField(label=capfirst(_("ends on")), required=False, widget=DATE_INPUT)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, groups__isnull=False
        ).distinct()
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)

    def clean(self) -> dict:
        cleaned = super().clean()
        if bool(cleaned.get("user")) == bool(cleaned.get("organisation")):
            raise ValidationError(
                _("Choose either a person or an organisation to share with."), code="one_recipient"
            )
        ends_on = cleaned.get("ends_on")
        if ends_on and ends_on < timezone.localdate():
            self.add_error(
                "ends_on", ValidationError(_("The end date lies in the past."), code="ends_in_past")
            )
        return cleaned


class LinkForm(PartFormMixin, forms.Form):
    id_prefix = "link"

    reference = forms.CharField(
        label=capfirst(_("reference of the dossier to link")), max_length=20
    )
    note = forms.CharField(label=capfirst(_("note")), max_length=250, required=False)


def sniff_content_type(upload: UploadedFile) -> str | None:
    """The type of the file by its content; the name and the browser's word don't count."""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


class AttachmentForm(PartFormMixin, forms.Form):
    id_prefix = "attachment"

    file = forms.FileField(label=capfirst(_("file")), max_length=255)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s MB."),
                code="too_large",
                params={"limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            )
        content_type = sniff_content_type(upload)
        if content_type not in settings.ATTACHMENT_TYPES:
            raise ValidationError(
                _(
                    "This kind of file is not accepted. Accepted: PDF, PNG, JPEG, text, "
                    "Word, Excel, OpenDocument."
                ),
                code="type_not_accepted",
            )
        self.cleaned_data["content_type"] = content_type
        return upload


class DeadlineWindow:
    OVERDUE = "overdue"
    NEXT_30_DAYS = "30"
    NEXT_90_DAYS = "90"
    CHOICES = [
        (OVERDUE, _("Overdue")),
        (NEXT_30_DAYS, _("Within 30 days")),
        (NEXT_90_DAYS, _("Within 90 days")),
    ]


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
    partner = django_filters.ModelChoiceFilter(
        label=capfirst(_("partner")), field_name="partners", queryset=Organisation.objects.all()
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

    def search(self, queryset, name: str, value: str):
        from dossiers.search import search_dossiers

        return search_dossiers(queryset, value)

    def deadline_window(self, queryset, name: str, value: str):
        today = timezone.localdate()
        if value == DeadlineWindow.OVERDUE:
            return queryset.filter(deadline__lt=today, status__in=Dossier.OPEN_STATUSES)
        return queryset.filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=int(value))
        )


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
