import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from directory.classification import Classification
from dossiers.models import Dossier, Task
from tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_str_of_a_dossier_is_its_reference(officer):
    dossier = make_dossier(officer, Classification.GEHEIM, title="Geheime titel")
    assert str(dossier) == dossier.reference
    task = Task.objects.create(dossier=dossier, title="Geheime taak")
    assert "Geheime" not in str(task)


def test_create_update_delete_are_audited_and_survive_deletion(cleared_officer, officer_client):
    response = officer_client.post(
        reverse("dossiers:create"),
        {
            "title": "Geheime titel",
            "workstream": "daily_operations",
            "kind": "proposal",
            "status": "open",
            "owner": cleared_officer.pk,
            "classification": Classification.GEHEIM,
            "opened_on": "2026-02-01",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    officer_client.post(
        reverse("dossiers:purpose", args=[dossier.pk]), {"purpose": "case_work", "detail": "werk"}
    )
    officer_client.post(
        reverse("dossiers:update", args=[dossier.pk]),
        {
            "title": "Geheime titel",
            "workstream": "daily_operations",
            "status": "in_progress",
            "owner": cleared_officer.pk,
            "classification": Classification.GEHEIM,
            "opened_on": "2026-02-01",
        },
    )
    reference, pk = dossier.reference, dossier.pk
    dossier.delete()
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Dossier), object_pk=str(pk)
    ).order_by("pk")
    assert [entry.action for entry in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert {entry.object_repr for entry in entries} == {reference}
    assert all(entry.actor == cleared_officer for entry in entries[:2])
    assert entries[1].changes_dict["status"] == ["open", "in_progress"]


def test_dossier_page_shows_history_to_the_officer_only(
    cleared_officer, officer_client, open_dossier, cabinet_client
):
    officer_client.post(
        reverse("dossiers:timeline_add", args=[open_dossier.pk]),
        {"occurred_on": "2022-01-17", "entry_type": "event", "text": "Diensten aangeschreven"},
    )
    html = officer_client.get(open_dossier.get_absolute_url()).content.decode()
    assert 'id="history-heading"' in html
    history = reverse("dossiers:history", args=[open_dossier.pk])
    panel = officer_client.get(history, HTTP_HX_REQUEST="true").content.decode()
    assert f"{open_dossier.reference} · 2022-01-17" in panel
    assert "<html" not in panel
    assert f"{open_dossier.reference} · 2022-01-17" in officer_client.get(history).content.decode()
    cabinet_page = cabinet_client.get(open_dossier.get_absolute_url()).content.decode()
    assert 'id="history-heading"' not in cabinet_page
    assert cabinet_client.get(history).status_code == 403
