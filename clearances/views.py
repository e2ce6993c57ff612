from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from accounts.models import User
from clearances import services
from clearances.forms import AppointmentForm, ClearanceFilter, ClearanceForm, PersonForm
from clearances.models import Clearance, ClearanceProposal
from clearances.selectors import (
    appointments_active_on,
    coverage,
    coverage_organisations,
    flag,
    get_appointment_for_user,
    get_clearance_for_user,
    get_person_for_user,
    get_proposal_for_user,
    may_decide_proposal,
    may_record_clearance_of,
    needs_second_person,
    pending_renewal,
    proposals_to_decide,
    renewal_under_way_id,
    sees_coverage,
    sees_register,
    visible_appointments,
    visible_clearances,
    visible_proposals,
)
from clearances.tables import ClearanceTable, CoverageTable
from clearances.templatetags.clearance_tags import (
    days_left,
    due_for_renewal,
    effective_status,
    status_label,
)
from common.exports import requested_format, table_response
from common.lists import list_context
from common.versions import EditConflict
from directory.models import Person

PAGE_SIZE = 50


# --- Clearances -------------------------------------------------------------------------


def filtered_clearances(request: HttpRequest) -> ClearanceFilter:
    clearances = (
        visible_clearances(request.user)
        .select_related("person__organisation")
        .annotate(renewal_requested=renewal_under_way_id())  # an id, or None
        .order_by("person__last_name", "person__first_name", "-valid_until", "pk")
    )
    return ClearanceFilter(request.GET, queryset=clearances)


@require_GET
@permissions.only_for(sees_register)
def clearance_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "clearances/clearance_list.html",
        {
            **list_context(
                request, filtered_clearances(request), size=PAGE_SIZE, table=ClearanceTable
            ),
            "proposals_to_decide": proposals_to_decide(request.user).select_related("person"),
        },
    )


@require_GET
@permissions.only_for(sees_register)
def clearance_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV, or as Excel with ``?format=xlsx``."""
    header = [
        _("last name"),
        _("first name"),
        _("organisation"),
        _("level"),
        _("issuing authority"),
        _("reference of the authority"),
        _("status"),
        _("requested on"),
        _("decided on"),
        _("valid until"),
        _("days left"),
        _("due for renewal"),
        _("scope"),
    ]
    rows = (
        (
            clearance.person.last_name,
            clearance.person.first_name,
            clearance.person.organisation.short_name,
            clearance.get_level_display(),
            clearance.authority,
            clearance.authority_reference,
            status_label(effective_status(clearance)),
            clearance.requested_on,
            clearance.decided_on,
            clearance.valid_until,
            days_left(clearance),
            _("yes") if due_for_renewal(clearance) else _("no"),
            clearance.get_scope_display(),
        )
        for clearance in filtered_clearances(request).qs.iterator(chunk_size=2000)
    )
    return table_response(
        f"clearances-{timezone.localdate():%Y%m%d}", header, rows, requested_format(request)
    )


@require_GET
@permissions.only_for(sees_register)
def clearance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clearance = get_clearance_for_user(request.user, pk)
    renewal = pending_renewal(clearance)
    clearance.renewal_requested = renewal is not None  # as the list annotates it
    return render(
        request,
        "clearances/clearance_detail.html",
        {
            "clearance": clearance,
            "status_changes": clearance.status_changes.select_related("changed_by"),
            "can_change": may_record_clearance_of(request.user, clearance.person_id),
            "renewal": renewal,
        },
    )


@require_POST
@permissions.only_for(sees_register)
def clearance_renewal_start(request: HttpRequest, pk: int) -> HttpResponse:
    """File the renewal request of a granted clearance; its renewal reminders stop."""
    clearance = get_clearance_for_user(request.user, pk)
    if not may_record_clearance_of(request.user, clearance.person_id):
        raise PermissionDenied
    try:
        renewal = services.clearance_renewal_start(clearance=clearance, by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(clearance)
    messages.success(
        request,
        _("Renewal of the clearance of %(person)s requested: complete the request.")
        % {"person": clearance.person},
    )
    return redirect("clearances:update", renewal.pk)


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def clearance_create(request: HttpRequest) -> HttpResponse:
    form = ClearanceForm(
        request.POST or None,
        user=request.user,
        initial={"person": request.GET.get("person"), "requested_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        if waits_for_second_person(form):
            return proposed(request, clearance=None, form=form)
        clearance = services.clearance_create(by=request.user, **form.cleaned_data)
        messages.success(
            request, _("Clearance of %(person)s saved.") % {"person": clearance.person}
        )
        return redirect(clearance)
    return render(request, "clearances/clearance_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def clearance_update(request: HttpRequest, pk: int) -> HttpResponse:
    clearance = get_clearance_for_user(request.user, pk)
    if not may_record_clearance_of(request.user, clearance.person_id):
        raise PermissionDenied
    form = ClearanceForm(request.POST or None, instance=clearance, user=request.user)
    if request.method == "POST" and form.is_valid():
        if waits_for_second_person(form):
            return proposed(request, clearance=clearance, form=form)
        try:
            services.clearance_update(clearance=clearance, by=request.user, **form.cleaned_data)
        except EditConflict as conflict:
            form.refuse_stale_edit(conflict.current)
        else:
            messages.success(
                request, _("Clearance of %(person)s saved.") % {"person": clearance.person}
            )
            return redirect(clearance)
    return render(request, "clearances/clearance_form.html", {"form": form, "clearance": clearance})


def waits_for_second_person(form: ClearanceForm) -> bool:
    return needs_second_person(
        person=form.cleaned_data["person"], status=form.cleaned_data["status"]
    )


def proposed(
    request: HttpRequest, *, clearance: Clearance | None, form: ClearanceForm
) -> HttpResponse:
    """A liaison officer's clearance waits, as a proposal, for a second person."""
    proposal = services.clearance_propose(clearance=clearance, by=request.user, **form.cleaned_data)
    messages.info(
        request,
        _(
            "Recorded as a proposal: the clearance of %(person)s takes effect once another "
            "authorised person confirms it."
        )
        % {"person": proposal.person},
    )
    return redirect("clearances:person_detail", proposal.person_id)


@require_POST
@permissions.only_for(sees_register)
def proposal_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    if not may_decide_proposal(request.user, proposal):
        raise PermissionDenied
    clearance = services.clearance_proposal_confirm(proposal=proposal, by=request.user)
    messages.success(
        request, _("Clearance of %(person)s confirmed.") % {"person": clearance.person}
    )
    return redirect(clearance)


@require_POST
@permissions.only_for(sees_register)
def proposal_reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    if not may_decide_proposal(request.user, proposal):
        raise PermissionDenied
    services.clearance_proposal_reject(proposal=proposal, by=request.user)
    messages.success(request, _("Proposal rejected."))
    return redirect("clearances:person_detail", proposal.person_id)


# --- People -----------------------------------------------------------------------------


@require_GET
@permissions.only_for(sees_register)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    today = timezone.localdate()
    return render(
        request,
        "clearances/person_detail.html",
        {
            "person": person,
            "clearances": person.clearances.all(),
            "can_record_clearance": may_record_clearance_of(request.user, person.pk),
            "proposals": pending_proposals(request.user, person),
            "appointments": visible_appointments(request.user)
            .filter(person=person)
            .select_related("organisation")
            .annotate(active=flag(appointments_active_on(today))),
        },
    )


def pending_proposals(user: User, person: Person) -> list[ClearanceProposal]:
    """The person's proposals awaiting confirmation, each marked ``decidable`` by the user."""
    decidable = set(proposals_to_decide(user).values_list("pk", flat=True))
    proposals = list(
        visible_proposals(user)
        .filter(person=person, outcome=ClearanceProposal.Outcome.PENDING)
        .select_related("proposed_by")
    )
    for proposal in proposals:
        proposal.decidable = proposal.pk in decidable
    return proposals


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("%(person)s saved.") % {"person": person})
        return redirect("clearances:person_detail", person.pk)
    return render(request, "clearances/person_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.person_update(person=person, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(person)s saved.") % {"person": person})
        return redirect("clearances:person_detail", person.pk)
    return render(request, "clearances/person_form.html", {"form": form, "person": person})


# --- Security officer appointments ------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def appointment_create(request: HttpRequest) -> HttpResponse:
    form = AppointmentForm(
        request.POST or None,
        user=request.user,
        initial={"person": request.GET.get("person"), "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        appointment = services.appointment_create(**form.cleaned_data)
        messages.success(request, _("Appointment saved."))
        return redirect("clearances:person_detail", appointment.person_id)
    return render(request, "clearances/appointment_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permissions.only_for(sees_register)
def appointment_update(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_appointment_for_user(request.user, pk)
    form = AppointmentForm(request.POST or None, instance=appointment, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_update(appointment=appointment, **form.cleaned_data)
        except EditConflict as conflict:
            form.refuse_stale_edit(conflict.current)
        else:
            messages.success(request, _("Appointment saved."))
            return redirect("clearances:person_detail", appointment.person_id)
    return render(
        request, "clearances/appointment_form.html", {"form": form, "appointment": appointment}
    )


# --- Coverage ---------------------------------------------------------------------------


@require_GET
@permissions.only_for(sees_coverage)
def coverage_list(request: HttpRequest) -> HttpResponse:
    """Cabinet staff get the counts only: the appointments are not even read for them.

    The figures are stored; the page says when the oldest of them was counted.
    """
    organisations = coverage(request.user).order_by("name", "pk")
    return render(
        request,
        "clearances/coverage_list.html",
        {
            **list_context(request, organisations, size=PAGE_SIZE, table=CoverageTable),
            "show_names": sees_register(request.user),
            "counted_at": coverage_organisations(request.user).aggregate(
                counted_at=Min("coverage_figures__counted_at")
            )["counted_at"],
        },
    )
