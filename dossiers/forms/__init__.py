"""The dossiers app's forms, one module per subject; every name stays importable from here."""

from dossiers.forms.common import DATE_INPUT, PartFormMixin
from dossiers.forms.dossier import DeadlineWindow, DossierFilter, DossierForm
from dossiers.forms.kinds import (
    KIND_DETAIL_FORMS,
    AccessRequestForm,
    ActivityForm,
    InformationRequestForm,
    OpinionForm,
    ParliamentaryFollowUpForm,
    PilotProjectForm,
    ProtocolAgreementForm,
)
from dossiers.forms.parts import (
    AttachmentDetailsForm,
    AttachmentForm,
    GrantForm,
    LinkForm,
    LinkNoteForm,
    TaskForm,
    TimelineEntryForm,
    sniff_content_type,
)
from dossiers.forms.procedures import (
    CommitteeCommitmentForm,
    ParliamentaryQuestionForm,
    ProtocolFilter,
)
from dossiers.forms.purpose import AccessPurpose, AccessPurposeForm
from dossiers.forms.reports import DraftRowsForm, ReportDraftForm, ReportForm

__all__ = [
    "DATE_INPUT",
    "KIND_DETAIL_FORMS",
    "AccessPurpose",
    "AccessPurposeForm",
    "AccessRequestForm",
    "ActivityForm",
    "AttachmentDetailsForm",
    "AttachmentForm",
    "CommitteeCommitmentForm",
    "DeadlineWindow",
    "DossierFilter",
    "DossierForm",
    "DraftRowsForm",
    "GrantForm",
    "InformationRequestForm",
    "LinkForm",
    "LinkNoteForm",
    "OpinionForm",
    "ParliamentaryFollowUpForm",
    "ParliamentaryQuestionForm",
    "PartFormMixin",
    "PilotProjectForm",
    "ProtocolAgreementForm",
    "ReportDraftForm",
    "ProtocolFilter",
    "ReportForm",
    "TaskForm",
    "TimelineEntryForm",
    "sniff_content_type",
]
