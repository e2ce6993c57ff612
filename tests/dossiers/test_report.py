import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from directory.classification import Classification
from dossiers.models import CommitteeReport
from dossiers.report import build_report, render_report_body
from tests.factories import client_for, give_clearance, keep_report, make_dossier

pytestmark = pytest.mark.django_db

SECTION_TITLES = [
    "Informatiepositie versterken",
    "Opvolging radicalisering",
    "Opvolging bestuurlijke aanpak",
    "Dagelijkse werking",
]
COMMITTEE = {
    "committee_date": "2022-09-27",
    "period_start": "2022-01-01",
    "period_end": "2022-09-27",
}
READING = {"purpose": "briefing", "detail": "commissie"}
# A phrase for every point of the slides of 27 September 2022.
SLIDE_POINTS = [
    "44/11/9",
    "aangeschreven",
    "Min BiZa en Min Just",
    "College PG",
    "COC (GBA Pol)",
    "nieuw sjabloon",
    "achterwege",
    "veiligheidsmachtigingen",
    "Kab MP en NVO",
    "digitaal netwerk",
    "Oekraïne",
    "Protocolafspraak VSSE",
    "Protocolafspraak OCAD",
    "Protocolafspraak NCCN",
    "Protocolafspraak CCB",
    "Protocolafspraak ADIV",
    "CCVO",
    "Platform preventie radicalisering-polarisering",
    "informatie-officier",
    "Terugkomdag",
    "Kennisdeling",
    "vroegdetectie Onderwijsinspectie",
    "PAS",
    "DIOB",
    "Proefproject AJH",
    "10 gemeenten",
    "KDVH",
    "OGP/HPK",
    "sanctie- en maatregelenregister",
    "handhavingsopbrengsten",
    "VLAIO",
    "EcoFin",
    "Informatie Screening Dienst",
    "directiebrevet",
    "Facilitair Bedrijf",
    "Belpaire",
    "sweeping",
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    return User.objects.get(username="officer")


def test_demo_report_for_the_committee_covers_every_slide(demo):
    report = build_report(
        user=demo,
        committee_date=datetime.date(2022, 9, 27),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 9, 27),
        ceiling=Classification.GEHEIM,
    )
    body = render_report_body(report)
    missing = [point for point in SLIDE_POINTS if point not in body]
    assert missing == []
    positions = [body.index(title) for title in SECTION_TITLES]
    assert positions == sorted(positions)
    assert "Dreigingsbeeld" not in body  # need-to-know only, never in a report
    assert report.left_out_count == 1


def test_report_leaves_out_dossiers_above_the_ceiling_and_says_how_many(officer, officer_client):
    from tests.factories import give_clearance

    give_clearance(officer, Classification.GEHEIM)
    make_dossier(officer, title="Openbaar punt", opened_on=datetime.date(2022, 3, 1))
    make_dossier(
        officer,
        Classification.VERTROUWELIJK,
        title="Vertrouwelijk punt",
        opened_on=datetime.date(2022, 3, 1),
    )
    make_dossier(
        officer,
        title="Beperkt verspreid punt",
        restricted_distribution=True,
        opened_on=datetime.date(2022, 3, 1),
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
        reverse("dossiers:reports"), {"committee_date": "32-13-2022", "ceiling": "x"}
    )
    assert response.status_code == 200


def test_pdf_is_a_valid_pdf_with_the_four_section_titles(officer, officer_client):
    from pypdf import PdfReader

    make_dossier(officer, title="Openbaar punt", opened_on=datetime.date(2022, 3, 1))
    response = officer_client.get(
        reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0, "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for title in SECTION_TITLES:
        assert title in text
    assert "Openbaar punt" in text


def test_keeping_a_dated_version(officer, officer_client):
    make_dossier(officer, title="Openbaar punt", opened_on=datetime.date(2022, 3, 1))
    response = officer_client.post(
        reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0, "introduction": "Beste leden"}
    )
    kept = CommitteeReport.objects.get()
    assert response["Location"] == kept.get_absolute_url()
    assert (kept.committee_date, kept.created_by, kept.dossier_count) == (
        datetime.date(2022, 9, 27),
        officer,
        1,
    )
    assert "Beste leden" in kept.content and "Openbaar punt" in kept.content
    # What was kept stays as it was, even if the dossier changes later.
    officer.owned_dossiers.update(title="Nieuwe titel")
    assert "Openbaar punt" in officer_client.get(kept.get_absolute_url()).content.decode()
    pdf = officer_client.get(kept.get_absolute_url(), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("fixture", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_reports_are_for_the_officer_only(request, fixture, officer):
    kept = keep_report(officer)
    client = client_for(request.getfixturevalue(fixture))
    assert client.get(reverse("dossiers:reports")).status_code == 403
    assert client.get(kept.get_absolute_url()).status_code == 404


def test_kept_classified_report_disappears_when_the_clearance_lapses(officer, officer_client):
    kept = keep_report(officer, Classification.VERTROUWELIJK)
    assert officer_client.get(kept.get_absolute_url()).status_code == 404


def test_keeping_a_version_is_audited_without_its_text(officer, officer_client):
    make_dossier(officer, title="Openbaar punt", opened_on=datetime.date(2022, 3, 1))
    officer_client.post(
        reverse("dossiers:reports"), {**COMMITTEE, "ceiling": 0, "introduction": "Beste leden"}
    )
    kept = CommitteeReport.objects.get()
    entry = LogEntry.objects.get_for_object(kept).get(action=LogEntry.Action.CREATE)
    assert entry.actor == officer
    assert "content" not in entry.changes_dict and "Openbaar punt" not in str(entry.changes)


def test_reading_a_kept_report_with_a_classified_ceiling_asks_the_purpose_and_is_logged(
    officer, officer_client
):
    give_clearance(officer, Classification.BEPERKT)
    kept = keep_report(officer, Classification.BEPERKT, content="<p>Beperkt verslag</p>")
    for query in ({}, {"format": "pdf"}):
        response = officer_client.get(kept.get_absolute_url(), query)
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
    dossier = make_dossier(
        officer, Classification.BEPERKT, title="Beperkt punt", opened_on=datetime.date(2022, 3, 1)
    )
    make_dossier(officer, title="Openbaar punt", opened_on=datetime.date(2022, 3, 1))
    url = reverse("dossiers:reports")
    for query in ({}, {"format": "pdf"}):
        response = officer_client.get(url, {**COMMITTEE, "ceiling": 1, **query})
        assert response.status_code == 200 and b"Beperkt punt" not in response.content
        assert response.context["form"].has_error("purpose", "purpose_required")
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=dossier.pk)
    response = officer_client.get(url, {**COMMITTEE, "ceiling": 1, **READING})
    assert "Beperkt punt" in response.content.decode()
    [reading] = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=dossier.pk)
    assert (reading.actor, reading.additional_data["detail"]) == (officer, "commissie")
