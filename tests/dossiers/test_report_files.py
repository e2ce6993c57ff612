"""A kept report's PDF and HTML: made by a worker, tagged, marked on every page."""

import datetime
import io
import time

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from directory.classification import Classification
from dossiers import services
from dossiers.models import CommitteeReport
from tests.factories import client_for, give_clearance, make_dossier, real_worker

MARCH = datetime.date(2022, 3, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}


def marking_of(level: Classification) -> str:
    with translation.override("nl"):
        return str(level.label).upper()


def draft_for(officer, **fields) -> CommitteeReport:
    return services.committee_report_draft(
        created_by=officer,
        committee_date=datetime.date(2022, 9, 27),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 9, 27),
        **{"ceiling": Classification.NIET_GECLASSIFICEERD, **fields},
    )


def keep(officer, draft: CommitteeReport) -> CommitteeReport:
    return services.committee_report_keep(draft=draft, user=officer)


def pdf_of(client, kept: CommitteeReport) -> PdfReader:
    response = client.get(reverse("dossiers:report_pdf", args=[kept.pk]))
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
def test_the_pdf_is_tagged_and_every_page_carries_the_marking(
    officer, officer_client, media, django_capture_on_commit_callbacks
):
    for number in range(30):
        make_dossier(
            officer,
            title=f"Punt {number}",
            summary="Een lange samenvatting van wat er gebeurde. " * 12,
            opened_on=MARCH,
        )
    with django_capture_on_commit_callbacks(execute=True):
        kept = keep(officer, draft_for(officer, introduction="Geachte leden"))
    kept.refresh_from_db()
    assert kept.files == CommitteeReport.Files.READY
    pdf = pdf_of(officer_client, kept)
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "nl"
    assert len(pdf.pages) > 3
    marking = marking_of(Classification.NIET_GECLASSIFICEERD)
    for number, page in enumerate(pdf.pages, start=1):
        text = page.extract_text()
        assert marking in text, number
        if number > 1:
            assert f"{number} / {len(pdf.pages)}" in text, number
    with translation.override("nl"):
        contents = translation.gettext("Contents")
    assert contents in pdf.pages[1].extract_text()
    html = officer_client.get(reverse("dossiers:report_html", args=[kept.pk]))
    document = b"".join(html.streaming_content).decode()
    assert document.startswith("<!doctype html>") and marking in document
    assert "Punt 29" in document and "Geachte leden" in document


@pytest.mark.django_db
def test_the_page_polls_until_the_files_are_made_and_nothing_is_served_before(
    officer, officer_client, media
):
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    kept = keep(officer, draft_for(officer))  # not committed: no worker has made the files
    files = reverse("dossiers:report_files", args=[kept.pk])
    pending = officer_client.get(files, **HTMX).content.decode()
    assert f'hx-get="{files}?text=pending"' in pending and "every" in pending
    for name in ("dossiers:report_pdf", "dossiers:report_html"):
        assert officer_client.get(reverse(name, args=[kept.pk])).status_code == 404
    services.committee_report_files_make(report_id=kept.pk, user_id=officer.pk)
    ready = officer_client.get(files, **HTMX).content.decode()
    assert "hx-get" not in ready and reverse("dossiers:report_pdf", args=[kept.pk]) in ready


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_files_once(officer, media):
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    draft = draft_for(officer)

    def files_ready() -> bool:
        return CommitteeReport.objects.get(pk=draft.pk).files == CommitteeReport.Files.READY

    with real_worker():
        keep(officer, draft)  # enqueued on commit, through Redis
        assert wait_for(files_ready)
    kept = CommitteeReport.objects.get(pk=draft.pk)
    name = kept.pdf_file.name
    # a second delivery of the task makes nothing again
    assert services.committee_report_files_make(report_id=kept.pk, user_id=officer.pk) is None
    kept.refresh_from_db()
    assert kept.pdf_file.name == name
    assert pdf_of(client_for(officer), kept).pages


@pytest.mark.django_db
def test_polling_a_classified_reports_files_asks_the_purpose_but_is_not_logged_as_opening(
    officer, officer_client, media
):
    give_clearance(officer, Classification.GEHEIM)
    kept = keep(officer, draft_for(officer, ceiling=Classification.GEHEIM))
    files = reverse("dossiers:report_files", args=[kept.pk])
    assert officer_client.get(files, **HTMX).status_code == 204  # purpose first (HX-Redirect)
    purpose = reverse("dossiers:report_purpose", args=[kept.pk])
    officer_client.post(purpose, {"purpose": "briefing", "detail": "commissie"})
    openings = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(kept.pk))
    before = openings.count()
    for _ in range(3):
        assert officer_client.get(files, **HTMX).status_code == 200
    assert openings.count() == before
    officer_client.get(kept.get_absolute_url())
    assert openings.count() == before + 1
