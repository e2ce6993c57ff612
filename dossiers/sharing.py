"""Sharing a dossier: the grant, and a notice in the inbox of each person who gains it.

The notice names the reference only when the dossier is confidential (rule 7), goes
only to people who may open the dossier now (``dossier_readers``), and is recorded
once per grant (``reminders.notices``).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from directory.models import Organisation
from dossiers import services
from dossiers.access import dossier_readers
from dossiers.models import Dossier, DossierGroupGrant, DossierUserGrant
from dossiers.reminders import dossier_due
from reminders.notices import notices_record
from reminders.sweep import Kind

SHARED = "shared"


@transaction.atomic
def dossier_share(
    *,
    dossier: Dossier,
    reason: str,
    granted_by: User,
    ends_on: datetime.date | None,
    user: User | None = None,
    organisation: Organisation | None = None,
) -> DossierUserGrant | DossierGroupGrant:
    """Need-to-know for a person or an organisation, and the notices it brings."""
    common = {"dossier": dossier, "reason": reason, "granted_by": granted_by, "ends_on": ends_on}
    if user is not None:
        grant = services.grant_to_user(user=user, **common)
    else:
        grant = services.grant_to_organisation(organisation=organisation, **common)
    shared_notices_record(grant=grant, dossier=dossier)
    return grant


def shared_notices_record(*, grant: DossierUserGrant | DossierGroupGrant, dossier: Dossier) -> int:
    """Tell who gained access through the grant, except the one who gave it."""
    readers = dossier_readers(dossier).exclude(pk=grant.granted_by_id)
    if isinstance(grant, DossierUserGrant):
        readers = readers.filter(pk=grant.user_id)
    else:
        readers = readers.filter(organisation__sharing_group__group=grant.group_id)
    shared_on = timezone.localdate(grant.granted_at)
    return notices_record(
        [
            dossier_due(
                dossier,
                kind=Kind.DOSSIER_SHARED,
                item=grant,
                due_on=shared_on,
                lead=SHARED,
                recipient_id=recipient_id,
            )
            for recipient_id in readers.values_list("pk", flat=True)
        ]
    )
