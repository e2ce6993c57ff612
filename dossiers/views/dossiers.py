from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import is_security_officer
from common.exports import requested_format, table_response
from common.lists import (
    CappedPaginator,
    KeyedPaginator,
    UncountedKeyedPaginator,
    UncountedPaginator,
    asked_sort,
    list_context,
)
from common.versions import EditConflict
from directory.pickers import lists_all_choices
from dossiers import services
from dossiers.access import can_edit, get_dossier_for_user, visible_dossiers
from dossiers.forms import KIND_DETAIL_FORMS, DossierFilter, DossierForm
from dossiers.models import Dossier
from dossiers.tables import DossierTable
from dossiers.views.common import dossier_view, purpose_page, require_editor
from dossiers.views.detail import detail_context, dossier_details


def searching(request: HttpRequest) -> bool:
    return bool(request.GET.get("q", "").strip())


def counted(request: HttpRequest) -> bool:
    """Whether the list says how many dossiers it holds ("1.000+" past the cap).

    Not a search: a full-text index has no order to stop a count in. Nor a security
    officer's list: he sees only what is shared with him, so even a capped count walks
    the list's order through every dossier that is not (20,000 to 42,000 for 1,001 of his
    at 1,000,000 dossiers) and grows with all of them. Both page without a total ("25+"
    and a link to the next page), reading one page and one row more.
    """
    return not searching(request) and not is_security_officer(request.user)


def filtered_dossiers(request: HttpRequest, *, per_row: bool | None = None) -> DossierFilter:
    """The list's dossiers; ``per_row`` as ``visible_dossiers`` asks the user's grants.

    By default, a list in its own order that is not counted reads one page down an index
    and stops: they are asked of the rows it reads. A list sorted on a column may read and
    sort many rows before its first (a sort's ties, or its NULLs, in an index that serves
    it only in part): read once, as PostgreSQL chooses; asked per row, the officer's list
    by workstream took 121 ms at 1,000,000 dossiers against 40 ms.
    """
    if per_row is None:
        if asked_sort(request, DossierTable):
            per_row = False
        elif not counted(request):
            per_row = True
    dossiers = visible_dossiers(request.user, per_row=per_row)
    dossiers = dossiers.select_related("owner").order_by("-opened_on", "-pk")
    return DossierFilter(request.GET, queryset=dossiers, request=request)


def list_paginator(request: HttpRequest) -> type[CappedPaginator]:
    """Counted lists and the security officer's read their keys first, down an index that
    holds the rule's columns; a search's rows, whose words no such index holds, at once."""
    if searching(request):
        return UncountedPaginator
    return KeyedPaginator if counted(request) else UncountedKeyedPaginator


@require_GET
def dossier_list(request: HttpRequest) -> HttpResponse:
    context = list_context(
        request,
        filtered_dossiers(request),
        table=DossierTable,
        paginator_class=list_paginator(request),
    )
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            **context,
            "can_edit": can_edit(request.user),
            "all_choices_listed": lists_all_choices(request),
        },
    )


@require_GET
def dossier_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV, or as Excel with ``?format=xlsx``."""
    dossiers = filtered_dossiers(request, per_row=False).qs
    header = [
        _("reference"),
        _("title"),
        _("workstream"),
        _("kind"),
        _("status"),
        _("classification"),
        _("owner"),
        _("deadline"),
    ]
    rows = (
        (
            dossier.reference,
            dossier.title,
            dossier.get_workstream_display(),
            dossier.get_kind_display(),
            dossier.get_status_display(),
            dossier.get_classification_display(),
            dossier.owner.get_full_name(),
            dossier.deadline or "",
        )
        for dossier in dossiers.iterator(chunk_size=2000)
    )
    return table_response(
        f"dossiers-{timezone.localdate():%Y%m%d}", header, rows, requested_format(request)
    )


@require_GET
@dossier_view()
def dossier_detail(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    return render(request, "dossiers/dossier_detail.html", detail_context(request, dossier))


@require_http_methods(["GET", "POST"])
def dossier_create(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    kind = request.POST.get("kind") or request.GET.get("kind") or Dossier.Kind.CONTACT
    form = DossierForm(
        request.POST or None,
        initial={"owner": request.user, "kind": kind, "workstream": request.GET.get("workstream")},
    )
    detail_form = detail_form_for(kind, request)
    if request.method == "POST" and forms_valid(form, detail_form):
        dossier = services.dossier_create(**form.cleaned_data, details=details_of(detail_form))
        messages.success(
            request, _("Dossier %(reference)s created.") % {"reference": dossier.reference}
        )
        return redirect(dossier)
    return render(request, "dossiers/dossier_form.html", {"form": form, "detail_form": detail_form})


@require_http_methods(["GET", "POST"])
@dossier_view(write=True)
def dossier_update(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = DossierForm(request.POST or None, instance=dossier)
    detail_form = detail_form_for(dossier.kind, request, instance=dossier_details(dossier))
    if request.method == "POST" and forms_valid(form, detail_form):
        try:
            dossier = services.dossier_update(
                dossier=dossier, **form.cleaned_data, details=details_of(detail_form)
            )
        except EditConflict as conflict:
            details = (detail_form, dossier_details(conflict.current)) if detail_form else None
            form.refuse_stale_edit(conflict.current, related=details)
        else:
            messages.success(
                request, _("Dossier %(reference)s saved.") % {"reference": dossier.reference}
            )
            return redirect(dossier)
    return render(
        request,
        "dossiers/dossier_form.html",
        {"form": form, "detail_form": detail_form, "dossier": dossier},
    )


def forms_valid(form: DossierForm, detail_form: object | None) -> bool:
    """The dossier form and, when its kind has one, the form of its details."""
    valid = form.is_valid()
    return (detail_form is None or detail_form.is_valid()) and valid


def detail_form_for(kind: str, request: HttpRequest, instance: object | None = None):
    form_class = KIND_DETAIL_FORMS.get(kind)
    if form_class is None:
        return None
    extra = {"user": request.user} if getattr(form_class, "takes_user", False) else {}
    return form_class(request.POST or None, instance=instance, prefix="details", **extra)


def details_of(detail_form: object | None) -> dict[str, object] | None:
    return None if detail_form is None else detail_form.cleaned_data


@require_http_methods(["GET", "POST"])
def dossier_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    """Why the user opens the dossier; shows its reference and marking, nothing else."""
    dossier = get_dossier_for_user(request.user, pk)
    return purpose_page(
        request,
        dossier,
        label=dossier.reference,
        cancel_url=reverse("dossiers:list"),
        dossier=dossier,
    )
