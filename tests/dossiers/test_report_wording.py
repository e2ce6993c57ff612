"""What a report at each ceiling says of each dossier, and as of which day."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from directory.classification import Classification
from dossiers import services
from dossiers.access import Wording, wording_at
from dossiers.models import CommitteeReport, Dossier, Task, TimelineEntry
from dossiers.report import build_report
from dossiers.report_files import render_report_body, render_report_document, render_report_pdf
from tests.factories import give_clearance, make_dossier, make_organisation

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2022, 3, 1)
END = datetime.date(2022, 9, 27)
PERIOD = {"committee_date": END, "period_start": datetime.date(2022, 1, 1), "period_end": END}


def report_at(officer, ceiling: int, **texts: str):
    return build_report(user=officer, ceiling=ceiling, **PERIOD, **texts)


def with_entry(dossier: Dossier, text: str) -> Dossier:
    TimelineEntry.objects.create(dossier=dossier, occurred_on=MARCH, text=text)
    return dossier


@pytest.fixture
def every_level(officer) -> list[Dossier]:
    """One dossier per level (and one need-to-know only), each classified one with
    releasable wording for the public, and one classified dossier without any."""
    give_clearance(officer, Classification.ZEER_GEHEIM)
    dossiers = []
    for level in Classification:
        wording = {}
        if level.is_classified:
            wording = {
                "public_title": f"Publieke-titel-{level.value}",
                "public_summary": f"Publieke-samenvatting-{level.value}",
                "releasable_to": Classification.NIET_GECLASSIFICEERD,
            }
        dossier = make_dossier(
            officer,
            level,
            title=f"Eigen-titel-{level.value}",
            summary=f"Eigen-samenvatting-{level.value}",
            opened_on=MARCH,
            **wording,
        )
        dossiers.append(with_entry(dossier, f"Eigen-tijdlijn-{level.value}"))
    restricted = make_dossier(
        officer,
        title="Eigen-titel-bv",
        summary="Eigen-samenvatting-bv",
        restricted_distribution=True,
        opened_on=MARCH,
        public_title="Publieke-titel-bv",
        releasable_to=Classification.NIET_GECLASSIFICEERD,
    )
    unworded = make_dossier(
        officer, Classification.BEPERKT, title="Eigen-titel-zonder", opened_on=MARCH
    )
    return [*dossiers, with_entry(restricted, "Eigen-tijdlijn-bv"), unworded]


def own_words(dossier: Dossier) -> list[str]:
    texts = [dossier.title, dossier.summary]
    return [text for text in texts + [e.text for e in dossier.timeline.all()] if text]


def pdf_text(report, ceiling: int) -> tuple[PdfReader, str]:
    body = render_report_body(report)
    kept = CommitteeReport(content=body, language="nl", ceiling=ceiling, committee_date=END)
    with translation.override("nl"):
        marking = report.marking
    pdf = PdfReader(io.BytesIO(render_report_pdf(render_report_document(kept, marking))))
    return pdf, " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


@pytest.mark.parametrize("ceiling", list(Classification))
def test_above_the_ceiling_only_releasable_wording_appears_in_html_and_pdf(
    officer, every_level, ceiling
):
    report = report_at(officer, ceiling)
    html = render_report_body(report)
    _pdf, text = pdf_text(report, ceiling)
    for dossier in every_level:
        wording = wording_at(dossier, ceiling)
        for document in (html, text):
            if wording is Wording.FULL:
                assert dossier.title in document
                continue
            for words in own_words(dossier):
                assert words not in document, (ceiling, words)
            if wording is Wording.PUBLIC:
                assert dossier.public_title in document
    # only the BEPERKT dossier without wording, when BEPERKT is above the ceiling
    assert report.left_out_count == (1 if ceiling < Classification.BEPERKT else 0)


def test_wording_is_released_only_to_its_level(officer):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(
        officer,
        Classification.GEHEIM,
        title="Eigen-titel",
        public_title="Beperkte-titel",
        releasable_to=Classification.BEPERKT,
    )
    assert wording_at(dossier, Classification.NIET_GECLASSIFICEERD) is None
    assert wording_at(dossier, Classification.BEPERKT) is Wording.PUBLIC
    assert wording_at(dossier, Classification.GEHEIM) is Wording.FULL
    body = render_report_body(report_at(officer, Classification.NIET_GECLASSIFICEERD))
    assert "Beperkte-titel" not in body and "Eigen-titel" not in body


def test_releasable_wording_is_written_on_the_edit_form_and_logged(
    officer, officer_client, confidential_dossier
):
    give_clearance(officer, Classification.GEHEIM)
    url = reverse("dossiers:update", args=[confidential_dossier.pk])
    officer_client.post(
        reverse("dossiers:purpose", args=[confidential_dossier.pk]),
        {"purpose": "case_work", "detail": "verslag"},
    )
    form = officer_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    too_high = {**data, "public_title": "Publiek", "releasable_to": Classification.GEHEIM}
    response = officer_client.post(url, too_high)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "releasable_wording")
    response = officer_client.post(
        url, {**data, "public_title": "Protocolafspraak OCAD", "releasable_to": 0}
    )
    assert response.status_code == 302
    confidential_dossier.refresh_from_db()
    assert confidential_dossier.public_title == "Protocolafspraak OCAD"
    entry = LogEntry.objects.get_for_object(confidential_dossier).latest("pk")
    assert (entry.actor, entry.changes_dict["public_title"][1]) == (
        officer,
        "Protocolafspraak OCAD",
    )


def backdate_creation(task: Task, day: datetime.date) -> None:
    """As if the task had been recorded on ``day``: its creation entry is moved back."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    LogEntry.objects.get_for_object(task).filter(action=LogEntry.Action.CREATE).update(
        timestamp=moment
    )


def test_a_dossier_changed_after_the_period_shows_its_state_as_of_the_period(officer):
    dossier = make_dossier(
        officer, title="Wachtend punt", opened_on=MARCH, status=Dossier.Status.WAITING
    )
    tasks = {}
    for name, due_on, done_on in (
        ("Open-taak", datetime.date(2022, 10, 15), None),
        ("Gedaan-in-periode", datetime.date(2022, 9, 1), datetime.date(2022, 8, 1)),
        ("Gedaan-na-periode", datetime.date(2022, 10, 1), datetime.date(2023, 1, 10)),
        ("Taak-voor-2026", datetime.date(2026, 12, 1), None),
    ):
        tasks[name] = services.task_add(
            dossier=dossier, created_by=officer, title=name, due_on=due_on, done_on=done_on
        )
        backdate_creation(tasks[name], datetime.date(2022, 6, 1))
    services.task_add(dossier=dossier, created_by=officer, title="Nieuwe-taak")
    dossier.status = Dossier.Status.DONE  # today, long after the period
    dossier.save()
    report = report_at(officer, Classification.NIET_GECLASSIFICEERD)
    [item] = report.open_points
    with translation.override("nl"):
        assert item.status == str(Dossier.Status.WAITING.label)
    assert [title for title, _due in item.tasks] == ["Gedaan-na-periode", "Open-taak"]
    body = render_report_body(report)
    assert "Taak-voor-2026" not in body and "Nieuwe-taak" not in body


def test_the_report_in_french_names_committee_and_abbreviations_in_french(officer):
    ocad = make_organisation(
        "OCAD",
        name="Coördinatieorgaan voor de dreigingsanalyse",
        name_fr="Organe de coordination pour l'analyse de la menace",
        short_name_fr="OCAM",
    )
    dossier = make_dossier(officer, title="Overleg", opened_on=MARCH)
    dossier.partners.set([ocad])
    report = report_at(
        officer, Classification.NIET_GECLASSIFICEERD, language="fr", committee="general-policy"
    )
    body = render_report_body(report)
    assert report.abbreviations == [("OCAM", "Organe de coordination pour l'analyse de la menace")]
    assert "Commission de la Politique générale" in body and "OCAM" in body
    with translation.override("fr"):
        assert report.marking == str(Classification.NIET_GECLASSIFICEERD.label).upper()
        assert translation.gettext("Open points") in body


@pytest.mark.parametrize(
    ("language", "entry_day", "due_day"),
    [("nl", "1 maart 2022", "3 oktober 2022")]
    + [("fr", "1 mars 2022", "3 octobre 2022"), ("en", "1 March 2022", "3 October 2022")],
)
def test_the_report_writes_its_days_in_its_own_language(officer, language, entry_day, due_day):
    dossier = with_entry(make_dossier(officer, title="Overleg", opened_on=MARCH), "Eerste-stap")
    task = Task.objects.create(
        dossier=dossier, title="Volgende-stap", due_on=datetime.date(2022, 10, 3)
    )
    backdate_creation(task, MARCH)
    with translation.override("nl" if language != "nl" else "fr"):  # not the page's language
        body = render_report_body(
            report_at(officer, Classification.NIET_GECLASSIFICEERD, language=language)
        )
    assert f"<li>{entry_day}: Eerste-stap</li>" in body
    with translation.override(language):
        assert f"Volgende-stap ({translation.gettext('by')} {due_day})" in body
