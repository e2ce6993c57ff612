"""The forms of what a dossier holds: timeline, tasks, grants, links and attachments."""

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import PlausibleDatesMixin
from directory.models import Organisation
from dossiers.access import dossier_readers
from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.models import Dossier, Task, TimelineEntry


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
