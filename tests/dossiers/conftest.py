"""The dossiers of the access tests, one per level, all owned by the officer."""

import pytest

from directory.classification import Classification
from tests.factories import give_clearance, make_dossier


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
