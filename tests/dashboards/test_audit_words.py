"""The audit trail and a dossier's history read as words: actions, labels, values, per change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from directory.classification import Classification
from dossiers.models import Dossier, DossierLink
from tests.factories import give_clearance, make_dossier

pytestmark = pytest.mark.django_db
NOISE = ["DossierLink.None", "backlinks", "None →", "→ None"]


def change_deadline_and_status(dossier: Dossier) -> None:
    dossier.deadline = datetime.date(2026, 12, 6)
    dossier.status = Dossier.Status.IN_PROGRESS
    dossier.save()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_audit_page_names_actions_fields_and_values_as_a_reader_would(
    officer, officer_client, language
):
    officer.language = language
    officer.save()
    dossier = make_dossier(officer, title="Netwerkdag")
    change_deadline_and_status(dossier)
    DossierLink.objects.create(source=dossier, target=make_dossier(officer))
    page = officer_client.get(reverse("audit"), {"object": dossier.reference}).content.decode()
    with translation.override(language):
        for action in ("created", "changed"):
            assert pgettext("audit action", action) in page
        assert str(capfirst(Dossier._meta.get_field("deadline").verbose_name)) in page
        assert str(Dossier.Status.IN_PROGRESS.label) in page
    assert "06/12/2026" in page
    assert officer.get_full_name() in page  # the owner by name, not by id
    for noise in NOISE:
        assert noise not in page


def test_the_history_page_has_one_heading_and_groups_the_changes_of_one_save(
    officer, officer_client
):
    dossier = make_dossier(officer, title="Netwerkdag")
    change_deadline_and_status(dossier)
    response = officer_client.get(reverse("dossiers:history", args=[dossier.pk]))
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "06/12/2026" in page
    with translation.override("nl"):
        assert pgettext("audit action", "changed") in page
        assert str(Dossier.Status.IN_PROGRESS.label) in page
    for noise in NOISE:
        assert noise not in page


def test_a_classified_dossiers_history_shows_the_reference_never_the_title(officer, officer_client):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Operatie Nachtuil")
    dossier.title = "Operatie Steenuil"
    dossier.save()
    officer_client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "Opvolging"},
    )
    history = officer_client.get(reverse("dossiers:history", args=[dossier.pk])).content.decode()
    audit = officer_client.get(reverse("audit")).content.decode()
    for page in (history, audit):
        assert dossier.reference in page
        assert "Nachtuil" not in page
        assert "Steenuil" not in page.split("<main", 1)[1]
