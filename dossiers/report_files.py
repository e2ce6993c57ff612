"""The committee report as a document: its body, the standalone HTML and the tagged PDF.

The PDF is made only by a Celery task (``dossiers.tasks.make_report_files``), never
during a web request: a long report takes a worker for tens of seconds.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from dossiers.models import CommitteeReport
from dossiers.report import Report

# Tagged for assistive technology (PDF/UA-1), with the language and title it needs.
PDF_VARIANT = "pdf/ua-1"


def render_report_body(report: Report) -> str:
    """The report as HTML, in its own language: shown, kept and printed as is."""
    with translation.override(report.language):
        return render_to_string("dossiers/report_body.html", {"report": report})


def render_report_document(kept: CommitteeReport, marking: str) -> str:
    """The kept body as a standalone page, with the marking on every printed page."""
    with translation.override(kept.language):
        return render_to_string(
            "dossiers/report_document.html",
            {
                "body": kept.content,
                "marking": marking,
                "language": kept.language,
                "title": report_title(kept),
            },
        )


def render_report_pdf(document: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded only by the worker that makes the PDF

    return HTML(string=document).write_pdf(pdf_variant=PDF_VARIANT)


def report_title(kept: CommitteeReport) -> str:
    return f"{_('Report back to the committee')} {kept.committee_date:%Y-%m-%d}"


def report_filename(kept: CommitteeReport, extension: str) -> str:
    with translation.override(kept.language):
        stem = _("report-back")
    return f"{stem}-{kept.committee_date:%Y-%m-%d}.{extension}"
