"""Correcting and removing a dossier's parts: who may, the confirmation, the undo, races."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from directory.classification import Classification
from dossiers.models import (
    Attachment,
    CommitteeCommitment,
    DossierLink,
    ParliamentaryQuestion,
    Task,
    TimelineEntry,
)
from tests.dossiers.test_detail_views import give_purpose
from tests.factories import (
    client_for,
    give_clearance,
    hang_parts,
    keep_report,
    make_dossier,
    share,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts(open_dossier):
    return hang_parts(open_dossier)


def edit_url(parts: dict, name: str, key: str) -> str:
    return reverse(f"dossiers:{name}", args=[parts["pk"], parts[key]])


DELETES = [
    ("timeline_delete", "entry_pk", TimelineEntry),
    ("task_delete", "task_pk", Task),
    ("attachment_delete", "attachment_pk", Attachment),
    ("link_delete", "link_pk", DossierLink),
    ("question_delete", "question_pk", ParliamentaryQuestion),
    ("commitment_delete", "commitment_pk", CommitteeCommitment),
]

# Each edit page of the one registry: what it posts, the field it changes, the anchor.
EDITS = [
    (
        "question_update",
        "question_pk",
        ParliamentaryQuestion,
        {
            "question_kind": "oral",
            "member": "Lid",
            "asked_on": "2026-10-01",
            "subject": "Herschreven onderwerp",
        },
        "subject",
        "question",
    ),
    (
        "commitment_update",
        "commitment_pk",
        CommitteeCommitment,
        {"description": "Herschreven toezegging", "made_on": "2026-10-01"},
        "description",
        "commitment",
    ),
    (
        "attachment_edit",
        "attachment_pk",
        Attachment,
        {"original_name": "Verslag OCAD.txt", "description": "Het verslag van de vergadering"},
        "description",
        "attachment",
    ),
    ("link_edit", "link_pk", DossierLink, {"note": "Zelfde dader"}, "note", "link"),
]


@pytest.mark.parametrize(("name", "key", "model"), DELETES)
def test_the_officer_confirms_then_deletes_and_it_is_audited(
    officer_client, parts, name, key, model
):
    url = edit_url(parts, name, key)
    confirm = officer_client.get(url)
    assert confirm.status_code == 200 and model.objects.filter(pk=parts[key]).exists()
    response = officer_client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(
        f"/dossiers/{parts['pk']}/#"
    )
    assert not model.objects.filter(pk=parts[key]).exists()
    assert LogEntry.objects.filter(
        action=LogEntry.Action.DELETE,
        object_pk=str(parts[key]),
        content_type__model=model._meta.model_name,
    ).exists()


def test_a_deleted_entry_comes_back_with_undo_once(officer_client, parts):
    officer_client.post(edit_url(parts, "timeline_delete", "entry_pk"))
    undo = reverse("dossiers:undo", args=[parts["pk"]])
    response = officer_client.post(undo)
    assert response["Location"].endswith(f"#entry-{parts['entry_pk']}")
    assert TimelineEntry.objects.get(pk=parts["entry_pk"]).text == "Geheime notitie"
    officer_client.post(edit_url(parts, "timeline_delete", "entry_pk"))
    officer_client.post(undo)
    assert TimelineEntry.objects.filter(pk=parts["entry_pk"]).exists()
    officer_client.post(undo)  # nothing left to undo: no error, nothing changes
    assert TimelineEntry.objects.filter(pk=parts["entry_pk"]).count() == 1


def test_undo_expires(officer_client, parts, monkeypatch):
    from dossiers import corrections

    officer_client.post(edit_url(parts, "task_delete", "task_pk"))
    later = corrections.timezone.now() + datetime.timedelta(minutes=corrections.UNDO_MINUTES + 1)
    monkeypatch.setattr(corrections.timezone, "now", lambda: later)
    officer_client.post(reverse("dossiers:undo", args=[parts["pk"]]))
    assert not Task.objects.filter(pk=parts["task_pk"]).exists()


def test_an_edit_saves_and_a_stale_edit_is_refused(officer_client, parts):
    url = edit_url(parts, "timeline_edit", "entry_pk")
    entry = TimelineEntry.objects.get(pk=parts["entry_pk"])
    data = {
        "occurred_on": today().isoformat(),
        "entry_type": "note",
        "text": "Verbeterd",
        "seen_version": entry.version,
    }
    assert officer_client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.version) == ("Verbeterd", 2)
    stale = officer_client.post(url, {**data, "text": "Te laat"})  # still carries version 1
    assert stale.status_code == 422
    entry.refresh_from_db()
    assert entry.text == "Verbeterd"


@pytest.mark.parametrize(("name", "key", "model", "data", "field", "anchor"), EDITS)
def test_the_officer_edits_a_part_once_and_a_stale_edit_is_refused(
    officer_client, parts, name, key, model, data, field, anchor
):
    url = edit_url(parts, name, key)
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(url, {**data, "seen_version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/dossiers/{parts['pk']}/#{anchor}-{parts[key]}")
    part = model.objects.get(pk=parts[key])
    assert (getattr(part, field), part.version) == (data[field], 2)
    assert LogEntry.objects.filter(
        action=LogEntry.Action.UPDATE,
        object_pk=str(parts[key]),
        content_type__model=model._meta.model_name,
    ).exists()
    stale = officer_client.post(url, {**data, field: "Te laat", "seen_version": 1})
    assert stale.status_code == 422 and stale.context["form"].non_field_errors()
    assert getattr(model.objects.get(pk=parts[key]), field) == data[field]


def test_a_file_keeps_its_extension_when_renamed(officer_client, parts):
    url = edit_url(parts, "attachment_edit", "attachment_pk")
    response = officer_client.post(url, {"original_name": "nota.html", "seen_version": 1})
    assert response.status_code == 422
    assert response.context["form"].has_error("original_name", "suffix_changed")
    assert Attachment.objects.get(pk=parts["attachment_pk"]).original_name == "nota.txt"


def test_the_edit_of_a_commitment_offers_only_the_reports_the_user_may_open(
    officer, officer_client, parts
):
    report = keep_report(officer)
    page = officer_client.get(edit_url(parts, "commitment_update", "commitment_pk"))
    assert list(page.context["form"].fields["answered_in"].queryset) == [report]


def test_a_task_edit_offers_only_readers(officer_client, parts, vo_onderwijs):
    url = edit_url(parts, "task_edit", "task_pk")
    task = Task.objects.get(pk=parts["task_pk"])
    data = {"title": "Nieuw", "assignee": vo_onderwijs.pk, "seen_version": task.version}
    assert officer_client.post(url, data).status_code == 422  # not shared with her
    task.refresh_from_db()
    assert task.assignee_id is None


@pytest.mark.parametrize("role", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_others_cannot_edit_or_delete(request, role, officer, parts):
    dossier_pk = parts["pk"]
    user = request.getfixturevalue(role)
    share(TimelineEntry.objects.get(pk=parts["entry_pk"]).dossier, user)
    client = client_for(user)
    for name, key, _model in DELETES:
        url = edit_url(parts, name, key)
        assert client.post(url).status_code in (403, 404), url
    for name, key, *_rest in [("timeline_edit", "entry_pk"), *EDITS]:
        url = edit_url(parts, name, key)
        assert client.post(url, {"note": "x"}).status_code in (403, 404), url
    assert TimelineEntry.objects.filter(dossier=dossier_pk).exists()


def test_a_part_of_another_dossier_is_absent(officer_client, officer, parts):
    other = make_dossier(officer, title="Ander dossier")
    url = reverse("dossiers:timeline_delete", args=[other.pk, parts["entry_pk"]])
    assert officer_client.get(url).status_code == 404
    assert officer_client.post(url).status_code == 404


def test_a_classified_delete_asks_the_purpose_first(officer, officer_client):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Geheim")
    parts = hang_parts(dossier)
    url = edit_url(parts, "timeline_delete", "entry_pk")
    assert reverse("dossiers:purpose", args=[dossier.pk]) in officer_client.get(url)["Location"]
    give_purpose(officer_client, dossier)
    assert officer_client.post(url).status_code == 302
    assert not TimelineEntry.objects.filter(pk=parts["entry_pk"]).exists()


def test_revoking_asks_for_confirmation(officer_client, open_dossier, vo_onderwijs):
    grant = share(open_dossier, vo_onderwijs)
    url = reverse("dossiers:grant_revoke", args=[open_dossier.pk, "user", grant.pk])
    page = officer_client.get(url)
    assert page.status_code == 200 and vo_onderwijs.get_full_name() in page.content.decode()
    assert open_dossier.user_grants.filter(pk=grant.pk).exists()
    officer_client.post(url)
    assert not open_dossier.user_grants.filter(pk=grant.pk).exists()


def test_resetting_the_calendar_address_asks_for_confirmation(officer, officer_client):
    token = officer.calendar_token
    url = reverse("calendar_token_reset")
    assert officer_client.get(url).status_code == 200
    officer.refresh_from_db()
    assert officer.calendar_token == token
    officer_client.post(url)
    officer.refresh_from_db()
    assert officer.calendar_token != token
