"""A meeting's page, its form with the four lists, its purpose form and its sending.

Every view fetches the meeting through ``get_meeting_for_user`` (404 when the user may
not see it: the stricter of its marking and its body's) and reads it through the read
gate, which asks the purpose of a confidential meeting and logs the opening.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from dossiers.access import visible_dossiers
from dossiers.views.common import item_view, purpose_page
from network import services
from network.forms import MeetingForm, meeting_formsets
from network.models import Body, Meeting
from network.views.bodies import View, body_view
from network.visibility import get_meeting_for_user


def meeting_view(*, write: bool = False) -> Callable[[View], View]:
    gate = item_view(
        fetch=get_meeting_for_user,
        purpose_url_name="network:meeting_purpose",
        write=permissions.edits_network if write else None,
    )
    return lambda view: permissions.only_for(permissions.sees_bodies)(gate(view))


@require_GET
@meeting_view()
def meeting_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    user = request.user
    can_edit = permissions.edits_network(user)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda": meeting.agenda_items.all(),
        "attendances": meeting.attendances.select_related(
            "membership__person", "membership__organisation"
        ),
        "decisions": meeting.decisions.all(),
        "actions": meeting.action_items.select_related("assignee"),
        "discussed": visible_dossiers(user).filter(meetings=meeting).order_by("reference"),
        "can_edit": can_edit,
        "recipients": services.meeting_recipients(meeting, timezone.localdate()).count()
        if can_edit
        else None,
    }
    return render(request, "network/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
@body_view(write=True)
def meeting_create(request: HttpRequest, body: Body) -> HttpResponse:
    return meeting_form_page(request, Meeting(body=body))


@require_http_methods(["GET", "POST"])
@meeting_view(write=True)
def meeting_update(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return meeting_form_page(request, meeting)


def meeting_form_page(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=meeting, user=request.user, prefix="meeting")
    formsets = meeting_formsets(data, meeting=meeting, body=meeting.body)
    # Every part validated, so that each shows its errors at once.
    valid = data is not None and all([form.is_valid(), *(f.is_valid() for f in formsets.values())])
    if valid:
        meeting = services.meeting_save(form=form, formsets=formsets.values())
        return redirect(meeting)
    context = {"form": form, "formsets": formsets, "meeting": meeting, "body": meeting.body}
    return render(request, "network/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
@permissions.only_for(permissions.sees_bodies)
def meeting_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    """Why the user opens the meeting; shows its reference and marking, nothing else."""
    meeting = get_meeting_for_user(request.user, pk)
    return purpose_page(
        request,
        meeting,
        label=meeting.reference,
        cancel_url=reverse("network:body_list"),
        meeting=meeting,
    )


@require_POST
@meeting_view(write=True)
def meeting_send(request: HttpRequest, meeting: Meeting, what: str) -> HttpResponse:
    """The agenda or the minutes announced to the members: reference and link only."""
    emails = services.meeting_send(meeting=meeting, what=what)
    messages.success(
        request,
        ngettext(
            "%(count)d member will receive an e-mail with the reference and a link.",
            "%(count)d members will receive an e-mail with the reference and a link.",
            len(emails),
        )
        % {"count": len(emails)},
    )
    return redirect(meeting)
