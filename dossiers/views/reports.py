"""The committee report: prepare, read, download as PDF, keep as a dated version."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers import services
from dossiers.access import visible_reports
from dossiers.forms import ReportForm
from dossiers.models import CommitteeReport
from dossiers.report import build_report, render_report_body
from dossiers.views.common import purpose_page, report_view, require_editor


def report_pdf_response(body: str, filename: str) -> HttpResponse:
    from weasyprint import HTML

    document = render_to_string("dossiers/report_pdf.html", {"body": body})
    response = HttpResponse(HTML(string=document).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_filename(committee_date: object) -> str:
    return f"terugkoppeling-{committee_date:%Y-%m-%d}.pdf"


@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    """Kept versions, and the form that prepares a new report (GET) or keeps it (POST)."""
    require_editor(request)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = ReportForm(data, user=request.user, initial=default_period())
    report = None
    if form.is_valid():
        report = build_report(user=request.user, **form.report_fields())
        if request.method == "GET" and report.ceiling.needs_access_purpose:
            services.report_reading_log(
                report=report,
                user=request.user,
                purpose=form.cleaned_data["purpose"],
                detail=form.cleaned_data["detail"],
            )
        if request.method == "POST":
            kept = services.committee_report_keep(report=report, created_by=request.user)
            messages.success(request, _("The report was kept as a dated version."))
            return redirect(kept)
        if request.GET.get("format") == "pdf":
            return report_pdf_response(
                render_report_body(report), report_filename(form.cleaned_data["committee_date"])
            )
    return render(
        request,
        "dossiers/report_list.html",
        {
            "form": form,
            "report": report,
            "body": render_report_body(report) if report else "",
            "query": request.GET.urlencode(),
            "kept": visible_reports(request.user).select_related("created_by")[:50],
        },
    )


def default_period() -> dict[str, object]:
    today = timezone.localdate()
    return {
        "committee_date": today,
        "period_start": today.replace(month=1, day=1),
        "period_end": today,
    }


@require_GET
@report_view
def report_detail(request: HttpRequest, report: CommitteeReport) -> HttpResponse:
    if request.GET.get("format") == "pdf":
        return report_pdf_response(report.content, report_filename(report.committee_date))
    return render(request, "dossiers/report_detail.html", {"kept": report})


@require_http_methods(["GET", "POST"])
def report_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    """Why the officer reads a kept report with a classified ceiling; shows nothing of it."""
    report = get_object_or_404(visible_reports(request.user), pk=pk)
    return purpose_page(
        request,
        report,
        label=str(report),
        cancel_url=reverse("dossiers:reports"),
        classification=report.get_ceiling_display(),
    )
