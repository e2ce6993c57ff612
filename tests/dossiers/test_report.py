"""The committee report: preview, the officer's draft, kept versions and who may see them."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.classification import Classification
from dossiers import services
from dossiers.models import CommitteeReport
from dossiers.workstreams import Workstream
from tests.factories import client_for, give_clearance, keep_report, make_dossier

pytestmark = pytest.mark.django_db

COMMITTEE = {
    "committee_date": "2022-09-27",
    "period_start": "2022-01-01",
    "period_end": "2022-09-27",
}
READING = {"purpose": "briefing", "detail": "commissie"}
MARCH = datetime.date(2022, 3, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}


def start_draft(client, **fields) -> CommitteeReport:
    response = client.post(reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0, **fields})
    draft = CommitteeReport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert draft.is_draft
    return draft


def draft_data(client, draft: CommitteeReport) -> dict[str, object]:
    """The edit form as the page offers it, ready to be changed and sent."""
    form = client.get(draft.get_absolute_url()).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value not in (False, None)}


def test_report_leaves_out_dossiers_above_the_ceiling_and_says_how_many(officer, officer_client):
    give_clearance(officer, Classification.GEHEIM)
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    make_dossier(officer, Classification.VERTROUWELIJK, title="Vertrouwelijk punt", opened_on=MARCH)
    make_dossier(
        officer, title="Beperkt verspreid punt", restricted_distribution=True, opened_on=MARCH
    )
    response = officer_client.get(reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0})
    html = response.content.decode()
    assert "Openbaar punt" in html
    assert "Vertrouwelijk punt" not in html and "Beperkt verspreid punt" not in html
    assert "2 dossiers boven de gekozen classificatie" in html
    body = response.context["body"]
    assert "2 dossiers" not in body and "weggelaten" not in body  # the report itself never says
    response = officer_client.get(
        reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 2, **READING}
    )
    assert "Vertrouwelijk punt" in response.content.decode()


def test_ceiling_above_own_clearance_is_refused(officer, officer_client):
    response = officer_client.get(reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 3})
    assert response.context["report"] is None
    assert "boven uw eigen machtiging" in response.content.decode()


def test_bad_period_gets_a_message(officer, officer_client):
    response = officer_client.get(
        reverse("dossiers:reports"), {**COMMITTEE, "period_end": "2021-01-01", "ceiling": 0}
    )
    assert response.status_code == 200
    assert "eindigt voor ze begint" in response.content.decode()
    response = officer_client.get(
        reverse("dossiers:reports"),
        {"committee_date": "32-13-2022", "ceiling": "x", "committee": "nope", "language": "xx"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"committee", "language", "ceiling"}


def test_no_web_request_renders_a_pdf(officer, officer_client):
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    response = officer_client.get(
        reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0, "format": "pdf"}
    )
    assert response["Content-Type"].startswith("text/html")


def test_the_officer_edits_the_draft_then_keeps_it(
    officer, officer_client, media, django_capture_on_commit_callbacks
):
    first = make_dossier(officer, title="Eerste punt", opened_on=MARCH)
    second = make_dossier(officer, title="Tweede punt", opened_on=MARCH)
    dropped = make_dossier(officer, title="Weg te laten punt", opened_on=MARCH)
    draft = start_draft(officer_client)
    section = Workstream.INFORMATION_POSITION.value
    data = draft_data(officer_client, draft)
    data.update(
        {
            "committee": "education",
            "introduction": "Geachte commissieleden",
            "closing": "Met dank voor uw aandacht.",
            f"lead_{section}": "Over de informatiepositie.",
            f"position_{first.pk}": 2,
            f"position_{second.pk}": 1,
        }
    )
    data.pop(f"include_{dropped.pk}")
    response = officer_client.post(draft.get_absolute_url(), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.committee, draft.left_out_ids) == ("education", [dropped.pk])
    assert draft.order[section][:2] == [second.pk, first.pk]
    body = officer_client.get(draft.get_absolute_url()).context["body"]
    assert "Commissie voor Onderwijs" in body and "Geachte commissieleden" in body
    assert "Over de informatiepositie." in body and "Met dank voor uw aandacht." in body
    assert body.index("Tweede punt") < body.index("Eerste punt")
    assert "Weg te laten punt" not in body and "Vragen" not in body
    with django_capture_on_commit_callbacks() as callbacks:
        response = officer_client.post(draft.get_absolute_url(), {**data, "keep": "1"})
    kept = CommitteeReport.objects.get(pk=draft.pk)
    assert response["Location"] == reverse("dossiers:report_detail", args=[kept.pk])
    # Kept in the request; the text is written from the dossiers by the worker.
    assert kept.kept_at is not None and kept.content == ""
    page = officer_client.get(kept.get_absolute_url())
    assert page.status_code == 200 and "Tweede punt" not in page.content.decode()
    files = reverse("dossiers:report_files", args=[kept.pk]) + "?text=pending"
    assert files in page.content.decode()
    assert "HX-Refresh" not in officer_client.get(files, **HTMX)
    for callback in callbacks:
        callback()
    kept.refresh_from_db()
    assert kept.dossier_count == 2 and kept.files == CommitteeReport.Files.READY
    assert "Tweede punt" in kept.content and "Weg te laten punt" not in kept.content
    assert officer_client.get(files, **HTMX)["HX-Refresh"] == "true"
    assert "Tweede punt" in officer_client.get(kept.get_absolute_url()).content.decode()


def test_a_kept_version_never_changes(
    officer, officer_client, media, django_capture_on_commit_callbacks
):
    dossier = make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    draft = start_draft(officer_client)
    data = draft_data(officer_client, draft)
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(draft.get_absolute_url(), {**data, "keep": "1"})
    kept = CommitteeReport.objects.get(pk=draft.pk)
    content, pdf = kept.content, kept.pdf_file.read()
    dossier.title = "Nieuwe titel"
    dossier.save()
    # neither the edit page nor the service change it any more
    edit = reverse("dossiers:report_edit", args=[kept.pk])
    assert officer_client.post(edit, {**data, "introduction": "Later"}).status_code == 302
    with pytest.raises(services.ReportAlreadyKept):
        services.committee_report_draft_save(draft=kept, introduction="Later")
    kept = CommitteeReport.objects.get(pk=kept.pk)
    assert kept.content == content and kept.introduction == ""
    assert kept.pdf_file.read() == pdf
    page = officer_client.get(kept.get_absolute_url()).content.decode()
    assert "Openbaar punt" in page and "Nieuwe titel" not in page


def test_a_bad_position_gets_a_message_and_saves_nothing(officer, officer_client):
    dossier = make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    draft = start_draft(officer_client)
    data = draft_data(officer_client, draft)
    response = officer_client.post(
        draft.get_absolute_url(), {**data, f"position_{dossier.pk}": "eerste", "closing": "x"}
    )
    assert response.status_code == 422
    assert response.context["form"].has_error(f"position_{dossier.pk}")
    draft.refresh_from_db()
    assert draft.closing == ""


@pytest.mark.parametrize("fixture", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_reports_are_for_the_officer_only(request, fixture, officer):
    kept = keep_report(officer)
    draft = keep_report(officer, kept_at=None)
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(reverse("dossiers:reports")).status_code == 403
    assert client.post(reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0}).status_code == 403
    for name in ("report_detail", "report_edit", "report_files", "report_pdf", "report_html"):
        for report in (kept, draft):
            assert client.get(reverse(f"dossiers:{name}", args=[report.pk])).status_code == 404


def test_kept_classified_report_disappears_when_the_clearance_lapses(officer, officer_client):
    kept = keep_report(officer, Classification.VERTROUWELIJK)
    assert officer_client.get(kept.get_absolute_url()).status_code == 404


def test_keeping_a_version_is_audited_without_its_text(officer, officer_client, media):
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    draft = start_draft(officer_client)
    data = draft_data(officer_client, draft)
    officer_client.post(draft.get_absolute_url(), {**data, "introduction": "Beste", "keep": "1"})
    entries = LogEntry.objects.get_for_object(draft)
    assert entries.get(action=LogEntry.Action.CREATE).actor == officer
    kept = entries.filter(action=LogEntry.Action.UPDATE, changes__has_key="kept_at")
    assert kept.exists()
    for entry in entries:
        assert "content" not in entry.changes_dict and "Openbaar punt" not in str(entry.changes)
        assert "Beste" not in str(entry.changes)


def test_reading_a_kept_report_with_a_classified_ceiling_asks_the_purpose_and_is_logged(
    officer, officer_client
):
    give_clearance(officer, Classification.BEPERKT)
    kept = keep_report(officer, Classification.BEPERKT, content="<p>Beperkt verslag</p>")
    response = officer_client.get(kept.get_absolute_url())
    assert response.status_code == 302 and b"Beperkt verslag" not in response.content
    officer_client.post(
        reverse("dossiers:report_purpose", args=[kept.pk]),
        {"purpose": "briefing", "detail": "commissie"},
    )
    assert "Beperkt verslag" in officer_client.get(kept.get_absolute_url()).content.decode()
    opening = LogEntry.objects.get_for_object(kept).get(action=LogEntry.Action.ACCESS)
    assert (opening.actor, opening.additional_data["purpose"]) == (officer, "briefing")


def test_preparing_a_classified_report_asks_the_purpose_and_logs_each_classified_dossier(
    officer, officer_client
):
    give_clearance(officer, Classification.VERTROUWELIJK)
    dossier = make_dossier(officer, Classification.BEPERKT, title="Beperkt punt", opened_on=MARCH)
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    url = reverse("dossiers:reports")
    response = officer_client.get(url, {**COMMITTEE, "ceiling": 1})
    assert response.status_code == 200 and b"Beperkt punt" not in response.content
    assert response.context["form"].has_error("purpose", "purpose_required")
    assert not LogEntry.objects.get_for_object(dossier).filter(action=LogEntry.Action.ACCESS)
    response = officer_client.get(url, {**COMMITTEE, "ceiling": 1, **READING})
    assert "Beperkt punt" in response.content.decode()
    [reading] = LogEntry.objects.get_for_object(dossier).filter(action=LogEntry.Action.ACCESS)
    assert (reading.actor, reading.additional_data["detail"]) == (officer, "commissie")
    # a draft started with that purpose is read in this session without asking again
    draft = start_draft(officer_client, ceiling=1, **READING)
    assert "Beperkt punt" in officer_client.get(draft.get_absolute_url()).content.decode()
    assert (
        LogEntry.objects.get_for_object(dossier).filter(action=LogEntry.Action.ACCESS).count() == 2
    )


def test_the_draft_page_costs_the_same_queries_for_more_dossiers(officer, officer_client):
    make_dossier(officer, title="Punt", opened_on=MARCH)
    draft = start_draft(officer_client)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(draft.get_absolute_url())
    for number in range(10):
        dossier = make_dossier(officer, title=f"Punt {number}", opened_on=MARCH)
        services.task_add(dossier=dossier, created_by=officer, title=f"Taak {number}")
    with CaptureQueriesContext(connection) as many:
        officer_client.get(draft.get_absolute_url())
    assert len(many) == len(few)
