"""The forms of what a dossier holds: timeline, tasks, grants, links and attachments."""

from functools import partial
from pathlib import Path

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.pickers import PersonChoiceField
from common.forms import PlausibleDatesMixin
from common.versions import VersionedFormMixin
from directory.models import Organisation
from directory.pickers import OrganisationChoiceField, remote_picker
from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.models import Attachment, Dossier, DossierLink, Task, TimelineEntry
from dossiers.pickers import (
    active_organisations,
    any_organisations,
    assignable_people,
    grantable_people,
    organisations_url,
    people_url,
)


class TimelineEntryForm(PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "timeline"

    class Meta:
        model = TimelineEntry
        fields = ["occurred_on", "entry_type", "organisation", "text"]
        widgets = {"occurred_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args: object, all_choices: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisation.queryset = any_organisations()
        remote_picker(organisation, url=organisations_url("any"), all_choices=all_choices)


class TaskForm(PartFormMixin, VersionedFormMixin, PlausibleDatesMixin, forms.ModelForm):
    id_prefix = "task"

    class Meta:
        model = Task
        fields = ["title", "assignee", "due_on"]
        widgets = {"due_on": DATE_INPUT}
        field_classes = {"assignee": PersonChoiceField}

    def __init__(
        self, *args: object, dossier: Dossier, all_choices: bool = True, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assignee.defer_queryset(partial(assignable_people, dossier))
        remote_picker(assignee, url=people_url(dossier, "assignee"), all_choices=all_choices)
        assignee.error_messages["invalid_choice"] = _(
            "This person may not open this dossier. Choose someone who may, or share the "
            "dossier with this person first."
        )


class GrantForm(PartFormMixin, PlausibleDatesMixin, forms.Form):
    id_prefix = "grant"

    user = PersonChoiceField(
        label=capfirst(_("person")), queryset=User.objects.none(), required=False
    )
    organisation = OrganisationChoiceField(
        label=capfirst(_("organisation")),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Everybody of the organisation who may open the dossier."),
    )
    reason = forms.CharField(label=capfirst(_("reason")), max_length=250)
    ends_on = forms.DateField(label=capfirst(_("ends on")), required=False, widget=DATE_INPUT)

    def __init__(
        self,
        *args: object,
        dossier: Dossier | None = None,
        all_choices: bool = True,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        user = self.fields["user"]
        user.queryset = grantable_people()
        # Without a dossier there is no autocomplete to ask: everyone is listed.
        url = people_url(dossier, "grantee") if dossier else ""
        remote_picker(user, url=url, all_choices=all_choices or not url)
        organisation = self.fields["organisation"]
        organisation.queryset = active_organisations()
        remote_picker(organisation, url=organisations_url("active"), all_choices=all_choices)

    def clean(self) -> dict:
        cleaned = super().clean()
        user, organisation = cleaned.get("user"), cleaned.get("organisation")
        if user and organisation:
            raise ValidationError(
                _("Choose a person or an organisation, not both. To share with both, share twice."),
                code="two_recipients",
            )
        if not (user or organisation or self.has_error("user") or self.has_error("organisation")):
            raise ValidationError(
                _("Choose the person or the organisation to share with."), code="no_recipient"
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


class LinkNoteForm(PartFormMixin, VersionedFormMixin, forms.ModelForm):
    """The note of a link: its two ends stay as they are (remove and link again)."""

    id_prefix = "link"

    class Meta:
        model = DossierLink
        fields = ["note"]


class AttachmentDetailsForm(PartFormMixin, VersionedFormMixin, forms.ModelForm):
    """The name and description of a stored file; the file itself is not replaced."""

    id_prefix = "attachment"

    class Meta:
        model = Attachment
        fields = ["original_name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_original_name(self) -> str:
        # The type of the file was read from its content at upload: a new name keeps the
        # extension, so that nobody opens a PDF renamed to .html in a browser, or the reverse.
        name = self.cleaned_data["original_name"].strip()
        if Path(name).suffix.lower() != Path(self.instance.original_name).suffix.lower():
            raise ValidationError(
                _("Keep the extension of the file (%(suffix)s)."),
                code="suffix_changed",
                params={"suffix": Path(self.instance.original_name).suffix or "—"},
            )
        return name


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
