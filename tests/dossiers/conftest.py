"""The dossiers of the access tests, one per level, all owned by the officer."""

from pathlib import Path

import pytest

from common.storage import AtomicFileSystemStorage
from directory.classification import Classification
from dossiers.models import attachment_storage
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


@pytest.fixture
def media(tmp_path, monkeypatch) -> Path:
    """The attachments' (and kept reports') storage in a folder of this test."""
    monkeypatch.setattr(attachment_storage, "_wrapped", AtomicFileSystemStorage(tmp_path))
    return tmp_path
