"""The demo data's report to the committee of 27 September 2022, as the slides gave it."""

import datetime
import io

import pytest
from django.utils import translation

from accounts.models import User
from directory.classification import Classification
from dossiers.access import releasable_up_to
from dossiers.models import CommitteeReport, Dossier
from dossiers.report import build_report
from dossiers.report_files import render_report_body, render_report_document, render_report_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

# The slides' 18 items, by section, each by a phrase of the slide's own public terms.
SLIDE_ITEMS = {
    "Informatiepositie versterken": [
        "WPA art. 44/11/9",
        "Overzicht veiligheidsmachtigingen, classificatie en veiligheidsofficieren",
        "uitbreiding naar een digitaal netwerk (Kabinet en SG/AG)",
        "Protocolafspraak VSSE",  # the five agreements are one item of the slides
        "Participatie aan CCVO",
    ],
    "Opvolging radicalisering": [
        "Platform preventie radicalisering-polarisering",
        "informatie-officier",
        "Kennisdeling netwerk",
        "Opleiding vroegdetectie Onderwijsinspectie",
        "Sensibilisering OCAD – NCCR – Fed Pol/DAO inzake verharding protest PAS",
    ],
    "Opvolging bestuurlijke aanpak": [
        "DIOB-wetsontwerp",
        "Proefproject AJH",
        "Ontwerp KDVH-advies",
    ],
    "Dagelijkse werking": [
        "VLAIO (coronafraude) in contact met parketten en politie EcoFin",
        "Informatie Screening Dienst",
        "directiebrevet",
        "Structurele samenwerking Facilitair Bedrijf",
        "Voorstel technische sweeping",
    ],
}
# A phrase for every point of the slides, details included.
SLIDE_POINTS = [
    *("aangeschreven", "Min BiZa en Min Just", "College PG", "COC (GBA Pol)", "nieuw sjabloon"),
    *("achterwege", "Kab MP en NVO", "Oekraïne", "hacking", "beleidsdomeinen is lopend"),
    *(f"Protocolafspraak {partner}" for partner in ("VSSE", "OCAD", "NCCN", "CCB", "ADIV")),
    *("niet gebonden", "Terugkomdag", "PAS", "10 gemeenten", "OGP/HPK"),
    *("sanctie- en maatregelenregister", "handhavingsopbrengsten", "Errerahuis", "Belpaire"),
]


@pytest.fixture
def demo() -> User:
    return User.objects.get(username="officer")


def public_report(officer: User):
    return build_report(
        user=officer,
        committee_date=datetime.date(2022, 9, 27),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 9, 27),
        ceiling=Classification.NIET_GECLASSIFICEERD,
    )


def classified_words() -> list[str]:
    """Every title, summary and timeline text of a demo dossier the public may not read."""
    words = []
    for dossier in Dossier.objects.exclude(releasable_up_to(Classification.NIET_GECLASSIFICEERD)):
        words += [dossier.title, dossier.summary, *dossier.timeline.values_list("text", flat=True)]
    return [text for text in words if text]


def test_the_public_report_gives_all_18_items_in_the_slides_terms_and_sections(demo):
    report = public_report(demo)
    body = render_report_body(report)
    headings = [body.index(f". {title}</h2>") for title in SLIDE_ITEMS]
    assert headings == sorted(headings)
    ends = [*headings[1:], body.index('id="open-points"')]
    for (title, phrases), start, end in zip(SLIDE_ITEMS.items(), headings, ends, strict=True):
        missing = [phrase for phrase in phrases if phrase not in body[start:end]]
        assert missing == [], title
    assert sum(len(phrases) for phrases in SLIDE_ITEMS.values()) == 18
    assert [point for point in SLIDE_POINTS if point not in body] == []
    assert [words for words in classified_words() if words in body] == []
    # Left out and counted: the need-to-know threat picture, and OCAD's information
    # request to the Education Inspectorate, classified and without releasable wording.
    assert report.left_out_count == 2
    assert ("PZGENT", "Politiezone Gent") in report.abbreviations
    assert "Vragen?" not in body  # no slide-style ending


def test_the_public_pdf_has_no_classified_words(demo):
    report = public_report(demo)
    kept = CommitteeReport(
        content=render_report_body(report),
        language="nl",
        ceiling=Classification.NIET_GECLASSIFICEERD,
        committee_date=report.committee_date,
    )
    with translation.override("nl"):
        marking = report.marking
    pdf = render_report_pdf(render_report_document(kept, marking))
    from pypdf import PdfReader

    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "Protocolafspraak ADIV" in text and "Voorstel technische sweeping" in text
    assert [words for words in classified_words() if " ".join(words.split()) in text] == []
