"""The committee report: prepare, edit the draft, keep it as a dated version, download.

No view here renders a PDF: a kept version's files are made by a worker
(``dossiers.tasks.make_report_files``) and the page polls until they are there. The
preview and the draft's page build only the first ``REPORT_PREVIEW_ITEMS`` dossiers of
each section and count the others; the draft's rows come a page at a time.
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.lists import LIST_FIELDS, list_context
from dossiers import services
from dossiers.access import visible_reports
from dossiers.forms import DraftRowsForm, ReportDraftForm, ReportForm
from dossiers.forms.reports import posted_ids
from dossiers.models import CommitteeReport, Dossier
from dossiers.models.reports import default_committee
from dossiers.report import (
    build_draft_report,
    build_report,
    draft_pages,
    first_page_included,
    posted_rows,
    rows_read,
    section_order,
)
from dossiers.report_files import render_report_body, report_filename
from dossiers.tables import KeptReportTable
from dossiers.views.common import (
    purpose_page,
    remember_purpose,
    report_state_view,
    report_view,
    require_editor,
    session_purpose,
)
from dossiers.workstreams import Workstream

KEPT_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    """Drafts and kept versions, and the form that previews a new report (GET) or starts
    its draft (POST)."""
    require_editor(request)
    data = request.POST if request.method == "POST" else preview_query(request)
    form = ReportForm(data, user=request.user, initial=default_fields())
    report = None
    if form.is_valid():
        if request.method == "POST":
            return draft_start(request, form)
        report = build_report(
            user=request.user, limit=settings.REPORT_PREVIEW_ITEMS, **form.report_fields()
        )
        log_reading(request, report.read_dossiers, report.committee_date, form.cleaned_data)
    reports = visible_reports(request.user).select_related("created_by")
    kept = reports.filter(kept_at__isnull=False)
    context = list_context(request, kept, size=KEPT_PAGE_SIZE, table=KeptReportTable)
    context |= {
        "form": form,
        "report": report,
        "body": render_report_body(report) if report else "",
        "drafts": reports.filter(kept_at__isnull=True)[:50],
    }
    return render(request, "dossiers/report_list.html", context)


def preview_query(request: HttpRequest) -> QueryDict | None:
    """The preview form's fields of the query: the kept list's sort and page are not the
    form's, and alone they leave the form unbound (no errors for fields never sent)."""
    query = request.GET.copy()
    for name in LIST_FIELDS:
        query.pop(name, None)
    return query or None


def draft_start(request: HttpRequest, form: ReportForm) -> HttpResponse:
    """A new draft; the purpose given in the form stands for reading it in this session."""
    draft = services.committee_report_draft(created_by=request.user, **form.report_fields())
    if draft.needs_access_purpose:
        remember_purpose(request, draft, form.cleaned_data["purpose"], form.cleaned_data["detail"])
    return redirect(draft)


def log_reading(
    request: HttpRequest, dossiers: list[Dossier], committee_date: object, purpose: dict
) -> None:
    """Each classified dossier a report's page shows in full is logged as read, with the
    purpose: the dossiers shown, not those of the period the page only counts."""
    if dossiers and purpose.get("purpose"):
        services.report_reading_log(
            dossiers=list({dossier.pk: dossier for dossier in dossiers}.values()),
            committee_date=committee_date,
            user=request.user,
            purpose=purpose["purpose"],
            detail=purpose.get("detail", ""),
        )


def default_fields() -> dict[str, object]:
    today = timezone.localdate()
    return {
        "committee_date": today,
        "period_start": today.replace(month=1, day=1),
        "period_end": today,
        "committee": default_committee(),
    }


@require_http_methods(["GET", "POST"])
@report_view
def report_edit(request: HttpRequest, draft: CommitteeReport) -> HttpResponse:
    """The officer's edit of a draft; "keep" freezes it as a dated version.

    The page shows the first dossiers of each section and a page of each section's
    rows; a save changes the rows sent, and every other dossier keeps its choices.
    """
    if not draft.is_draft:
        return redirect(draft)
    size = settings.REPORT_PREVIEW_ITEMS
    next_pages = {}
    first = None  # each section's first dossiers, read here with the rows when shown
    if request.method == "POST":
        rows = posted_rows(draft, request.user, posted_ids(request.POST))
    else:
        rows = []
        pages = draft_pages(draft, request.user, [w.value for w in Workstream], 1, size)
        for workstream, page in pages.items():
            rows += page.rows
            if page.more:
                next_pages[workstream] = 2
        first = first_page_included(pages, size)
    form = ReportDraftForm(
        request.POST if request.method == "POST" else None,
        draft=draft,
        rows=rows,
        next_pages=next_pages,
        initial={
            "committee": draft.committee or default_committee(),
            "language": draft.language,
            "introduction": draft.introduction,
            "closing": draft.closing,
        },
    )
    if form.is_valid():
        try:
            choices = form.choices(lambda section: section_order(draft, request.user, section))
            services.committee_report_draft_save(draft=draft, **choices)
            if "keep" not in request.POST:
                messages.success(request, _("The draft was saved."))
                return redirect(draft)
            kept = services.committee_report_keep(draft=draft, user=request.user)
        except services.ReportAlreadyKept:
            messages.error(request, _("This report was kept meanwhile and no longer changes."))
            return redirect(reverse("dossiers:report_detail", args=[draft.pk]))
        messages.success(request, _("The report was kept as a dated version."))
        return redirect(kept)
    report = build_draft_report(draft, request.user, limit=size, first=first)
    shown = report.read_dossiers + rows_read(rows, report.ceiling)
    log_reading(request, shown, draft.committee_date, session_purpose(request, draft) or {})
    status = 422 if form.is_bound else 200
    context = {"draft": draft, "form": form, "body": render_report_body(report), "report": report}
    return render(request, "dossiers/report_edit.html", context, status=status)


@require_GET
@report_view
def report_rows(request: HttpRequest, draft: CommitteeReport) -> HttpResponse:
    """The next page of a section's rows in the draft's edit form (htmx)."""
    query = DraftRowsForm(request.GET)
    if not draft.is_draft or not query.is_valid():
        raise Http404
    section, page = query.cleaned_data["section"], query.cleaned_data["page"]
    size = settings.REPORT_PREVIEW_ITEMS
    asked = draft_pages(draft, request.user, [section], page, size)[section]
    if not asked.rows:
        raise Http404
    form = ReportDraftForm(draft=draft, rows=asked.rows)
    log_reading(
        request,
        rows_read(asked.rows, draft.ceiling),
        draft.committee_date,
        session_purpose(request, draft) or {},
    )
    context = {
        "draft": draft,
        "rows": form.row_fields(section),
        "section": section,
        "next_page": page + 1 if asked.more else None,
    }
    return render(request, "dossiers/_report_rows.html", context)


@require_GET
@report_view
def report_detail(request: HttpRequest, report: CommitteeReport) -> HttpResponse:
    if report.is_draft:
        return redirect(report)
    return render(request, "dossiers/report_detail.html", {"kept": report})


@require_GET
@report_state_view
def report_files(request: HttpRequest, report: CommitteeReport) -> HttpResponse:
    """The state of the kept version's files: polled by the page until they are made."""
    if report.is_draft:
        raise Http404
    response = render(request, "dossiers/_report_files.html", {"kept": report})
    if request.GET.get("text") == "pending" and report.content:
        response["HX-Refresh"] = "true"  # the text is written: the whole page shows it
    return response


@require_GET
@report_view
def report_pdf(request: HttpRequest, report: CommitteeReport) -> HttpResponse:
    return stored_file(report, report.pdf_file, "pdf", "application/pdf")


@require_GET
@report_view
def report_html(request: HttpRequest, report: CommitteeReport) -> HttpResponse:
    return stored_file(report, report.html_file, "html", "text/html; charset=utf-8")


def stored_file(
    report: CommitteeReport, file: object, extension: str, content_type: str
) -> HttpResponse:
    """A file made by the worker, as a download; 404 until it is there."""
    if report.files != CommitteeReport.Files.READY or not file:
        raise Http404
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=report_filename(report, extension),
        content_type=content_type,
    )


@require_http_methods(["GET", "POST"])
def report_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    """Why the officer reads a report with a classified ceiling; shows nothing of it."""
    report = get_object_or_404(visible_reports(request.user), pk=pk)
    return purpose_page(
        request,
        report,
        label=str(report),
        cancel_url=reverse("dossiers:reports"),
        classification=report.get_ceiling_display(),
    )
