"""The directory: organisations and contacts, each list and page filtered by the viewer."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from clearances.selectors import visible_appointments, visible_clearances
from clearances.services import coverage_figures_enqueue
from common.lists import list_context
from directory.models import Organisation, Person
from network.forms import ContactFilter, ContactForm, OrganisationFilter, OrganisationForm
from network.selectors import (
    display_name_order,
    dossiers_about,
    visible_contacts,
    visible_organisations,
)
from network.tables import ContactTable, OrganisationTable
from network.visibility import visible_bodies

PAGE_SIZE = 50


@require_GET
@permissions.only_for(permissions.sees_organisations)
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = (
        visible_organisations(request.user)
        .select_related("policy_domain", "parent")
        .annotate(display_name=display_name_order(get_language()))
        .order_by("display_name", "pk")
    )
    organisation_filter = OrganisationFilter(request.GET, queryset=organisations)
    context = list_context(request, organisation_filter, size=PAGE_SIZE, table=OrganisationTable)
    return render(request, "network/organisation_list.html", context)


@require_GET
@permissions.only_for(permissions.sees_organisations)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = get_object_or_404(
        visible_organisations(user).select_related("policy_domain", "parent"), pk=pk
    )
    context = {
        "organisation": organisation,
        "children": organisation.children.order_by("name"),
        "dossiers": dossiers_about(user, organisation).order_by("-opened_on", "-pk"),
        "clearances": visible_clearances(user)
        .filter(person__organisation=organisation)
        .select_related("person")
        .order_by("person__last_name", "-valid_until", "pk"),
        "appointments": visible_appointments(user)
        .filter(organisation=organisation)
        .select_related("person")
        .order_by("-starts_on", "pk"),
        "contacts": visible_contacts(user)
        .filter(organisation=organisation)
        .order_by("last_name", "first_name", "pk"),
        "sees_contacts": permissions.sees_contacts(user),
        "bodies": visible_bodies(user)
        .filter(Q(secretariat=organisation) | Q(memberships__organisation=organisation))
        .select_related("dossier")
        .distinct()
        .order_by("dossier__title", "pk")
        if permissions.sees_bodies(user)
        else None,
    }
    return render(request, "network/organisation_detail.html", context)


@require_GET
@permissions.only_for(permissions.sees_contacts)
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = (
        visible_contacts(request.user)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )
    contact_filter = ContactFilter(request.GET, queryset=contacts)
    context = list_context(request, contact_filter, size=PAGE_SIZE, table=ContactTable)
    return render(request, "network/contact_list.html", context)


@require_GET
@permissions.only_for(permissions.sees_contacts)
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    contact = get_object_or_404(visible_contacts(user).select_related("organisation"), pk=pk)
    context = {
        "contact": contact,
        "clearances": visible_clearances(user)
        .filter(person=contact)
        .select_related("person")
        .order_by("-valid_until", "pk"),
        "bodies": visible_bodies(user)
        .filter(memberships__person=contact)
        .select_related("dossier")
        .distinct()
        .order_by("dossier__title", "pk"),
    }
    return render(request, "network/contact_detail.html", context)


# --- The officer's edits ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permissions.only_for(permissions.edits_network)
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        coverage_figures_enqueue(organisation_ids=[organisation.pk])
        return redirect("network:organisation_detail", organisation.pk)
    cancel_url = (
        reverse("network:organisation_detail", args=[pk])
        if pk
        else reverse("network:organisation_list")
    )
    context = {
        "form": form,
        "item": organisation,
        "cancel_url": cancel_url,
        "new_heading": _("New organisation"),
    }
    return render(request, "network/edit_form.html", context)


@require_http_methods(["GET", "POST"])
@permissions.only_for(permissions.edits_network)
def contact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    contact = get_object_or_404(Person, pk=pk) if pk else None
    before = contact.organisation_id if contact else None  # the form changes the instance
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        coverage_figures_enqueue(organisation_ids=[before, contact.organisation_id])
        return redirect("network:contact_detail", contact.pk)
    cancel_url = (
        reverse("network:contact_detail", args=[pk]) if pk else reverse("network:contact_list")
    )
    context = {
        "form": form,
        "item": contact,
        "cancel_url": cancel_url,
        "new_heading": _("New contact"),
    }
    return render(request, "network/edit_form.html", context)
