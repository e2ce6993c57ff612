"""Consultation bodies: the list (counts only for cabinet staff), a body's page, and the
officer's forms. A body is seen with its dossier and read through the dossier's gate."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from common.dates import active_on
from common.lists import list_context
from dossiers.views.common import item_view
from network import services
from network.forms import BodyDossierForm, BodyForm, MembershipFormSet
from network.models import Body
from network.tables import BodyTable
from network.visibility import body_counts, get_body_for_user, visible_bodies, visible_meetings

PAGE_SIZE = 50
View = Callable[..., HttpResponse]


def body_view(*, write: bool = False) -> Callable[[View], View]:
    """404 unless the user may use the bodies' pages and sees the body's dossier; opening
    it asks the dossier's purpose (cabinet staff, who only count bodies, get 404)."""
    gate = item_view(
        fetch=get_body_for_user,
        purpose_url_name="dossiers:purpose",
        write=permissions.edits_network if write else None,
        marked_by=lambda body: body.dossier,
    )
    return lambda view: permissions.only_for(permissions.sees_bodies)(gate(view))


@require_GET
@permissions.only_for(permissions.counts_bodies)
def body_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.sees_bodies(user):
        return render(request, "network/body_counts.html", {"counts": body_counts(user)})
    today = timezone.localdate()
    bodies = (
        visible_bodies(user)
        .select_related("dossier", "chair", "secretariat")
        .annotate(
            members=Count(
                "memberships",
                filter=active_on(today, start="starts_on", prefix="memberships__"),
                distinct=True,
            ),
            meetings_seen=Count(
                "meetings",
                filter=Q(meetings__in=visible_meetings(user).values("pk")),
                distinct=True,
            ),
        )
        .order_by("dossier__title", "pk")
    )
    context = list_context(request, bodies, size=PAGE_SIZE, table=BodyTable)
    context["can_edit"] = permissions.edits_network(user)
    return render(request, "network/body_list.html", context)


@require_GET
@body_view()
def body_detail(request: HttpRequest, body: Body) -> HttpResponse:
    user = request.user
    context = {
        "body": body,
        "dossier": body.dossier,
        "memberships": body.memberships.select_related("person", "organisation").order_by(
            "-ends_on", "person__last_name", "organisation__short_name", "pk"
        ),
        "meetings": visible_meetings(user).filter(body=body).order_by("-held_on", "-pk"),
        "can_edit": permissions.edits_network(user),
    }
    return render(request, "network/body_detail.html", context)


@require_http_methods(["GET", "POST"])
@permissions.only_for(permissions.edits_network)
def body_create(request: HttpRequest) -> HttpResponse:
    dossier_form = BodyDossierForm(request.POST or None, prefix="dossier")
    body_form = BodyForm(request.POST or None, prefix="body")
    if request.method == "POST" and dossier_form.is_valid() and body_form.is_valid():
        body = services.body_create(**dossier_form.cleaned_data, **body_form.cleaned_data)
        return redirect(body)
    context = {"dossier_form": dossier_form, "body_form": body_form}
    return render(request, "network/body_form.html", context)


@require_http_methods(["GET", "POST"])
@body_view(write=True)
def body_update(request: HttpRequest, body: Body) -> HttpResponse:
    body_form = BodyForm(request.POST or None, instance=body, prefix="body")
    members = MembershipFormSet(request.POST or None, instance=body, prefix="members")
    if request.method == "POST" and body_form.is_valid() and members.is_valid():
        with transaction.atomic():
            body_form.save()
            members.save()
        return redirect(body)
    context = {"body": body, "body_form": body_form, "members": members}
    return render(request, "network/body_form.html", context)
