"""The procedures' own pages: adding a parliamentary follow-up's questions and
commitments (correcting them is ``corrections``' business, like every part), the answer
to an information request, and the register of protocol agreements."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from common.exports import requested_format, table_response
from common.lists import list_context
from dossiers import services
from dossiers.access import get_dossier_for_user, reaches_level, visible_reports
from dossiers.forms import CommitteeCommitmentForm, ParliamentaryQuestionForm, ProtocolFilter
from dossiers.models import Dossier, InformationRequest
from dossiers.register import protocol_register_rows, visible_agreements
from dossiers.tables import ProtocolTable
from dossiers.views.common import classified_read, dossier_view
from dossiers.views.parts import render_part

# --- Parliamentary follow-up ----------------------------------------------------------


@require_POST
@dossier_view(write=True)
def question_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    follow_up_or_404(dossier)
    form = ParliamentaryQuestionForm(request.POST)
    if not form.is_valid():
        return render_part(request, dossier, "question", form)
    services.part_save(form.save(commit=False), dossier=dossier)
    return redirect(dossier)


@require_POST
@dossier_view(write=True)
def commitment_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    follow_up_or_404(dossier)
    form = CommitteeCommitmentForm(request.POST, reports=visible_reports(request.user))
    if not form.is_valid():
        return render_part(request, dossier, "commitment", form)
    services.part_save(form.save(commit=False), dossier=dossier)
    return redirect(dossier)


def follow_up_or_404(dossier: Dossier) -> None:
    if dossier.kind != Dossier.Kind.PARLIAMENTARY_FOLLOW_UP:
        raise Http404


# --- The answer to an information request ---------------------------------------------


@require_GET
def information_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer, under its own classification: 404 to a reader of the dossier whose
    clearance does not reach it, and through the read gate when it is classified even
    if its dossier is not (rule 9)."""
    dossier = get_dossier_for_user(request.user, pk)

    def page() -> HttpResponse:
        context = {"dossier": dossier, "details": readable_answer(request, dossier)}
        return render(request, "dossiers/information_answer.html", context)

    # The gate of a confidential dossier comes first, as on every view of it.
    gated = dossier.needs_access_purpose or readable_answer(request, dossier).answer_is_classified
    if not gated:
        return page()
    return classified_read(
        request,
        dossier,
        purpose_url=reverse("dossiers:purpose", args=[dossier.pk]),
        back_to=dossier.get_absolute_url(),
        render=page,
    )


def readable_answer(request: HttpRequest, dossier: Dossier) -> InformationRequest:
    """The request whose answer the user may read, or 404."""
    details = get_object_or_404(InformationRequest, dossier=dossier)
    if not reaches_level(request.user, details.answer_classification):
        raise Http404
    return details


# --- The register of protocol agreements ----------------------------------------------


def filtered_agreements(request: HttpRequest) -> ProtocolFilter:
    return ProtocolFilter(request.GET, queryset=visible_agreements(request.user))


@require_GET
def protocol_register(request: HttpRequest) -> HttpResponse:
    context = list_context(request, filtered_agreements(request), table=ProtocolTable)
    return render(request, "dossiers/protocol_register.html", context)


@require_GET
def protocol_register_export(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV, or as Excel with ``?format=xlsx``."""
    header, rows = protocol_register_rows(filtered_agreements(request).qs)
    stem = f"protocols-{timezone.localdate():%Y%m%d}"
    return table_response(stem, header, rows, requested_format(request))
