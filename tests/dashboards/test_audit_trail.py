"""The audit trail keeps references of classified objects, asks the access rule, names who acted."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from clearances.models import Clearance
from directory.classification import Classification
from dossiers import services
from dossiers.models import Dossier, Task
from tests.factories import client_for, give_clearance, make_dossier

pytestmark = pytest.mark.django_db


def stored_text(dossier: Dossier) -> str:
    """Everything the audit table holds about the dossier and its parts, as text."""
    entries = LogEntry.objects.filter(additional_data__dossier=dossier.pk)
    return " ".join(
        f"{entry.object_repr} {entry.changes} {entry.changes_text}" for entry in entries
    )


def work_on(dossier: Dossier, officer) -> None:
    """A title and status change, a timeline entry and a task, as the officer would."""
    dossier.title = "Nieuwe titel geheim"
    dossier.status = Dossier.Status.IN_PROGRESS
    dossier.save()
    services.timeline_entry_add(
        dossier=dossier, author=officer, occurred_on="2026-03-01", text="Gesprek met bron X"
    )
    Task.objects.create(dossier=dossier, title="Bron X opnieuw contacteren")


@pytest.mark.parametrize(
    "fields",
    [
        {"level": Classification.BEPERKT},
        {"level": Classification.GEHEIM},
        {"level": Classification.NIET_GECLASSIFICEERD, "restricted_distribution": True},
    ],
)
def test_audit_entries_of_a_classified_dossier_keep_only_its_reference(officer, fields):
    fields = dict(fields)
    dossier = make_dossier(
        officer, fields.pop("level"), title="Operatie Zwaluw", summary="Bron X", **fields
    )
    work_on(dossier, officer)
    stored = stored_text(dossier)
    for secret in ("Zwaluw", "Bron X", "Nieuwe titel", "Gesprek met"):
        assert secret not in stored
    assert dossier.reference in stored
    update = LogEntry.objects.get_for_object(dossier).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["status"] == ["open", "in_progress"]
    assert update.changes_dict["title"] == ["***", "***"]
    # An open dossier's changes stay readable.
    open_dossier = make_dossier(officer, title="Opleiding onderwijsinspectie")
    work_on(open_dossier, officer)
    assert "Opleiding onderwijsinspectie" in stored_text(open_dossier)
    assert "Gesprek met bron X" in stored_text(open_dossier)


def test_the_administrator_sees_no_dossier_entry_and_no_search_inside_changes(
    officer, administrator, kanselarij
):
    secret = make_dossier(officer, Classification.GEHEIM, title="Operatie Zwaluw")
    work_on(secret, officer)
    open_dossier = make_dossier(officer, title="Open titel")
    kanselarij.name = "Kanselarij hernoemd"
    kanselarij.save()
    client = client_for(administrator)
    changelist = reverse("admin:auditlog_logentry_changelist")
    page = client.get(changelist).content.decode()
    assert secret.reference not in page
    assert open_dossier.reference not in page
    assert "DKBUZA" in page  # what he manages stays in his view
    # The old name is only inside the logged changes: a search does not look there.
    found = client.get(changelist, {"q": "Departement Kanselarij"}).content.decode()
    assert "DKBUZA" not in found
    entry = LogEntry.objects.get_for_object(secret).first()
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert secret.reference not in detail.content.decode()


@pytest.fixture
def cleared_officer_and_secret(officer):
    clearance = give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Operatie Zwaluw")
    services.access_purpose_log(dossier=dossier, user=officer, purpose="case_work", detail="x")
    return clearance, dossier


def test_audit_page_and_export_follow_the_access_rule(
    officer, officer_client, cleared_officer_and_secret
):
    clearance, secret = cleared_officer_and_secret
    open_dossier = make_dossier(officer, title="Open titel")
    page = officer_client.get(reverse("audit")).content.decode()
    assert secret.reference in page
    clearance.status = Clearance.Status.WITHDRAWN
    clearance.save()
    page = officer_client.get(reverse("audit")).content.decode()
    export = officer_client.get(reverse("audit_export")).content.decode()
    for shown in (page, export):
        assert secret.reference not in shown
        assert open_dossier.reference in shown
    filtered = officer_client.get(reverse("audit"), {"object": secret.reference})
    assert list(filtered.context["page"]) == []


def test_who_acted_is_kept_when_the_account_is_deleted(officer, officer_client, vo_onderwijs):
    dossier = make_dossier(officer, title="Open titel")
    services.access_purpose_log(dossier=dossier, user=vo_onderwijs, purpose="briefing", detail="")
    # And through a request, where auditlog's middleware names the actor.
    client_for(vo_onderwijs).post(reverse("set_language"), {"language": "fr"})
    assert LogEntry.objects.filter(actor=vo_onderwijs, action=LogEntry.Action.UPDATE).exists()
    vo_onderwijs.delete()
    page = officer_client.get(reverse("audit")).content.decode()
    assert "Vo-Onderwijs Tester" in page
    export = officer_client.get(reverse("audit_export")).content.decode()
    acted = [
        row[1:3]
        for row in csv.reader(io.StringIO(export), delimiter=";")
        if row[1] == "vo-onderwijs"
    ]
    assert len(acted) >= 2  # the access and the language change at least
    assert all(row == ["vo-onderwijs", "Vo-Onderwijs Tester"] for row in acted)
