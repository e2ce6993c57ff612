"""The parts of a dossier page: timeline, tasks, attachments, links, grants, export."""

import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from common.exports import table_response
from directory.pickers import lists_all_choices
from dossiers import services, sharing
from dossiers.access import visible_dossiers
from dossiers.forms import (
    AttachmentForm,
    GrantForm,
    LinkForm,
    OpinionForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.history import history_in_words
from dossiers.models import AccessRequest, Dossier, DossierGroupGrant, DossierUserGrant
from dossiers.reminders import grantee
from dossiers.views.common import dossier_view, safe_next
from dossiers.views.corrections import to_item
from dossiers.views.detail import detail_context

# The parts that are added in place with htmx.
HTMX_PARTS = {"timeline", "task"}


def render_part(
    request: HttpRequest,
    dossier: Dossier,
    part: str,
    invalid_form: object | None = None,
    focus: str = "",
) -> HttpResponse:
    """After a change: the refreshed part for htmx, the whole page otherwise, with
    keyboard focus on ``focus`` (the new item's anchor).

    An invalid form comes back in the part for htmx (which swaps only 2xx answers),
    and on the whole page with status 422 without htmx.
    """
    if not (request.htmx and part in HTMX_PARTS) and invalid_form is None:
        return to_item(dossier, focus or part)
    context = detail_context(request, dossier)
    context["focus"] = focus
    if invalid_form is not None:
        context[f"{part}_form"] = invalid_form
    if request.htmx and part in HTMX_PARTS:
        return render(request, f"dossiers/_{part}.html", context)
    return render(request, "dossiers/dossier_detail.html", context, status=422)


@require_GET
@dossier_view()
def timeline(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    return render(request, "dossiers/_timeline.html", detail_context(request, dossier))


@require_POST
@dossier_view(write=True)
def timeline_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = TimelineEntryForm(request.POST, all_choices=lists_all_choices(request))
    if not form.is_valid():
        return render_part(request, dossier, "timeline", form)
    entry = services.timeline_entry_add(dossier=dossier, author=request.user, **form.cleaned_data)
    messages.success(request, _("The entry was added to the timeline."))
    return render_part(request, dossier, "timeline", focus=f"entry-{entry.pk}")


@require_POST
@dossier_view(write=True)
def task_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = TaskForm(request.POST, dossier=dossier, all_choices=lists_all_choices(request))
    if not form.is_valid():
        return render_part(request, dossier, "task", form)
    task = services.task_add(dossier=dossier, created_by=request.user, **form.cleaned_data)
    messages.success(request, _("The task was added."))
    return render_part(request, dossier, "task", focus=f"task-{task.pk}")


@require_POST
@dossier_view(write=True)
def task_toggle(request: HttpRequest, dossier: Dossier, task_pk: int) -> HttpResponse:
    task = get_object_or_404(dossier.tasks, pk=task_pk)
    task = services.task_set_done(task=task, done=task.is_open)
    messages.success(
        request, _("The task is marked done.") if not task.is_open else _("The task is reopened.")
    )
    return render_part(request, dossier, "task", focus=f"task-{task.pk}")


@require_POST
@dossier_view()
def task_done(request: HttpRequest, dossier: Dossier, task_pk: int) -> HttpResponse:
    """Tick off a task assigned to the user: his own, on a dossier he may read."""
    if not permissions.ticks_off_own_tasks(request.user):
        raise PermissionDenied
    task = get_object_or_404(dossier.tasks, pk=task_pk, assignee=request.user, done_on=None)
    services.task_set_done(task=task, done=True)
    messages.success(request, _("The task is marked done."))
    return redirect(safe_next(request, f"{dossier.get_absolute_url()}#tasks"))


@require_POST
@dossier_view(write=True)
def attachment_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_part(request, dossier, "attachment", form)
    try:
        attachment = services.attachment_add(
            dossier=dossier,
            upload=form.cleaned_data["file"],
            content_type=form.cleaned_data["content_type"],
            by=request.user,
        )
    except OSError:  # a full or failing disk: nothing was kept, the user may retry
        form.add_error("file", _("The file could not be stored. Try again later."))
        return render_part(request, dossier, "attachment", form)
    messages.success(request, _("The file was added."))
    return to_item(dossier, f"attachment-{attachment.pk}")


@require_GET
@dossier_view()
def attachment_download(request: HttpRequest, dossier: Dossier, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(dossier.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@dossier_view(write=True)
def opinion_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    access_request = get_object_or_404(AccessRequest, dossier=dossier)
    form = OpinionForm(request.POST, all_choices=lists_all_choices(request))
    if not form.is_valid():
        return render_part(request, dossier, "opinion", form)
    opinion = services.opinion_add(access_request=access_request, **form.cleaned_data)
    messages.success(request, _("The opinion was added."))
    return to_item(dossier, f"opinion-{opinion.pk}")


@require_POST
@dossier_view(write=True)
def link_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = LinkForm(request.POST)
    if form.is_valid():
        target = (
            visible_dossiers(request.user)
            .filter(reference__iexact=form.cleaned_data["reference"])
            .first()
        )
        if target is None or target == dossier:
            form.add_error("reference", _("No other dossier with this reference."))
        else:
            link = services.link_add(source=dossier, target=target, note=form.cleaned_data["note"])
            messages.success(request, _("The dossiers are linked."))
            return to_item(dossier, f"link-{link.pk}")
    return render_part(request, dossier, "link", form)


def grants_context(
    request: HttpRequest, dossier: Dossier, form: GrantForm | None = None
) -> dict[str, object]:
    all_choices = lists_all_choices(request)
    return {
        "dossier": dossier,
        "grant_form": form or GrantForm(dossier=dossier, all_choices=all_choices),
        "all_choices_listed": all_choices,
        "user_grants": dossier.user_grants.select_related("user", "granted_by"),
        "group_grants": dossier.group_grants.select_related(
            "group__organisation_link__organisation", "granted_by"
        ),
    }


@require_GET
@dossier_view(write=True)
def grants_panel(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Who has need-to-know, and the form to share: a panel of the page, or a page."""
    template = "dossiers/_grants.html" if request.htmx else "dossiers/dossier_grants.html"
    return render(request, template, grants_context(request, dossier))


@require_GET
@dossier_view(write=True)
def history_panel(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Changes to the dossier and its openings: a panel of the page, or a page."""
    template = "dossiers/_history.html" if request.htmx else "dossiers/dossier_history.html"
    history = history_in_words(dossier, request.user)
    return render(request, template, {"dossier": dossier, "history": history})


@require_POST
@dossier_view(write=True)
def grant_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = GrantForm(request.POST, dossier=dossier, all_choices=lists_all_choices(request))
    if not form.is_valid():
        context = grants_context(request, dossier, form)
        return render(request, "dossiers/dossier_grants.html", context, status=422)
    sharing.dossier_share(dossier=dossier, granted_by=request.user, **form.cleaned_data)
    messages.success(request, _("Need-to-know granted."))
    return to_item(dossier, "grants")


@require_http_methods(["GET", "POST"])
@dossier_view(write=True)
def grant_revoke(request: HttpRequest, dossier: Dossier, kind: str, grant_pk: int) -> HttpResponse:
    """A confirmation page naming who loses access, then the revocation."""
    grants = {"user": DossierUserGrant, "group": DossierGroupGrant}.get(kind)
    if grants is None:
        raise Http404
    grant = get_object_or_404(grants, content_object=dossier, pk=grant_pk)
    if request.method == "GET":
        context = {
            "dossier": dossier,
            "title": _("Revoke need-to-know?"),
            "item": grantee(grant),
            "consequence": _("They can no longer open this dossier from now on."),
            "confirm_label": _("Revoke"),
            "cancel_url": f"{dossier.get_absolute_url()}#grants",
        }
        return render(request, "common/confirm.html", context)
    services.grant_revoke(grant=grant)
    messages.success(request, _("Need-to-know revoked."))
    return to_item(dossier, "grants")


@require_GET
@dossier_view()
def dossier_export(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """The dossier's timeline and tasks as CSV."""
    entries = (
        (entry.occurred_on, entry.get_entry_type_display(), entry.organisation or "", entry.text)
        for entry in dossier.timeline.select_related("organisation")
    )
    tasks = (
        (task.due_on or "", _("task"), task.assignee or "", task.title)
        for task in dossier.tasks.select_related("assignee")
    )
    header = [_("date"), _("type"), _("organisation"), _("text")]
    return table_response(dossier.reference, header, itertools.chain(entries, tasks))
