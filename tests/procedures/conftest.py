"""The procedures' shared builders: partners, and a dossier of a kind with its details."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.classification import Classification
from directory.models import Organisation
from dossiers import services
from dossiers.models import Dossier
from tests.factories import make_dossier, make_organisation, opened_form


@pytest.fixture
def ocad(db) -> Organisation:
    return make_organisation("OCAD", kind=Organisation.Kind.FEDERAL_PARTNER)


@pytest.fixture
def vsse(db) -> Organisation:
    return make_organisation("VSSE", kind=Organisation.Kind.FEDERAL_PARTNER)


def make_procedure(
    owner, kind: str, details: dict, level: int = Classification.NIET_GECLASSIFICEERD, **fields
) -> Dossier:
    """A dossier of the kind with its details, made through the service as the form does."""
    dossier = make_dossier(owner, level, kind=kind, **fields)
    services.details_save(dossier=dossier, details=details)
    return dossier


def give_purpose(client: Client, dossier: Dossier) -> None:
    client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "opvolging"},
    )


def edit_data(client: Client, dossier: Dossier, **changes: object) -> dict[str, object]:
    """What the edit page posts back as opened, with ``changes`` (``details-...`` too)."""
    page = client.get(reverse("dossiers:update", args=[dossier.pk]))
    assert page.status_code == 200
    data = opened_form(page.context["form"])
    if page.context["detail_form"] is not None:
        data |= opened_form(page.context["detail_form"])
    return data | changes
