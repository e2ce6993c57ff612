"""The dossiers app's models, one module per subject; every name stays importable from here.

The modules are imported in the order the models were declared in the single module they
came from, so Django registers them in the same order (``get_models()``, dumps, admin).
"""

# isort: off
from dossiers.models.dossier import Dossier, DossierPart, ReferenceCounter
from dossiers.models.kinds import (
    AccessRequest,
    Activity,
    KindDetails,
    Opinion,
    PilotProject,
    ProtocolAgreement,
    kind_details_dossier,
)
from dossiers.models.parts import (
    Attachment,
    AttachmentStorage,
    DossierLink,
    Task,
    TimelineEntry,
    attachment_path,
    attachment_storage,
    get_attachment_storage,
)
from dossiers.models.grants import (
    DossierGroupGrant,
    DossierUserGrant,
    GrantFields,
    OrganisationGroup,
)
from dossiers.models.reports import CommitteeReport
from dossiers.models.procedures import (
    CommitteeCommitment,
    InformationRequest,
    ParliamentaryFollowUp,
    ParliamentaryQuestion,
)
# isort: on

__all__ = [
    "AccessRequest",
    "Activity",
    "Attachment",
    "AttachmentStorage",
    "CommitteeCommitment",
    "CommitteeReport",
    "Dossier",
    "DossierGroupGrant",
    "DossierLink",
    "DossierPart",
    "DossierUserGrant",
    "GrantFields",
    "InformationRequest",
    "KindDetails",
    "Opinion",
    "OrganisationGroup",
    "ParliamentaryFollowUp",
    "ParliamentaryQuestion",
    "PilotProject",
    "ProtocolAgreement",
    "ReferenceCounter",
    "Task",
    "TimelineEntry",
    "attachment_path",
    "attachment_storage",
    "get_attachment_storage",
    "kind_details_dossier",
]
