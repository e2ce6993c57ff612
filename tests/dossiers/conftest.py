import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from clearances.models import Clearance
from directory.classification import Classification, declassification_review_date
from dossiers import services
from dossiers.models import Dossier
from dossiers.workstreams import Workstream

TODAY = timezone.localdate


def give_clearance(
    user: User, level: Classification, *, valid_until: datetime.date | None = None, **fields
) -> Clearance:
    today = TODAY()
    fields.setdefault("status", Clearance.Status.GRANTED)
    return Clearance.objects.create(
        person=user.person,
        level=level,
        requested_on=today - datetime.timedelta(days=400),
        decided_on=today - datetime.timedelta(days=300),
        valid_until=valid_until or today + datetime.timedelta(days=1000),
        **fields,
    )


def make_dossier(
    owner: User, level: Classification = Classification.NIET_GECLASSIFICEERD, **fields
):
    fields.setdefault("title", f"Dossier {level.label} {Dossier.objects.count()}")
    fields.setdefault("workstream", Workstream.INFORMATION_POSITION)
    fields.setdefault("kind", Dossier.Kind.CONTACT)
    return services.dossier_create(
        owner=owner,
        classification=level,
        declassification_review_on=declassification_review_date(level, TODAY()),
        **fields,
    )


@pytest.fixture
def cleared_officer(officer):
    give_clearance(officer, Classification.GEHEIM)
    return officer


@pytest.fixture
def cleared_vo(vo_onderwijs):
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    return vo_onderwijs


@pytest.fixture
def open_dossier(officer):
    return make_dossier(
        officer, title="Kennisdeling netwerk radicalisering", summary="Open informatie"
    )


@pytest.fixture
def confidential_dossier(officer):
    return make_dossier(
        officer,
        Classification.VERTROUWELIJK,
        title="Protocolafspraak OCAD geheimhouding",
        summary="Vertrouwelijke samenvatting",
    )


@pytest.fixture
def secret_dossier(officer):
    return make_dossier(
        officer, Classification.GEHEIM, title="Voorstel technische sweeping", summary="Afluisteren"
    )
