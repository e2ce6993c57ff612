"""The dossiers app's forms, one module per subject; every name stays importable from here."""

from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.forms.dossier import DeadlineWindow, DossierFilter, DossierForm
from dossiers.forms.kinds import (
    KIND_DETAIL_FORMS,
    AccessRequestForm,
    ActivityForm,
    OpinionForm,
    PilotProjectForm,
    ProtocolAgreementForm,
)
from dossiers.forms.parts import (
    AttachmentForm,
    GrantForm,
    LinkForm,
    TaskForm,
    TimelineEntryForm,
    sniff_content_type,
)
from dossiers.forms.purpose import AccessPurpose, AccessPurposeForm
from dossiers.forms.reports import ReportDraftForm, ReportForm

__all__ = [
    "DATE_INPUT",
    "KIND_DETAIL_FORMS",
    "AccessPurpose",
    "AccessPurposeForm",
    "AccessRequestForm",
    "ActivityForm",
    "AttachmentForm",
    "DeadlineWindow",
    "DossierFilter",
    "DossierForm",
    "GrantForm",
    "LinkForm",
    "OpinionForm",
    "PartFormMixin",
    "PilotProjectForm",
    "ProtocolAgreementForm",
    "ReportDraftForm",
    "ReportForm",
    "TaskForm",
    "TimelineEntryForm",
    "sniff_content_type",
]
